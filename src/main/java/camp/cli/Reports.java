package camp.cli;

import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.run.RunResult;
import camp.run.RunStatus;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Prints the outcome of run and resume: a summary table, or one JSON object. */
final class Reports {
    private Reports() {
    }

    static int scriptErrors(OutputFormat format, PrintWriter out, List<Diagnostic> diagnostics) {
        if (format == OutputFormat.json) {
            out.println(Json.write(Json.diagnostics(diagnostics)));
        }
        return ExitCodes.SCRIPT_ERRORS;
    }

    static int result(RunResult result, OutputFormat format, PrintWriter out, PrintWriter err, DiagnosticRenderer renderer) {
        if (result.run() == null) {
            result.diagnostics().forEach(d -> err.print(renderer.render(d)));
            int code = scriptErrors(format, out, result.diagnostics());
            // a source the engine cannot read (a table the database lacks, a file gone) fails the run
            // before it starts: nothing is created, and the same command runs it once that is fixed
            return result.diagnostics().stream().anyMatch(d -> d.code() == camp.diag.Code.SOURCE_UNREADABLE) ? ExitCodes.RUN_FAILED : code;
        }
        // a failed task is shown where its activity is written, with the DuckDB message
        result.diagnostics().forEach(d -> err.print(renderer.render(d)));
        if (format == OutputFormat.json) {
            out.println(Json.write(json(result)));
        } else {
            summary(result, out);
        }
        if (result.diagnostics().stream().anyMatch(d -> d.code().kind() == camp.diag.Code.Kind.INTERNAL)) {
            return ExitCodes.INTERNAL;
        }
        return result.status() == RunStatus.FAILED ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    static ObjectNode json(RunResult result) {
        ObjectNode root = Json.object();
        root.put("run", result.run());
        root.put("campaign", result.campaign());
        root.put("status", result.status().label());
        // every field always there, null when it has no value (as camp runs and camp tasks write them)
        root.put("dryRun", result.dryRun());
        root.put("error", result.error());
        ObjectNode activities = root.putObject("activities");
        for (Map.Entry<String, RunResult.Activity> e : result.activities().entrySet()) {
            RunResult.Activity a = e.getValue();
            ObjectNode o = activities.putObject(e.getKey());
            o.put("kind", a.kind());
            o.put("status", a.status().label());
            o.put("input", a.input());
            ObjectNode outputs = o.putObject("outputs");
            a.outputs().forEach(outputs::put);
            o.put("error", a.error());
        }
        // the same tasks in plan order, each as camp tasks --format json describes it
        ArrayNode tasks = root.putArray("tasks");
        for (Map.Entry<String, RunResult.Activity> e : result.activities().entrySet()) {
            RunResult.Activity a = e.getValue();
            ObjectNode o = tasks.addObject();
            o.put("activity", e.getKey());
            o.put("kind", a.kind());
            o.put("status", a.status().label());
            o.put("startedAt", RunState.iso(a.startedAt()));
            o.put("endedAt", RunState.iso(a.endedAt()));
            o.put("durationMs", RunState.millisBetween(RunState.iso(a.startedAt()), RunState.iso(a.endedAt())));
            o.put("input", a.recordedInput());
            ObjectNode outputs = o.putObject("outputs");
            a.outputs().forEach(outputs::put);
            o.put("error", a.error());
            o.put("line", a.line());
            o.put("column", a.column());
        }
        return root;
    }

    private static void summary(RunResult result, PrintWriter out) {
        out.println("run " + result.run() + " of '" + result.campaign() + "': " + result.status()
                + (result.dryRun() ? " (dry run: nothing was sent or saved; 'sent' counts what would be sent)" : ""));
        int width = result.activities().keySet().stream().mapToInt(String::length).max().orElse(8);
        for (Map.Entry<String, RunResult.Activity> e : result.activities().entrySet()) {
            RunResult.Activity a = e.getValue();
            StringBuilder ports = new StringBuilder();
            if (a.status().isSettled()) {
                a.outputs().forEach((port, n) -> ports.append(ports.length() == 0 ? "" : "  ").append(port).append('=').append(n));
            } else if (a.error() != null) {
                ports.append(a.error().length() > 80 ? a.error().substring(0, 77) + "..." : a.error());
            }
            out.printf("  %-" + width + "s  %-16s %-8s in=%-9d %s%n", e.getKey(), a.kind(), a.status(), a.input(), ports);
        }
        if (result.error() != null) {
            out.println(result.error());
            out.println("Fix the cause, then: camp resume " + result.run());
        }
        if (result.status() == RunStatus.WAITING) {
            out.println("A wait holds the run: the scheduler goes on with it when the time has come, or: camp resume " + result.run());
        }
        if (result.status() == RunStatus.RUNNING) {
            out.println("The process ended before the run did: camp resume " + result.run() + " goes on from where it stopped");
        }
    }
}
