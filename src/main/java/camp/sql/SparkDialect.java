package camp.sql;

import camp.types.Type;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Spark SQL's spelling of what the {@link Dialect} needs (Spark 4.0 and later, ANSI mode, its
 * default). {@link #setup} makes the session read camp's SQL as camp writes it: identifiers in
 * double quotes ({@code spark.sql.ansi.doubleQuotedIdentifiers}), {@code TIMESTAMP} without a
 * time zone as DuckDB's ({@code spark.sql.timestampType = TIMESTAMP_NTZ}), and camp's hash as a
 * SQL function. Tables are parquet tables of the session's catalog; scratch tables are tables of
 * the {@code camp_scratch} schema whose names start with the run's. Spark updates no row of a
 * parquet table ({@link #updatesRows()} is false): a channel's ledger takes its marks as new rows.
 * Spark 4.0 has no {@code TIME} type: a time of day is its {@code HH:mm:ss} text, which compares
 * in the same order.
 */
public final class SparkDialect implements Dialect {
    public static final SparkDialect INSTANCE = new SparkDialect();

    /** The schema of scratch tables (Spark's temporary views hold no inserted rows). */
    public static final String SCRATCH_SCHEMA = "camp_scratch";

    private static final String SCRATCH_PREFIX = "\"" + SCRATCH_SCHEMA + "\".";

    private SparkDialect() {
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String displayName() {
        return "Spark";
    }

    /** Spark reads a backslash in a literal as an escape: both it and the quote are escaped. */
    @Override
    public String string(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "\\'") + '\'';
    }

    @Override
    public String time(LocalTime t) {
        return string(t.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
    }

    @Override
    public String timestampTz(String text) {
        return "TIMESTAMP_LTZ " + string(text);
    }

    @Override
    public String timestampTzType() {
        return "TIMESTAMP_LTZ";
    }

    @Override
    public String type(Type t) {
        return switch (t) {
            case TEXT, TIME, NULL, ERROR -> "STRING";
            case DURATION -> "INTERVAL DAY TO SECOND";
            default -> Dialect.super.type(t);
        };
    }

    /**
     * The delivery history's table (and its schema) as Spark holds it: a parquet table, without
     * keys or constraints, in Spark's type names. The rest of the run state is not Spark's.
     */
    public static List<String> deliveryHistory() {
        List<String> out = new java.util.ArrayList<>();
        for (String ddl : new StateSql(INSTANCE).ddl()) {
            if (ddl.startsWith("CREATE SCHEMA") || ddl.contains(StateSql.SCHEMA + ".deliveries (")) {
                out.add(ddl.replaceAll("--[^\\n]*", "").replace(" PRIMARY KEY", "").replace(" NOT NULL", "")
                        .replaceAll(",\\s*PRIMARY KEY \\([^)]*\\)", "").replace("VARCHAR", "STRING").replace("TIMESTAMPTZ", "TIMESTAMP_LTZ"));
            }
        }
        return out;
    }

    @Override
    public List<String> setup() {
        return List.of("SET spark.sql.ansi.doubleQuotedIdentifiers = true", "SET spark.sql.timestampType = TIMESTAMP_NTZ",
                "CREATE SCHEMA IF NOT EXISTS " + quoteIdentifier(SCRATCH_SCHEMA),
                "CREATE OR REPLACE TEMPORARY FUNCTION camp_hash(k BIGINT, salt BIGINT) RETURNS BIGINT RETURN " + hashBody("k", "salt"));
    }

    @Override
    public String setTimeZone(String zone) {
        return "SET TIME ZONE " + string(zone);
    }

    @Override
    public String hashFunction() {
        return "camp_hash";
    }

    @Override
    public boolean updatesRows() {
        return false;
    }

    @Override
    public String typeFromDuckDb(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "VARCHAR", "UUID", "TIME" -> "STRING";
            case "HUGEINT", "UBIGINT", "UHUGEINT" -> "DECIMAL(38,0)";
            case "UINTEGER" -> "BIGINT";
            case "UTINYINT", "USMALLINT" -> "INTEGER";
            case "TIMESTAMP", "TIMESTAMP_S", "TIMESTAMP_MS", "TIMESTAMP_NS" -> "TIMESTAMP_NTZ";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP_LTZ";
            case "BLOB" -> "BINARY";
            case "INTERVAL" -> "INTERVAL DAY TO SECOND";
            default -> t;
        };
    }

    @Override
    public String typeName(String driverType, int precision, int scale) {
        String t = driverType.toLowerCase(Locale.ROOT);
        if (t.startsWith("decimal")) {
            return t.toUpperCase(Locale.ROOT).replace(" ", "");
        }
        return switch (t) {
            case "tinyint", "byte" -> "TINYINT";
            case "smallint", "short" -> "SMALLINT";
            case "int", "integer" -> "INTEGER";
            case "bigint", "long" -> "BIGINT";
            case "float", "real" -> "FLOAT";
            case "double" -> "DOUBLE";
            case "string" -> "VARCHAR";
            case "boolean" -> "BOOLEAN";
            case "date" -> "DATE";
            case "timestamp_ntz" -> "TIMESTAMP";
            case "timestamp", "timestamp_ltz" -> "TIMESTAMP WITH TIME ZONE";
            default -> t.startsWith("interval") ? "INTERVAL" : t.startsWith("varchar") || t.startsWith("char") ? "VARCHAR"
                    : driverType.toUpperCase(Locale.ROOT);
        };
    }

    @Override
    public String describe(String select) {
        return "DESCRIBE QUERY " + select;
    }

    @Override
    public String uuid() {
        return "uuid()";
    }

    @Override
    public String tempTable(String quotedName) {
        return SCRATCH_PREFIX + quotedName;
    }

    @Override
    public boolean isTempTable(String table) {
        return table.startsWith(SCRATCH_PREFIX);
    }

    @Override
    public List<String> createTempTableAs(String table, String select) {
        return List.of("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " AS\n" + select);
    }

    @Override
    public String createTempTableIfAbsentAs(String table, String select) {
        return "CREATE TABLE IF NOT EXISTS " + table + " AS\n" + select;
    }

    @Override
    public List<String> createTempTable(String table, String columns) {
        return List.of("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " (" + columns + ")");
    }

    @Override
    public String distinctOn(String keys, String selectList, String from) {
        return "SELECT * EXCEPT (__distinct) FROM (\nSELECT " + selectList + ",\n  row_number() OVER (PARTITION BY " + keys + " ORDER BY "
                + keys + ") AS __distinct\nFROM " + from + "\n) AS d\nWHERE __distinct = 1";
    }

    @Override
    public String rowId() {
        return "monotonically_increasing_id()";
    }

    @Override
    public String atTimeZone(String instant, String zone) {
        // an instant (TIMESTAMP_LTZ) cast to TIMESTAMP_NTZ is the session zone's wall clock
        return "convert_timezone(current_timezone(), " + string(zone) + ", CAST(" + instant + " AS TIMESTAMP_NTZ))";
    }

    /** Spark reads the file by name (the cluster's executors must reach it); its rows go through a temporary view. */
    @Override
    public List<String> copyCsv(String table, String columns, String fileSchema, String selectList, String file) {
        return List.of("CREATE OR REPLACE TEMPORARY VIEW camp_copy (" + fileSchema + ") USING csv OPTIONS (header 'false', quote '\"',"
                + " escape '\"', nullValue " + string(LoadSql.NULL) + ", multiLine 'true', timestampNTZFormat 'yyyy-MM-dd HH:mm:ss[.SSSSSS]',"
                + " path " + file + ")", "INSERT INTO " + table + " SELECT " + selectList + " FROM camp_copy", "DROP VIEW camp_copy");
    }

    /** Spark's concat is null when a value is; concat_ws leaves nulls out, as DuckDB's concat does. */
    @Override
    public String concat(List<String> args) {
        return "concat_ws(''" + args.stream().map(a -> ", " + text(a)).collect(java.util.stream.Collectors.joining()) + ")";
    }

    /** Spark's date less a date is an interval. */
    @Override
    public String subtractDates(String a, String b) {
        return "CAST(datediff(" + a + ", " + b + ") AS BIGINT)";
    }

    @Override
    public String integerDivide(String a, String b) {
        return "(" + a + " DIV " + b + ")";
    }

    @Override
    public String divide(String a, String b, Type result) {
        return result == Type.FLOAT ? "(CAST(" + a + " AS DOUBLE) / " + b + ")" : "(" + a + " / " + b + ")";
    }

    @Override
    public String round(List<String> args, Type type) {
        // Spark's round is half away from zero for decimals and doubles alike; its scale must be a constant
        String rounded = "round(" + args.get(0) + (args.size() > 1 ? ", " + args.get(1) : "") + ")";
        return type == Type.FLOAT ? "CAST(" + rounded + " AS DOUBLE)" : rounded;
    }

    @Override
    public String xor(String a, String b) {
        return "(" + a + " ^ " + b + ")";
    }

    @Override
    public String md5Prefix32(String text) {
        return "CAST(conv(substr(md5(" + text + "), 1, 8), 16, 10) AS BIGINT)";
    }

    @Override
    public String regexMatches(String value, String pattern) {
        return "regexp_like(" + value + ", " + pattern + ")";
    }

    @Override
    public String startsWith(String value, String prefix) {
        return "startswith(" + value + ", " + prefix + ")";
    }

    @Override
    public String endsWith(String value, String suffix) {
        return "endswith(" + value + ", " + suffix + ")";
    }

    @Override
    public String contains(String value, String part) {
        return "contains(" + value + ", " + part + ")";
    }

    @Override
    public String isoWeekday(String value) {
        // dayofweek: 1 is Sunday; ISO: 1 is Monday, 7 Sunday
        return "CAST((dayofweek(" + value + ") + 5) % 7 + 1 AS BIGINT)";
    }

    @Override
    public String daysBetween(String a, String b) {
        return "CAST(datediff(CAST(" + b + " AS DATE), CAST(" + a + " AS DATE)) AS BIGINT)";
    }

    @Override
    public String yearsBetween(String from, String to) {
        String f = "CAST(" + from + " AS DATE)";
        return "(CAST(EXTRACT(YEAR FROM " + to + ") - EXTRACT(YEAR FROM " + f + ") AS BIGINT) - CASE WHEN date_format(" + f
                + ", 'MMdd') > date_format(" + to + ", 'MMdd') THEN 1 ELSE 0 END)";
    }

    @Override
    public String tryCast(String value, String type) {
        if (!type.equals("DATE")) {
            throw new IllegalArgumentException("no cast that yields null on failure to " + type + " on Spark");
        }
        // Spark's cast takes '2026', '2026-5' and a time after the date: only a whole date is one, as on DuckDB
        return "CASE WHEN regexp_like(" + value + ", " + string(DATE_TEXT) + ") THEN try_cast(trim(" + value
                + ") AS DATE) END";
    }

    @Override
    public String text(String value) {
        return "CAST(" + value + " AS STRING)";
    }

    @Override
    public String md5(String value) {
        return "md5(" + value + ")";
    }
}
