package camp.cli;

import camp.run.EventLog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What camp tasks and camp logs show while a run holds the database: the run's event log
 * ({@link EventLog}), which the running process writes as it goes.
 */
final class LiveRun {
    private LiveRun() {
    }

    static boolean inUse(RunState.Failure f) {
        return String.valueOf(f.getMessage()).contains("in use by another camp process");
    }

    private static List<JsonNode> events(Path db, String run, PrintWriter err) throws RunState.Failure {
        List<JsonNode> events;
        try {
            events = EventLog.read(db, run);
        } catch (IOException e) {
            throw new RunState.Failure("cannot read the event log of run '" + run + "': " + e.getMessage());
        }
        if (events.isEmpty()) {
            throw new RunState.Failure("the database " + db + " is in use by a running camp process, and run '" + run
                    + "' has no event log to show meanwhile");
        }
        err.println("camp: the database is in use by the process running it; showing the run's event log");
        return events;
    }

    static int tasks(Path db, String run, OutputFormat format, PrintWriter out, PrintWriter err) {
        List<JsonNode> events;
        try {
            events = events(db, run, err);
        } catch (RunState.Failure f) {
            return f.report(err);
        }
        Map<String, ObjectNode> tasks = new LinkedHashMap<>();
        String status = "running";
        for (JsonNode e : events) {
            String kind = e.path("event").asText();
            if (kind.equals("ended")) {
                status = e.path("status").asText();
                continue;
            }
            if (!kind.equals("started") && !kind.equals("finished")) {
                continue;
            }
            ObjectNode t = tasks.computeIfAbsent(e.path("activity").asText(), a -> {
                ObjectNode n = Json.object();
                n.put("activity", a);
                return n;
            });
            t.put("kind", e.path("kind").asText());
            if (kind.equals("started")) {
                t.put("status", "running");
                t.put("startedAt", e.path("at").asText());
            } else {
                t.put("status", e.path("status").asText());
                t.put("endedAt", e.path("at").asText());
                t.put("input", e.path("input").asLong());
                t.set("outputs", e.path("outputs"));
                t.put("durationMs", e.path("durationMs").asLong());
            }
        }
        if (format == OutputFormat.json) {
            ObjectNode root = Json.object();
            root.put("run", run);
            root.put("status", status);
            ArrayNode list = root.putArray("tasks");
            tasks.values().forEach(list::add);
            out.println(Json.write(root));
        } else {
            out.println("run " + run + ": " + status + " (live, from the event log)");
            for (ObjectNode t : tasks.values()) {
                StringBuilder ports = new StringBuilder();
                t.path("outputs").properties().forEach(p -> ports.append(' ').append(p.getKey()).append('=').append(p.getValue().asLong()));
                out.printf(Locale.ROOT, "  %-20s %-16s %-8s%s%n", t.path("activity").asText(), t.path("kind").asText(),
                        t.path("status").asText(), ports);
            }
        }
        return ExitCodes.OK;
    }

    /** Where a running run is, from its event log: its current task and how many have finished. */
    static int status(Path db, String run, OutputFormat format, PrintWriter out, PrintWriter err) {
        List<JsonNode> events;
        try {
            events = events(db, run, err);
        } catch (RunState.Failure f) {
            return f.report(err);
        }
        String status = "running";
        Map<String, String> tasks = new LinkedHashMap<>();
        String current = null;
        for (JsonNode e : events) {
            String kind = e.path("event").asText();
            String activity = e.path("activity").asText();
            switch (kind) {
                case "ended" -> status = e.path("status").asText();
                case "started" -> {
                    tasks.put(activity, "running");
                    current = activity;
                }
                case "finished" -> tasks.put(activity, e.path("status").asText());
                default -> {
                }
            }
        }
        long finished = tasks.values().stream().filter(t -> !t.equals("running")).count();
        if (format == OutputFormat.json) {
            ObjectNode o = Json.object();
            o.put("run", run);
            o.put("status", status);
            if (current != null) {
                o.putObject("task").put("activity", current).put("status", tasks.get(current));
            } else {
                o.putNull("task");
            }
            o.putObject("progress").put("settled", finished).putNull("tasks");
            o.put("live", true);
            out.println(Json.write(o));
        } else {
            out.println("run " + run + ": " + status + " (live, from the event log)");
            out.println("  progress      " + finished + " tasks settled");
            if (current != null) {
                out.println("  task          " + current + " (" + tasks.get(current) + ")");
            }
        }
        return ExitCodes.OK;
    }

    static int logs(Path db, String run, String activity, OutputFormat format, PrintWriter out, PrintWriter err) {
        List<JsonNode> events;
        try {
            events = events(db, run, err);
        } catch (RunState.Failure f) {
            return f.report(err);
        }
        ArrayNode logs = Json.MAPPER.createArrayNode();
        for (JsonNode e : events) {
            if (e.path("event").asText().equals("log") && (activity == null || activity.equals(e.path("activity").asText()))) {
                ObjectNode line = Json.object();
                line.put("at", e.path("at").asText());
                line.put("activity", e.hasNonNull("activity") ? e.path("activity").asText() : null);
                line.put("level", e.path("level").asText());
                line.put("message", e.path("message").asText());
                logs.add(line);
            }
        }
        if (format == OutputFormat.json) {
            ObjectNode root = Json.object();
            root.put("run", run);
            root.set("logs", logs);
            out.println(Json.write(root));
        } else {
            for (JsonNode l : logs) {
                out.println(l.path("at").asText() + " " + l.path("level").asText().toUpperCase(Locale.ROOT) + " "
                        + (l.hasNonNull("activity") ? "[" + l.path("activity").asText() + "] " : "") + l.path("message").asText());
            }
        }
        return ExitCodes.OK;
    }
}
