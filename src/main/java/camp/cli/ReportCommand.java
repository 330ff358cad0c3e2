package camp.cli;

import camp.run.Store;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code camp report RUN}: what each channel activity of a run did with its audience: how many
 * rows it targeted, how many messages it sent and failed to send, who was left out and why, and
 * how fast the provider took the messages. Messages are counted in the delivery history, which
 * outlives {@code camp purge}; the reasons for exclusion come from the channel's {@code excluded}
 * worktable while it exists.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Report what each channel activity (email, sms, push) of a run did, in plan",
            "order: the rows it targeted, the messages sent and failed (from the delivery",
            "history; for a dry run, what it would send), the rows excluded by reason (no",
            "consent, no address, capped...), why messages failed, and the rate at which",
            "the provider accepted them."},
        footer = {"",
            "With --format json, one object on stdout:",
            "  {\"run\",\"campaign\",\"status\",\"dryRun\",",
            "   \"activities\":[{\"activity\",\"channel\",\"status\",\"targeted\",\"sent\",",
            "     \"failed\",\"excluded\":{REASON:N},\"failedReasons\":{REASON:N},",
            "     \"firstSentAt\",\"lastSentAt\",\"ratePerSecond\"}]}",
            "targeted is the task's input rows (null before the task ran). firstSentAt and",
            "lastSentAt are when the provider accepted the first and the last sent message",
            "(ISO instants in UTC; null when none was sent, as in a dry run). ratePerSecond",
            "is the sent messages over the seconds between those two, null with fewer than",
            "two messages or no time between them. A failed reason is the first line of the",
            "provider's error. A purged run keeps its delivery history but not the reasons",
            "of its exclusions: they are counted under \"" + ReportCommand.PURGED + "\".",
            "",
            "With --format html, one self-contained page (inline style and script, nothing to fetch): the run's",
            "logical time, params and status, its canvas with the rows on every transition (from the campaign",
            "file as it is now), the task table with each task's SQL, the delivery figures, and the log with a",
            "search box (#log=TEXT in the address fills it). -o FILE writes any format to a file.",
            "",
            "Exit codes: 0 ok, 2 usage, unknown run, or a missing or unreadable database.",
            "",
            "Examples:",
            "  camp report 20260310T080000Z",
            "  camp report 20260310T080000Z --format json | jq '.activities[].failedReasons'",
            "  camp report --db data/crm.duckdb 20260310T080000Z",
            "  camp report 20260310T080000Z --format html -o run.html"})
final class ReportCommand implements Callable<Integer> {
    /** The kinds of task that send messages. */
    static final Set<String> CHANNELS = Set.of("email", "sms", "push");
    /** The reason the excluded rows of a task are counted under when its worktable is gone. */
    static final String PURGED = "unknown (purged)";
    /** The reason of a failed message whose provider gave no error text. */
    static final String NO_ERROR_TEXT = "no error text";
    /** The widest a failed reason is shown in text. */
    private static final int REASON_WIDTH = 100;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    /** How report prints: a table, one JSON object, or a self-contained HTML page. */
    enum Format { text, json, html }

    @CommandLine.Option(names = "--format", defaultValue = "text",
            description = "text, json or html (a self-contained page with the canvas, tasks, deliveries and log) (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout (any format).")
    Path outputFile;

    /**
     * What one channel activity of a run did.
     *
     * @param targeted the task's input rows; null before the task ran
     * @param excluded the excluded rows by reason, most first
     * @param failedReasons the failed messages by the first line of their error, most first
     * @param rate sent messages per second between the first and last accepted; null when not measurable
     */
    record ActivityReport(String activity, String channel, String status, Long targeted, long sent, long failed,
            Map<String, Long> excluded, Map<String, Long> failedReasons, Instant firstSentAt, Instant lastSentAt, Double rate) {
        long excludedTotal() {
            return excluded.values().stream().mapToLong(Long::longValue).sum();
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
            List<ActivityReport> activities = read(store, run);
            java.io.StringWriter text = new java.io.StringWriter();
            PrintWriter to = outputFile == null ? out : new PrintWriter(text);
            switch (format) {
                case json -> to.println(Json.write(json(run, activities)));
                case text -> printText(run, activities, to);
                case html -> to.print(html(store, db, run, activities));
            }
            to.flush();
            if (outputFile != null) {
                try {
                    GraphCommand.write(outputFile, text.toString());
                } catch (java.io.IOException e) {
                    return Json.error(out, err, format == Format.json, ExitCodes.USAGE, "cannot write '" + outputFile + "': " + e.getMessage());
                }
                err.println("camp: wrote " + outputFile);
            }
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            if (format == Format.json) {
                return Json.error(out, err, true, ExitCodes.USAGE, f.getMessage());
            }
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    /** The HTML page: the run's canvas from its campaign file as it is now, when that file still checks. */
    private static String html(Store store, Path db, Store.RunRow run, List<ActivityReport> activities) throws SQLException, RunState.Failure {
        List<Store.TaskRow> tasks = List.copyOf(store.tasks(run.id()).values());
        List<Store.LogRow> logs = store.logs(run.id(), null, null, null);
        String svg = null;
        String note = null;
        Path file = run.file() == null ? null : Path.of(run.file());
        if (file == null || !java.nio.file.Files.isRegularFile(file)) {
            note = "The campaign file " + run.file() + " is gone: no canvas to draw.";
        } else {
            try {
                camp.check.Checked checked = camp.check.Frontend.check(file, run.file());
                if (checked.hasErrors() || checked.plan() == null || !checked.plan().isCampaign()) {
                    note = "The campaign file " + run.file() + " no longer checks (camp check it): no canvas to draw.";
                } else {
                    svg = GraphCommand.render(checked, GraphCommand.overlay(store, db, run.id()), GraphCommand.Format.svg);
                }
            } catch (java.io.IOException e) {
                note = "The campaign file " + run.file() + " cannot be read: " + e.getMessage();
            }
        }
        return HtmlReport.page(run, tasks, activities, logs, svg, note);
    }

    /** The report of every channel task of a run, in plan order. */
    static List<ActivityReport> read(Store store, Store.RunRow run) throws SQLException {
        Map<String, Store.DeliveryTotals> totals = store.deliveryTotals(run.id());
        Map<String, Map<String, Long>> errors = failedReasons(store.deliveryErrors(run.id()));
        List<ActivityReport> reports = new ArrayList<>();
        for (Store.TaskRow task : store.tasks(run.id()).values()) {
            if (!CHANNELS.contains(task.kind())) {
                continue;
            }
            String name = task.activity();
            Store.DeliveryTotals t = totals.get(name);
            long sent;
            long failed;
            Instant first = null;
            Instant last = null;
            if (run.dryRun()) {
                // a dry run sends nothing and records no delivery: its ports hold what it would have sent
                sent = task.outputs().getOrDefault("sent", 0L);
                failed = task.outputs().getOrDefault("failed", 0L);
            } else {
                sent = t == null ? 0 : t.sent();
                failed = t == null ? 0 : t.failed();
                first = t == null ? null : t.firstDelivered();
                last = t == null ? null : t.lastDelivered();
            }
            reports.add(new ActivityReport(name, task.kind(), task.status().label(), task.input(), sent, failed,
                    excluded(store, run.id(), task), run.dryRun() ? Map.of() : errors.getOrDefault(name, Map.of()), first, last,
                    rate(sent, first, last)));
        }
        return reports;
    }

    /**
     * The excluded rows of a channel task by reason: from its {@code excluded} worktable while it
     * exists, else (a purged run) the task's recorded count under {@link #PURGED}, since the
     * reasons went with the worktable.
     */
    private static Map<String, Long> excluded(Store store, String run, Store.TaskRow task) throws SQLException {
        Optional<Store.WorktableRow> table = store.worktables(run, task.activity()).stream()
                .filter(w -> w.port().equals("excluded")).findFirst();
        if (table.isPresent()) {
            Optional<Map<String, Long>> reasons = store.excludedReasons(table.get());
            if (reasons.isPresent()) {
                Map<String, Long> named = new LinkedHashMap<>();
                reasons.get().forEach((reason, n) -> named.merge(reason == null ? "unknown" : reason, n, Long::sum));
                return named;
            }
        }
        long recorded = task.outputs().getOrDefault("excluded", 0L);
        return recorded > 0 ? Map.of(PURGED, recorded) : Map.of();
    }

    /** The failed messages of each activity by the first line of their error, most first. */
    private static Map<String, Map<String, Long>> failedReasons(List<Store.DeliveryError> errors) {
        Map<String, Map<String, Long>> byActivity = new LinkedHashMap<>();
        for (Store.DeliveryError e : errors) {
            byActivity.computeIfAbsent(e.activity(), a -> new LinkedHashMap<>()).merge(reason(e.error()), e.count(), Long::sum);
        }
        byActivity.replaceAll((activity, reasons) -> mostFirst(reasons));
        return byActivity;
    }

    /** An error as a reason: its first non-blank line, trimmed. */
    static String reason(String error) {
        if (error == null || error.isBlank()) {
            return NO_ERROR_TEXT;
        }
        return error.strip().lines().findFirst().orElse(NO_ERROR_TEXT).strip();
    }

    private static Map<String, Long> mostFirst(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Sent messages per second between the first and last accepted; null with fewer than two or no time between. */
    static Double rate(long sent, Instant first, Instant last) {
        if (sent < 2 || first == null || last == null) {
            return null;
        }
        long nanos = Duration.between(first, last).toNanos();
        return nanos <= 0 ? null : sent / (nanos / 1e9);
    }

    private static ObjectNode json(Store.RunRow run, List<ActivityReport> activities) {
        ObjectNode root = Json.object();
        root.put("run", run.id());
        root.put("campaign", run.campaign());
        root.put("status", run.shownStatus());
        root.put("dryRun", run.dryRun());
        ArrayNode list = root.putArray("activities");
        for (ActivityReport a : activities) {
            ObjectNode o = list.addObject();
            o.put("activity", a.activity());
            o.put("channel", a.channel());
            o.put("status", a.status());
            o.put("targeted", a.targeted());
            o.put("sent", a.sent());
            o.put("failed", a.failed());
            ObjectNode excluded = o.putObject("excluded");
            a.excluded().forEach(excluded::put);
            ObjectNode failed = o.putObject("failedReasons");
            a.failedReasons().forEach(failed::put);
            o.put("firstSentAt", RunState.iso(a.firstSentAt()));
            o.put("lastSentAt", RunState.iso(a.lastSentAt()));
            o.put("ratePerSecond", a.rate());
        }
        return root;
    }

    /**
     * The text form: a header, a table with a row per channel activity, and under it a line of the
     * excluded reasons of each activity that excluded rows, then a line per reason of failure.
     */
    private static void printText(Store.RunRow run, List<ActivityReport> activities, PrintWriter out) {
        out.println("run " + run.id() + " of '" + run.campaign() + "': " + run.shownStatus()
                + (run.dryRun() ? " (dry run)" : ""));
        if (activities.isEmpty()) {
            out.println("no channel activity in run " + run.id());
            return;
        }
        TextTable table = new TextTable("ACTIVITY", "CHANNEL", "STATUS", "TARGETED", "SENT", "FAILED", "EXCLUDED", "RATE")
                .alignRight(3, 4, 5, 6, 7);
        for (ActivityReport a : activities) {
            table.add(a.activity(), a.channel(), a.status(), a.targeted(), a.sent(), a.failed(), a.excludedTotal(),
                    a.rate() == null ? null : String.format(Locale.ROOT, "%.1f/s", a.rate()));
        }
        table.print(out);
        for (ActivityReport a : activities) {
            if (!a.excluded().isEmpty()) {
                out.println("  " + a.activity() + " excluded: " + a.excluded().entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
            }
            a.failedReasons().forEach((reason, n) -> out.println("  " + a.activity() + " failed: " + n + " "
                    + TextTable.firstLine(reason, REASON_WIDTH)));
        }
    }
}
