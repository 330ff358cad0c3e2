package camp.cli;

import camp.run.Store;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp tasks RUN}: the tasks of one run in plan order, with their counts, times and errors. */
@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {
            "Show the tasks of a run in plan order: status, start and end, duration, input rows, "
                    + "output rows per port, the activity's line:col in the .camp file, and errors."},
        footer = {
            "",
            "With --format json, one object on stdout:",
            "  {\"run\",\"status\",\"tasks\":[{\"activity\",\"kind\",\"status\",\"startedAt\",",
            "   \"endedAt\",\"durationMs\",\"input\",\"outputs\":{PORT:N},\"error\",\"line\",",
            "   \"column\"}]}, and \"sql\" in each task with --sql.",
            "",
            "Exit codes: 0 ok, 2 usage, unknown run, or a missing, locked or",
            "unreadable database.",
            "",
            "Examples:",
            "  camp tasks 20260310T090000Z",
            "  camp tasks --sql 20260310T090000Z"})
final class TasksCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--sql", description = "Also show the SQL each task ran.")
    boolean sql;

    @CommandLine.Mixin
    FormatOption output;

    /** One row of the tasks state table, as read. */
    private record Task(String activity, String kind, String status, String startedAt, String endedAt,
            Long input, JsonNode outputs, String rawOutputs, String sql, String error, Integer line, Integer column) {
        Long durationMs() {
            return RunState.millisBetween(startedAt, endedAt);
        }

        String position() {
            return line == null ? null : line + (column == null ? "" : ":" + column);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path();
        try (Connection c = RunState.open(db)) {
            Store store = new Store(c);
            Store.RunRow run = RunState.requireRun(store, db, runId);
            List<Task> tasks = read(store);
            if (output.json()) {
                out.println(Json.write(json(run, tasks)));
            } else {
                printText(run, tasks, out);
            }
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            if (LiveRun.inUse(f)) {
                return LiveRun.tasks(db, runId, output.format, out, err);
            }
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    private List<Task> read(Store store) throws SQLException {
        List<Task> tasks = new ArrayList<>();
        for (Store.TaskRow t : store.tasks(runId).values()) {
            tasks.add(new Task(t.activity(), t.kind(), t.status().label(), RunState.iso(t.startedAt()), RunState.iso(t.endedAt()),
                    t.input(), parseOutputs(t.rawOutputs()), t.rawOutputs(), t.sql(), t.error(), t.line(), t.column()));
        }
        return tasks;
    }

    /** The outputs column as a JSON object, or null when it is missing or not an object. */
    private static JsonNode parseOutputs(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            JsonNode node = Json.MAPPER.readTree(raw);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ObjectNode json(Store.RunRow run, List<Task> tasks) {
        ObjectNode root = Json.object();
        root.put("run", run.id());
        root.put("status", run.status().label());
        ArrayNode list = root.putArray("tasks");
        for (Task t : tasks) {
            ObjectNode o = list.addObject();
            o.put("activity", t.activity());
            o.put("kind", t.kind());
            o.put("status", t.status());
            o.put("startedAt", t.startedAt());
            o.put("endedAt", t.endedAt());
            o.put("durationMs", t.durationMs());
            o.put("input", t.input());
            if (t.outputs() != null) {
                o.set("outputs", t.outputs());
            } else if (t.rawOutputs() != null) {
                o.put("outputs", t.rawOutputs());
            } else {
                o.putObject("outputs");
            }
            o.put("error", t.error());
            o.put("line", t.line());
            o.put("column", t.column());
            if (sql) {
                o.put("sql", t.sql());
            }
        }
        return root;
    }

    private void printText(Store.RunRow run, List<Task> tasks, PrintWriter out) {
        out.println("run " + run.id() + " (" + run.campaign() + "): " + run.status() + ", " + RunState.plural(tasks.size(), "task"));
        TextTable table = new TextTable("ACTIVITY", "KIND", "STATUS", "STARTED", "ENDED", "DURATION", "INPUT", "OUTPUTS", "AT")
                .alignRight(5, 6);
        for (Task t : tasks) {
            table.add(t.activity(), t.kind(), t.status(), RunState.seconds(t.startedAt()), RunState.seconds(t.endedAt()),
                    RunState.durationText(t.durationMs()), t.input(), outputsText(t), t.position());
        }
        table.print(out);
        for (Task t : tasks) {
            if (t.error() != null) {
                out.println();
                out.println("error in " + t.activity() + (t.position() == null ? "" : " (" + t.position() + ")") + ":");
                out.println(indent(t.error()));
            }
        }
        if (sql) {
            for (Task t : tasks) {
                out.println();
                out.println("-- " + t.activity() + " (" + t.kind() + (t.position() == null ? "" : ", " + t.position()) + ")");
                out.println(t.sql() == null || t.sql().isBlank() ? "-- no SQL recorded" : t.sql().strip());
            }
        }
    }

    /** {@code gold=120 silver=40}, in the order the interpreter wrote the ports. */
    private static String outputsText(Task t) {
        if (t.outputs() == null) {
            return t.rawOutputs();
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, JsonNode> port : t.outputs().properties()) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(port.getKey()).append('=').append(port.getValue().asText());
        }
        return b.toString();
    }

    private static String indent(String text) {
        return "  " + text.strip().replace("\n", "\n  ");
    }
}
