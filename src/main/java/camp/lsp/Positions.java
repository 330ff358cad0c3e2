package camp.lsp;

import camp.source.SourceFile;
import camp.source.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Between camp's positions (code-point offsets in a {@link SourceFile}) and the protocol's
 * (0-based lines, UTF-16 columns). {@link SourceFile} owns the arithmetic; this only builds the
 * LSP4J objects. Positions out of the text are clamped to it, never an error.
 */
final class Positions {
    private Positions() {
    }

    static Position position(SourceFile file, int offset) {
        return new Position(file.line(offset) - 1, file.utf16Column(offset));
    }

    static Range range(Span span) {
        return new Range(position(span.file(), span.start()), position(span.file(), span.end()));
    }

    static Range range(SourceFile file, int start, int end) {
        return new Range(position(file, start), position(file, end));
    }

    /** The start of a file: where a diagnostic about the whole file goes. */
    static Range fileStart() {
        return new Range(new Position(0, 0), new Position(0, 0));
    }

    /** The code-point offset of a protocol position; a missing or impossible position is clamped. */
    static int offset(SourceFile file, Position p) {
        if (p == null) {
            return 0;
        }
        return file.offsetOfUtf16(Math.max(0, p.getLine()), Math.max(0, p.getCharacter()));
    }
}
