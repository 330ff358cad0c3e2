package camp.diag;

import java.util.Locale;

/**
 * Every diagnostic camp can report: a stable code, a default severity and the message text.
 *
 * <p>This enum is the one place where message texts live (Calcite keeps its resource file the
 * same way). Codes are grouped by stage: E00 syntax, E01 files and statements, E02 names, E03
 * types, E04 activities, E05 flow, E06 schedule, E07 run time, E08 campaign tests, E09 internal. A code, once
 * published, keeps its meaning; tests pin code, position and text.
 */
public enum Code {
    // syntax
    SYNTAX("E0001", "%s"),
    UNTERMINATED_STRING("E0002", "unterminated string: a string must close with \" on the same line (use \"\"\"...\"\"\" for text over several lines)"),
    UNTERMINATED_COMMENT("E0003", "unterminated block comment: '/*' is never closed by '*/'"),
    UNEXPECTED_CHARACTER("E0004", "unexpected character %s"),
    INVALID_DATE("E0005", "'%s' is not a valid date"),
    INVALID_TIME("E0006", "'%s' is not a valid time of day"),
    NUMBER_OUT_OF_RANGE("E0007", "number '%s' is too large"),
    INVALID_ESCAPE("E0008", "unknown escape '%s' in string; the escapes are \\\" \\\\ \\n \\t"),
    TOO_DEEP("E0009", "this is nested too deeply (more than %d levels)"),
    INVALID_UTF8("E0010", "the file is not valid UTF-8 text (first bad byte at offset %d)"),
    UNTERMINATED_LONG_STRING("E0011", "unterminated text block: '\"\"\"' is never closed"),
    SINGLE_QUOTED_STRING("E0012", "strings use double quotes: write \"...\" instead of '...'"),
    NUL_IN_STRING("E0013", "a string cannot hold the NUL character (U+0000)"),

    // files and statements
    DUPLICATE_STATEMENT("E0101", "'%s' may appear only once in a file"),
    DUPLICATE_NAME("E0102", "%s '%s' is already defined"),
    IMPORT_NOT_FOUND("E0103", "cannot read imported file '%s'"),
    IMPORT_CYCLE("E0104", "import cycle: %s"),
    FILE_NOT_FOUND("E0105", "file '%s' does not exist"),
    IMPORTED_ACTIVITIES("W0106", "'%s' declares a campaign; importing it brings only its entities, audiences and params"),
    NOT_RUNNABLE("E0107", "'%s' has no campaign statement: it is a library and cannot be run"),
    EMPTY_NAME("E0108", "%s must not be empty"),
    QUERY_NOT_SELECT("E0109", "a query source must be one SELECT statement that only reads: %s"),
    OUTSIDE_PROJECT("E0110", "'%s' is outside the project folder %s"),
    PROJECT_CONFIG("E0111", "camp.toml: %s"),

    // names
    UNKNOWN_ENTITY("E0201", "unknown entity '%s'"),
    UNKNOWN_SOURCE("E0202", "unknown entity or audience '%s'"),
    UNKNOWN_NAME("E0203", "unknown name '%s'"),
    UNKNOWN_MEMBER("E0204", "'%s' has no attribute or link '%s'"),
    UNKNOWN_FUNCTION("E0205", "unknown function '%s'"),
    UNKNOWN_ACTIVITY("E0206", "unknown activity '%s'"),
    UNKNOWN_PORT("E0207", "%s '%s' has no output port '%s' (its ports: %s)"),
    UNKNOWN_LINK("E0208", "entity '%s' has no link '%s'"),
    UNKNOWN_AUDIENCE("E0209", "unknown audience '%s'"),
    KEY_NOT_ATTRIBUTE("E0210", "key '%s' is not a declared attribute of entity '%s'"),
    LINK_COLUMN_NOT_ATTRIBUTE("E0211", "link column '%s' is not a declared attribute of entity '%s'"),
    UNKNOWN_CHANNEL("E0212", "unknown channel '%s'; the channels are email, sms and push"),
    CONSENT_NOT_BOOL("E0213", "consent attribute '%s' must be bool, not %s"),
    AUDIENCE_CYCLE("E0214", "audience '%s' is defined in terms of itself: %s"),
    UNKNOWN_PARAM("E0215", "unknown param '%s'"),
    UNKNOWN_COLUMN("E0216", "'%s' is not a column of the rows reaching '%s'"),
    AUDIENCE_ENTITY("E0217", "audience '%s' selects %s, but these rows are %s"),
    MANY_LINK_AS_VALUE("E0218", "'%s' is a many link: it has many values per row; aggregate it, as in count(%s) or exists(%s)"),
    LINK_TYPES("E0220", "link '%s' joins %s '%s' with %s key '%s' of entity '%s'"),
    NO_ROW_HERE("E0219", "'%s' needs a row, and %s has none: only params, literals and now() are allowed here"),

    // types
    TYPE_MISMATCH("E0301", "%s must be %s, found %s"),
    NOT_BOOLEAN("E0302", "a condition must be bool, found %s"),
    INCOMPARABLE("E0303", "cannot compare %s with %s"),
    BAD_OPERANDS("E0304", "operator '%s' cannot be applied to %s and %s"),
    WRONG_ARGUMENT_COUNT("E0305", "%s() takes %s, found %d"),
    NOT_A_MANY_LINK("E0306", "%s() aggregates over a many link, and '%s' is not one"),
    LINK_AS_VALUE("E0307", "'%s' is a link, not a value"),
    MISPLACED_WHERE("E0308", "'where' is allowed only inside count, sum, avg, min, max and exists over a many link"),
    NOT_CONSTANT("E0309", "%s must be a constant value"),
    INVALID_REGEX("E0310", "invalid regular expression: %s"),
    AGGREGATE_ARGUMENT("E0311", "%s() needs %s"),

    // activities
    ENTITY_MISMATCH("E0401", "%s inputs must share one entity: '%s' brings %s but '%s' brings %s"),
    TWO_REMAINDERS("E0402", "a split has at most one remainder segment"),
    DUPLICATE_PORT("E0403", "segment '%s' is defined twice"),
    REMAINDER_OPTION("E0404", "a remainder segment takes every row no other segment took: '%s' does not apply to it"),
    BAD_PERCENT("E0405", "a limit percentage must be between 0 and 100, found %d"),
    ORDER_AND_RANDOM("E0406", "a segment chooses rows either by 'order by' or 'random', not both"),
    TEST_CONDITION_NAME("E0407", "a test condition may use only 'count' (the input population) and params; '%s' is neither"),
    NO_ADDRESS("E0408", "%s cannot be addressed: entity '%s' has no '%s' attribute and no one link to an entity that has one"),
    MISSING_CONTENT("E0409", "%s needs %s"),
    DUPLICATE_OPTION("E0410", "option '%s' is given twice"),
    INCREMENTAL_ATTRIBUTE("E0411", "'incremental on %s' needs a date or timestamp attribute, found %s"),
    OPTION_NOT_FOR_CHANNEL("E0412", "'%s' is not an option of %s"),
    PRIMARY_NOT_INPUT("E0413", "primary '%s' is not an input of join '%s'"),
    PER_NOT_MANY("E0414", "'per %s' needs a many link of entity '%s'"),
    UNKNOWN_PLACEHOLDER("E0415", "template placeholder '{{%s}}' is not an attribute or enriched column of the rows reaching '%s'"),
    TEMPLATE_SYNTAX("E0416", "template error: %s"),
    COLUMN_EXISTS("E0417", "column '%s' already exists in the rows reaching '%s'"),
    BAD_COUNT("E0418", "%s must be at least %d, found %s"),
    TEST_NEEDS_BRANCH("E0419", "a test needs at least one condition"),
    OTHERWISE_NOT_LAST("E0420", "'otherwise' must be the last branch of a test"),
    SPLIT_NEEDS_SEGMENT("E0421", "a split needs at least one segment"),
    ENRICH_EMPTY("E0423", "an enrich needs at least one column"),
    RECONCILE_TYPES("E0424", "cannot match incoming %s '%s' with %s '%s'"),
    LOAD_EMPTY("E0425", "a load needs at least one column"),
    ORDER_WITHOUT_LIMIT("W0427", "'order by' and 'random' choose which rows a limit keeps, and this segment has no limit"),
    SAVED_AUDIENCE_NAME("E0426", "saved audience names use letters, digits, '_' and '-' only: '%s'"),

    // flow
    FLOW_CYCLE("E0501", "the flow has a cycle: %s"),
    INPUT_COUNT("E0502", "%s '%s' takes %s, found %d"),
    START_WITH_INPUT("E0503", "'%s' is a start activity (%s) and cannot have an input"),
    UNREACHABLE("E0504", "activity '%s' is not reached from any start activity"),
    DUPLICATE_EDGE("W0505", "the transition %s -> %s is written twice"),
    MISSING_FLOW("E0506", "the campaign declares activities but no flow"),
    UNUSED_PORT("W0507", "output '%s' of split '%s' goes nowhere"),
    DEAD_END("W0508", "the output of '%s' goes nowhere"),
    NO_ACTIVITIES("E0509", "the campaign has no activity"),
    CHANNEL_LIMIT("W0510", "%d channel activities: more than 10 per campaign makes it hard to review"),

    // schedule
    UNKNOWN_TIMEZONE("E0601", "unknown time zone '%s'"),
    FROM_AFTER_UNTIL("E0602", "'from %s' is after 'until %s'"),
    BAD_ORDINAL("E0603", "'%s' is not an ordinal of the month; use 1st, 2nd, 3rd, 4th, 5th or last"),
    BAD_MONTH_DAY("E0604", "day of month %s is outside 1-31"),
    UNKNOWN_WEEKDAY("E0605", "unknown day '%s'; days are mon, tue, wed, thu, fri, sat, sun"),
    UNKNOWN_MONTH("E0606", "unknown month '%s'; months are jan, feb, mar, apr, may, jun, jul, aug, sep, oct, nov, dec"),
    BAD_INTERVAL("E0607", "%s"),
    WINDOW_ORDER("E0608", "the window 'between %s and %s' ends before it starts"),
    TOO_FREQUENT("W0609", "this schedule launches every %s, more often than every 15 minutes"),
    SCHEDULE_NEVER("W0610", "this schedule never launches"),

    // run time
    SOURCE_MISMATCH("E0701", "%s"),
    SQL_FAILED("E0702", "%s"),
    RUN_FAILED("E0703", "%s"),
    SOURCE_UNREADABLE("E0704", "%s"),
    DISK_FULL("E0705", "%s"),

    // campaign tests (.camptest files)
    TEST_NO_CAMPAIGN("E0801", "a test file starts by naming its campaign: campaign \"FILE.camp\""),
    TEST_CAMPAIGN_ERRORS("E0802", "campaign '%s' has %s; camp check it and fix them first"),
    TEST_NO_TIME("E0803", "test '%s' has no logical time: write 'at YYYY-MM-DD HH:MM' at the top of the file or in the test"),
    FIXTURE_ROW_WIDTH("E0804", "this row has %s, and the fixture's header names %s"),
    FIXTURE_NO_KEY("E0805", "the fixture of '%s' must give its key '%s'"),
    FIXTURE_DUPLICATE_KEY("E0806", "key %s appears twice in the fixture of '%s'"),
    FIXTURE_BAD_VALUE("E0807", "%s"),
    FIXTURE_CSV("E0808", "%s"),
    TEST_FAILED("E0809", "%s"),
    TEST_NOTHING_EXPECTED("W0810", "test '%s' expects nothing: add 'expect ACTIVITY.PORT count = N'"),
    TEST_RUN_FAILED("E0811", "%s"),

    // internal
    INTERNAL("E0900", "internal error: %s (this is a bug in camp; run with --verbose for the stack trace)");

    /** Whose a diagnostic is: the script's author, something outside camp (the database, a file), or camp itself. */
    public enum Kind { USER, EXTERNAL, INTERNAL }

    private final String id;
    private final String template;

    Code(String id, String template) {
        this.id = id;
        this.template = template;
    }

    /** The stable code shown to users, such as {@code E0201}. */
    public String id() {
        return id;
    }

    /** Whose the problem is: only {@code INTERNAL} is a bug in camp; a database's refusal is {@code EXTERNAL}. */
    public Kind kind() {
        return switch (this) {
            case INTERNAL -> Kind.INTERNAL;
            case SQL_FAILED, DISK_FULL -> Kind.EXTERNAL;
            default -> Kind.USER;
        };
    }

    public Severity severity() {
        return id.startsWith("W") ? Severity.WARNING : Severity.ERROR;
    }

    public String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
