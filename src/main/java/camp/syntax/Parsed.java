package camp.syntax;

import static java.util.Objects.requireNonNull;

import camp.ast.CampFile;
import camp.diag.Diagnostic;
import java.util.List;

/**
 * The result of parsing one file: its AST (possibly partial) and the syntax diagnostics.
 * Statements whose text had errors are left out of the AST; the rest is complete.
 */
public record Parsed(CampFile file, List<Diagnostic> diagnostics) {
    public Parsed {
        requireNonNull(file, "file is null");
        diagnostics = List.copyOf(diagnostics);
    }

    /** The syntax tree as {@code camp explain --stage ast} prints it. */
    public String printedTree() {
        return camp.ast.AstPrinter.print(file);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
