package camp.sql;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one step: statements to run in order, the table of each output port, the scratch
 * tables to drop when the task ends, statements that record state only when the run is not a
 * dry run ({@code commit}), and counts to report in the log ({@code logCounts}: label to query).
 */
public record Lowered(List<String> statements, Map<String, String> outputs, List<String> scratch, List<String> commit,
        Map<String, String> logCounts) {
    public Lowered {
        statements = List.copyOf(statements);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        scratch = List.copyOf(scratch);
        commit = List.copyOf(commit);
        logCounts = Collections.unmodifiableMap(new LinkedHashMap<>(logCounts));
    }

    /** All statements as one script, for camp sql and the task record. */
    public String script() {
        StringBuilder b = new StringBuilder();
        for (String s : statements) {
            b.append(s).append(";\n");
        }
        return b.toString();
    }
}
