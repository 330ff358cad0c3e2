package camp.cli;

import camp.diag.DiagnosticRenderer;
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
        description = {"Continue a failed, paused or waiting run from where it stopped.",
            "A failed run restarts at its failed task (earlier tasks are not run again); a waiting run goes on once",
            "its wait is over; a paused run goes on where it paused."},
        footer = {"", "Examples:", "  camp resume 20260310T080000Z", "  camp resume 20260310T080000Z --db data/crm.duckdb --format json"})
final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String run;

    @CommandLine.Mixin
    DatabaseOption database;

    @Option(names = "--outbox", paramLabel = "PATH", description = "The file outbox (default: outbox/RUN.jsonl beside the database).")
    Path outbox;

    @CommandLine.Mixin
    FormatOption output;

    @CommandLine.Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = this.database.path;
        RunResult result;
        try {
            result = Interpreter.resume(run, database, outbox, new ProgressPrinter(err, !output.json()));
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException | IOException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        }
        return Reports.result(result, output.format, out, err, new DiagnosticRenderer(verbosity.verbose));
    }
}
