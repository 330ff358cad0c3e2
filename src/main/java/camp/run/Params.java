package camp.run;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Suggestions;
import camp.ir.Param;
import camp.ir.Plan;
import camp.source.SourceFile;
import camp.types.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Param values: the defaults of the script, overridden by {@code --param NAME=VALUE} parsed by type. */
public final class Params {
    private Params() {
    }

    /**
     * The param values of a run; a --param that the script does not declare, a value that does
     * not parse as its type, or a param without default and without value is an
     * {@link IllegalArgumentException} with a message for the command line.
     */
    public static Map<String, Object> resolve(Plan plan, Map<String, String> given) {
        List<Diagnostic> problems = new java.util.ArrayList<>();
        Map<String, Object> values = resolve(plan, given, problems, null);
        if (!problems.isEmpty()) {
            List<String> messages = new java.util.ArrayList<>();
            for (Diagnostic d : problems) {
                messages.add(d.message() + (d.help() == null ? "" : " (" + d.help() + ")"));
            }
            throw new IllegalArgumentException(String.join("; ", messages));
        }
        return values;
    }

    public static Map<String, Object> resolve(Plan plan, Map<String, String> given, List<Diagnostic> problems, SourceFile file) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Param p : plan.params().values()) {
            values.put(p.name(), p.defaultValue());
        }
        for (var e : given.entrySet()) {
            Param p = plan.params().get(e.getKey());
            if (p == null) {
                problems.add(Diagnostic.inFile(file, Code.UNKNOWN_PARAM, e.getKey())
                        .withHelp(Suggestions.didYouMean(e.getKey(), plan.params().keySet())));
                continue;
            }
            try {
                values.put(p.name(), parse(p.type(), e.getValue()));
            } catch (RuntimeException x) {
                problems.add(Diagnostic.inFile(file, Code.TYPE_MISMATCH, "--param " + p.name(), p.type(), "'" + e.getValue() + "'"));
            }
        }
        for (Param p : plan.params().values()) {
            if (!p.hasDefault() && !given.containsKey(p.name())) {
                problems.add(Diagnostic.inFile(file, Code.MISSING_CONTENT, "param '" + p.name() + "'",
                        "a value: it has no default, so give it with --param " + p.name() + "=VALUE"));
            }
        }
        return values;
    }

    static Object parse(Type type, String text) {
        String t = text.trim();
        return switch (type) {
            case INT -> Long.parseLong(t);
            case DECIMAL, FLOAT -> new BigDecimal(t);
            case TEXT -> text;
            case BOOL -> switch (t.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> Boolean.TRUE;
                case "false", "no", "0" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(t);
            };
            case DATE -> LocalDate.parse(t);
            case TIMESTAMP -> LocalDateTime.parse(t.replace(' ', 'T'));
            default -> throw new IllegalArgumentException(t);
        };
    }
}
