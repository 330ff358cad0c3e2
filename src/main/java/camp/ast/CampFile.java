package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import java.util.List;

/** The AST of one .camp file: its statements in source order. */
public record CampFile(SourceFile source, List<Statement> statements) {
    public CampFile {
        requireNonNull(source, "source is null");
        statements = List.copyOf(statements);
    }

    public <T extends Statement> List<T> all(Class<T> kind) {
        return statements.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
