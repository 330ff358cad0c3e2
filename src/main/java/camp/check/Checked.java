package camp.check;

import camp.diag.Diagnostic;
import camp.model.Model;
import camp.source.SourceFile;
import java.util.List;

/**
 * The result of the front end for one campaign file: every source read (the file and its
 * imports), every diagnostic, and the checked model. The model is complete only when there is
 * no error; with errors it holds what could be checked.
 */
public record Checked(SourceFile root, List<SourceFile> sources, List<Diagnostic> diagnostics, Model model) {
    public Checked {
        sources = List.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return Diagnostic.errorCount(diagnostics);
    }

    public int warningCount() {
        return diagnostics.size() - errorCount();
    }
}
