package camp.ir;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in functions of §5 that are not aggregates: the one catalog the checker types
 * against, the SQL writer renders and editors complete. A function added here must be typed by
 * the checker and rendered by every dialect (both switch over this enum without a default).
 */
public enum Builtin {
    LOWER("lower(text) -> text", "the text in lower case"),
    UPPER("upper(text) -> text", "the text in upper case"),
    TRIM("trim(text) -> text", "the text without leading and trailing spaces"),
    LENGTH("length(text) -> int", "the number of characters"),
    CONCAT("concat(value, ...) -> text", "the values as text one after the other; null counts as empty"),
    COALESCE("coalesce(value, ...) -> value", "the first value that is not null"),
    ABS("abs(number) -> number", "the absolute value"),
    ROUND("round(number [, decimals]) -> number", "rounded to the nearest, or to that many decimals"),
    FLOOR("floor(number) -> number", "rounded down"),
    CEIL("ceil(number) -> number", "rounded up"),
    YEAR("year(date) -> int", "the year"),
    MONTH("month(date) -> int", "the month, 1 to 12"),
    DAY("day(date) -> int", "the day of the month"),
    WEEKDAY("weekday(date) -> int", "the ISO day of the week, 1 (Monday) to 7 (Sunday)"),
    HOUR("hour(timestamp) -> int", "the hour of the day"),
    DATE("date(text | timestamp) -> date", "the date of a timestamp, or of a text (null when it is not a date)"),
    AGE("age(date) -> int", "the number of completed years from the date to today()"),
    DAYS_BETWEEN("days_between(a, b) -> int", "the calendar-day boundaries from a to b (negative when b is earlier)");

    private final String signature;
    private final String summary;

    Builtin(String signature, String summary) {
        this.signature = signature;
        this.summary = summary;
    }

    /** The name as written in scripts, such as {@code days_between}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The signature for people, such as {@code length(text) -> int}. */
    public String signature() {
        return signature;
    }

    /** One sentence on what it gives. */
    public String summary() {
        return summary;
    }

    public static Optional<Builtin> byLabel(String label) {
        return Arrays.stream(values()).filter(b -> b.label().equals(label)).findFirst();
    }

    /** Every name a script may call: these functions, the aggregates, now() and today(). */
    public static List<String> callableNames() {
        List<String> names = new java.util.ArrayList<>(Arrays.stream(values()).map(Builtin::label).toList());
        names.addAll(List.of("now", "today", "count", "sum", "avg", "min", "max", "exists"));
        return List.copyOf(names);
    }
}
