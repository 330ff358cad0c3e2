package camp.lsp;

import camp.fmt.Formatted;
import camp.fmt.Formatter;
import camp.source.SourceFile;
import java.util.List;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * {@code textDocument/formatting}: {@code camp fmt}'s layout, as one edit of the whole document;
 * no edit when the text does not parse (its syntax errors are already shown) or is already in
 * the canonical layout.
 */
final class Formatting {
    private Formatting() {
    }

    static boolean available() {
        return true;
    }

    static List<TextEdit> format(Analysis a) {
        SourceFile source = a.source();
        if (a.uri().endsWith(camp.check.TestChecker.EXTENSION)) {
            return List.of(); // camp fmt lays out .camp files; a test file stays as written
        }
        Formatted formatted = Formatter.format(source);
        if (!formatted.changed()) {
            return List.of();
        }
        Range whole = new Range(Positions.position(source, 0), Positions.position(source, source.length()));
        return List.of(new TextEdit(whole, formatted.text()));
    }
}
