package camp.sql;

/** DuckDB's spelling of what the {@link Dialect} needs. */
public final class DuckDbDialect implements Dialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {
    }

    @Override
    public String hash(String... args) {
        return "hash(" + String.join(", ", args) + ")";
    }

    @Override
    public String regexMatches(String value, String pattern) {
        return "regexp_matches(" + value + ", " + pattern + ")";
    }

    @Override
    public String startsWith(String value, String prefix) {
        return "starts_with(" + value + ", " + prefix + ")";
    }

    @Override
    public String endsWith(String value, String suffix) {
        return "ends_with(" + value + ", " + suffix + ")";
    }

    @Override
    public String contains(String value, String part) {
        return "contains(" + value + ", " + part + ")";
    }

    @Override
    public String isoWeekday(String value) {
        return "isodow(" + value + ")";
    }

    @Override
    public String daysBetween(String a, String b) {
        return "date_diff('day', CAST(" + a + " AS DATE), CAST(" + b + " AS DATE))";
    }

    @Override
    public String yearsBetween(String from, String to) {
        String f = "CAST(" + from + " AS DATE)";
        return "(date_diff('year', " + f + ", " + to + ") - CASE WHEN strftime(" + f + ", '%m%d') > strftime(" + to
                + ", '%m%d') THEN 1 ELSE 0 END)";
    }

    @Override
    public String tryCast(String value, String type) {
        return "TRY_CAST(" + value + " AS " + type + ")";
    }

    @Override
    public String text(String value) {
        return "CAST(" + value + " AS VARCHAR)";
    }

    @Override
    public String md5(String value) {
        return "md5(" + value + ")";
    }
}
