package camp.fmt;

import static java.util.Objects.requireNonNull;

import camp.diag.Diagnostic;
import camp.source.SourceFile;
import java.util.List;

/**
 * The result of formatting one file: the formatted text, or, when the file does not parse, no text
 * and the syntax errors that prevented formatting (as {@code camp check} reports them).
 *
 * @param source the file as it was read
 * @param text the formatted text (line breaks as in the source: CRLF stays CRLF), or null
 * @param diagnostics the syntax diagnostics of the source; at least one error when {@code text} is null
 */
public record Formatted(SourceFile source, String text, List<Diagnostic> diagnostics) {
    public Formatted {
        requireNonNull(source, "source is null");
        diagnostics = List.copyOf(diagnostics);
        if (text == null && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            throw new IllegalArgumentException("a file that is not formatted needs a syntax error to say why");
        }
    }

    /** Whether the file parsed and {@link #text()} holds its formatted text. */
    public boolean ok() {
        return text != null;
    }

    /** Whether formatting changes the text (false when the file does not parse). */
    public boolean changed() {
        return text != null && !text.equals(source.text());
    }
}
