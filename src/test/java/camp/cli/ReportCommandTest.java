package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp report RUN}, end to end through {@link Main#run} on a copy of the samples: every
 * number of a report is checked against what the state database holds, read here with SQL of
 * its own (the delivery history row by row, the tasks' recorded outputs, the {@code excluded}
 * worktables), so that no expected count is written into the test.
 */
class ReportCommandTest {
    /** spring_promo.camp's first launch; in Europe/Paris, so the run id is in UTC an hour earlier. */
    private static final String SPRING_AT = "2026-03-10 09:00";
    private static final String SPRING_RUN = "20260310T080000Z";
    private static final Set<String> ROOT_FIELDS = Set.of("run", "campaign", "status", "dryRun", "activities");
    private static final Set<String> ACTIVITY_FIELDS = Set.of("activity", "channel", "status", "targeted", "sent", "failed",
            "excluded", "failedReasons", "firstSentAt", "lastSentAt", "ratePerSecond");
    private static final Pattern TABLE_HEADER = Pattern.compile("ACTIVITY +CHANNEL +STATUS +TARGETED +SENT +FAILED +EXCLUDED +RATE");

    /**
     * French profiles (some without an e-mail address, a phone or consent) get an e-mail through a
     * webhook gateway that refuses some messages, and an SMS; those e-mailed are e-mailed again
     * under a cap of one a day, which the first e-mail of the day already reached. A few dozen
     * profiles only: each request to the local gateway takes tens of milliseconds.
     */
    private static final String REASONS = """
            campaign "Report reasons"
            import "retail.camp"

            activity everyone:  build profiles where country = "FR" and id <= 100
            activity both:      fork
            activity hello:     email { subject "Hello" body "Hi {{first_name | default \\"there\\"}}" }
            activity again:     email { subject "Again" body "Hi again" cap 1 per day }
            activity nudge_sms: sms { text "Hello from Maison Nord" }
            flow {
              everyone -> both
              both -> hello
              both -> nudge_sms
              hello.sent -> again
            }
            """;

    private static final String NO_CHANNELS = """
            campaign "No channels"
            import "retail.camp"

            activity fr:   build profiles where country = "FR"
            activity keep: save audience "report_fr"
            flow {
              fr -> keep
            }
            """;

    @TempDir
    Path temp;

    RunFixture fx;

    @BeforeEach
    void copySamples() {
        fx = new RunFixture(temp);
    }

    @Test
    void theReportOfARunMatchesItsDeliveryHistoryTasksAndWorktables() {
        // batches of 10 messages are accepted at different times: the rate can be measured
        RunFixture.Result run = withSendBatch(10, () -> fx.run("spring_promo.camp", "--at", SPRING_AT));
        assertEquals(0, run.code(), run::toString);

        RunFixture.Result r = fx.withDb("report", SPRING_RUN, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err());
        JsonNode report = r.json();
        assertEquals(ROOT_FIELDS, fieldNames(report));
        assertEquals(SPRING_RUN, report.get("run").asText());
        assertEquals(List.of(List.of(report.get("campaign").asText(), report.get("status").asText(), false)),
                fx.query("SELECT campaign, status, dry_run FROM camp_state.runs WHERE run_id = '" + SPRING_RUN + "'"));
        assertTrue(report.get("dryRun").isBoolean());
        assertReportMatchesState(SPRING_RUN, report);
        List<String> names = new ArrayList<>();
        report.get("activities").forEach(a -> names.add(a.get("activity").asText()));
        assertEquals(List.of("gold_mail", "silver_mail", "others_mail"), names, "the three e-mails of the file, in plan order");
        assertTrue(sum(report, "sent") > 0, "spring_promo sends e-mail");
        JsonNode gold = report.get("activities").get(0);
        assertTrue(gold.get("ratePerSecond").isNumber(), "gold_mail sends 40 messages in batches of 10, accepted over time: " + gold);

        RunFixture.Result text = fx.withDb("report", SPRING_RUN);
        assertEquals(0, text.code(), text::toString);
        assertTextMatches(text.out(), report);
    }

    @Test
    void excludedAndFailedReasonsComeFromTheWorktableAndTheLedgerAndSurviveAPurge() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/send", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int n = requests.incrementAndGet();
            int status = n % 4 == 0 ? 422 : n % 7 == 0 ? 400 : 200;
            String body = status == 422 ? "mailbox full\nsee https://gateway.example/errors/422" : status == 400 ? "unknown recipient"
                    : "{\"accepted\":true}";
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        gateway.start();
        String runId;
        try {
            fx.write("report_reasons.camp", REASONS);
            String provider = "email=webhook+http://127.0.0.1:" + gateway.getAddress().getPort() + "/send";
            RunFixture.Result run = withSendBatch(5, () -> fx.run("report_reasons.camp", "--at", SPRING_AT, "--provider", provider,
                    "--format", "json"));
            assertEquals(0, run.code(), run::toString);
            runId = run.json().get("run").asText();
        } finally {
            gateway.stop(0);
        }
        assertTrue(requests.get() > 0, "the gateway got the e-mails");

        JsonNode before = json(fx.withDb("report", runId, "--format", "json"));
        assertReportMatchesState(runId, before);
        Map<String, JsonNode> byName = byName(before);
        assertEquals(Set.of("hello", "again", "nudge_sms"), byName.keySet());
        JsonNode hello = byName.get("hello");
        assertEquals(Set.of("HTTP 422: mailbox full", "HTTP 400: unknown recipient"), fieldNames(hello.get("failedReasons")),
                "the first line of what the gateway said: " + hello);
        assertTrue(hello.get("excluded").has("no consent") && hello.get("excluded").has("no address"), hello::toString);
        assertEquals(Set.of("capped"), fieldNames(byName.get("again").get("excluded")), "e-mailed today already");
        assertEquals(0, byName.get("again").get("sent").asLong());
        assertTrue(byName.get("nudge_sms").get("excluded").size() > 0, byName.get("nudge_sms")::toString);

        RunFixture.Result text = fx.withDb("report", runId);
        assertEquals(0, text.code(), text::toString);
        assertTextMatches(text.out(), before);
        assertTrue(text.out().contains("  hello failed: " + hello.get("failedReasons").get("HTTP 422: mailbox full").asLong()
                + " HTTP 422: mailbox full\n"), text.out());

        RunFixture.Result purge = fx.withDb("purge", runId);
        assertEquals(0, purge.code(), purge::toString);
        assertEquals(0, fx.count("SELECT count(*) FROM camp_state.worktables WHERE run_id = '" + runId + "'"));
        JsonNode after = json(fx.withDb("report", runId, "--format", "json"));
        assertReportMatchesState(runId, after);
        for (JsonNode a : after.get("activities")) {
            JsonNode b = byName.get(a.get("activity").asText());
            for (String field : List.of("status", "targeted", "sent", "failed", "failedReasons", "firstSentAt", "lastSentAt",
                    "ratePerSecond")) {
                assertEquals(b.get(field), a.get(field), a.get("activity") + "." + field + " is read from the ledger and the tasks");
            }
            long excluded = sum(b.get("excluded"));
            assertEquals(excluded == 0 ? Set.of() : Set.of(ReportCommand.PURGED), fieldNames(a.get("excluded")), a::toString);
            assertEquals(excluded, sum(a.get("excluded")), "the total of a purged run's exclusions is known, not their reasons");
        }
        assertTextMatches(fx.withDb("report", runId).out(), after);
    }

    @Test
    void aDryRunReportsWhatItWouldSendAndNoTimes() {
        RunFixture.Result dry = fx.run("spring_promo.camp", "--at", SPRING_AT, "--dry-run", "--format", "json");
        assertEquals(0, dry.code(), dry::toString);
        String dryRun = dry.json().get("run").asText();
        JsonNode report = json(fx.withDb("report", dryRun, "--format", "json"));
        assertTrue(report.get("dryRun").asBoolean());
        assertEquals(0, fx.count("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '" + dryRun + "'"), "a dry run sends nothing");
        assertReportMatchesState(dryRun, report);
        for (JsonNode a : report.get("activities")) {
            assertTrue(a.get("firstSentAt").isNull() && a.get("lastSentAt").isNull() && a.get("ratePerSecond").isNull(), a::toString);
        }
        RunFixture.Result text = fx.withDb("report", dryRun);
        assertTrue(text.out().startsWith("run " + dryRun + " of 'Spring promo 2026': completed (dry run)\n"), text.out());
        assertTextMatches(text.out(), report);

        // what the dry run would send is what the real run of the same time sends
        assertEquals(0, fx.run("spring_promo.camp", "--at", SPRING_AT).code());
        JsonNode real = json(fx.withDb("report", SPRING_RUN + "-2", "--format", "json"));
        assertReportMatchesState(SPRING_RUN + "-2", real);
        Map<String, Long> wouldSend = new LinkedHashMap<>();
        byName(report).forEach((name, a) -> wouldSend.put(name, a.get("sent").asLong()));
        Map<String, Long> sent = new LinkedHashMap<>();
        byName(real).forEach((name, a) -> sent.put(name, a.get("sent").asLong()));
        assertEquals(sent, wouldSend);
        assertTrue(sum(report, "sent") > 0);
    }

    @Test
    void aRunWithoutChannelsSaysSo() {
        fx.write("no_channels.camp", NO_CHANNELS);
        RunFixture.Result run = fx.run("no_channels.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, run.code(), run::toString);
        String id = run.json().get("run").asText();
        RunFixture.Result text = fx.withDb("report", id);
        assertEquals(0, text.code(), text::toString);
        assertEquals("run " + id + " of 'No channels': completed\nno channel activity in run " + id + "\n", text.out());
        JsonNode report = json(fx.withDb("report", id, "--format", "json"));
        assertEquals(ROOT_FIELDS, fieldNames(report));
        assertTrue(report.get("activities").isArray() && report.get("activities").isEmpty(), report::toString);
        assertReportMatchesState(id, report);
    }

    @Test
    void anUnknownRunOrDatabaseIsAUsageErrorOnOneLine() {
        fx.write("no_channels.camp", NO_CHANNELS);
        RunFixture.Result run = fx.run("no_channels.camp", "--at", SPRING_AT, "--format", "json");
        String id = run.json().get("run").asText();
        String typo = id.substring(0, id.length() - 2) + "X" + id.charAt(id.length() - 1);
        for (String format : List.of("text", "json")) {
            RunFixture.Result r = fx.withDb("report", typo, "--format", format);
            assertEquals(2, r.code(), r::toString);
            if (format.equals("json")) {
                assertEquals(2, r.json().get("exitCode").asInt(), "in JSON mode the error is a JSON object on stdout too");
                assertTrue(r.json().get("error").asText().startsWith("no run '" + typo + "'"), r.out());
            } else {
                assertEquals("", r.out());
            }
            assertEquals(1, r.err().lines().count(), r::toString);
            assertTrue(r.err().startsWith("camp: no run '" + typo + "' in " + fx.db), r.err());
            assertTrue(r.err().contains("did you mean '" + id + "'?"), r.err());
        }
        RunFixture.Result missing = RunFixture.camp("report", id, "--db", temp.resolve("nothing.duckdb").toString());
        assertEquals(2, missing.code(), missing::toString);
        assertEquals(1, missing.err().lines().count(), missing::toString);
        assertTrue(missing.err().startsWith("camp: "), missing.err());
    }

    @Test
    void helpTeachesWithExamples() {
        RunFixture.Result help = RunFixture.camp("report", "--help");
        assertEquals(0, help.code(), help::toString);
        for (String part : List.of("Usage: camp report", "--db", "--format", "\"failedReasons\"", "Exit codes:", "Examples:",
                "  camp report 20260310T080000Z")) {
            assertTrue(help.out().contains(part), part + " in:\n" + help.out());
        }
        assertTrue(RunFixture.camp("--help").out().contains("report"), "listed by camp --help");
    }

    // ------------------------------------------------------------ the state, read independently

    /**
     * Checks every field of every activity of a report against the state database: the channel
     * tasks of the run in plan order, the messages of the delivery history (counted here row by
     * row), the outputs a dry run recorded, and the reasons of the excluded worktables (or, once
     * purged, the recorded total under {@link ReportCommand#PURGED}).
     */
    private void assertReportMatchesState(String run, JsonNode report) {
        assertEquals(ROOT_FIELDS, fieldNames(report));
        boolean dry = (Boolean) fx.query("SELECT dry_run FROM camp_state.runs WHERE run_id = '" + run + "'").get(0).get(0);
        assertEquals(dry, report.get("dryRun").asBoolean());
        List<List<Object>> tasks = fx.query("SELECT activity, kind, status, input_count, outputs FROM camp_state.tasks WHERE run_id = '"
                + run + "' AND kind IN ('email', 'sms', 'push') ORDER BY ordinal, activity");
        JsonNode activities = report.get("activities");
        assertEquals(tasks.size(), activities.size(), () -> "one entry per channel task: " + tasks + "\n" + report);
        for (int i = 0; i < tasks.size(); i++) {
            List<Object> task = tasks.get(i);
            String name = (String) task.get(0);
            JsonNode a = activities.get(i);
            String where = run + "/" + name;
            assertEquals(ACTIVITY_FIELDS, fieldNames(a), where);
            assertEquals(name, a.get("activity").asText(), where);
            assertEquals(task.get(1), a.get("channel").asText(), where);
            assertEquals(task.get(2), a.get("status").asText(), where);
            if (task.get(3) == null) {
                assertTrue(a.get("targeted").isNull(), where + ": no input before the task ran");
            } else {
                assertTrue(a.get("targeted").isIntegralNumber(), where);
                assertEquals(((Number) task.get(3)).longValue(), a.get("targeted").asLong(), where);
            }
            assertTrue(a.get("sent").isIntegralNumber() && a.get("failed").isIntegralNumber(), where);
            JsonNode outputs = outputs((String) task.get(4));

            Ledger ledger = ledger(run, name);
            if (dry) {
                assertEquals(outputs.path("sent").asLong(), a.get("sent").asLong(), where);
                assertEquals(outputs.path("failed").asLong(), a.get("failed").asLong(), where);
                assertEquals(0, ledger.sent + ledger.failed, where);
            } else {
                assertEquals(ledger.sent, a.get("sent").asLong(), where);
                assertEquals(ledger.failed, a.get("failed").asLong(), where);
            }
            assertEquals(ledger.failedReasons, counts(a.get("failedReasons")), where);
            assertEquals(text(ledger.first), a.get("firstSentAt").isNull() ? null : a.get("firstSentAt").asText(), where);
            assertEquals(text(ledger.last), a.get("lastSentAt").isNull() ? null : a.get("lastSentAt").asText(), where);
            Double rate = ledger.rate();
            if (rate == null) {
                assertTrue(a.get("ratePerSecond").isNull(), where + ": " + a);
            } else {
                assertTrue(a.get("ratePerSecond").isNumber(), where + ": " + a);
                assertEquals(rate, a.get("ratePerSecond").asDouble(), rate * 1e-9, where);
            }

            List<List<Object>> table = fx.query("SELECT table_name FROM camp_state.worktables WHERE run_id = '" + run
                    + "' AND activity = '" + name + "' AND port = 'excluded'");
            Map<String, Long> excluded = new TreeMap<>();
            if (table.isEmpty()) {
                long recorded = outputs.path("excluded").asLong();
                if (recorded > 0) {
                    excluded.put(ReportCommand.PURGED, recorded);
                }
            } else {
                for (List<Object> row : fx.query("SELECT reason, count(*) FROM " + table.get(0).get(0) + " GROUP BY reason")) {
                    excluded.put((String) row.get(0), ((Number) row.get(1)).longValue());
                }
                assertEquals(outputs.path("excluded").asLong(), excluded.values().stream().mapToLong(Long::longValue).sum(),
                        where + ": the worktable has the rows the task counted");
            }
            assertEquals(excluded, counts(a.get("excluded")), where);
            assertOrderedByCount(a.get("excluded"), where);
            assertOrderedByCount(a.get("failedReasons"), where);
        }
    }

    /** What the delivery history holds of an activity of a run, counted row by row. */
    private record Ledger(long sent, long failed, Map<String, Long> failedReasons, OffsetDateTime first, OffsetDateTime last,
            long spanMicros) {
        Double rate() {
            return sent < 2 || spanMicros <= 0 ? null : sent / (spanMicros / 1e6);
        }
    }

    private Ledger ledger(String run, String activity) {
        long sent = 0;
        long failed = 0;
        Map<String, Long> reasons = new TreeMap<>();
        OffsetDateTime first = null;
        OffsetDateTime last = null;
        for (List<Object> row : fx.query("SELECT status, delivered_at, trim(split_part(trim(error), chr(10), 1)) FROM"
                + " camp_state.deliveries WHERE run_id = '" + run + "' AND activity = '" + activity + "'")) {
            if (row.get(0).equals("sent")) {
                sent++;
                OffsetDateTime at = (OffsetDateTime) row.get(1);
                assertNotNull(at, "a sent message was accepted at some time");
                first = first == null || at.isBefore(first) ? at : first;
                last = last == null || at.isAfter(last) ? at : last;
            } else {
                assertEquals("failed", row.get(0), "the history has sent and failed messages only");
                failed++;
                reasons.merge((String) row.get(2), 1L, Long::sum);
            }
        }
        long span = first == null ? 0 : Duration.between(first, last).toNanos() / 1_000;
        return new Ledger(sent, failed, reasons, first, last, span);
    }

    /**
     * The text form against the JSON one (checked against the state): the header, a row per
     * channel activity in the same order with the same numbers, then the reason lines.
     */
    private static void assertTextMatches(String out, JsonNode report) {
        List<String> lines = out.lines().toList();
        String header = "run " + report.get("run").asText() + " of '" + report.get("campaign").asText() + "': "
                + report.get("status").asText() + (report.get("dryRun").asBoolean() ? " (dry run)" : "");
        assertEquals(header, lines.get(0), out);
        JsonNode activities = report.get("activities");
        assertTrue(TABLE_HEADER.matcher(lines.get(1)).matches(), out);
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < activities.size(); i++) {
            JsonNode a = activities.get(i);
            String rate = a.get("ratePerSecond").isNull() ? ""
                    : " +" + Pattern.quote(String.format(Locale.ROOT, "%.1f/s", a.get("ratePerSecond").asDouble()));
            String row = Pattern.quote(a.get("activity").asText()) + " +" + a.get("channel").asText() + " +" + a.get("status").asText()
                    + " +" + a.get("targeted").asLong() + " +" + a.get("sent").asLong() + " +" + a.get("failed").asLong()
                    + " +" + sum(a.get("excluded")) + rate;
            assertTrue(lines.get(2 + i).matches(row), "row " + i + " is " + row + ":\n" + out);
            if (!a.get("excluded").isEmpty()) {
                List<String> parts = new ArrayList<>();
                a.get("excluded").properties().forEach(e -> parts.add(e.getValue().asLong() + " " + e.getKey()));
                reasons.add("  " + a.get("activity").asText() + " excluded: " + String.join(", ", parts));
            }
            a.get("failedReasons").properties().forEach(e -> reasons.add("  " + a.get("activity").asText() + " failed: "
                    + e.getValue().asLong() + " " + e.getKey()));
        }
        assertEquals(reasons, lines.subList(2 + activities.size(), lines.size()), out);
    }

    // ------------------------------------------------------------ helpers

    /** Runs with messages recorded in batches of {@code n} (the in-process property the engine reads for tests). */
    private static RunFixture.Result withSendBatch(int n, Supplier<RunFixture.Result> run) {
        String before = System.getProperty("camp.sendBatch");
        System.setProperty("camp.sendBatch", Integer.toString(n));
        try {
            return run.get();
        } finally {
            if (before == null) {
                System.clearProperty("camp.sendBatch");
            } else {
                System.setProperty("camp.sendBatch", before);
            }
        }
    }

    /** A task's recorded outputs (port to rows); missing ports read as 0. */
    private static JsonNode outputs(String recorded) {
        try {
            return recorded == null ? RunFixture.MAPPER.createObjectNode() : RunFixture.MAPPER.readTree(recorded);
        } catch (IOException e) {
            throw new AssertionError("outputs are not JSON: " + recorded, e);
        }
    }

    private static JsonNode json(RunFixture.Result r) {
        assertEquals(0, r.code(), r::toString);
        return r.json();
    }

    private static Map<String, JsonNode> byName(JsonNode report) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        report.get("activities").forEach(a -> byName.put(a.get("activity").asText(), a));
        return byName;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An object of counts as a sorted map, every value checked to be an integer. */
    private static Map<String, Long> counts(JsonNode object) {
        assertTrue(object.isObject(), object::toString);
        Map<String, Long> counts = new TreeMap<>();
        object.properties().forEach(e -> {
            assertTrue(e.getValue().isIntegralNumber(), e::toString);
            counts.put(e.getKey(), e.getValue().asLong());
        });
        return counts;
    }

    private static void assertOrderedByCount(JsonNode object, String where) {
        long previous = Long.MAX_VALUE;
        for (var e : object.properties()) {
            assertTrue(e.getValue().asLong() <= previous, where + ": most first: " + object);
            previous = e.getValue().asLong();
        }
    }

    private static long sum(JsonNode counts) {
        long total = 0;
        for (JsonNode n : counts) {
            total += n.asLong();
        }
        return total;
    }

    private static long sum(JsonNode report, String field) {
        long total = 0;
        for (JsonNode a : report.get("activities")) {
            total += a.get(field).asLong();
        }
        return total;
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
