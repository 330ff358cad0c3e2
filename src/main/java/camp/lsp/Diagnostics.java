package camp.lsp;

import camp.diag.Diagnostic;
import camp.diag.Severity;
import camp.source.SourceFile;
import camp.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DiagnosticRelatedInformation;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The diagnostics of an analysis as the editor shows them: exactly {@code camp check}'s (the same
 * code, severity, message and span), with the code in {@code code} and {@code "camp"} as the
 * source. The "did you mean" help goes in related information when the editor shows it, else
 * after the message on a line of its own ({@code camp check} prints it on a line of its own too).
 *
 * <p>Everything is published for the document itself: a problem found in a file it imports is
 * shown on the import statement that brings that file in, with {@code camp check}'s headline
 * ({@code retail.camp:12:3: error[E0201]: ...}) as its message, and a problem in a template file or
 * in {@code camp.toml} on the string that names it, or at the top of the document. The imported
 * file shows its own problems when it is open itself.
 */
final class Diagnostics {
    static final String SOURCE = "camp";

    private Diagnostics() {
    }

    static PublishDiagnosticsParams publish(Analysis a, boolean relatedInformation) {
        List<org.eclipse.lsp4j.Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : a.checked().diagnostics()) {
            out.add(convert(a, d, relatedInformation));
        }
        PublishDiagnosticsParams p = new PublishDiagnosticsParams(a.uri(), out);
        if (a.version() >= 0) {
            p.setVersion(a.version());
        }
        return p;
    }

    static org.eclipse.lsp4j.Diagnostic convert(Analysis a, Diagnostic d, boolean relatedInformation) {
        boolean own = isDocument(a, d.file());
        Range range;
        String message;
        if (own) {
            range = d.span() == null ? Positions.fileStart() : Positions.range(d.span());
            message = d.message();
        } else {
            range = elsewhere(a, d);
            message = d.headline();
        }
        org.eclipse.lsp4j.Diagnostic out = new org.eclipse.lsp4j.Diagnostic(range, message);
        out.setSeverity(d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
        out.setCode(Either.forLeft(d.code().id()));
        out.setSource(SOURCE);
        if (d.help() != null) {
            if (relatedInformation) {
                out.setRelatedInformation(List.of(new DiagnosticRelatedInformation(new Location(a.uri(), range), "help: " + d.help())));
            } else {
                out.setMessage(message + "\nhelp: " + d.help());
            }
        }
        return out;
    }

    private static boolean isDocument(Analysis a, SourceFile file) {
        if (file == null || file == a.source()) {
            return true;
        }
        Path own = a.source().path();
        return own != null && file.path() != null && own.toAbsolutePath().normalize().equals(file.path().toAbsolutePath().normalize());
    }

    /** Where the document shows a problem of another file: the import that brings it, or the string that names it. */
    private static Range elsewhere(Analysis a, Diagnostic d) {
        SourceFile file = d.file();
        if (file.path() != null) {
            Span via = null;
            try {
                via = a.index().imports().get(file.path().toAbsolutePath().normalize());
            } catch (RuntimeException e) {
                // no index: the top of the document will do
            }
            if (via != null) {
                return Positions.range(via);
            }
        }
        // a template file or camp.toml: the first string of the document that names it
        String name = file.name();
        String text = a.source().text();
        String folder = a.source().name().contains("/") ? a.source().name().substring(0, a.source().name().lastIndexOf('/') + 1) : "";
        String relative = name.startsWith(folder) ? name.substring(folder.length()) : name;
        int at = text.indexOf("\"" + relative + "\"");
        if (at >= 0) {
            int start = text.codePointCount(0, at);
            return Positions.range(a.source(), start, start + relative.codePointCount(0, relative.length()) + 2);
        }
        return Positions.fileStart();
    }
}
