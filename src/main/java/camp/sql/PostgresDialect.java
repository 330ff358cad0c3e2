package camp.sql;

import camp.types.DurationValue;
import camp.types.Type;
import java.util.List;

/**
 * PostgreSQL's spelling of what the {@link Dialect} needs (PostgreSQL 13 and later). Where
 * PostgreSQL lacks a function DuckDB has (a cast that yields null on failure), {@link #setup}
 * defines a temporary one for the connection. Text ordering and comparison follow the
 * database's collation: the results equal DuckDB's under the {@code C} collation, which a
 * database created with {@code --locale=C} (or a column with {@code COLLATE "C"}) has.
 */
public final class PostgresDialect implements Dialect {
    public static final PostgresDialect INSTANCE = new PostgresDialect();

    private static final String TEMP_PREFIX = "pg_temp.";

    private PostgresDialect() {
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public String hashFunction() {
        return "pg_temp.camp_hash";
    }

    @Override
    public List<String> setup() {
        return List.of("CREATE OR REPLACE FUNCTION pg_temp.camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT AS $$ SELECT "
                + hashBody("k", "salt") + " $$ LANGUAGE sql IMMUTABLE", """
                CREATE OR REPLACE FUNCTION pg_temp.camp_try_date(v text) RETURNS date AS $$
                BEGIN
                  IF v IS NULL OR v !~ %s THEN
                    RETURN NULL;
                  END IF;
                  RETURN CAST(trim(v) AS date);
                EXCEPTION WHEN others THEN
                  RETURN NULL;
                END
                $$ LANGUAGE plpgsql IMMUTABLE""".formatted(string(DATE_TEXT)));
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
    public String typeFromDuckDb(String duckType) {
        String t = duckType.toUpperCase(java.util.Locale.ROOT);
        return switch (t) {
            case "DOUBLE" -> "DOUBLE PRECISION";
            case "FLOAT" -> "REAL";
            case "HUGEINT", "UBIGINT", "UHUGEINT" -> "NUMERIC(38)";
            case "UINTEGER" -> "BIGINT";
            case "TINYINT", "UTINYINT", "USMALLINT" -> "INTEGER";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMPTZ";
            case "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> "TIMESTAMP";
            case "BLOB" -> "BYTEA";
            default -> t.startsWith("DECIMAL") ? t.replace("DECIMAL", "NUMERIC") : t;
        };
    }

    @Override
    public String typeName(String driverType, int precision, int scale) {
        return switch (driverType.toLowerCase(java.util.Locale.ROOT)) {
            case "int2" -> "SMALLINT";
            case "int4", "serial" -> "INTEGER";
            case "int8", "bigserial" -> "BIGINT";
            case "numeric" -> precision > 0 && precision <= 1000 ? "DECIMAL(" + precision + "," + scale + ")" : "DECIMAL";
            case "float4" -> "REAL";
            case "float8" -> "DOUBLE";
            case "text", "varchar", "bpchar", "name", "citext" -> "VARCHAR";
            case "bool" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp" -> "TIMESTAMP";
            case "timestamptz" -> "TIMESTAMP WITH TIME ZONE";
            case "time" -> "TIME";
            case "interval" -> "INTERVAL";
            case "uuid" -> "UUID";
            default -> driverType.toUpperCase(java.util.Locale.ROOT);
        };
    }

    @Override
    public String type(Type t) {
        return t == Type.FLOAT ? "DOUBLE PRECISION" : Dialect.super.type(t);
    }

    @Override
    public String interval(DurationValue d) {
        return "INTERVAL '" + d.amount() + " " + d.sqlUnit() + "'";
    }

    @Override
    public String divide(String a, String b, Type result) {
        return result == Type.FLOAT ? "(CAST(" + a + " AS DOUBLE PRECISION) / " + b + ")" : "(" + a + " / " + b + ")";
    }

    @Override
    public String round(List<String> args, Type type) {
        // round(double precision) rounds half to even and takes no decimals; numeric rounds half away from zero, as DuckDB does
        // (a decimal is cast too: a source's column may hold it as a double)
        String rest = args.size() > 1 ? ", CAST(" + args.get(1) + " AS INTEGER)" : "";
        String rounded = "round(CAST(" + args.get(0) + " AS NUMERIC)" + rest + ")";
        return type == Type.FLOAT ? "CAST(" + rounded + " AS DOUBLE PRECISION)" : rounded;
    }

    @Override
    public String xor(String a, String b) {
        return "(" + a + " # " + b + ")";
    }

    @Override
    public String md5Prefix32(String text) {
        return "CAST(CAST('x' || substr(md5(" + text + "), 1, 8) AS BIT(32)) AS BIGINT)";
    }

    @Override
    public String regexMatches(String value, String pattern) {
        return "(" + value + " ~ " + pattern + ")";
    }

    @Override
    public String startsWith(String value, String prefix) {
        return "starts_with(" + value + ", " + prefix + ")";
    }

    @Override
    public String endsWith(String value, String suffix) {
        return "(right(" + value + ", length(" + suffix + ")) = " + suffix + ")";
    }

    @Override
    public String contains(String value, String part) {
        return "(strpos(" + value + ", " + part + ") > 0)";
    }

    @Override
    public String isoWeekday(String value) {
        return "CAST(EXTRACT(ISODOW FROM " + value + ") AS BIGINT)";
    }

    @Override
    public String daysBetween(String a, String b) {
        return "(CAST(" + b + " AS DATE) - CAST(" + a + " AS DATE))";
    }

    @Override
    public String yearsBetween(String from, String to) {
        String f = "CAST(" + from + " AS DATE)";
        return "(CAST(EXTRACT(YEAR FROM " + to + ") - EXTRACT(YEAR FROM " + f + ") AS BIGINT) - CASE WHEN to_char(" + f
                + ", 'MMDD') > to_char(" + to + ", 'MMDD') THEN 1 ELSE 0 END)";
    }

    @Override
    public String tryCast(String value, String type) {
        if (!type.equals("DATE")) {
            throw new IllegalArgumentException("no cast that yields null on failure to " + type + " on PostgreSQL");
        }
        return "pg_temp.camp_try_date(" + value + ")";
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
