package camp.cli;

import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunStatus;
import camp.run.Store;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp purge RUN...}: drops the worktables of finished runs; their runs, tasks and logs stay. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Drop the worktables of finished runs to give their space back; the runs, tasks, logs, saved",
            "audiences and delivery history stay. A purged run can no longer be previewed or resumed."},
        footer = {"", "Examples:", "  camp purge 20260310T080000Z", "  camp purge --db data/crm.duckdb 20260310T080000Z 20260311T080000Z"})
final class PurgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "The run ids (see camp runs).")
    List<String> runs;

    @CommandLine.Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = this.database.path;
        try (Connection c = Database.open(database)) {
            Store store = new Store(c);
            for (String run : runs) {
                var row = store.run(run);
                if (row.isEmpty()) {
                    err.println("camp: no run '" + run + "' in " + database + " (see camp runs)");
                    return ExitCodes.USAGE;
                }
                RunStatus status = row.get().status();
                if (status == RunStatus.RUNNING || status == RunStatus.WAITING || status == RunStatus.PAUSED) {
                    err.println("camp: run '" + run + "' is " + status + "; stop it before purging it");
                    return ExitCodes.USAGE;
                }
                store.purge(run, Interpreter.runSchema(run));
                store.log(run, null, "info", "worktables purged");
                out.println("purged the worktables of " + run);
            }
            return ExitCodes.OK;
        } catch (SQLException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
