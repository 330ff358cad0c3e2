package camp.cli;

import camp.run.Store;
import camp.run.TaskStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp status RUN}: where a run is: its state, its current or last task, its progress, when its wait ends. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show where a run is: its state (an interrupted run is one recorded as running that no process runs",
            "any more), its current or last task, how many tasks are settled, and when its wait ends."},
        footer = {"",
            "With --format json, one object on stdout:",
            "  {\"run\",\"campaign\",\"status\",\"logicalTime\",\"task\":{\"activity\",\"status\"},",
            "   \"progress\":{\"settled\",\"tasks\"},\"waitingUntil\",\"owner\":{\"pid\",\"alive\"},\"error\"}",
            "(\"task\", \"waitingUntil\", \"owner\" and \"error\" are null when there is none). While the run's process",
            "holds the database, what its event log says: {\"run\",\"status\",\"task\",\"progress\",\"live\":true}.",
            "",
            "Exit codes: 0 ok, 2 usage, unknown run, or a missing or unreadable database.",
            "",
            "Examples:",
            "  camp status 20260310T080000Z",
            "  camp status 20260310T080000Z --format json | jq -r .status"})
final class StatusCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @CommandLine.Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path();
        try (Connection c = RunState.open(db)) {
            Store store = new Store(c);
            Store.RunRow run = RunState.requireRun(store, db, runId);
            Map<String, Store.TaskRow> tasks = store.tasks(run.id());
            Optional<Store.TaskRow> current = tasks.values().stream()
                    .filter(t -> t.status() == TaskStatus.RUNNING || t.status() == TaskStatus.WAITING || t.status() == TaskStatus.FAILED)
                    .findFirst()
                    .or(() -> tasks.values().stream().filter(t -> t.startedAt() != null)
                            .max(Comparator.comparing(Store.TaskRow::startedAt)));
            long settled = tasks.values().stream().filter(t -> t.status().isSettled()).count();
            Instant waitingUntil = tasks.values().stream().filter(t -> t.status() == TaskStatus.WAITING && t.releaseAt() != null)
                    .map(Store.TaskRow::releaseAt).min(Instant::compareTo).orElse(null);
            if (output.json()) {
                ObjectNode o = Json.object();
                o.put("run", run.id());
                o.put("campaign", run.campaign());
                o.put("status", run.shownStatus());
                o.put("logicalTime", RunState.iso(run.logicalTime()));
                if (current.isPresent()) {
                    o.putObject("task").put("activity", current.get().activity()).put("status", current.get().status().label());
                } else {
                    o.putNull("task");
                }
                o.putObject("progress").put("settled", settled).put("tasks", tasks.size());
                o.put("waitingUntil", RunState.iso(waitingUntil));
                if (run.owner() != null) {
                    o.putObject("owner").put("pid", run.owner().pid()).put("alive", run.owner().alive());
                } else {
                    o.putNull("owner");
                }
                o.put("error", run.error());
                out.println(Json.write(o));
                return ExitCodes.OK;
            }
            ZoneId zone = ZoneId.of(run.timezone());
            out.println("run " + run.id() + " of '" + run.campaign() + "': " + run.shownStatus()
                    + (run.interrupted() && run.owner() != null ? " (process " + run.owner().pid() + " is gone: camp resume " + run.id() + ")" : "")
                    + (run.status() == camp.run.RunStatus.RUNNING && !run.interrupted() && run.owner() != null
                            ? " in process " + run.owner().pid() : ""));
            out.println("  logical time  " + run.logicalTime() + " (" + run.logicalTime().atZone(zone).toLocalDateTime().toString()
                    .replace('T', ' ') + " " + zone + ")");
            out.println("  progress      " + settled + " of " + tasks.size() + " tasks settled");
            current.ifPresent(t -> out.println("  task          " + t.activity() + " (" + t.status() + ")"));
            if (waitingUntil != null) {
                out.println("  waiting until " + waitingUntil + " (" + waitingUntil.atZone(zone).toLocalDateTime().toString()
                        .replace('T', ' ') + " " + zone + ")");
            }
            if (run.error() != null) {
                out.println("  error         " + run.error());
            }
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            if (LiveRun.inUse(f)) {
                return LiveRun.status(db, runId, output.format, out, err);
            }
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }
}
