package camp.diag;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import camp.source.Span;
import java.util.Collection;
import java.util.List;

/**
 * One problem found in a .camp file: where, how bad, which code, what to do about it.
 *
 * <p>{@code span} is null only for problems that concern a whole file that could not be read;
 * then {@code file} names it. {@code help} is an optional hint such as "did you mean 'x'?".
 * {@code replacements} are the texts that may replace the span to fix the problem, best first:
 * the "did you mean" of the help as a structured value, so that an editor offers it as a quick
 * fix without reading the message (empty when there is none).
 */
public record Diagnostic(
        Code code, Severity severity, SourceFile file, Span span, String message, String help, Throwable cause,
        List<String> replacements) {

    public Diagnostic {
        requireNonNull(code, "code is null");
        requireNonNull(severity, "severity is null");
        requireNonNull(message, "message is null");
        if (span != null) {
            file = span.file();
        }
        replacements = replacements == null ? List.of() : List.copyOf(replacements);
    }

    public Diagnostic(Code code, Severity severity, SourceFile file, Span span, String message, String help, Throwable cause) {
        this(code, severity, file, span, message, help, cause, List.of());
    }

    public static Diagnostic at(Span span, Code code, Object... args) {
        requireNonNull(span, "span is null");
        return new Diagnostic(code, code.severity(), span.file(), span, code.format(args), null, null);
    }

    public static Diagnostic inFile(SourceFile file, Code code, Object... args) {
        return new Diagnostic(code, code.severity(), file, null, code.format(args), null, null);
    }

    public Diagnostic withHelp(String help) {
        return new Diagnostic(code, severity, file, span, message, help, cause, replacements);
    }

    /**
     * This diagnostic with the "did you mean" of an unknown name whose span is exactly the name:
     * the closest candidate is the help ({@link Suggestions#didYouMean}) and the replacement.
     * Nothing close enough: no help and no replacement.
     */
    public Diagnostic withDidYouMean(String unknown, Collection<String> candidates) {
        return withDidYouMean(unknown, candidates, null);
    }

    /** As {@link #withDidYouMean(String, Collection)}, with {@code otherwise} as the help when nothing is close. */
    public Diagnostic withDidYouMean(String unknown, Collection<String> candidates, String otherwise) {
        String closest = Suggestions.closest(unknown, candidates).orElse(null);
        if (closest == null) {
            return withHelp(otherwise);
        }
        return withSuggestion(closest, closest);
    }

    /**
     * This diagnostic with the help "did you mean 'suggestion'?" and {@code replacement}, the text
     * that replaces the whole span to apply it (the suggestion itself when the span is the name).
     */
    public Diagnostic withSuggestion(String suggestion, String replacement) {
        return new Diagnostic(code, severity, file, span, message, Suggestions.help(suggestion), cause,
                replacement == null ? List.of() : List.of(replacement));
    }

    public Diagnostic withCause(Throwable t) {
        return new Diagnostic(code, severity, file, span, message, help, t, replacements);
    }

    public Diagnostic withSeverity(Severity s) {
        return new Diagnostic(code, s, file, span, message, help, cause, replacements);
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
