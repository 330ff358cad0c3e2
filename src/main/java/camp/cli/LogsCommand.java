package camp.cli;

import camp.diag.Suggestions;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
    private static final String RANK_SQL =
            "CASE level WHEN 'debug' THEN 0 WHEN 'info' THEN 1 WHEN 'warn' THEN 2 WHEN 'alert' THEN 2 WHEN 'error' THEN 3 ELSE 1 END";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @CommandLine.Mixin
    DatabaseOption database;

    @Option(names = "--activity", paramLabel = "A", description = "Only the lines of this activity.")
    String activity;

    @Option(names = "--level", paramLabel = "L", description = "Only lines of this level or more severe: debug, info, warn, error.")
    String level;

    @Option(names = "--search", paramLabel = "TEXT", description = "Only lines whose message contains this text (ignoring case).")
    String search;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path;
        try {
            Integer minimumRank = level == null ? null : rank(level);
            try (Connection c = RunState.open(db)) {
                RunState.Run run = RunState.requireRun(c, db, runId);
                if (activity != null) {
                    requireActivity(c, run);
                }
                ArrayNode logs = read(c, minimumRank);
                if (format == OutputFormat.json) {
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
                return LiveRun.logs(db, runId, activity, format, out, err);
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

    private void requireActivity(Connection c, RunState.Run run) throws SQLException, RunState.Failure {
        List<String> known = RunState.strings(c,
                "SELECT activity FROM " + RunState.TASKS + " WHERE run_id = ? UNION SELECT activity FROM " + RunState.LOGS
                        + " WHERE run_id = ? AND activity IS NOT NULL ORDER BY 1",
                List.of(run.id(), run.id()));
        if (!known.contains(activity)) {
            String hint = Suggestions.didYouMean(activity, known);
            throw new RunState.Failure("run '" + run.id() + "' has no activity '" + activity + "'"
                    + (hint == null ? " (activities: " + String.join(", ", known) + ")" : "; " + hint));
        }
    }

    /** The filtered lines; every value is a bound parameter, only fixed SQL text is appended. */
    private ArrayNode read(Connection c, Integer minimumRank) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT seq, logged_at, activity, level, message FROM ")
                .append(RunState.LOGS).append(" WHERE run_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(runId);
        if (activity != null) {
            sql.append(" AND activity = ?");
            parameters.add(activity);
        }
        if (minimumRank != null) {
            sql.append(" AND ").append(RANK_SQL).append(" >= ?");
            parameters.add(minimumRank);
        }
        if (search != null) {
            sql.append(" AND contains(lower(message), lower(?))");
            parameters.add(search);
        }
        sql.append(" ORDER BY seq");
        ArrayNode logs = Json.MAPPER.createArrayNode();
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ObjectNode line = logs.addObject();
                    line.put("seq", rs.getLong("seq"));
                    line.put("at", RunState.instant(rs, "logged_at"));
                    line.put("activity", rs.getString("activity"));
                    line.put("level", rs.getString("level"));
                    line.put("message", rs.getString("message"));
                }
            }
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
