package camp.cli;

import camp.diag.DiagnosticRenderer;
import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp resume RUN}: continues a failed, paused or waiting run from where it stopped. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue a failed, paused, waiting or interrupted run from where it stopped.",
            "A failed run restarts at its failed task (earlier tasks are not run again); an interrupted run (its",
            "process was killed or ended) redoes the task it was in; a paused run goes on where it paused; a",
            "waiting run goes on once its wait is over, and is refused before that unless --now is given."},
        footer = {"",
            "With --format json, one object on stdout, as camp run --format json writes it.",
            "",
            "Exit codes: 0 the run completed or waits again, 1 the campaign no longer checks, 2 usage, unknown",
            "run, a run that cannot be resumed (completed, stopped, running in another process, waiting until",
            "later), 3 the run failed, 4 internal error.",
            "",
            "Examples:",
            "  camp resume 20260310T080000Z",
            "  camp resume 20260310T080000Z --now          # a waiting run: its wait is over now",
            "  camp resume 20260310T080000Z --db data/crm.duckdb --format json"})
final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String run;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--outbox", paramLabel = "PATH", description = "The file outbox (default: outbox/RUN.jsonl beside the database).")
    Path outbox;

    @CommandLine.Mixin
    ProviderOption delivery;

    @CommandLine.Mixin
    FormatOption output;

    @CommandLine.Mixin
    VerboseOption verbosity;

    @Option(names = "--now", description = "A waiting run goes on now, as if its wait were over.")
    boolean now;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = this.database.forWriting();
        RunResult result;
        try {
            result = Interpreter.resume(run, database, outbox, delivery.providers, new ProgressPrinter(err, !output.json()), null, now, null);
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Database.Unavailable e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException | IOException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        return Reports.result(result, output.format, out, err, new DiagnosticRenderer(verbosity.verbose));
    }
}
