package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import java.util.List;

/**
 * The AST of one .camp file: its statements in source order.
 *
 * <p>A statement that contains a syntax error is not in {@code statements}; its kind and name
 * (when the name could be read) are in {@code broken}, so that the checker knows the name exists
 * and does not report errors that only follow from the syntax error. {@code truncated} says the
 * lexer could not read the file to its end (an unterminated comment or text block).
 */
public record CampFile(SourceFile source, List<Statement> statements, List<Broken> broken, boolean truncated) {
    public CampFile {
        requireNonNull(source, "source is null");
        statements = List.copyOf(statements);
        broken = List.copyOf(broken);
    }

    public CampFile(SourceFile source, List<Statement> statements) {
        this(source, statements, List.of(), false);
    }

    /** A declaration dropped because of a syntax error: its keyword and its name (null when unreadable). */
    public record Broken(String kind, String name) {
    }

    public <T extends Statement> List<T> all(Class<T> kind) {
        return statements.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public boolean hasBroken(String kind) {
        return broken.stream().anyMatch(b -> b.kind().equals(kind));
    }

    public boolean isBroken(String kind, String name) {
        return broken.stream().anyMatch(b -> b.kind().equals(kind) && name.equals(b.name()));
    }

    /** Whether any statement was dropped, or the file was not read to its end. */
    public boolean incomplete() {
        return truncated || !broken.isEmpty();
    }
}
