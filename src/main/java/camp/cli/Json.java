package camp.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import camp.diag.Diagnostic;
import java.util.List;

/** JSON output shared by the commands: one object on stdout, stable field order. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    /**
     * A failure in JSON mode: {@code {"error","exitCode","meaning"}} on stdout, where a program
     * reading the output finds it (the same text also goes to stderr for a person); returns the code.
     */
    static int error(java.io.PrintWriter out, java.io.PrintWriter err, boolean json, int exitCode, String message) {
        err.println("camp: " + message);
        if (json) {
            ObjectNode e = object();
            e.put("error", message);
            e.put("exitCode", exitCode);
            e.put("meaning", ExitCodes.meaning(exitCode));
            out.println(write(e));
        }
        return exitCode;
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode o = object();
        o.put("file", d.fileName());
        o.put("line", d.line());
        o.put("column", d.column());
        o.put("endLine", d.endLine());
        o.put("endColumn", d.endColumn());
        o.put("severity", d.severity().label());
        o.put("code", d.code().id());
        o.put("message", d.message());
        if (d.help() != null) {
            o.put("help", d.help());
        }
        return o;
    }

    static ObjectNode diagnostics(List<Diagnostic> all) {
        ObjectNode root = object();
        ArrayNode list = root.putArray("diagnostics");
        int errors = 0;
        for (Diagnostic d : all) {
            list.add(diagnostic(d));
            if (d.isError()) {
                errors++;
            }
        }
        root.put("errors", errors);
        root.put("warnings", all.size() - errors);
        return root;
    }
}
