package camp.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A run's events as they happen, one JSON line each, in {@code events/<database name>/<run>.jsonl}
 * beside the database: task started and finished (with counts), log lines at info and above, run ended.
 * The running process holds the DuckDB file, so this is how another process follows a run
 * (camp tasks and camp logs read it while the database is in use). Writing it is best effort:
 * the database remains the record.
 */
public final class EventLog implements RunListener, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String run;
    private BufferedWriter out;

    private EventLog(String run, BufferedWriter out) {
        this.run = run;
        this.out = out;
    }

    public static Path file(Path db, String run) {
        return Database.sideFolder(db, "events").resolve(run + ".jsonl");
    }

    /** Opens a run's event log for appending; a log that cannot be written is silently off. */
    static EventLog open(Path db, String run) {
        try {
            Path f = file(db, run);
            Files.createDirectories(f.getParent());
            return new EventLog(run, Files.newBufferedWriter(f, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            return new EventLog(run, null);
        }
    }

    private void write(ObjectNode event) {
        if (out == null) {
            return;
        }
        try {
            event.put("at", Instant.now().toString());
            event.put("run", run);
            out.write(JSON.writeValueAsString(event));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            out = null;
        }
    }

    private ObjectNode event(String kind, String activity) {
        ObjectNode e = JSON.createObjectNode();
        e.put("event", kind);
        if (activity != null) {
            e.put("activity", activity);
        }
        return e;
    }

    @Override
    public void started(String activity, String kind) {
        ObjectNode e = event("started", activity);
        e.put("kind", kind);
        write(e);
    }

    @Override
    public void finished(String activity, String kind, String status, long input, Map<String, Long> outputs, long millis,
            String note) {
        ObjectNode e = event("finished", activity);
        e.put("kind", kind);
        e.put("status", status);
        e.put("input", input);
        ObjectNode o = e.putObject("outputs");
        outputs.forEach(o::put);
        e.put("durationMs", millis);
        if (note != null) {
            e.put("note", note);
        }
        write(e);
    }

    @Override
    public void log(String activity, String level, String message) {
        ObjectNode e = event("log", activity);
        e.put("level", level);
        e.put("message", message);
        write(e);
    }

    void ended(RunStatus status, String error) {
        ObjectNode e = event("ended", null);
        e.put("status", status.label());
        if (error != null) {
            e.put("error", error);
        }
        write(e);
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    /**
     * Whether a run's event log says it is going on now: the run began (or was resumed) and has
     * not ended since.
     */
    public static boolean inProgress(Path db, String run) {
        try {
            boolean going = false;
            for (JsonNode e : read(db, run)) {
                String kind = e.path("event").asText();
                if (kind.equals("begun")) {
                    going = true;
                } else if (kind.equals("ended")) {
                    going = false;
                }
            }
            return going;
        } catch (IOException e) {
            return false;
        }
    }

    /** The run begins, or goes on after a resume: from now on, pause and stop requests are for it. */
    void begun(boolean resumed, String campaign, Instant logicalTime, boolean dryRun) {
        ObjectNode e = event("begun", null);
        e.put("resumed", resumed);
        e.put("campaign", campaign);
        e.put("logicalTime", logicalTime == null ? null : logicalTime.toString());
        e.put("dryRun", dryRun);
        write(e);
    }

    /**
     * A run as its event log tells it, for the commands that answer while a run holds the database.
     *
     * @param campaign null in the logs of runs begun before the event log recorded it
     * @param status the status of its last {@code ended} event, or {@code running} when it began (or was resumed) since
     * @param createdAt when it first began
     * @param endedAt when it last ended, or null while it goes on
     */
    public record Summary(String run, String campaign, String logicalTime, String status, boolean dryRun, String createdAt,
            String endedAt, String error) {
    }

    /** Every run of a database that has an event log, newest first (by when it first began). */
    public static List<Summary> runs(Path db) throws IOException {
        Path folder = Database.sideFolder(db, "events");
        List<Summary> runs = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return runs;
        }
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".jsonl")) {
                    continue;
                }
                String run = name.substring(0, name.length() - ".jsonl".length());
                String campaign = null;
                String logicalTime = null;
                String status = null;
                boolean dryRun = false;
                String createdAt = null;
                String endedAt = null;
                String error = null;
                for (JsonNode e : read(db, run)) {
                    switch (e.path("event").asText()) {
                        case "begun" -> {
                            if (createdAt == null) {
                                createdAt = e.path("at").asText(null);
                            }
                            campaign = e.path("campaign").asText(campaign);
                            logicalTime = e.path("logicalTime").asText(logicalTime);
                            dryRun = e.path("dryRun").asBoolean(dryRun);
                            status = "running";
                            endedAt = null;
                            error = null;
                        }
                        case "ended" -> {
                            status = e.path("status").asText();
                            endedAt = e.path("at").asText(null);
                            error = e.path("error").asText(null);
                        }
                        default -> {
                        }
                    }
                }
                if (status != null) {
                    runs.add(new Summary(run, campaign, logicalTime, status, dryRun, createdAt, endedAt, error));
                }
            }
        }
        runs.sort(java.util.Comparator.comparing(Summary::createdAt, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .reversed());
        return runs;
    }

    /** Reads a run's events; empty when the run wrote none. */
    public static List<JsonNode> read(Path db, String run) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        Path f = file(db, run);
        if (!Files.exists(f)) {
            return events;
        }
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException partial) {
                    // a line being written right now
                }
            }
        }
        return events;
    }

    /** Forwards to another listener as well (the progress printer). */
    RunListener and(RunListener other) {
        EventLog self = this;
        return new RunListener() {
            @Override
            public void started(String activity, String kind) {
                self.started(activity, kind);
                other.started(activity, kind);
            }

            @Override
            public void finished(String activity, String kind, String status, long input, Map<String, Long> outputs,
                    long millis, String note) {
                self.finished(activity, kind, status, input, outputs, millis, note);
                other.finished(activity, kind, status, input, outputs, millis, note);
            }

            @Override
            public void log(String activity, String level, String message) {
                self.log(activity, level, message);
                other.log(activity, level, message);
            }

            @Override
            public void alert(String title, String message) {
                other.alert(title, message);
            }
        };
    }
}
