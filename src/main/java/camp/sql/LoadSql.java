package camp.sql;

import java.nio.file.Path;
import java.util.List;

/**
 * How the rows of a {@code load csv} reach its two worktables: camp's reader types every line
 * and writes the good rows and the rejected lines to two CSV files of its own, which these
 * statements insert. Every value in those files is quoted, and only the unquoted {@link #NULL}
 * is null: a quoted {@code "\N"} is the text as written.
 */
public final class LoadSql {
    /** How the typed rows file writes a null; a value is always quoted, so no text can look like it. */
    public static final String NULL = "\\N";

    private final SqlContext ctx;
    private final String out;
    private final String rejected;
    private final List<camp.ir.Step.Column> columns;

    LoadSql(SqlContext ctx, String out, String rejected, List<camp.ir.Step.Column> columns) {
        this.ctx = ctx;
        this.out = out;
        this.rejected = rejected;
        this.columns = List.copyOf(columns);
    }

    /** Inserts the typed rows of a file into the {@code out} worktable (the key first: the line number). */
    public String rows(Path file) {
        return rows(ctx.dialect().string(file.toString()));
    }

    /** Inserts the rejected lines of a file (line number, reason, line) into the {@code rejected} worktable. */
    public String rejected(Path file) {
        return rejected(ctx.dialect().string(file.toString()));
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

    /** The statements as {@code camp sql} shows them, with the files named for what they hold. */
    List<String> statements() {
        return List.of(rows("'<typed rows>'"), rejected("'<rejected lines>'"));
    }
}
