package camp.sql;

import camp.types.DurationValue;
import camp.types.Type;
import java.math.BigDecimal;
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

    default String interval(DurationValue d) {
        return "INTERVAL " + d.amount() + " " + d.sqlUnit();
    }

    /** A deterministic 64-bit hash of the arguments, for seeded random choices. */
    String hash(String... args);

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
