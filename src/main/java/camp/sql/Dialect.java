package camp.sql;

import camp.types.DurationValue;
import camp.types.Type;
import java.math.BigDecimal;
import java.util.List;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * What differs between SQL engines: quoting, literals, and the spelling of the functions camp
 * uses. The defaults are standard SQL; {@link DuckDbDialect} overrides what DuckDB spells
 * differently, so that a second engine is one class (Calcite's SqlDialect, PRQL's dialects).
 */
public interface Dialect {
    /** The text {@code date(text)} turns into a date (else null), as DuckDB's TRY_CAST takes it: a whole date, spaces around. */
    String DATE_TEXT = "^\\s*-?[0-9]{1,6}-[0-9]{1,2}-[0-9]{1,2}\\s*$";

    default String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    default String string(String value) {
        return '\'' + value.replace("'", "''") + '\'';
    }

    default String integer(long value) {
        return Long.toString(value);
    }

    default String decimal(BigDecimal value) {
        return value.toPlainString();
    }

    default String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }

    default String date(LocalDate d) {
        return "DATE " + string(d.toString());
    }

    default String timestamp(LocalDateTime t) {
        return "TIMESTAMP " + string(t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
    }

    default String time(LocalTime t) {
        return "TIME " + string(t.format(DateTimeFormatter.ofPattern("HH:mm:ss")));
    }

    /** The column type camp creates for a declared type (load columns, a null param). */
    default String type(Type t) {
        return switch (t) {
            case INT -> "BIGINT";
            case DECIMAL -> "DECIMAL(18,4)";
            case FLOAT -> "DOUBLE";
            case TEXT -> "VARCHAR";
            case BOOL -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP";
            case TIME -> "TIME";
            case DURATION -> "INTERVAL";
            case NULL, ERROR -> "VARCHAR";
        };
    }

    /** An instant's literal, from {@code yyyy-MM-dd HH:mm:ss+hh[:mm]} text. */
    default String timestampTz(String text) {
        return "TIMESTAMPTZ " + string(text);
    }

    /** The column type of an instant (a ledger's times). */
    default String timestampTzType() {
        return "TIMESTAMPTZ";
    }

    default String interval(DurationValue d) {
        return "INTERVAL " + d.amount() + " " + d.sqlUnit();
    }

    /** The engine's name, as {@code --engine} spells it. */
    String name();

    /** The engine's name for people: DuckDB, PostgreSQL. */
    String displayName();

    /**
     * Statements an engine runs once per connection before a run's SQL: helpers the generated
     * SQL calls (none for an engine that has them built in).
     */
    default java.util.List<String> setup() {
        return java.util.List.of();
    }

    /** Sets the session's time zone, for timestamps without one (the campaign's zone). */
    default String setTimeZone(String zone) {
        return "SET TimeZone = " + string(zone);
    }

    /** The engine's settings for a connection that runs campaigns. */
    default java.util.List<String> runSettings() {
        return java.util.List.of();
    }

    /** Confines the connection to these folders for good, where the engine reads files (none for a server that reads none of camp's). */
    default java.util.List<String> confineTo(java.util.List<String> folders) {
        return java.util.List.of();
    }

    /**
     * A query whose rows are the column names and types of a select (DuckDB's {@code DESCRIBE});
     * null where the engine has none, and the select's metadata tells them.
     */
    default String describe(String select) {
        return null;
    }

    /** The engine's column type for a DuckDB column type (a source DuckDB read, copied into the engine). */
    default String typeFromDuckDb(String duckType) {
        return duckType;
    }

    /** A column type as the engine's driver names it, in the names camp compares types by (DuckDB's). */
    default String typeName(String driverType, int precision, int scale) {
        return driverType.toUpperCase(java.util.Locale.ROOT);
    }

    /** A new random UUID, as text. */
    default String uuid() {
        return "CAST(gen_random_uuid() AS VARCHAR)";
    }

    /**
     * Whether the engine updates rows of a table in place (UPDATE); where it cannot (Spark's parquet
     * tables), a change is a new row, and readers take the latest.
     */
    default boolean updatesRows() {
        return true;
    }

    /** Whether the engine reads a file of the machine camp runs on (a csv file to load); else camp copies its rows in. */
    default boolean readsFiles() {
        return false;
    }

    /**
     * Copies a headerless CSV file of typed values (every value quoted, an unquoted {@code \\N} for
     * null) into a table: into {@code columns} (all when null) as PostgreSQL's {@code COPY} from the
     * client; an engine that reads the file by name ({@code file}, a literal) reads it with
     * {@code fileSchema} and inserts {@code selectList} of it.
     */
    default List<String> copyCsv(String table, String columns, String fileSchema, String selectList, String file) {
        return List.of("COPY " + table + (columns == null ? "" : " (" + columns + ")") + " FROM STDIN (FORMAT csv, NULL "
                + string(LoadSql.NULL) + ")");
    }

    /** A scratch table: temporary, in the engine's catalog of temporary tables, gone with the connection. */
    String tempTable(String quotedName);

    /** Whether a table name is one {@link #tempTable} made. */
    boolean isTempTable(String table);

    /** Creates (or replaces) a temporary table from a select; one statement or several, in order. */
    default java.util.List<String> createTempTableAs(String table, String select) {
        return java.util.List.of("DROP TABLE IF EXISTS " + table, "CREATE TEMP TABLE " + table + " AS\n" + select);
    }

    /** Creates a temporary table from a select unless it exists (a shared aggregate, made once per run). */
    default String createTempTableIfAbsentAs(String table, String select) {
        return "CREATE TEMP TABLE IF NOT EXISTS " + table + " AS\n" + select;
    }

    /** Creates (or replaces) an empty temporary table with the given column definitions. */
    default java.util.List<String> createTempTable(String table, String columns) {
        return java.util.List.of("DROP TABLE IF EXISTS " + table, "CREATE TEMP TABLE " + table + " (" + columns + ")");
    }

    /** Creates (or replaces) a table of the database from a select (a saved audience). */
    default java.util.List<String> createOrReplaceTableAs(String table, String select) {
        return java.util.List.of("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + " AS\n" + select);
    }

    /**
     * A select that keeps the rows for which a window function's value meets a condition
     * ({@code QUALIFY} where the engine has it, else a subquery): {@code SELECT selectList rest}
     * filtered on {@code window condition}; {@code names} are the select list's column names.
     */
    default String qualify(String selectList, String rest, String window, String condition, java.util.List<String> names) {
        StringBuilder outer = new StringBuilder();
        for (String n : names) {
            outer.append(outer.length() == 0 ? "" : ", ").append("q.").append(n);
        }
        return "SELECT " + outer + "\nFROM (\nSELECT " + selectList + ",\n  " + window + " AS __qualify\n" + rest
                + "\n) AS q\nWHERE q.__qualify " + condition;
    }

    /**
     * The first row of each group of rows with the same {@code keys} (any of them: the rows of a
     * group differ only where the data has duplicate keys): {@code SELECT selectList FROM from}.
     */
    default String distinctOn(String keys, String selectList, String from) {
        return "SELECT DISTINCT ON (" + keys + ")\n  " + selectList + "\nFROM " + from;
    }

    /** A number that tells the rows of a select apart (not an order). */
    default String rowId() {
        return "row_number() OVER ()";
    }

    /** An instant as the wall-clock time of a time zone. */
    default String atTimeZone(String instant, String zone) {
        return instant + " AT TIME ZONE " + string(zone);
    }

    /** {@code concat(a, b, ...)}: the texts joined, a null one left out. */
    default String concat(List<String> args) {
        return "concat(" + String.join(", ", args) + ")";
    }

    /** A date less a date: the whole days between them. */
    default String subtractDates(String a, String b) {
        return "(" + a + " - " + b + ")";
    }

    /** Integer division, truncating toward zero. */
    default String integerDivide(String a, String b) {
        return "(" + a + " / " + b + ")";
    }

    /** {@code a / b} as camp's {@code /}: always exact ({@code 7 / 2} is 3.5), of the checked result type. */
    default String divide(String a, String b, Type result) {
        return "(" + a + " / " + b + ")";
    }

    /** {@code round(x[, decimals])}: half away from zero, as for money. */
    default String round(java.util.List<String> args, Type type) {
        return "round(" + String.join(", ", args) + ")";
    }

    /** The year, month, day or hour of a date or timestamp, as a whole number. */
    default String datePart(String field, String value) {
        return "CAST(EXTRACT(" + field + " FROM " + value + ") AS BIGINT)";
    }

    /** Bitwise exclusive or of two whole numbers. */
    String xor(String a, String b);

    /** The first 8 hex digits of the md5 of a text, as a whole number in [0, 2^32). */
    String md5Prefix32(String text);

    /**
     * A deterministic hash in [0, 2^32) of a row's key and a run's seed, for seeded random
     * choices: the same number on every engine, so that a random split or dedup picks the same
     * rows wherever it runs. It calls {@link #hashFunction}, which {@link #setup} defines as
     * {@link #hashBody}; a text key starts from its md5.
     */
    default String hash(String key, Type keyType, long seed) {
        String k = keyType == Type.INT ? key : md5Prefix32(text(key));
        return hashFunction() + "(" + k + ", " + Math.floorMod(seed * 1640531527L, 4294967296L) + ")";
    }

    /** The name of the function {@link #hash} calls, as the SQL calls it. */
    String hashFunction();

    /**
     * The hash of a whole number {@code k} and a salt in [0, 2^32): a 32-bit xor-shift and
     * multiply finaliser (a bijection on [0, 2^32)) of {@code (k + salt) mod 2^32}. Every product
     * stays below 2^63.
     */
    default String hashBody(String k, String salt) {
        String x = "(((" + k + ") % 4294967296 + 4294967296 + " + salt + ") % 4294967296)";
        for (int round = 0; round < 2; round++) {
            x = "(" + xor("(" + x + " >> 16)", x) + " * 73244475 % 4294967296)";
        }
        return xor("(" + x + " >> 16)", x);
    }

    String regexMatches(String value, String pattern);

    String startsWith(String value, String prefix);

    String endsWith(String value, String suffix);

    String contains(String value, String part);

    String isoWeekday(String value);

    /** Calendar-day boundaries from a to b. */
    String daysBetween(String a, String b);

    String yearsBetween(String from, String to);

    /** A string-typed cast that yields null on failure. */
    String tryCast(String value, String type);

    String text(String value);

    String md5(String value);
}
