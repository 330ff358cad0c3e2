package camp.cli;

import camp.run.EventLog;
import camp.run.Store;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code camp runs}: the runs recorded in the state file, newest first. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = {
            "List the runs recorded in the database, newest first: id, campaign, logical time, status, "
                    + "whether it was a dry run, when it was created and ended, and its error if it failed."},
        footer = {
            "",
            "With --format json, one object on stdout:",
            "  {\"runs\":[{\"run\",\"campaign\",\"logicalTime\",\"status\",\"dryRun\",\"test\",",
            "            \"createdAt\",\"endedAt\",\"error\"}]}",
            "Times are ISO instants in UTC. A status is one of running, interrupted (recorded as running, but its",
            "process is gone: camp resume goes on with it), waiting, paused, completed, failed, stopped.",
            "",
            "While a run holds the database, the runs are read from their event logs (stderr says so):",
            "the same fields, test always false.",
            "",
            "Exit codes: 0 ok, 2 usage or a missing or unreadable database.",
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

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--campaign", paramLabel = "NAME", description = "Only the runs of this campaign.")
    String campaign;

    @CommandLine.Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path();
        try (Connection c = RunState.open(db)) {
            ArrayNode runs = read(new Store(c));
            if (output.json()) {
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
            if (LiveRun.inUse(f)) {
                return live(db, f, out, err);
            }
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    /** While a run holds the database: the runs as their event logs tell them. */
    private int live(Path db, RunState.Failure locked, PrintWriter out, PrintWriter err) {
        List<EventLog.Summary> summaries;
        try {
            summaries = EventLog.runs(db);
        } catch (IOException e) {
            err.println("camp: the database " + db + " is in use by a running camp process, and its event logs cannot be read: "
                    + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (summaries.isEmpty()) {
            return locked.report(err);     // held by a process that writes no event log: nothing to show meanwhile
        }
        err.println("camp: the database is in use by a running camp process; showing the runs from their event logs");
        ArrayNode runs = Json.MAPPER.createArrayNode();
        for (EventLog.Summary r : summaries) {
            if (campaign != null && !campaign.equals(r.campaign())) {
                continue;
            }
            ObjectNode run = runs.addObject();
            run.put("run", r.run());
            run.put("campaign", r.campaign());
            run.put("logicalTime", r.logicalTime());
            run.put("status", r.status());
            run.put("dryRun", r.dryRun());
            run.put("test", false);
            run.put("createdAt", r.createdAt());
            run.put("endedAt", r.endedAt());
            run.put("error", r.error());
        }
        if (output.json()) {
            ObjectNode root = Json.object();
            root.set("runs", runs);
            out.println(Json.write(root));
        } else {
            printTable(runs, out);
        }
        return ExitCodes.OK;
    }

    private ArrayNode read(Store store) throws SQLException {
        ArrayNode runs = Json.MAPPER.createArrayNode();
        for (Store.RunRow r : store.runs(campaign)) {
            ObjectNode run = runs.addObject();
            run.put("run", r.id());
            run.put("campaign", r.campaign());
            run.put("logicalTime", RunState.iso(r.logicalTime()));
            run.put("status", r.shownStatus());
            run.put("dryRun", r.dryRun());
            run.put("test", r.options().containsKey("test"));
            run.put("createdAt", RunState.iso(r.createdAt()));
            run.put("endedAt", RunState.iso(r.endedAt()));
            run.put("error", r.error());
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
