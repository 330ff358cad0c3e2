package camp.diag;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Renders a diagnostic for people: the headline, the source line and a caret underline.
 *
 * <pre>
 * samples/spring.camp:12:19: error[E0209]: unknown audience 'loyal_custmers'
 *    |
 * 12 | activity a: build loyal_custmers where country = "FR"
 *    |                   ^^^^^^^^^^^^^^
 *    = help: did you mean 'loyal_customers'?
 * </pre>
 *
 * Long lines are shown as a window around the span so that a 50,000-character line stays
 * readable; tabs are shown as single spaces so that the caret lines up.
 */
public final class DiagnosticRenderer {
    private static final int WINDOW = 100;
    private final boolean verbose;

    public DiagnosticRenderer(boolean verbose) {
        this.verbose = verbose;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        out.append(d.headline()).append('\n');
        String gutter = " ".repeat(String.valueOf(d.line()).length());
        if (d.span() != null) {
            String line = d.span().file().lineText(d.line());
            int[] cps = line.codePoints().toArray();
            int col = Math.min(d.column() - 1, cps.length);
            int endCol = d.endLine() == d.line() ? d.endColumn() - 1 : cps.length;
            endCol = Math.max(col + 1, Math.min(endCol, Math.max(cps.length, col + 1)));
            int from = 0;
            int to = cps.length;
            String prefix = "";
            String suffix = "";
            if (cps.length > WINDOW) {
                from = Math.max(0, col - WINDOW / 2);
                to = Math.min(cps.length, from + WINDOW);
                prefix = from > 0 ? "..." : "";
                suffix = to < cps.length ? "..." : "";
            }
            StringBuilder shown = new StringBuilder(prefix);
            for (int i = from; i < to; i++) {
                int cp = cps[i];
                shown.appendCodePoint(cp == '\t' || Character.isISOControl(cp) ? ' ' : cp);
            }
            shown.append(suffix);
            int caretStart = prefix.length() + (col - from);
            int caretLength = Math.max(1, Math.min(endCol, to + 1) - col);
            out.append(gutter).append(" |\n");
            out.append(d.line()).append(" | ").append(shown).append('\n');
            out.append(gutter).append(" | ").append(" ".repeat(Math.max(0, caretStart)))
                    .append("^".repeat(caretLength)).append('\n');
        }
        if (d.help() != null) {
            out.append(gutter).append(" = help: ").append(d.help()).append('\n');
        }
        if (verbose && d.cause() != null) {
            StringWriter trace = new StringWriter();
            d.cause().printStackTrace(new PrintWriter(trace));
            out.append(trace);
        }
        return out.toString();
    }
}
