package camp.cli;

import camp.diag.Suggestions;
import camp.run.Store;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp logs RUN}: the log lines of a run in order, filtered by activity, level and text. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {
            "Show the log lines of a run in the order they were written, optionally only those of one "
                    + "activity, of a minimum level, or containing a text."},
        footer = {
            "",
            "Levels, least to most severe: debug, info, warn, error",
            "('alert' lines count as warn).",
            "Output: TIME LEVEL [ACTIVITY] MESSAGE, e.g.",
            "  2026-03-10T09:00:01Z INFO  [tiers] 1200 rows in, 3 ports out",
            "With --format json, one object on stdout:",
            "  {\"run\",\"logs\":[{\"seq\",\"at\",\"activity\",\"level\",\"message\"}]}",
            "",
            "Exit codes: 0 ok, 2 usage, unknown run or activity, or a missing, locked",
            "or unreadable database.",
            "",
            "Examples:",
            "  camp logs 20260310T090000Z --level warn",
            "  camp logs 20260310T090000Z --activity tiers --search timeout"})
final class LogsCommand implements Callable<Integer> {
    /** The severity of each level in SQL; unknown levels rank as info. */

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--activity", paramLabel = "A", description = "Only the lines of this activity.")
    String activity;

    @Option(names = "--level", paramLabel = "L", description = "Only lines of this level or more severe: debug, info, warn, error.")
    String level;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only lines whose message contains this text (ignoring case).")
    String search;

    @CommandLine.Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path();
        try {
            Integer minimumRank = level == null ? null : rank(level);
            try (Connection c = RunState.open(db)) {
                Store store = new Store(c);
                Store.RunRow run = RunState.requireRun(store, db, runId);
                if (activity != null) {
                    requireActivity(store, run);
                }
                ArrayNode logs = read(store, minimumRank);
                if (output.json()) {
                    ObjectNode root = Json.object();
                    root.put("run", run.id());
                    root.set("logs", logs);
                    out.println(Json.write(root));
                } else {
                    logs.forEach(line -> out.println(text(line)));
                }
                return ExitCodes.OK;
            }
        } catch (RunState.Failure f) {
            if (LiveRun.inUse(f)) {
                return LiveRun.logs(db, runId, activity, output.format, out, err);
            }
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    /** The rank of a --level value; alert ranks with warn. */
    static int rank(String level) throws RunState.Failure {
        switch (level.toLowerCase(Locale.ROOT)) {
            case "debug":
                return 0;
            case "info":
                return 1;
            case "warn":
            case "warning":
            case "alert":
                return 2;
            case "error":
                return 3;
            default:
                throw new RunState.Failure("unknown level '" + level + "' for --level (expected debug, info, warn or error)");
        }
    }

    private void requireActivity(Store store, Store.RunRow run) throws SQLException, RunState.Failure {
        List<String> known = store.activities(run.id());
        if (!known.contains(activity)) {
            String hint = Suggestions.didYouMean(activity, known);
            throw new RunState.Failure("run '" + run.id() + "' has no activity '" + activity + "'"
                    + (hint == null ? " (activities: " + String.join(", ", known) + ")" : "; " + hint));
        }
    }

    /** The filtered lines. */
    private ArrayNode read(Store store, Integer minimumRank) throws SQLException {
        ArrayNode logs = Json.MAPPER.createArrayNode();
        for (Store.LogRow row : store.logs(runId, activity, minimumRank, search)) {
            ObjectNode line = logs.addObject();
            line.put("seq", row.seq());
            line.put("at", RunState.iso(row.at()));
            line.put("activity", row.activity());
            line.put("level", row.level());
            line.put("message", row.message());
        }
        return logs;
    }

    /** {@code 2026-03-10T09:00:01Z INFO  [tiers] message}; later lines of a message are indented. */
    private static String text(com.fasterxml.jackson.databind.JsonNode line) {
        String at = RunState.seconds(line.get("at").asText());
        String levelText = String.format(Locale.ROOT, "%-5s", line.get("level").asText().toUpperCase(Locale.ROOT));
        String activityText = line.get("activity").isNull() ? "" : "[" + line.get("activity").asText() + "] ";
        String prefix = at + " " + levelText + " " + activityText;
        return prefix + line.get("message").asText().replace("\n", "\n" + " ".repeat(at.length() + 7));
    }
}
