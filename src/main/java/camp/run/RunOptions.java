package camp.run;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * How to run a campaign.
 *
 * @param at the logical time (what now() is), or null for the current time
 * @param params param values as given on the command line (text, parsed by type)
 * @param outbox the file outbox, or null for the default: {@code outbox/<run>.jsonl} beside the database
 */
public record RunOptions(Path file, Path db, Instant at, Map<String, String> params, boolean dryRun, Path outbox,
        RunListener listener) {
    public RunOptions {
        params = Map.copyOf(params);
        listener = listener == null ? RunListener.NONE : listener;
    }

    /** The outbox of a run: the one given, else one file per run in {@code outbox/} beside the database. */
    public Path outboxFile(String runId) {
        if (outbox != null) {
            return outbox;
        }
        Path parent = db.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("outbox").resolve(runId + ".jsonl");
    }
}
