package camp.check;

import camp.diag.Diagnostic;
import camp.diag.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expectations a .camp case carries in comments (jlox style), one per line:
 * <pre>
 * // expect-error: E0201 12:10 unknown entity 'profils'
 * // expect-error: E0104 lib/cycle_b.camp:2:8 import cycle: ...   (a diagnostic in another file)
 * // expect-warning: W0508 6:10 the output of 'all' goes nowhere
 * // expect-warning: W0508                                         (valid cases: the code only)
 * </pre>
 * Positions are 1-based line:column in code points, of the start of the primary span; the
 * message is the exact text. A file given before the position is relative to the case's folder.
 */
record Expectations(List<Expected> diagnostics) {
    private static final Pattern LINE = Pattern.compile(
            "^//\\s*expect-(error|warning):\\s*([EW]\\d{4})(?:\\s+(?:(\\S+):)?(\\d+):(\\d+)\\s+(.*?))?\\s*$");

    /** One expected diagnostic; {@code file}, {@code line} and {@code message} are null when only the code is given. */
    record Expected(Severity severity, String code, String file, Integer line, Integer column, String message) {
        boolean hasPosition() {
            return line != null;
        }

        String describe() {
            return describe(code, file, line, column, message);
        }

        static String describe(String code, String file, Integer line, Integer column, String message) {
            return line == null ? code : code + " " + file + ":" + line + ":" + column + " " + message;
        }
    }

    static Expectations parse(String fileName, String text) {
        List<Expected> out = new ArrayList<>();
        for (String raw : text.split("\r?\n", -1)) {
            Matcher m = LINE.matcher(raw.strip());
            if (!m.matches()) {
                if (raw.strip().matches("^//\\s*expect-.*")) {
                    throw new IllegalArgumentException(fileName + ": malformed expectation: " + raw);
                }
                continue;
            }
            Severity severity = m.group(1).equals("error") ? Severity.ERROR : Severity.WARNING;
            String code = m.group(2);
            if ((severity == Severity.ERROR) != code.startsWith("E")) {
                throw new IllegalArgumentException(fileName + ": code " + code + " does not match expect-" + m.group(1));
            }
            if (m.group(4) == null) {
                out.add(new Expected(severity, code, null, null, null, null));
            } else {
                String file = m.group(3) == null ? fileName : m.group(3);
                out.add(new Expected(severity, code, file, Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), m.group(6)));
            }
        }
        return new Expectations(List.copyOf(out));
    }

    List<Expected> errors() {
        return diagnostics.stream().filter(e -> e.severity() == Severity.ERROR).toList();
    }

    List<Expected> warnings() {
        return diagnostics.stream().filter(e -> e.severity() == Severity.WARNING).toList();
    }

    Set<String> warningCodes() {
        Set<String> codes = new LinkedHashSet<>();
        warnings().forEach(w -> codes.add(w.code()));
        return codes;
    }

    /** The expected diagnostics, one per line, in a stable order for a readable diff. */
    String describeExpected() {
        return diagnostics.stream().sorted(ORDER).map(Expected::describe).reduce("", (a, b) -> a + b + "\n");
    }

    /**
     * The actual diagnostics described the same way: every error, and the warnings whose code
     * is expected (other warnings are not part of what a case pins).
     */
    String describeActual(List<Diagnostic> actual) {
        Set<String> warningCodes = warningCodes();
        return actual.stream()
                .filter(d -> d.isError() || warningCodes.contains(d.code().id()))
                .map(d -> new Expected(d.severity(), d.code().id(), d.fileName(), d.line(), d.column(), d.message()))
                .sorted(ORDER)
                .map(Expected::describe)
                .reduce("", (a, b) -> a + b + "\n");
    }

    private static final Comparator<Expected> ORDER = Comparator
            .comparing((Expected e) -> e.file() == null ? "" : e.file())
            .thenComparing(e -> e.line() == null ? 0 : e.line())
            .thenComparing(e -> e.column() == null ? 0 : e.column())
            .thenComparing(Expected::code)
            .thenComparing(e -> e.message() == null ? "" : e.message());
}
