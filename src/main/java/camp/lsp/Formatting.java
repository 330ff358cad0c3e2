package camp.lsp;

import java.util.List;
import org.eclipse.lsp4j.TextEdit;

/** {@code textDocument/formatting}: not wired until camp's formatter exists. */
final class Formatting {
    private Formatting() {
    }

    static boolean available() {
        return false;
    }

    static List<TextEdit> format(Analysis a) {
        return List.of();
    }
}
