package camp.sql;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one step, exactly as a run executes it, in this order:
 * <ol>
 *   <li>{@code prepare}: the shared aggregate tables it reads and its scratch tables;</li>
 *   <li>{@code query}: what the run reads before the rest: the branch a test takes, the
 *       release time of a {@code wait until}; else null;</li>
 *   <li>{@code load}: for a load, the statements that read, type and insert the file's rows;</li>
 *   <li>{@code delivery}: for a channel, the ledger through which its messages are sent;</li>
 *   <li>{@code body}: the worktable of every output port;</li>
 *   <li>{@code finish}: what only a real run records: the incremental history, the saved audience.</li>
 * </ol>
 * Nothing here runs SQL; {@link #render()} is what {@code camp sql} prints.
 *
 * @param outputs the table of each output port
 * @param scratch the temporary tables to drop when the task ends
 * @param logCounts counts a run writes to the log: label to {@code SELECT count(*)} query
 */
public record StepScript(String activity, String kind, int line, List<String> prepare, String query, LoadSql load,
        DeliverySql delivery, List<String> body, List<String> finish, Map<String, String> outputs, List<String> scratch,
        Map<String, String> logCounts) {

    public StepScript {
        requireNonNull(activity, "activity is null");
        prepare = List.copyOf(prepare);
        body = List.copyOf(body);
        finish = List.copyOf(finish);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        scratch = List.copyOf(scratch);
        logCounts = Collections.unmodifiableMap(new LinkedHashMap<>(logCounts));
    }

    /**
     * The script as {@code camp sql} prints it: a header naming the activity, then every
     * statement in the order a real run executes them, each ending with {@code ;}. The parts a
     * run fills from outside the database are introduced by a comment line.
     */
    public String render() {
        StringBuilder b = new StringBuilder("-- ").append(activity).append(": ").append(kind).append(" (line ").append(line)
                .append(")\n");
        prepare.forEach(s -> statement(b, s));
        if (query != null) {
            statement(b, query);
        }
        if (load != null) {
            b.append(load.readsFiles()
                    ? "-- the file, read by DuckDB and typed by camp's rules; its line starts and rejected lines come from camp's scan of it:\n"
                    : "-- the file, read and typed by camp's reader; its rows and rejected lines copied in from camp:\n");
            load.statements().forEach(s -> statement(b, s));
        }
        if (delivery != null) {
            b.append("-- sending: planned in the ledger, handed to the provider, then recorded batch by batch:\n");
            delivery.sending().forEach(s -> statement(b, s));
        }
        body.forEach(s -> statement(b, s));
        finish.forEach(s -> statement(b, s));
        return b.toString();
    }

    private static void statement(StringBuilder b, String s) {
        b.append(s).append(";\n");
    }
}
