package camp.lsp;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;

/**
 * A document open in the editor, at one version: the editor's text, which wins over the file on
 * disk for every check while it is open. Immutable; a change makes a new one.
 *
 * @param path the file of a {@code file:} URI (absolute, normalized), or null (an unsaved buffer)
 */
record OpenDocument(String uri, Path path, int version, String text) {
    OpenDocument {
        requireNonNull(uri, "uri is null");
        requireNonNull(text, "text is null");
    }

    /** This document after the editor's changes, in order (a change without a range replaces all). */
    OpenDocument changed(int newVersion, List<TextDocumentContentChangeEvent> changes) {
        String t = text;
        for (TextDocumentContentChangeEvent c : changes) {
            String inserted = c.getText() == null ? "" : c.getText();
            t = c.getRange() == null ? inserted : replace(t, c.getRange(), inserted);
        }
        return new OpenDocument(uri, path, newVersion, t);
    }

    /** Replaces a range given in protocol positions (UTF-16 columns, as Java strings count). */
    static String replace(String text, Range range, String inserted) {
        int start = index(text, range.getStart());
        int end = index(text, range.getEnd());
        if (end < start) {
            int swap = start;
            start = end;
            end = swap;
        }
        return new StringBuilder(text.length() + inserted.length()).append(text, 0, start).append(inserted)
                .append(text, end, text.length()).toString();
    }

    /** The string index of a position; a line past the end is the end, a column past a line's end is that end. */
    static int index(String text, Position p) {
        if (p == null || p.getLine() < 0) {
            return 0;
        }
        int at = 0;
        for (int line = 0; line < p.getLine(); line++) {
            int nl = text.indexOf('\n', at);
            if (nl < 0) {
                return text.length();
            }
            at = nl + 1;
        }
        int end = text.indexOf('\n', at);
        if (end < 0) {
            end = text.length();
        }
        if (end > at && text.charAt(end - 1) == '\r') {
            end--;
        }
        return at + Math.max(0, Math.min(p.getCharacter(), end - at));
    }
}
