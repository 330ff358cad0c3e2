package camp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camp runs}: the runs recorded in the state file, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {
            "List the runs recorded in the database, newest first: id, campaign, logical time, status, "
                    + "whether it was a dry run, when it was created and ended, and its error if it failed."},
        footer = {
            "",
            "With --format json, one object on stdout:",
            "  {\"runs\":[{\"run\",\"campaign\",\"logicalTime\",\"status\",\"dryRun\",",
            "            \"createdAt\",\"endedAt\",\"error\"}]}",
            "Times are ISO instants in UTC.",
            "",
            "Exit codes: 0 ok, 2 usage or a missing, locked or unreadable database.",
            "",
            "Examples:",
            "  camp runs",
            "  camp runs --campaign spring_promo --format json | jq -r '.runs[0].run'"})
final class RunsCommand implements Callable<Integer> {
    private static final int ERROR_WIDTH = 60;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    DatabaseOption database;

    @Option(names = "--campaign", paramLabel = "NAME", description = "Only the runs of this campaign.")
    String campaign;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path;
        try (Connection c = RunState.open(db)) {
            ArrayNode runs = read(c);
            if (format == OutputFormat.json) {
                ObjectNode root = Json.object();
                root.set("runs", runs);
                out.println(Json.write(root));
            } else if (runs.isEmpty()) {
                err.println("camp: no runs" + (campaign == null ? "" : " of campaign '" + campaign + "'") + " in " + db);
            } else {
                printTable(runs, out);
            }
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    private ArrayNode read(Connection c) throws SQLException {
        String sql = "SELECT run_id, campaign, logical_time, status, dry_run, created_at, ended_at, error FROM "
                + RunState.RUNS
                + (campaign == null ? "" : " WHERE campaign = ?")
                + " ORDER BY created_at DESC, logical_time DESC, run_id DESC";
        ArrayNode runs = Json.MAPPER.createArrayNode();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (campaign != null) {
                s.setString(1, campaign);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ObjectNode run = runs.addObject();
                    run.put("run", rs.getString("run_id"));
                    run.put("campaign", rs.getString("campaign"));
                    run.put("logicalTime", RunState.instant(rs, "logical_time"));
                    run.put("status", rs.getString("status"));
                    run.put("dryRun", rs.getBoolean("dry_run"));
                    run.put("createdAt", RunState.instant(rs, "created_at"));
                    run.put("endedAt", RunState.instant(rs, "ended_at"));
                    run.put("error", rs.getString("error"));
                }
            }
        }
        return runs;
    }

    private static void printTable(ArrayNode runs, PrintWriter out) {
        TextTable table = new TextTable("RUN", "CAMPAIGN", "LOGICAL TIME", "STATUS", "DRY RUN", "CREATED", "ENDED", "ERROR");
        for (var run : runs) {
            table.add(text(run, "run"), text(run, "campaign"), text(run, "logicalTime"), text(run, "status"),
                    run.get("dryRun").asBoolean() ? "yes" : "no", RunState.seconds(text(run, "createdAt")),
                    RunState.seconds(text(run, "endedAt")),
                    TextTable.firstLine(text(run, "error"), ERROR_WIDTH));
        }
        table.print(out);
    }

    /** A text field of a JSON row, null when absent or null. */
    static String text(com.fasterxml.jackson.databind.JsonNode node, String field) {
        var v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
