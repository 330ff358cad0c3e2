package camp.sql;

import java.util.List;

/** DuckDB's spelling of what the {@link Dialect} needs. */
public final class DuckDbDialect implements Dialect {
    public static final DuckDbDialect INSTANCE = new DuckDbDialect();

    private DuckDbDialect() {
    }

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String displayName() {
        return "DuckDB";
    }

    /** DuckDB's catalog of temporary tables: kept in memory, never written to the database file. */
    private static final String TEMP_PREFIX = "temp.main.";

    @Override
    public List<String> runSettings() {
        return List.of(
                // one checkpoint when the run closes the file, not one in the middle of every few tasks
                "SET checkpoint_threshold = '4GB'",
                // what a run writes (worktables, its copy of csv sources) is read a few times and purged
                // with the run: writing it uncompressed saves the run the compression of its checkpoint
                "SET force_compression = 'uncompressed'");
    }

    /** DuckDB opens no other file (a query source cannot read one either) and no setting can be changed afterwards. */
    @Override
    public List<String> confineTo(List<String> folders) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < folders.size(); i++) {
            list.append(i == 0 ? "" : ", ").append(string(folders.get(i)));
        }
        return List.of("SET allowed_directories = " + list.append(']'), "SET enable_external_access = false",
                "SET lock_configuration = true");
    }

    @Override
    public String describe(String select) {
        return "DESCRIBE " + select;
    }

    @Override
    public String uuid() {
        return "CAST(uuid() AS VARCHAR)";
    }

    @Override
    public boolean readsFiles() {
        return true;
    }

    @Override
    public String tempTable(String quotedName) {
        return TEMP_PREFIX + quotedName;
    }

    @Override
    public boolean isTempTable(String table) {
        return table.startsWith(TEMP_PREFIX);
    }

    @Override
    public List<String> createTempTableAs(String table, String select) {
        return List.of("CREATE OR REPLACE TEMP TABLE " + table + " AS\n" + select);
    }

    @Override
    public List<String> createTempTable(String table, String columns) {
        return List.of("CREATE OR REPLACE TEMP TABLE " + table + " (" + columns + ")");
    }

    @Override
    public List<String> createOrReplaceTableAs(String table, String select) {
        return List.of("CREATE OR REPLACE TABLE " + table + " AS\n" + select);
    }

    @Override
    public String qualify(String selectList, String rest, String window, String condition, List<String> names) {
        return "SELECT " + selectList + "\n" + rest + "\nQUALIFY " + window + " " + condition;
    }

    @Override
    public String integerDivide(String a, String b) {
        return "(" + a + " // " + b + ")";
    }

    @Override
    public String datePart(String field, String value) {
        return field.toLowerCase(java.util.Locale.ROOT) + "(" + value + ")";
    }

    @Override
    public List<String> setup() {
        return List.of("CREATE OR REPLACE TEMP MACRO camp_hash(k, salt) AS " + hashBody("k", "salt"));
    }

    @Override
    public String hashFunction() {
        return "camp_hash";
    }

    @Override
    public String xor(String a, String b) {
        return "xor(" + a + ", " + b + ")";
    }

    @Override
    public String md5Prefix32(String text) {
        return "CAST('0x' || substr(md5(" + text + "), 1, 8) AS BIGINT)";
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
