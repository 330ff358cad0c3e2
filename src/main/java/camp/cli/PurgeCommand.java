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
            "audiences and delivery history stay. A purged run can no longer be previewed or resumed.",
            "With --older-than, every finished run that ended longer ago than that."},
        footer = {"", "Examples:", "  camp purge 20260310T080000Z", "  camp purge --older-than 30d",
            "  camp purge --db data/crm.duckdb 20260310T080000Z 20260311T080000Z"})
final class PurgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "The run ids (see camp runs).")
    List<String> runs = List.of();

    @picocli.CommandLine.Option(names = "--older-than", paramLabel = "DURATION",
            description = "Every finished run that ended longer ago than this (30d, 12h, 2w).")
    String olderThan;

    @CommandLine.Mixin
    DatabaseOption database;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = this.database.path;
        if (runs.isEmpty() == (olderThan == null)) {
            err.println("camp: name the runs to purge, or give --older-than (not both)");
            return ExitCodes.USAGE;
        }
        java.time.Duration age;
        try {
            age = olderThan == null ? null : Durations.parse(olderThan);
        } catch (IllegalArgumentException e) {
            err.println("camp: --older-than " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try (Connection c = Database.openExisting(database)) {
            Store store = new Store(c);
            List<String> chosen = age == null ? runs : store.purgeable(java.time.Instant.now().minus(age));
            if (age != null && chosen.isEmpty()) {
                out.println("no finished run with worktables ended more than " + olderThan + " ago");
            }
            for (String run : chosen) {
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
