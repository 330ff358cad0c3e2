package camp.diag;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import camp.source.Span;
import java.util.List;

/**
 * One problem found in a .camp file: where, how bad, which code, what to do about it.
 *
 * <p>{@code span} is null only for problems that concern a whole file that could not be read;
 * then {@code file} names it. {@code help} is an optional hint such as "did you mean 'x'?".
 */
public record Diagnostic(
        Code code, Severity severity, SourceFile file, Span span, String message, String help, Throwable cause) {

    public Diagnostic {
        requireNonNull(code, "code is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        if (span != null) {
            file = span.file();
        }
    }

    public static Diagnostic at(Span span, Code code, Object... args) {
        requireNonNull(span, "span is null");
        return new Diagnostic(code, code.severity(), span.file(), span, code.format(args), null, null);
    }

    public static Diagnostic inFile(SourceFile file, Code code, Object... args) {
        return new Diagnostic(code, code.severity(), file, null, code.format(args), null, null);
    }

    public Diagnostic withHelp(String help) {
        return new Diagnostic(code, severity, file, span, message, help, cause);
    }

    public Diagnostic withCause(Throwable t) {
        return new Diagnostic(code, severity, file, span, message, help, t);
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, file, span, message, help, cause);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    public String fileName() {
        return file == null ? "<input>" : file.name();
    }

    public int line() {
        return span == null ? 1 : span.line();
    }

    public int column() {
        return span == null ? 1 : span.column();
    }

    public int endLine() {
        return span == null ? 1 : span.endLine();
    }

    public int endColumn() {
        return span == null ? 1 : span.endColumn();
    }

    /** The one-line form: {@code FILE:LINE:COL: error[CODE]: message}. */
    public String headline() {
        return fileName() + ":" + line() + ":" + column() + ": " + severity.label() + "[" + code.id() + "]: " + message;
    }

    public static int errorCount(List<Diagnostic> diagnostics) {
        return (int) diagnostics.stream().filter(Diagnostic::isError).count();
    }
}
