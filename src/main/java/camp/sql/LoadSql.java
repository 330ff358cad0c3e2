package camp.sql;

import camp.types.Type;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the rows of a {@code load csv} reach its two worktables.
 *
 * <p>DuckDB reads the file itself ({@link #stage}): every field as text, in file order, each record
 * numbered; camp's rules then type the declared columns in SQL (trimmed unless text, empty is null,
 * booleans yes/no, the reason of the first value from the left that does not fit). The line each
 * record starts on comes from a small table of the places where lines and record numbers part
 * ({@link #lines}, filled by camp's scan of the file: blank lines, records spanning several lines,
 * records of the wrong width). Rejected records reach the {@code rejected} worktable through a file
 * of their own ({@link #rejected(Path)}), since their raw text is read from the file by camp.
 *
 * <p>When the file uses something on which DuckDB's reader and camp's rules could disagree, camp's
 * own reader types it and the rows arrive through a file of typed values ({@link #rows(Path)}):
 * every value there is quoted, and only the unquoted {@link #NULL} is null.
 */
public final class LoadSql {
    /** How the typed rows file writes a null; a value is always quoted, so no text can look like it. */
    public static final String NULL = "\\N";

    /** The characters camp trims around a value that is not text (those of Java's {@code String.trim()} a CSV may hold). */
    private static final String TRIMMED = "' ' || chr(9) || chr(10) || chr(13)";
    private static final String DECIMAL = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
    private static final String TIMESTAMP = "[0-9]{4}-[0-9]{2}-[0-9]{2}[ T]([01][0-9]|2[0-3]):[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?";
    private static final int MAX_SHOWN_VALUE = 80;

    private final SqlContext ctx;
    private final String out;
    private final String rejected;
    private final String stage;
    private final String lines;
    private final List<camp.ir.Step.Column> columns;

    LoadSql(SqlContext ctx, String out, String rejected, String stage, String lines, List<camp.ir.Step.Column> columns) {
        this.ctx = ctx;
        this.out = out;
        this.rejected = rejected;
        this.stage = stage;
        this.lines = lines;
        this.columns = List.copyOf(columns);
    }

    /** Whether the engine reads the file itself (DuckDB), rather than camp copying its typed rows in. */
    public boolean readsFiles() {
        return ctx.dialect().readsFiles();
    }

    /** The scratch tables of the load, dropped when its task ends. */
    public List<String> scratch() {
        return List.of(stage, lines);
    }

    /**
     * Creates the table of line starts from a headerless CSV of {@code record number,line} pairs:
     * record {@code g} (1 is the first after the header) starts on {@code line + g - G} for the
     * pair {@code G,line} with the greatest {@code G <= g}.
     */
    public String lines(Path file) {
        return lines(ctx.dialect().string(file.toString()));
    }

    /**
     * Reads {@code file} with DuckDB and types it into the stage table: one row per record that has
     * {@code width} fields, in file order, so that its row id is its record number (0: the header),
     * with its typed values (declared order) and the reason it is rejected (null for a good row). {@code positions} is the header position of
     * every declared column, in declaration order.
     */
    public String stage(Path file, int width, int[] positions) {
        return stage(ctx.dialect().string(file.toString()), width, positions);
    }

    /**
     * How many records the stage table holds besides the header, and its first and last row ids:
     * a record's number is its row id less the first (row ids are in insertion order, which is the
     * file's; inside a transaction they start far from 0), which holds only when they are dense.
     */
    public String stagedCount() {
        return "SELECT count(*) - 1, min(rowid), max(rowid) FROM " + stage;
    }

    /**
     * Inserts the good rows of the stage table into the {@code out} worktable, keyed by their line:
     * {@code offset} added to the record number when the lines table holds one pair only (no line
     * ever skipped), else its pairs; {@code base} is the header's row id.
     */
    public String stagedRows(Long offset, long base) {
        StringBuilder b = new StringBuilder("INSERT INTO ").append(out).append("\nSELECT ").append(line(offset));
        for (int i = 0; i < columns.size(); i++) {
            b.append(", s.__t").append(i);
        }
        return b.append(from(offset, base)).append(" AND s.__reason IS NULL").toString();
    }

    /** The line and the reason of every rejected row of the stage table, in line order. */
    public String stagedRejects(Long offset, long base) {
        return "SELECT " + line(offset) + " AS line_number, s.__reason" + from(offset, base) + " AND s.__reason IS NOT NULL\nORDER BY 1";
    }

    private static String line(Long offset) {
        return offset == null ? "l.line + (s.__g - l.g)" : "s.__g + " + offset;
    }

    private String from(Long offset, long base) {
        return "\nFROM (SELECT rowid - " + base + " AS __g, * FROM " + stage + ") s"
                + (offset == null ? " ASOF JOIN " + lines + " l ON s.__g >= l.g" : "") + "\nWHERE s.__g >= 1";
    }

    /** Inserts the typed rows of a file into the {@code out} worktable (the key first: the line number). */
    public String rows(Path file) {
        return rows(ctx.dialect().string(file.toString()));
    }

    /** Inserts the rejected lines of a file (line number, reason, line) into the {@code rejected} worktable. */
    public String rejected(Path file) {
        return rejected(ctx.dialect().string(file.toString()));
    }

    private String lines(String file) {
        return "CREATE TEMP TABLE " + lines + " AS SELECT * FROM read_csv(" + file
                + ", header = false, auto_detect = false, columns = {'g': 'BIGINT', 'line': 'BIGINT'})";
    }

    private String stage(String file, int width, int[] positions) {
        Dialect d = ctx.dialect();
        StringBuilder fields = new StringBuilder();
        for (int i = 1; i <= width; i++) {
            fields.append(i > 1 ? ", " : "").append("'__f").append(i).append("': 'VARCHAR'");
        }
        List<String> values = new ArrayList<>();
        List<String> typed = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        List<Integer> leftToRight = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            var col = columns.get(i);
            String field = "__f" + (positions[i] + 1);
            String v = "__v" + i;
            values.add((col.type() == Type.TEXT ? field : "NULLIF(trim(" + field + ", " + TRIMMED + "), '')") + " AS " + v);
            typed.add(v + ", " + typed(col.type(), v) + " AS __t" + i);
            leftToRight.add(i);
        }
        leftToRight.sort((a, b) -> Integer.compare(positions[a], positions[b]));
        for (int i : leftToRight) {
            var col = columns.get(i);
            if (col.type() != Type.TEXT) {
                reasons.add("WHEN __v" + i + " IS NOT NULL AND __t" + i + " IS NULL THEN " + d.string(col.name() + ": ") + " || "
                        + why(col.type(), "__v" + i));
            }
        }
        StringBuilder b = new StringBuilder("CREATE TEMP TABLE ").append(stage).append(" AS\nSELECT ");
        for (int i = 0; i < columns.size(); i++) {
            b.append("__t").append(i).append(", ");
        }
        b.append(reasons.isEmpty() ? "NULL::VARCHAR" : "CASE " + String.join(" ", reasons) + " END").append(" AS __reason");
        b.append("\nFROM (SELECT ").append(String.join(", ", typed));
        b.append("\n  FROM (SELECT ").append(String.join(", ", values));
        b.append("\n    FROM read_csv(").append(file)
                .append(", header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', strict_mode = true,"
                        + " null_padding = false, ignore_errors = true, columns = {")
                .append(fields).append("})))");
        return b.toString();
    }

    /** The value of {@code v} (trimmed text, not empty) as a value of the type, or null when it does not fit. */
    private String typed(Type type, String v) {
        Dialect d = ctx.dialect();
        return switch (type) {
            case TEXT -> v;
            case INT -> "CASE WHEN regexp_full_match(" + v + ", '[+-]?[0-9]+') THEN TRY_CAST(" + v + " AS BIGINT) END";
            case DECIMAL -> "CASE WHEN regexp_full_match(" + v + ", " + d.string(DECIMAL) + ") THEN TRY_CAST(" + v + " AS "
                    + d.type(Type.DECIMAL) + ") END";
            case FLOAT -> "CASE WHEN lower(" + v + ") IN ('nan', '+nan', '-nan') THEN 'NaN'::DOUBLE"
                    + " WHEN lower(" + v + ") IN ('inf', '+inf', 'infinity', '+infinity') THEN 'Infinity'::DOUBLE"
                    + " WHEN lower(" + v + ") IN ('-inf', '-infinity') THEN '-Infinity'::DOUBLE"
                    + " WHEN regexp_full_match(" + v + ", " + d.string(DECIMAL) + ") AND NOT isinf(TRY_CAST(" + v + " AS DOUBLE))"
                    + " THEN TRY_CAST(" + v + " AS DOUBLE) END";
            case BOOL -> "CASE WHEN lower(" + v + ") IN ('true', 'yes', '1') THEN true WHEN lower(" + v
                    + ") IN ('false', 'no', '0') THEN false END";
            case DATE -> "CASE WHEN regexp_full_match(" + v + ", '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(" + v + " AS DATE) END";
            case TIMESTAMP -> "CASE WHEN regexp_full_match(" + v + ", " + d.string(TIMESTAMP) + ") THEN TRY_CAST(" + v
                    + " AS TIMESTAMP) END";
            case TIME, DURATION, NULL, ERROR -> throw new IllegalArgumentException("a column of type " + type + " cannot be loaded");
        };
    }

    /** Why {@code v} does not fit the type, as camp's reader says it. */
    private String why(Type type, String v) {
        String shown = "'''' || replace(replace(CASE WHEN length(" + v + ") > " + MAX_SHOWN_VALUE + " THEN left(" + v + ", "
                + MAX_SHOWN_VALUE + ") || '...' ELSE " + v + " END, chr(13), '\\r'), chr(10), '\\n') || ''''";
        Dialect d = ctx.dialect();
        String what = switch (type) {
            case INT -> "CASE WHEN regexp_full_match(" + v + ", '[+-]?[0-9]+') THEN 'not an int (beyond 64 bits): '"
                    + " ELSE 'not an int: ' END";
            case DECIMAL -> "CASE WHEN regexp_full_match(" + v + ", " + d.string(DECIMAL) + ") THEN 'not a decimal (out of range): '"
                    + " ELSE 'not a decimal: ' END";
            case FLOAT -> "CASE WHEN regexp_full_match(" + v + ", " + d.string(DECIMAL) + ") THEN 'not a float (out of range): '"
                    + " ELSE 'not a float: ' END";
            case BOOL -> "'not a bool: '";
            case DATE -> "'not a date: '";
            case TIMESTAMP -> "'not a timestamp: '";
            case TEXT, TIME, DURATION, NULL, ERROR -> throw new IllegalArgumentException("no reason for " + type);
        };
        return "(" + what + " || " + shown + ")";
    }

    /**
     * For an engine that reads no file of the client's: the typed rows file (as {@link #rows(Path)}
     * reads it) copied into the {@code out} worktable from the client.
     */
    public String copyRows() {
        return copyRows(null).get(0);
    }

    /** The rejected lines file (as {@link #rejected(Path)} reads it) copied into the {@code rejected} worktable from the client. */
    public List<String> copyRejected() {
        return copyRejected(null);
    }

    /** The typed rows file copied into the {@code out} worktable; {@code file} is its literal, for an engine that reads it by name. */
    public List<String> copyRows(String file) {
        Dialect d = ctx.dialect();
        StringBuilder schema = new StringBuilder("__key BIGINT");
        for (var col : columns) {
            schema.append(", ").append(d.quoteIdentifier(col.name())).append(' ').append(d.type(col.type()));
        }
        return d.copyCsv(out, null, schema.toString(), "*", file);
    }

    /** The rejected lines file copied into the {@code rejected} worktable, each line's key its number. */
    public List<String> copyRejected(String file) {
        Dialect d = ctx.dialect();
        String text = d.type(Type.TEXT);
        List<String> statements = new ArrayList<>(d.copyCsv(rejected, "line_number, reason, line",
                "line_number BIGINT, reason " + text + ", line " + text, "line_number, line_number, reason, line", file));
        if (d.updatesRows()) {
            statements.add("UPDATE " + rejected + " SET __key = line_number WHERE __key IS NULL");
        }
        return statements;
    }

    private String rows(String file) {
        Dialect d = ctx.dialect();
        StringBuilder types = new StringBuilder("'__key': 'BIGINT'");
        for (var col : columns) {
            types.append(", ").append(d.string(col.name())).append(": ").append(d.string(d.type(col.type())));
        }
        return "INSERT INTO " + out + " SELECT * FROM read_csv(" + file + ", header = false, quote = '\"', escape = '\"', nullstr = "
                + d.string(NULL) + ", allow_quoted_nulls = false, columns = {" + types + "})";
    }

    private String rejected(String file) {
        return "INSERT INTO " + rejected + " SELECT line_number, line_number, reason, line FROM read_csv(" + file
                + ", header = false, quote = '\"', escape = '\"', nullstr = " + ctx.dialect().string(NULL)
                + ", allow_quoted_nulls = false, columns = {'line_number': 'BIGINT', 'reason': 'VARCHAR', 'line': 'VARCHAR'})";
    }

    /**
     * The statements as {@code camp sql} shows them, the files named for what they hold, for a file
     * whose header holds the declared columns only, in their order.
     */
    List<String> statements() {
        if (!ctx.dialect().readsFiles()) {
            List<String> copy = new ArrayList<>();
            copy.addAll(copyRows("'<typed rows>'"));
            copy.addAll(copyRejected("'<rejected lines>'"));
            return copy;
        }
        int[] positions = new int[columns.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return List.of(lines("'<line starts>'"), stage("'<the file>'", columns.size(), positions), stagedRows(null, 0),
                rejected("'<rejected lines>'"));
    }
}
