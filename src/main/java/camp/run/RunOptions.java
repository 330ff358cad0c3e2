package camp.run;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * How to run a campaign.
 *
 * @param at the logical time (what now() is), or null for the current time of {@code clock}
 * @param params param values as given on the command line (text, parsed by type)
 * @param outbox the file outbox, or null for the default: {@code outbox/<database name>/<run>.jsonl} beside the database
 * @param clock what time it is for the run's waits (a wait holds the run until this clock reaches its time);
 *     the system clock, or the scheduler's simulated one
 * @param launch the scheduled launch this run is, recorded with the run so that it never happens twice; or null
 * @param shutdown true when the process is asked to end: the run goes no further than its current task
 * @param providers {@code --provider} values, channel to URL: where each channel sends, over {@code camp.toml}
 * @param test a test run ({@code --test}): a dry run whose channels send to the campaign's test audience
 */
public record RunOptions(Path file, Path db, Instant at, Map<String, String> params, boolean dryRun, Path outbox,
        RunListener listener, Clock clock, Launch launch, BooleanSupplier shutdown, Map<String, String> providers, boolean test) {

    /** A launch of a campaign's schedule: the campaign and the slot (its logical time). */
    public record Launch(String campaign, Instant slot) {
    }

    public RunOptions {
        params = Map.copyOf(params);
        listener = listener == null ? RunListener.NONE : listener;
        clock = clock == null ? Clock.systemUTC() : clock;
        shutdown = shutdown == null ? () -> false : shutdown;
        providers = providers == null ? Map.of() : Map.copyOf(providers);
        dryRun = dryRun || test; // a test run saves nothing and sends to its test audience only
    }

    public RunOptions(Path file, Path db, Instant at, Map<String, String> params, boolean dryRun, Path outbox,
            RunListener listener, Clock clock, Launch launch, BooleanSupplier shutdown, Map<String, String> providers) {
        this(file, db, at, params, dryRun, outbox, listener, clock, launch, shutdown, providers, false);
    }

    /** The same options, as a test run or not. */
    public RunOptions withTest(boolean value) {
        return new RunOptions(file, db, at, params, dryRun, outbox, listener, clock, launch, shutdown, providers, value);
    }

    public RunOptions(Path file, Path db, Instant at, Map<String, String> params, boolean dryRun, Path outbox,
            RunListener listener, Clock clock, Launch launch, BooleanSupplier shutdown) {
        this(file, db, at, params, dryRun, outbox, listener, clock, launch, shutdown, Map.of(), false);
    }

    /** The same options, with these {@code --provider} values. */
    public RunOptions withProviders(Map<String, String> values) {
        return new RunOptions(file, db, at, params, dryRun, outbox, listener, clock, launch, shutdown, values, test);
    }

    public RunOptions(Path file, Path db, Instant at, Map<String, String> params, boolean dryRun, Path outbox,
            RunListener listener) {
        this(file, db, at, params, dryRun, outbox, listener, null, null, null);
    }

    /** The outbox of a run: the one given, else one file per run in the database's {@code outbox/} folder. */
    public Path outboxFile(String runId) {
        if (outbox != null) {
            return outbox;
        }
        return Database.sideFolder(db, "outbox").resolve(runId + ".jsonl");
    }
}
