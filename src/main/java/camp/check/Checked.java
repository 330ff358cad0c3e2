package camp.check;

import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.source.SourceFile;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of the front end for one campaign file: every source read (the file and its
 * imports), every diagnostic, and the plan. The plan is complete only when there is no error;
 * with errors it holds the names that could be checked and no steps, and it is null when the
 * file could not be parsed to its end or the front end failed. {@code ports} holds the rows on
 * each output port of every activity that could be checked, errors or not (editors complete
 * names from it).
 */
public record Checked(SourceFile root, List<SourceFile> sources, List<Diagnostic> diagnostics, Plan plan,
        Map<String, Map<String, Shape>> ports) {
    public Checked {
        sources = List.copyOf(sources);
        diagnostics = List.copyOf(diagnostics);
        ports = ports == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(ports));
    }

    public Checked(SourceFile root, List<SourceFile> sources, List<Diagnostic> diagnostics, Plan plan) {
        this(root, sources, diagnostics, plan, Map.of());
    }

    /** The rows on a port of an activity as checked, or null when unknown. */
    public Shape port(String activity, String port) {
        Map<String, Shape> outputs = ports.get(activity);
        return outputs == null ? null : outputs.get(port);
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
