package camp.cli;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Severity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code camp check --format sarif}: the diagnostics as one SARIF 2.1.0 log, which code scanning
 * services (GitHub's {@code upload-sarif}, GitLab, Azure DevOps) show on the lines of a change.
 *
 * <p>One run; its tool is camp, with one rule per diagnostic code that appears (in the order of
 * {@link Code}), each result pointing at its rule by id and index. File locations are URIs
 * relative to the working folder, with forward slashes (absolute {@code file:} URIs for files
 * outside it). Regions use camp's own positions: 1-based lines and 1-based columns counted in
 * Unicode code points, the end column one past the last character, as SARIF's
 * {@code unicodeCodePoints} column kind says (declared on the run). The same diagnostic reached
 * through several checked files (an error in a shared import) is one result. Files that could not
 * be read are tool execution notifications of the run's invocation, which then did not succeed.
 */
final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifReport() {
    }

    /** The SARIF log, pretty-printed, every character beyond ASCII escaped so that any output encoding carries it. */
    static String write(List<Diagnostic> diagnostics, List<String> unreadable, Path workingFolder) {
        ObjectWriter writer = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).withDefaultPrettyPrinter();
        try {
            return writer.writeValueAsString(log(diagnostics, unreadable, workingFolder));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode log(List<Diagnostic> diagnostics, List<String> unreadable, Path workingFolder) {
        List<Diagnostic> distinct = distinct(diagnostics);
        Map<Code, Integer> ruleIndex = new EnumMap<>(Code.class);
        for (Diagnostic d : distinct) {
            ruleIndex.put(d.code(), 0);
        }
        int next = 0;
        for (Code code : ruleIndex.keySet()) {
            ruleIndex.put(code, next++);
        }
        ObjectNode root = Json.object();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "camp");
        driver.put("version", version());
        ArrayNode rules = driver.putArray("rules");
        for (Code code : ruleIndex.keySet()) {
            rules.add(rule(code));
        }
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", unreadable.isEmpty());
        if (!unreadable.isEmpty()) {
            ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
            for (String problem : unreadable) {
                ObjectNode n = notifications.addObject();
                n.put("level", "error");
                n.putObject("message").put("text", problem);
            }
        }
        run.put("columnKind", "unicodeCodePoints");
        ArrayNode results = run.putArray("results");
        for (Diagnostic d : distinct) {
            results.add(result(d, ruleIndex.get(d.code()), workingFolder));
        }
        return root;
    }

    private static ObjectNode rule(Code code) {
        ObjectNode rule = Json.object();
        rule.put("id", code.id());
        rule.put("name", name(code));
        rule.putObject("shortDescription").put("text", title(code));
        String full = title(code) + " Reported by camp's " + stage(code) + " checks (codes " + code.id().substring(0, 3) + "xx).";
        rule.putObject("fullDescription").put("text", full);
        rule.putObject("help").put("text", full);
        rule.putObject("defaultConfiguration").put("level", level(code.severity() == Severity.ERROR));
        rule.putObject("properties").putArray("tags").add("camp").add(stage(code));
        return rule;
    }

    private static ObjectNode result(Diagnostic d, int ruleIndex, Path workingFolder) {
        ObjectNode r = Json.object();
        r.put("ruleId", d.code().id());
        r.put("ruleIndex", ruleIndex);
        r.put("level", level(d.isError()));
        // the help ("did you mean 'x'?") is part of the message, as in --format github: no fix is
        // offered, because a diagnostic's span is not always exactly the text to replace
        r.putObject("message").put("text", d.message() + (d.help() == null ? "" : " (" + d.help() + ")"));
        ObjectNode physical = r.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(d, workingFolder));
        if (d.span() != null) {
            ObjectNode region = physical.putObject("region");
            region.put("startLine", d.line());
            region.put("startColumn", d.column());
            region.put("endLine", d.endLine());
            region.put("endColumn", d.endColumn());
        }
        return r;
    }

    /** The diagnostics without repeats, in their order: a shared import's error is reported once. */
    private static List<Diagnostic> distinct(List<Diagnostic> diagnostics) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            Path path = d.file() == null ? null : d.file().path();
            List<Object> key = java.util.Arrays.asList(path == null ? d.fileName() : path.toAbsolutePath().normalize().toString(),
                    d.code(), d.line(), d.column(), d.endLine(), d.endColumn(), d.message());
            if (seen.add(key)) {
                out.add(d);
            }
        }
        return out;
    }

    static String level(boolean error) {
        return error ? "error" : "warning";
    }

    /** The file of a diagnostic as a URI reference: relative to the working folder when inside it. */
    static String uri(Diagnostic d, Path workingFolder) {
        Path path = d.file() == null ? null : d.file().path();
        if (path == null) {
            return encode(d.fileName().replace('\\', '/'));
        }
        Path absolute = path.toAbsolutePath().normalize();
        Path base = workingFolder.toAbsolutePath().normalize();
        if (!absolute.startsWith(base)) {
            return absolute.toUri().toASCIIString();
        }
        List<String> parts = new ArrayList<>();
        for (Path part : base.relativize(absolute)) {
            parts.add(part.toString());
        }
        String relative = String.join("/", parts);
        // a first segment with ':' would read as a URI scheme
        return encode(parts.get(0).contains(":") ? "./" + relative : relative);
    }

    private static String encode(String path) {
        try {
            return new URI(null, null, path, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot make a URI of " + path, e);
        }
    }

    /** The rule's name: the code's constant in PascalCase, such as {@code UnknownEntity}. */
    static String name(Code code) {
        StringBuilder b = new StringBuilder();
        for (String word : code.name().split("_")) {
            b.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return b.toString();
    }

    /**
     * What the rule reports, as a sentence: its message with "..." for the variable parts, or the
     * code's name in words when the message is all variable (a syntax error says what it expected).
     */
    static String title(Code code) {
        String message = elided(code);
        String text = message.replace("...", "").isBlank() ? code.name().replace('_', ' ').toLowerCase(Locale.ROOT) : message;
        return Character.toUpperCase(text.charAt(0)) + text.substring(1) + (text.endsWith(".") ? "" : ".");
    }

    /**
     * The code's message with "..." for each argument. Its template takes strings ({@code %s})
     * and integers ({@code %d}); a long formats with both, and then stands for an argument.
     */
    private static String elided(Code code) {
        Object[] args = new Object[8];
        java.util.Arrays.fill(args, ELIDED);
        return code.format(args).replace(String.valueOf(ELIDED), "...");
    }

    private static final long ELIDED = 987_654_321_987L;

    /** The stage of a code, from its number (see {@link Code}). */
    static String stage(Code code) {
        return switch (code.id().substring(1, 3)) {
            case "00" -> "syntax";
            case "01" -> "files and statements";
            case "02" -> "names";
            case "03" -> "types";
            case "04" -> "activities";
            case "05" -> "flow";
            case "06" -> "schedule";
            case "07" -> "run time";
            case "08" -> "campaign tests";
            default -> "internal";
        };
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
