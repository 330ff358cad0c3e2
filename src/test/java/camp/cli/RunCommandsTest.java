package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Frontend;
import camp.run.Database;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp run}, {@code resume} and the commands that read a run's state, end to end through
 * {@link Main#run} with captured streams, on a copy of the samples and a temporary state
 * database: what a user sees on stdout and stderr, the exit codes, and what the run leaves in the
 * database and the outbox.
 */
class RunCommandsTest {
    /** spring_promo.camp's first launch; in Europe/Paris, so the run id is in UTC an hour earlier. */
    private static final String SPRING_AT = "2026-03-10 09:00";
    private static final String SPRING_RUN = "20260310T080000Z";
    private static final Set<String> CHANNELS = Set.of("email", "sms", "push");

    @TempDir
    Path temp;

    RunFixture fx;

    @BeforeEach
    void copySamples() {
        fx = new RunFixture(temp);
    }

    // ------------------------------------------------------------ run

    @Test
    void aTextRunEndsWithTheCommandsThatShowItsTasksAndLogAndTheyWork() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT);
        assertEquals(0, r.code(), r::toString);
        // the fixture's database is not the current folder's default: the commands name it
        String db = " --db " + fx.db.toAbsolutePath();
        String last = r.err().strip().lines().reduce((a, b) -> b).orElseThrow();
        assertEquals("camp: its tasks and log: camp tasks " + SPRING_RUN + db + "; camp logs " + SPRING_RUN + db, last);
        for (String command : last.substring("camp: its tasks and log: ".length()).split("; ")) {
            String[] args = command.substring("camp ".length()).split(" ");
            RunFixture.Result shown = RunFixture.camp(args);
            assertEquals(0, shown.code(), () -> command + "\n" + shown);
            assertTrue(shown.out().contains(args[0].equals("tasks") ? "optins" : "run completed"), () -> command + "\n" + shown);
        }
        assertFalse(fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json").err().contains("its tasks and log"),
                "with --format json stdout has the JSON and stderr no hint");
    }

    @Test
    void aJsonRunReportsEveryActivityAndSendsWhatItCounts() throws IOException {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertFalse(r.err().contains("running..."), "no progress lines with --format json:\n" + r.err());
        JsonNode run = r.json();
        assertEquals(SPRING_RUN, run.get("run").asText());
        assertEquals("Spring promo 2026", run.get("campaign").asText());
        assertEquals("completed", run.get("status").asText());
        assertTrue(run.get("error").isNull(), "a completed run has no error (null, as in camp runs)");
        assertFalse(run.get("dryRun").asBoolean());

        JsonNode activities = run.get("activities");
        assertEquals(activityNames("spring_promo.camp"), fieldNames(activities), "one entry per activity of the file");
        activities.properties().forEach(e -> {
            JsonNode a = e.getValue();
            assertEquals(Set.of("kind", "status", "input", "outputs", "error"), fieldNames(a), e.getKey());
            // the alert sits on a test branch taken only when some gold e-mail failed: none did
            assertEquals(e.getKey().equals("mail_alert") ? "skipped" : "done", a.get("status").asText(), e.getKey());
            assertTrue(a.get("input").isIntegralNumber(), e.getKey());
            assertTrue(a.get("error").isNull(), "no error, written as null: " + e.getKey());
            a.get("outputs").properties().forEach(p -> assertTrue(p.getValue().isIntegralNumber(), e.getKey() + "." + p.getKey()));
        });
        assertEquals("email", activities.get("gold_mail").get("kind").asText());
        assertEquals(Set.of("sent", "failed", "excluded"), fieldNames(activities.get("gold_mail").get("outputs")));
        assertEquals(Set.of("gold", "silver", "others"), fieldNames(activities.get("tiers").get("outputs")));
        assertEquals(Set.of(), fieldNames(activities.get("done").get("outputs")), "an end has no output port");
        JsonNode tiers = activities.get("tiers");
        assertEquals(activities.get("enriched").get("outputs").get("out").asLong(), tiers.get("input").asLong());
        assertEquals(tiers.get("input").asLong(), sum(tiers.get("outputs")), "a split without overlapping places every row once");
        assertEquals(40, tiers.get("outputs").get("gold").asLong(), "gold is 'limit 40' and more than 40 qualify");
        assertEquals(sum(activities.get("optins").get("outputs")) + sum(activities.get("buyers").get("outputs")),
                activities.get("reachable").get("input").asLong(), "a combine's input is the rows of all its inputs");

        Map<String, Long> sent = sentPorts(activities);
        assertEquals(Set.of("gold_mail", "silver_mail", "others_mail"), sent.keySet());
        assertTrue(sent.values().stream().allMatch(n -> n > 0), "every tier gets mail: " + sent);

        List<JsonNode> messages = fx.messages(SPRING_RUN);
        assertEquals(sent, countBy(messages, "activity"), "one outbox line per sent message");
        assertEquals(messages.size(), messages.stream().map(m -> m.get("messageKey").asText()).distinct().count(),
                "every message has its own key");
        for (JsonNode m : messages) {
            assertEquals(SPRING_RUN, m.get("runId").asText());
            assertEquals("email", m.get("channel").asText());
            assertFalse(m.get("address").asText().isBlank(), m::toString);
        }
        assertEquals(sent, ledger("SELECT activity, count(*) FROM camp_state.deliveries WHERE run_id = '" + SPRING_RUN
                + "' AND status = 'sent' GROUP BY activity"), "the delivery history has the sent messages");
        assertEquals(0, fx.count("SELECT count(*) FROM camp_state.deliveries WHERE status <> 'sent'"), "nothing planned or failed is left");
        assertEquals(List.of(List.of("spring_gold_2026", "profiles", 40L)),
                fx.query("SELECT name, entity, row_count FROM camp_state.saved_audiences"), "keep_gold saves the 40 gold rows");
    }

    @Test
    void aTextRunPrintsProgressOnStderrAndTheSummaryOnStdout() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT);
        assertEquals(0, r.code(), r::toString);
        List<String> out = r.out().lines().toList();
        assertEquals("run " + SPRING_RUN + " of 'Spring promo 2026': completed", out.get(0));
        Set<String> names = activityNames("spring_promo.camp");
        assertEquals(names.size() + 1, out.size(), "a headline and one line per activity:\n" + r.out());
        for (String name : names) {
            String status = name.equals("mail_alert") ? "skipped" : "done";
            assertTrue(out.stream().anyMatch(l -> l.matches("  " + name + " +\\S.* " + status + " .*")), name + " in the summary:\n" + r.out());
            if (status.equals("done")) {
                assertTrue(r.err().lines().anyMatch(l -> l.matches("  " + name + " +\\S.* running\\.\\.\\.")), name + " starting:\n" + r.err());
            }
            assertTrue(r.err().lines().anyMatch(l -> l.matches("  " + name + " +\\S.* " + status + " +\\d+ ms.*")), name + " ending:\n" + r.err());
        }
        assertTrue(out.stream().anyMatch(l -> l.matches("  tiers +split +done +in=\\d+ +gold=40 +silver=\\d+ +others=\\d+")), r.out());
        assertFalse(r.out().contains("running..."), "progress stays off stdout");
        assertFalse(r.err().contains("': completed"), "the summary stays off stderr");
    }

    @Test
    void aDryRunCountsWhatItWouldSendAndWritesNothing() {
        RunFixture.Result dry = fx.run("spring_promo.camp", "--at", SPRING_AT, "--dry-run", "--format", "json");
        assertEquals(0, dry.code(), dry::toString);
        JsonNode d = dry.json();
        assertEquals("completed", d.get("status").asText());
        String dryRun = d.get("run").asText();
        assertEquals(List.of(), fx.query("SELECT * FROM camp_state.saved_audiences"), "a dry run saves no audience");
        assertEquals(0, fx.count("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'camp_saved'"));
        assertEquals(0, fx.count("SELECT count(*) FROM camp_state.deliveries"), "a dry run sends nothing");
        assertEquals(List.of(), fx.messages(dryRun), "the outbox of a dry run is empty or absent");
        assertEquals(List.of(List.of(true)), fx.query("SELECT dry_run FROM camp_state.runs WHERE run_id = '" + dryRun + "'"));
        RunFixture.Result logs = fx.withDb("logs", dryRun);
        assertTrue(logs.out().contains("dry run: would send 40 email messages"), logs::toString);
        assertTrue(logs.out().contains("dry run: would save 40 rows as audience 'spring_gold_2026'"), logs::toString);

        // a dry run records no incremental history, so the real run after it sees the same rows
        RunFixture.Result real = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, real.code(), real::toString);
        JsonNode rr = real.json();
        String realRun = rr.get("run").asText();
        assertEquals(SPRING_RUN + "-2", realRun, "the second run of the same time gets a suffix");
        assertEquals(sentPorts(rr.get("activities")), sentPorts(d.get("activities")), "the dry run's sent counts are the real ones");
        assertEquals(outputs(rr.get("activities")), outputs(d.get("activities")), "and so is every other count");
        assertEquals(0, fx.count("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '" + dryRun + "'"));
        assertEquals(sum(sentPorts(rr.get("activities"))), fx.count("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '"
                + realRun + "' AND status = 'sent'"));
    }

    @Test
    void moneyInMessagesHasNoBinaryNoise() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT);
        assertEquals(0, r.code(), r::toString);
        Pattern spent = Pattern.compile("You spent (-?[0-9.]+) EUR");
        List<String> amounts = new ArrayList<>();
        for (JsonNode m : fx.messages(SPRING_RUN)) {
            Matcher found = spent.matcher(m.get("body").asText());
            if (found.find()) {
                amounts.add(found.group(1));
            }
        }
        assertEquals(40, amounts.size(), "every gold e-mail says what the customer spent");
        assertEquals(List.of(), amounts.stream().filter(a -> !a.matches("-?\\d+(\\.\\d{1,2})?")).toList(),
                "the sum of amounts with two decimals has at most two");
    }

    // ------------------------------------------------------------ failure and resume

    private static final String RESUME_ME = """
            campaign "Resume me"
            import "retail.camp"

            activity fr:     build profiles where country = "FR"
            activity points: enrich { pts = coalesce(loyalty_points, 0) }
            activity tiers:  split {
                               gold:   in saved "resume_gold"
                               others: remainder
                             }
            activity gold_mail:   email { subject "Hello {{first_name | default \\"you\\"}}" body "Thanks, {{pts}} points" }
            activity others_mail: email { subject "Hello" body "Hi" }
            flow {
              fr -> points -> tiers
              tiers.gold -> gold_mail
              tiers.others -> others_mail
            }
            """;

    private static final String SAVE_GOLD = """
            campaign "Save gold"
            import "retail.camp"

            activity vip:  build profiles where loyalty_points >= 500
            activity keep: save audience "resume_gold"
            flow { vip -> keep }
            """;

    @Test
    void aFailedRunResumesFromItsFailedTask() {
        fx.write("resume_me.camp", RESUME_ME);
        fx.write("save_gold.camp", SAVE_GOLD);
        RunFixture.Result failed = fx.run("resume_me.camp", "--at", "2026-03-10 09:00", "--format", "json");
        assertEquals(3, failed.code(), failed::toString);
        JsonNode f = failed.json();
        String run = f.get("run").asText();
        assertEquals("20260310T090000Z", run, "the campaign has no timezone: UTC");
        assertEquals("failed", f.get("status").asText());
        assertTrue(f.get("error").asText().contains("task 'tiers' failed"), f::toString);
        JsonNode tiers = f.get("activities").get("tiers");
        assertEquals("failed", tiers.get("status").asText());
        assertTrue(tiers.get("error").asText().contains("saved audience 'resume_gold' does not exist"), tiers::toString);
        assertEquals(Map.of("fr", "done", "points", "done", "tiers", "failed", "gold_mail", "pending", "others_mail", "pending"),
                statuses(f.get("activities")));
        assertEquals(Map.of("fr", "done", "points", "done", "tiers", "failed", "gold_mail", "pending", "others_mail", "pending"),
                taskStatuses(run));
        Map<String, String> startedBefore = taskField(run, "startedAt");
        RunFixture.Result text = fx.withDb("tasks", run);
        assertTrue(text.out().contains("saved audience 'resume_gold' does not exist"), "tasks shows the error:\n" + text);

        RunFixture.Result saver = fx.run("save_gold.camp", "--at", "2026-03-10 09:00");
        assertEquals(0, saver.code(), saver::toString);

        RunFixture.Result resumed = fx.withDb("resume", run, "--format", "json");
        assertEquals(0, resumed.code(), resumed::toString);
        JsonNode r = resumed.json();
        assertEquals(run, r.get("run").asText(), "a resume continues the same run");
        assertEquals("completed", r.get("status").asText());
        assertEquals(Map.of("fr", "done", "points", "done", "tiers", "done", "gold_mail", "done", "others_mail", "done"),
                taskStatuses(run));
        assertEquals(Map.of("fr", 1L, "points", 1L, "tiers", 2L, "gold_mail", 1L, "others_mail", 1L), attempts(run),
                "the tasks done before the failure are not executed again");
        Map<String, String> startedAfter = taskField(run, "startedAt");
        assertEquals(startedBefore.get("fr"), startedAfter.get("fr"));
        assertEquals(startedBefore.get("points"), startedAfter.get("points"));
        JsonNode outputs = r.get("activities").get("tiers").get("outputs");
        assertEquals(fx.count("SELECT count(*) FROM camp_saved.resume_gold JOIN \"run_" + run + "\".fr__out USING (__key)"),
                outputs.get("gold").asLong(), "gold is the French profiles in the saved audience");
        assertEquals(sum(sentPorts(r.get("activities"))), fx.messages(run).size(), "the outbox of the run has every sent message");
    }

    /**
     * A bug inside a task is not the user's mistake: the task fails with the internal code at
     * its activity, the command exits 4, the stack trace is in the run log and with --verbose,
     * and the run resumes once camp is fixed.
     */
    @Test
    void aBugInATaskIsReportedAsInternalWithItsStackTrace() {
        String run;
        System.setProperty("camp.test.bugInTask", "tiers");
        try {
            RunFixture.Result failed = fx.run("spring_promo.camp", "--at", SPRING_AT);
            assertEquals(4, failed.code(), failed::toString);
            assertTrue(failed.err().contains("error[E0900]: internal error: activity 'tiers' failed: java.lang.IllegalStateException:"
                    + " injected bug in task tiers"), failed::toString);
            assertTrue(failed.err().contains("spring_promo.camp:49:10"), "at the activity's line:\n" + failed);
            assertFalse(failed.err().contains("at camp.run.TaskRunner"), "no stack trace without --verbose:\n" + failed);
            run = failed.out().lines().filter(l -> l.startsWith("run ")).findFirst().orElseThrow().split(" ")[1];

            RunFixture.Result verbose = fx.run("spring_promo.camp", "--at", SPRING_AT, "--verbose");
            assertEquals(4, verbose.code(), verbose::toString);
            assertTrue(verbose.err().contains("at camp.run.TaskRunner.execute"), "the stack trace with --verbose:\n" + verbose);
        } finally {
            System.clearProperty("camp.test.bugInTask");
        }
        RunFixture.Result log = fx.withDb("logs", run, "--level", "debug", "--activity", "tiers");
        assertTrue(log.out().contains("ERROR [tiers] internal error: java.lang.IllegalStateException: injected bug in task tiers"),
                log::toString);
        assertTrue(log.out().contains("at camp.run.TaskRunner.execute"), "the log keeps the stack trace:\n" + log);
        RunFixture.Result resumed = fx.withDb("resume", run);
        assertEquals(0, resumed.code(), resumed::toString);
        assertTrue(resumed.out().contains(": completed"), resumed::toString);
    }

    private static final String LOAD_LATE = """
            campaign "Late leads"
            import "retail.camp"

            activity fr:      build profiles where country = "FR"
            activity leads:   load csv "data/late_leads.csv" {
                                email: text
                                signup_date: date
                              } reject max 1
            activity matched: reconcile to profiles on email = email
            activity both:    combine intersection
            activity hello:   email { subject "Welcome" body "Hello" }
            flow {
              leads -> matched
              fr, matched -> both -> hello
            }
            """;

    @Test
    void aResumedLoadReadsTheFileAsItIsNow() throws IOException {
        List<String> emails = RunFixture.queryInMemory("SELECT email FROM read_csv('" + fx.sample("data/profiles.csv")
                + "', header = true, all_varchar = true) WHERE country = 'FR' AND email = lower(trim(email))"
                + " ORDER BY CAST(id AS INTEGER) LIMIT 3")
                .stream().map(row -> (String) row.get(0)).toList();
        String good = "email,signup_date\n" + emails.get(0) + ",2026-03-01\n" + emails.get(1) + ",2026-03-02\n";
        fx.write("data/late_leads.csv", good + "broken@example.com,2026-02-30\n" + emails.get(2) + ",2026-03-02,extra\n");
        fx.write("load_late.camp", LOAD_LATE);
        RunFixture.Result failed = fx.run("load_late.camp", "--at", "2026-03-10 09:00", "--format", "json");
        assertEquals(3, failed.code(), failed::toString);
        JsonNode f = failed.json();
        String run = f.get("run").asText();
        JsonNode leads = f.get("activities").get("leads");
        assertEquals("failed", leads.get("status").asText());
        assertTrue(leads.get("error").asText().contains("2 lines of data/late_leads.csv were rejected, more than 'reject max 1'"),
                leads::toString);
        assertEquals("done", f.get("activities").get("fr").get("status").asText());

        fx.write("data/late_leads.csv", good + emails.get(2) + ",2026-03-03\n");
        RunFixture.Result resumed = fx.withDb("resume", run, "--format", "json");
        assertEquals(0, resumed.code(), resumed::toString);
        JsonNode r = resumed.json();
        assertEquals("completed", r.get("status").asText());
        assertEquals(3, r.get("activities").get("leads").get("outputs").get("out").asLong(), "the fixed file's rows");
        assertEquals(0, r.get("activities").get("leads").get("outputs").get("rejected").asLong());
        assertEquals(1L, attempts(run).get("fr"));
        assertEquals(2L, attempts(run).get("leads"));
    }

    @Test
    void theRejectedLinesOfAFailedLoadAreLogged() {
        fx.write("data/late_leads.csv", "email,signup_date\nbroken@example.com,2026-02-30\nextra@example.com,2026-03-02,x\n");
        fx.write("load_late.camp", LOAD_LATE);
        RunFixture.Result failed = fx.run("load_late.camp", "--at", "2026-03-10 09:00", "--format", "json");
        assertEquals(3, failed.code(), failed::toString);
        RunFixture.Result warnings = fx.withDb("logs", failed.json().get("run").asText(), "--level", "warn");
        assertTrue(warnings.out().contains("[leads] line 2 rejected: signup_date: not a date: '2026-02-30'"), warnings::toString);
        assertTrue(warnings.out().contains("[leads] line 3 rejected: expected 2 fields, found 3"), warnings::toString);
    }

    // ------------------------------------------------------------ waiting

    private static final String WAIT_ME = """
            campaign "Wait me"
            import "retail.camp"

            activity fr:    build profiles where country = "FR"
            activity pause: wait %s
            activity mail:  email { subject "Hello" body "Hi" }
            flow { fr -> pause -> mail }
            """;

    @Test
    void aWaitInTheFutureLeavesTheRunWaiting() {
        fx.write("wait_me.camp", WAIT_ME.formatted("3 days"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        RunFixture.Result r = fx.run("wait_me.camp", "--at", at.toString(), "--format", "json");
        assertEquals(0, r.code(), "waiting is not a failure:\n" + r);
        JsonNode run = r.json();
        String id = run.get("run").asText();
        assertEquals(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atOffset(ZoneOffset.UTC)), id);
        assertEquals("waiting", run.get("status").asText());
        assertEquals(Map.of("fr", "done", "pause", "waiting", "mail", "pending"), statuses(run.get("activities")));
        assertEquals(List.of(List.of(at.plus(3, ChronoUnit.DAYS).toString())),
                fx.query("SELECT strftime(release_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') FROM camp_state.tasks"
                        + " WHERE run_id = '" + id + "' AND activity = 'pause'"), "released 3 days after the logical time");

        RunFixture.Result runs = fx.withDb("runs", "--format", "json");
        assertEquals(0, runs.code(), runs::toString);
        JsonNode listed = runs.json().get("runs");
        assertEquals(1, listed.size(), runs::toString);
        assertEquals(id, listed.get(0).get("run").asText());
        assertEquals("waiting", listed.get(0).get("status").asText());
        assertTrue(fx.withDb("runs").out().lines().anyMatch(l -> l.startsWith(id) && l.contains("waiting")), "runs in text");

        assertEquals(Map.of("fr", "done", "pause", "waiting", "mail", "pending"), taskStatuses(id));
        RunFixture.Result logs = fx.withDb("logs", id);
        assertEquals(0, logs.code(), logs::toString);
        assertTrue(logs.out().contains("[pause] waiting until " + at.plus(3, ChronoUnit.DAYS)), logs::toString);
        assertTrue(logs.out().lines().reduce((a, b) -> b).orElse("").endsWith("run waiting"), logs::toString);

        RunFixture.Result early = fx.withDb("resume", id, "--format", "json");
        assertEquals(2, early.code(), "a resume before the time is refused:\n" + early);
        assertEquals("camp: run '" + id + "' waits until " + at.plus(3, ChronoUnit.DAYS) + "; resume it then, or now with --now",
                early.err().strip(), "the due time, in the campaign's zone (UTC here)");
        assertEquals("waiting", fx.withDb("status", id, "--format", "json").json().get("status").asText(), "still waiting");
        assertEquals(List.of(), fx.messages(id), "nothing is sent before the wait is over");

        RunFixture.Result now = fx.withDb("resume", id, "--now", "--format", "json");
        assertEquals(0, now.code(), now::toString);
        assertEquals("completed", now.json().get("status").asText(), now::toString);
        long sent = now.json().get("activities").get("mail").get("outputs").get("sent").asLong();
        assertTrue(sent > 0, now::toString);
        assertEquals(sent, fx.messages(id).size(), "sent once the wait is declared over");
    }

    @Test
    void aResumeAfterTheWaitGoesOn() throws InterruptedException {
        fx.write("wait_me.camp", WAIT_ME.formatted("1 minute"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(57);
        RunFixture.Result r = fx.run("wait_me.camp", "--at", at.toString(), "--format", "json");
        assertEquals("waiting", r.json().get("status").asText(), r::toString);
        String id = r.json().get("run").asText();
        long sleep = Duration.between(Instant.now(), at.plusSeconds(61)).toMillis();
        Thread.sleep(Math.max(0, sleep));
        RunFixture.Result resumed = fx.withDb("resume", id, "--format", "json");
        assertEquals(0, resumed.code(), resumed::toString);
        assertEquals("completed", resumed.json().get("status").asText(), resumed::toString);
        assertEquals(Map.of("fr", "done", "pause", "done", "mail", "done"), taskStatuses(id));
    }

    // ------------------------------------------------------------ inspecting a run

    @Test
    void previewShowsTheRowsAndColumnsOfAPort() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode activities = r.json().get("activities");
        for (String port : List.of("tiers.gold", "tiers.silver", "tiers.others", "unique.duplicates", "gold_mail.sent")) {
            String[] ap = port.split("\\.");
            long expected = activities.get(ap[0]).get("outputs").get(ap[1]).asLong();
            RunFixture.Result p = fx.withDb("preview", SPRING_RUN, port, "--limit", "100000", "--format", "json");
            assertEquals(0, p.code(), p::toString);
            JsonNode preview = p.json();
            assertEquals(ap[0], preview.get("activity").asText());
            assertEquals(ap[1], preview.get("port").asText());
            assertEquals(expected, preview.get("rows").asLong(), port);
            assertEquals(expected, preview.get("data").size(), port + ": every row with a limit large enough");
            assertEquals("id", preview.get("columns").get(0).get("name").asText(), "the key is shown under the entity's key name");
            assertEquals(preview.get("columns").size(), preview.get("data").get(0).size());
        }
        RunFixture.Result limited = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--limit", "3");
        assertEquals(0, limited.code(), limited::toString);
        assertEquals(5, limited.out().lines().count(), "a header, 3 rows and the count:\n" + limited.out());
        assertTrue(limited.out().lines().toList().get(4).contains("40 rows"), limited.out());

        RunFixture.Result schema = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--schema", "--format", "json");
        assertEquals(0, schema.code(), schema::toString);
        JsonNode s = schema.json();
        assertFalse(s.has("data"), "no rows with --schema");
        List<String> columns = new ArrayList<>();
        s.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        assertEquals(List.of("id", "email", "phone", "push_token", "first_name", "last_name", "country", "city", "birth_date",
                "created_at", "loyalty_points", "email_opt_in", "sms_opt_in", "push_opt_in", "favorite_store_id",
                "spent_90d", "orders_90d", "avg_basket", "best_basket", "store_name", "store_city", "points"), columns,
                "the key, the entity's attributes in declaration order, then the columns the flow added");
        RunFixture.Result schemaText = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--schema");
        assertTrue(schemaText.out().lines().anyMatch(l -> l.matches("store_name +VARCHAR")), schemaText::toString);
        assertTrue(schemaText.out().lines().anyMatch(l -> l.matches("birth_date +DATE")), schemaText::toString);

        // the attributes are the source's values for each row: held to the CSV file read by DuckDB itself
        RunFixture.Result chosen = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--columns", "email,id,spent_90d", "--limit", "100",
                "--format", "json");
        assertEquals(0, chosen.code(), chosen::toString);
        JsonNode c = chosen.json();
        assertEquals("email", c.get("columns").get(0).get("name").asText());
        assertEquals(3, c.get("columns").size());
        assertEquals(40, c.get("data").size());
        String csv = fx.sample("data/profiles.csv").toString().replace("'", "''");
        for (JsonNode row : c.get("data")) {
            List<List<Object>> email = RunFixture.queryInMemory("SELECT email FROM read_csv('" + csv + "', header = true, all_varchar = true)"
                    + " WHERE id = '" + row.get(1).asLong() + "'");
            assertEquals(email.get(0).get(0) == null ? null : email.get(0).get(0).toString(), row.get(0).isNull() ? null : row.get(0).asText(),
                    "the e-mail of profile " + row.get(1));
        }
        RunFixture.Result typo = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--columns", "id,emial");
        assertEquals(2, typo.code(), typo::toString);
        assertTrue(typo.err().contains("the rows have no column 'emial'") && typo.err().contains("did you mean 'email'?"), typo::toString);

        RunFixture.Result unknownPort = fx.withDb("preview", SPRING_RUN, "tiers.gol");
        assertEquals(2, unknownPort.code(), unknownPort::toString);
        assertTrue(unknownPort.err().contains("has no port 'gol' (ports: gold, others, silver)"), unknownPort::toString);
    }

    @Test
    void previewAnswersFromASnapshotWhileARunHoldsTheDatabase() throws Exception {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        RunFixture.Result free = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--limit", "5", "--format", "json");
        assertEquals(0, free.code(), free::toString);
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                InspectCommandsTest.LockHolder.class.getName(), fx.db.toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("ready", reader.readLine());
            RunFixture.Result held = fx.withDb("preview", SPRING_RUN, "tiers.gold", "--limit", "5", "--format", "json");
            assertEquals(0, held.code(), held::toString);
            assertTrue(held.err().contains("is in use by a run; showing a copy of it taken now"), held.err());
            assertEquals(free.json(), held.json(), "the same rows as without the lock");
            RunFixture.Result messages = fx.withDb("preview", SPRING_RUN, "gold_mail", "--messages", "--limit", "1");
            assertEquals(0, messages.code(), messages::toString);
            assertTrue(messages.out().contains("Subject:"), messages.out());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void logsFilterByLevel() {
        RunFixture.Result r = fx.run("partner_leads.camp", "--at", "2026-11-24 09:00", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        String run = r.json().get("run").asText();
        RunFixture.Result all = fx.withDb("logs", run);
        assertTrue(all.out().lines().anyMatch(l -> l.contains(" INFO  ")), all::toString);
        RunFixture.Result warn = fx.withDb("logs", run, "--level", "warn");
        assertEquals(0, warn.code(), warn::toString);
        List<String> lines = warn.out().lines().toList();
        assertEquals(4, lines.size(), "two rejected lines and two alerts:\n" + warn.out());
        assertTrue(lines.stream().allMatch(l -> l.contains(" WARN  [leads] line ") || l.contains(" ALERT [")), warn.out());
        assertTrue(warn.out().contains("[leads] line 32 rejected: expected 3 fields, found 4"), warn.out());

        RunFixture.Result json = fx.withDb("logs", run, "--level", "warn", "--format", "json");
        assertEquals(0, json.code(), json::toString);
        JsonNode logs = json.json().get("logs");
        assertEquals(4, logs.size());
        logs.forEach(l -> {
            assertEquals(Set.of("seq", "at", "activity", "level", "message"), fieldNames(l));
            assertTrue(Set.of("warn", "alert").contains(l.get("level").asText()), l::toString);
        });
        RunFixture.Result bad = fx.withDb("logs", run, "--level", "loud");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("unknown level 'loud'"), bad::toString);
    }

    @Test
    void tasksInJsonHaveOneEntryPerActivityInPlanOrder() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT);
        assertEquals(0, r.code(), r::toString);
        RunFixture.Result t = fx.withDb("tasks", SPRING_RUN, "--format", "json");
        assertEquals(0, t.code(), t::toString);
        JsonNode tasks = t.json();
        assertEquals(Set.of("run", "status", "tasks"), fieldNames(tasks));
        assertEquals(SPRING_RUN, tasks.get("run").asText());
        assertEquals("completed", tasks.get("status").asText());
        List<String> order = new ArrayList<>();
        for (JsonNode task : tasks.get("tasks")) {
            order.add(task.get("activity").asText());
            assertEquals(Set.of("activity", "kind", "status", "startedAt", "endedAt", "durationMs", "input", "outputs", "error", "line",
                    "column"), fieldNames(task), task::toString);
            assertEquals(task.get("activity").asText().equals("mail_alert") ? "skipped" : "done", task.get("status").asText());
            assertTrue(task.get("error").isNull());
            if (task.get("status").asText().equals("done")) {
                assertTrue(task.get("durationMs").asLong() >= 0);
                Instant.parse(task.get("startedAt").asText());
            } else {
                assertTrue(task.get("startedAt").isNull(), "a skipped task never started");
            }
        }
        assertEquals(List.copyOf(activityNames("spring_promo.camp")), order);
        JsonNode tiers = tasks.get("tasks").get(order.indexOf("tiers"));
        assertEquals(49, tiers.get("line").asInt(), "the activity's line in the file");
        assertEquals(10, tiers.get("column").asInt());
        assertEquals(40, tiers.get("outputs").get("gold").asLong());
        RunFixture.Result withSql = fx.withDb("tasks", SPRING_RUN, "--sql", "--format", "json");
        assertTrue(withSql.json().get("tasks").get(order.indexOf("tiers")).get("sql").asText()
                .contains("CREATE TABLE \"run_" + SPRING_RUN + "\".\"tiers__gold\""), withSql::toString);
    }

    // ------------------------------------------------------------ params

    @Test
    void aParamChangesACount() {
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT, "--param", "gold_spend=2000", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        long gold = r.json().get("activities").get("tiers").get("outputs").get("gold").asLong();
        assertTrue(gold > 0 && gold < 40, "fewer than the 40 of the default 250.00 spend: " + gold);
        assertEquals(gold, fx.count("SELECT count(*) FROM run_" + SPRING_RUN + ".tiers__gold WHERE spent_90d >= 2000"),
                "every gold row spent 2000 or more");
        assertEquals(List.of(List.of("{\"gold_spend\":\"2000\"}")), fx.query("SELECT params FROM camp_state.runs"),
                "the run records the params it was given");
    }

    @Test
    void anUnknownParamIsAnErrorWithASuggestion() {
        // a --param is part of the command line, not of the script: a usage error (exit 2), not a diagnostic in the file
        RunFixture.Result r = fx.run("spring_promo.camp", "--at", SPRING_AT, "--param", "gold_spnd=2000");
        assertEquals(2, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("camp: unknown param 'gold_spnd' (did you mean 'gold_spend'?)"), r::toString);
        RunFixture.Result json = fx.run("spring_promo.camp", "--at", SPRING_AT, "--param", "gold_spnd=2000", "--format", "json");
        assertEquals(2, json.code(), json::toString);
        assertEquals("", json.out(), "nothing on stdout for a usage error");
        assertNoRuns();

        RunFixture.Result badValue = fx.run("spring_promo.camp", "--param", "gold_spend=lots");
        assertEquals(2, badValue.code(), badValue::toString);
        assertTrue(badValue.err().contains("--param gold_spend must be decimal, found 'lots'"), badValue::toString);
    }

    private static long fileSize(java.nio.file.Path db) {
        try {
            java.nio.file.Path wal = java.nio.file.Path.of(db + ".wal");
            return java.nio.file.Files.size(db) + (java.nio.file.Files.exists(wal) ? java.nio.file.Files.size(wal) : 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void purgeDropsTheWorktablesOfAFinishedRunAndKeepsItsHistory() {
        assertEquals(0, fx.run("spring_promo.camp", "--at", SPRING_AT).code());
        assertEquals(0, fx.withDb("preview", SPRING_RUN, "tiers.gold").code(), "a finished run can be previewed");
        long before = fileSize(fx.db);
        RunFixture.Result purge = fx.withDb("purge", SPRING_RUN);
        assertEquals(0, purge.code(), purge::toString);
        long after = fileSize(fx.db);
        assertTrue(after < before, "the purge gives space back to the disk: " + before + " -> " + after);
        java.util.regex.Matcher said = java.util.regex.Pattern.compile("the database file is ([0-9.]+) MB \\(it was ([0-9.]+) MB: "
                + "([0-9.]+) MB given back to the disk\\)").matcher(purge.out());
        assertTrue(said.find(), purge.out());
        assertEquals(after / (1024.0 * 1024), Double.parseDouble(said.group(1)), 0.05, "the size it says is the file's");
        assertEquals(before / (1024.0 * 1024), Double.parseDouble(said.group(2)), 0.05);
        assertEquals(List.of(List.of(0L)), fx.query("SELECT count(*) FROM camp_state.worktables WHERE run_id = '" + SPRING_RUN + "'"));
        assertEquals(List.of(List.of(0L)), fx.query("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'run_"
                + SPRING_RUN + "'"), "the run's schema is gone");
        assertEquals(List.of(List.of("completed")), fx.query("SELECT status FROM camp_state.runs WHERE run_id = '" + SPRING_RUN + "'"),
                "the run stays in the history");
        assertEquals(2, fx.withDb("preview", SPRING_RUN, "tiers.gold").code(), "a purged run has nothing to preview");
        assertEquals(2, fx.withDb("purge", "no_such_run").code());
    }

    /**
     * Two databases in one folder, the same campaign at the same logical time (so the same run id
     * and the same message keys): each has its outbox, events and control folders, and each
     * outbox is complete. Before, the second run found the first one's outbox, took its messages
     * for already sent, and recorded them as sent without writing them.
     */
    @Test
    void twoDatabasesInOneFolderShareNoOutbox() throws IOException {
        Path other = fx.db.resolveSibling("x3.duckdb");
        assertEquals(0, fx.run("spring_promo.camp", "--at", SPRING_AT).code());
        RunFixture.Result second = RunFixture.camp("run", fx.sample("spring_promo.camp").toString(), "--at", SPRING_AT, "--db",
                other.toString(), "--format", "json");
        assertEquals(0, second.code(), second::toString);
        long sent = second.json().get("activities").get("gold_mail").get("outputs").get("sent").asLong()
                + second.json().get("activities").get("silver_mail").get("outputs").get("sent").asLong()
                + second.json().get("activities").get("others_mail").get("outputs").get("sent").asLong();
        Path otherOutbox = fx.db.getParent().resolve("outbox").resolve("x3").resolve(SPRING_RUN + ".jsonl");
        assertEquals(fx.db.getParent().resolve("outbox").resolve("camp").resolve(SPRING_RUN + ".jsonl"), fx.outbox(SPRING_RUN));
        assertTrue(sent > 0);
        assertEquals(sent, fx.messages(SPRING_RUN).size(), "the first database's outbox is complete");
        assertEquals(sent, Files.readAllLines(otherOutbox).size(), "the second database's outbox is complete");
        assertTrue(Files.exists(fx.db.getParent().resolve("events").resolve("x3").resolve(SPRING_RUN + ".jsonl")));

        // even one outbox file named for both: each database sends its own messages into it
        Path shared = fx.db.getParent().resolve("shared.jsonl");
        assertEquals(0, RunFixture.camp("run", fx.sample("spring_promo.camp").toString(), "--at", SPRING_AT, "--db",
                fx.db.resolveSibling("a.duckdb").toString(), "--outbox", shared.toString()).code());
        assertEquals(0, RunFixture.camp("run", fx.sample("spring_promo.camp").toString(), "--at", SPRING_AT, "--db",
                fx.db.resolveSibling("b.duckdb").toString(), "--outbox", shared.toString()).code());
        assertEquals(2 * sent, Files.readAllLines(shared).size(), "both databases' messages are in the shared outbox");
    }

    /**
     * camp preview --messages: the rendered messages of a channel, before sending (a dry run) and
     * after: each is what the outbox got for its key, personalised with its recipient's data.
     */
    @Test
    void previewMessagesShowsWhatIsSentBeforeAndAfterSending() {
        RunFixture.Result dry = fx.run("spring_promo.camp", "--at", SPRING_AT, "--dry-run", "--format", "json");
        assertEquals(0, dry.code(), dry::toString);
        String dryRun = dry.json().get("run").asText();
        RunFixture.Result preview = fx.withDb("preview", dryRun, "gold_mail", "--messages", "--limit", "100", "--format", "json");
        assertEquals(0, preview.code(), preview::toString);
        JsonNode shown = preview.json();
        assertTrue(shown.get("dryRun").asBoolean());
        long wouldSend = dry.json().get("activities").get("gold_mail").get("outputs").get("sent").asLong();
        assertEquals(Math.min(100, wouldSend), shown.get("messages").size(), "every message the dry run would send, up to 100");
        for (JsonNode m : shown.get("messages")) {
            List<List<Object>> profile = fx.query("SELECT first_name, email FROM read_csv('" + fx.sample("data/profiles.csv")
                    + "', all_varchar = true) WHERE id = '" + m.get("recipient").asText() + "'");
            Object firstName = profile.get(0).get(0);
            assertEquals(profile.get(0).get(1), m.get("to").asText(), "addressed to the recipient's e-mail");
            assertEquals((firstName == null ? "Dear customer" : firstName) + ", your gold spring reward is here", m.get("subject").asText());
            assertTrue(m.get("html").asBoolean());
            if (firstName != null && firstName.toString().contains("<")) {
                assertFalse(m.get("body").asText().contains(firstName.toString()), "a name with markup is escaped in HTML");
            }
        }
        RunFixture.Result text = fx.withDb("preview", dryRun, "gold_mail", "--messages", "--limit", "2");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().startsWith("--- message 1 (dry run: not sent) to "), text.out());
        assertTrue(text.out().contains("Subject: "), text.out());
        assertTrue(text.out().strip().endsWith("--- 2 of the first " + Math.min(100, wouldSend) + " messages (in message key order)"),
                text.out());

        RunFixture.Result sent = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, sent.code(), sent::toString);
        String realRun = sent.json().get("run").asText();
        RunFixture.Result real = fx.withDb("preview", realRun, "others_mail", "--messages", "--limit", "100", "--format", "json");
        assertEquals(0, real.code(), real::toString);
        Map<String, String> outbox = new LinkedHashMap<>();
        fx.messages(realRun).stream().filter(m -> m.get("activity").asText().equals("others_mail"))
                .forEach(m -> outbox.put(m.get("messageKey").asText(), m.get("body").asText()));
        assertEquals(Math.min(100, outbox.size()), real.json().get("messages").size());
        for (JsonNode m : real.json().get("messages")) {
            assertEquals(outbox.get(m.get("key").asText()), m.get("body").asText(), "what the outbox got for this key");
        }
        assertTrue(outbox.size() > 0);
        assertEquals(2, fx.withDb("preview", realRun, "tiers", "--messages").code(), "not a channel");
        assertEquals(2, fx.withDb("preview", realRun, "gold_mail.sent", "--messages").code());
    }

    /**
     * camp run --test: a dry run whose channels send to the test audience only, each test profile
     * one message of each channel, rendered as a real recipient's; test messages are kept apart
     * and count for no cap of the real run that follows.
     */
    @Test
    void aTestRunSendsToTheTestAudienceOnly() {
        RunFixture.Result test = fx.run("spring_promo.camp", "--at", SPRING_AT, "--test", "--format", "json");
        assertEquals(0, test.code(), test::toString);
        String testRun = test.json().get("run").asText();
        assertEquals("completed", test.json().get("status").asText());
        // the test audience: staff of the test market (FR), who have an e-mail address
        List<List<Object>> staff = fx.query("SELECT count(*) FROM read_csv('" + fx.sample("data/profiles.csv") + "', all_varchar = true)"
                + " WHERE lower(trim(email)) LIKE '%@maison-nord.example' AND upper(country) = 'FR' AND trim(email) <> ''");
        long testers = ((Number) staff.get(0).get(0)).longValue();
        assertTrue(testers > 0, "the sample data has staff in France");
        List<JsonNode> sent = fx.messages(testRun);
        long channels = 0;
        for (String mail : List.of("gold_mail", "silver_mail", "others_mail")) {
            if (test.json().get("activities").get(mail).get("outputs").get("sent").asLong() > 0) {
                channels++;
            }
        }
        assertEquals(testers * channels, sent.size(), "each test profile gets one message of each channel that has one to send");
        for (JsonNode m : sent) {
            assertTrue(m.get("address").asText().toLowerCase().trim().endsWith("@maison-nord.example"), "only staff: " + m);
        }
        assertEquals(List.of(List.of(0L)), fx.query("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '" + testRun + "'"));
        assertEquals(List.of(List.of((long) sent.size())), fx.query("SELECT count(*) FROM camp_state.test_deliveries WHERE run_id = '"
                + testRun + "' AND status = 'sent'"));
        RunFixture.Result runs = fx.withDb("runs", "--format", "json");
        assertTrue(runs.json().get("runs").get(0).get("test").asBoolean(), runs::toString);

        // the real run that follows sends exactly what it would have sent without the test
        RunFixture.Result real = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, real.code(), real::toString);
        for (String mail : List.of("gold_mail", "silver_mail", "others_mail")) {
            assertEquals(test.json().get("activities").get(mail).get("outputs").get("sent").asLong(),
                    real.json().get("activities").get(mail).get("outputs").get("sent").asLong(), mail + ": no cap counted a test message");
        }
        fx.write("no_testers.camp", "campaign \"No testers\"\nimport \"retail.camp\"\nactivity fr: build profiles where country = \"FR\"\n"
                + "activity mail: email { subject \"Hi\" body \"Hello\" }\nflow { fr -> mail }\n");
        RunFixture.Result none = fx.run("no_testers.camp", "--test");
        assertEquals(2, none.code(), none::toString);
        assertTrue(none.err().contains("has no test audience"), none.err());
    }

    @Test
    void purgeOlderThanDropsTheWorktablesOfRunsThatEndedLongerAgo() throws InterruptedException {
        assertEquals(0, fx.run("spring_promo.camp", "--at", SPRING_AT).code());
        fx.write("wait_me.camp", WAIT_ME.formatted("3 days"));
        RunFixture.Result waiting = fx.run("wait_me.camp", "--at", Instant.now().minusSeconds(60).toString(), "--format", "json");
        assertEquals("waiting", waiting.json().get("status").asText(), waiting::toString);
        String waitingRun = waiting.json().get("run").asText();

        RunFixture.Result none = fx.withDb("purge", "--older-than", "30d");
        assertEquals(0, none.code(), none::toString);
        assertEquals("no finished run with worktables ended more than 30d ago\n", none.out());
        Thread.sleep(1_100);
        RunFixture.Result old = fx.withDb("purge", "--older-than", "1s");
        assertEquals(0, old.code(), old::toString);
        assertEquals("purged the worktables of " + SPRING_RUN, old.out().lines().findFirst().orElse(""), old.out());
        assertEquals(2, old.out().lines().count(), "the waiting run is not finished: it keeps its worktables:\n" + old.out());
        assertEquals(List.of(List.of(0L)), fx.query("SELECT count(*) FROM camp_state.worktables WHERE run_id = '" + SPRING_RUN + "'"));
        assertEquals(List.of(List.of(1L)), fx.query("SELECT count(DISTINCT run_id) FROM camp_state.worktables WHERE run_id = '"
                + waitingRun + "'"));
        assertEquals(List.of(List.of("completed")), fx.query("SELECT status FROM camp_state.runs WHERE run_id = '" + SPRING_RUN + "'"));

        RunFixture.Result both = fx.withDb("purge", SPRING_RUN, "--older-than", "1d");
        assertEquals(2, both.code());
        assertEquals("camp: name the runs to purge, or give --older-than (not both)\n", both.err());
        RunFixture.Result bad = fx.withDb("purge", "--older-than", "soon");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("camp: --older-than "), bad.err());
    }

    @Test
    void scheduleShowsTheNextLaunchesInTheCampaignsZone() {
        RunFixture.Result r = RunFixture.camp("schedule", fx.sample("spring_promo.camp").toString(), "--after", "2026-03-01",
                "--count", "3");
        assertEquals(0, r.code(), r::toString);
        // daily at 09:00 on mon..fri from 2026-03-02, Europe/Paris (UTC+1 in March before the clock change)
        assertEquals(List.of(
                "Mon 2026-03-02 09:00 Europe/Paris   (2026-03-02T08:00:00Z)",
                "Tue 2026-03-03 09:00 Europe/Paris   (2026-03-03T08:00:00Z)",
                "Wed 2026-03-04 09:00 Europe/Paris   (2026-03-04T08:00:00Z)"), r.out().lines().toList());
        RunFixture.Result ended = RunFixture.camp("schedule", fx.sample("spring_promo.camp").toString(), "--after", "2026-04-01");
        assertEquals(0, ended.code());
        assertTrue(ended.out().contains("the schedule has ended"), ended.out());
        RunFixture.Result none = RunFixture.camp("schedule", fx.sample("partner_leads.camp").toString());
        assertEquals(0, none.code());
    }

    @Test
    void pauseAndStopOfAFinishedRunAreRefused() {
        assertEquals(0, fx.run("spring_promo.camp", "--at", SPRING_AT).code());
        RunFixture.Result pause = fx.withDb("pause", SPRING_RUN);
        assertEquals(2, pause.code(), pause::toString);
        assertTrue(pause.err().contains("is already completed"), pause.err());
        assertEquals(2, fx.withDb("stop", "no_such_run").code());
    }

    // ------------------------------------------------------------ sources

    @Test
    void anEntityWhoseSourceLacksAColumnIsADiagnosticAtTheEntity() {
        fx.write("mismatch.camp", """
                campaign "Mismatch"

                entity shops key store_id from csv "data/stores.csv" {
                  store_id: int
                  name: text
                  manager_id: int
                }

                activity all: build shops
                activity done: end
                flow { all -> done }
                """);
        RunFixture.Result r = fx.run("mismatch.camp", "--format", "json");
        assertEquals(1, r.code(), r::toString);
        JsonNode d = r.json().get("diagnostics");
        assertEquals(1, d.size(), r::toString);
        assertEquals("E0701", d.get(0).get("code").asText());
        assertEquals(3, d.get(0).get("line").asInt(), "at the entity's declaration");
        assertEquals(8, d.get(0).get("column").asInt(), "at its name");
        assertEquals("entity 'shops' does not match its source: the source has no column 'manager_id'", d.get(0).get("message").asText());
        assertTrue(r.err().contains("mismatch.camp:3:8: error[E0701]"), r::toString);
        assertNoRuns();
        assertEquals(0, fx.count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'run_%'"),
                "no worktable schema is left behind");
    }

    @Test
    void aSourceTableTheDatabaseLacksFailsTheRunWithExit3BeforeAnythingIsCreated() {
        fx.write("missing.camp", """
                campaign "Missing table"

                entity members key id from table "no_such_members" {
                  id: int
                }

                activity all: build members
                activity done: end
                flow { all -> done }
                """);
        RunFixture.Result r = fx.run("missing.camp", "--format", "json");
        assertEquals(ExitCodes.RUN_FAILED, r.code(), r::toString);
        JsonNode d = r.json().get("diagnostics");
        assertEquals("E0704", d.get(0).get("code").asText(), r::toString);
        assertEquals(3, d.get(0).get("line").asInt(), "at the entity's declaration");
        assertTrue(d.get(0).get("message").asText().startsWith("entity 'members': cannot read its source (DuckDB): "), r::toString);
        assertNoRuns();
    }

    @Test
    void aMissingTextColumnIsNamedLikeAnyOther() {
        fx.write("mismatch.camp", """
                campaign "Mismatch"

                entity shops key store_id from csv "data/stores.csv" {
                  store_id: int
                  manager: text
                }

                activity all: build shops
                flow { all }
                """);
        RunFixture.Result r = fx.run("mismatch.camp", "--format", "json");
        assertEquals(1, r.code(), r::toString);
        assertEquals("entity 'shops' does not match its source: the source has no column 'manager'",
                r.json().get("diagnostics").get(0).get("message").asText());
    }

    // ------------------------------------------------------------ sql and explain

    @Test
    void sqlAndExplainShowEachActivityWithoutRunning() {
        String file = fx.sample("spring_promo.camp").toString();
        RunFixture.Result sql = RunFixture.camp("sql", file, "--at", "2026-03-10T08:00:00Z");
        assertEquals(0, sql.code(), sql::toString);
        assertEquals("", sql.err());
        // a section starts at its header; other comment lines introduce parts of a section
        List<String> headers = sql.out().lines().filter(l -> l.matches("-- \\S+: .+ \\(line \\d+\\)")).toList();
        List<String> names = headers.stream().map(h -> h.substring(3, h.indexOf(':'))).toList();
        assertEquals(List.copyOf(activityNames("spring_promo.camp")), names, "one labelled section per activity, in plan order");
        assertTrue(headers.contains("-- tiers: split (line 49)"), headers::toString);
        assertTrue(headers.contains("-- keep_gold: save audience (line 78)"), headers::toString);
        assertTrue(sql.out().contains("TIMESTAMP '2026-03-10 09:00:00' - INTERVAL 90 DAY"), "now() is --at in the campaign's zone");
        assertTrue(sql.out().contains("CREATE TABLE \"run\".\"tiers__gold\" AS"), "worktables are shown in schema \"run\"");

        RunFixture.Result ir = RunFixture.camp("explain", "--stage", "ir", file);
        assertEquals(0, ir.code(), ir::toString);
        assertTrue(ir.out().startsWith("plan 'Spring promo 2026' timezone Europe/Paris\n#0 optins: build\n"), ir::toString);
        assertTrue(ir.out().contains("#5 tiers: split <- enriched.out\n"), ir::toString);

        RunFixture.Result explained = RunFixture.camp("explain", "--stage", "sql", file);
        assertEquals(0, explained.code(), explained::toString);
        assertEquals(headers, explained.out().lines().filter(l -> l.matches("-- \\S+: .+ \\(line \\d+\\)")).toList(),
                "explain --stage sql is camp sql");
        RunFixture.Result explainedAt = RunFixture.camp("explain", "--stage", "sql", file, "--at", "2026-03-10T08:00:00Z");
        assertEquals(sql.out(), explainedAt.out(), "with the same --at, explain --stage sql prints exactly camp sql");

        RunFixture.Result bogus = RunFixture.camp("explain", "--stage", "bytecode", file);
        assertEquals(2, bogus.code(), bogus::toString);
        assertEquals("", bogus.out());
        assertTrue(bogus.err().contains("unknown stage 'bytecode'; the stages are tokens, ast, ir, sql"), bogus::toString);
    }

    // ------------------------------------------------------------ security

    private static final String INJECTION = "x'; DROP TABLE profiles; --";

    @Test
    void quotesInStringsAndParamsNeverBecomeSql() throws Exception {
        try (Connection c = Database.open(fx.db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE profiles AS SELECT * FROM read_csv('" + fx.sample("data/profiles.csv")
                    + "', header = true, auto_detect = true, types = {'email': 'VARCHAR', 'first_name': 'VARCHAR'})");
        }
        long profiles = fx.count("SELECT count(*) FROM profiles");
        fx.write("inject.camp", """
                campaign "Robert'); DROP TABLE profiles; --"

                param who: text = "nobody"

                entity profiles key id from table "profiles" {
                  id: int
                  email: text
                  first_name: text
                  email_opt_in: bool
                  consent email: email_opt_in
                }

                activity by_where: build profiles where first_name = "x'; DROP TABLE profiles; --" incremental
                activity by_param: build profiles where first_name = who or first_name = "Léa"
                activity mail:     email { subject "x'; DROP TABLE profiles; --" body "{{first_name}}" }
                activity keep:     save audience "robert-tables"
                activity done:     end
                flow {
                  by_where -> done
                  by_param -> mail -> keep
                }
                """);
        RunFixture.Result r = fx.run("inject.camp", "--at", "2026-03-10 09:00", "--param", "who=" + INJECTION, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        JsonNode run = r.json();
        assertEquals("completed", run.get("status").asText());
        String id = run.get("run").asText();
        assertEquals(0, run.get("activities").get("by_where").get("outputs").get("out").asLong(), "no first name is the attack text");
        long lea = fx.count("SELECT count(*) FROM profiles WHERE first_name = 'Léa'");
        assertEquals(lea, run.get("activities").get("by_param").get("outputs").get("out").asLong(), "the param matched nobody either");

        assertEquals(profiles, fx.count("SELECT count(*) FROM profiles"), "the table is still there, whole");
        assertEquals(1, fx.count("SELECT count(*) FROM camp_state.runs WHERE run_id = '" + id + "'"));
        assertEquals(lea, fx.count("SELECT count(*) FROM camp_saved.robert_tables") + run.get("activities").get("mail").get("outputs")
                .get("excluded").asLong());
        String sql = fx.withDb("tasks", id, "--sql", "--format", "json").json().get("tasks").get(0).get("sql").asText();
        assertTrue(sql.contains("'x''; DROP TABLE profiles; --'"), "the literal is quoted:\n" + sql);
        for (JsonNode m : fx.messages(id)) {
            assertEquals(INJECTION, m.get("subject").asText(), "templates are text, not SQL");
            assertEquals("Robert'); DROP TABLE profiles; --", m.get("campaign").asText());
        }
    }

    // ------------------------------------------------------------ helpers

    private Set<String> activityNames(String sample) {
        try {
            var checked = Frontend.check(fx.sample(sample), sample);
            assertFalse(checked.hasErrors(), checked.diagnostics()::toString);
            return new LinkedHashSet<>(checked.plan().steps().stream().map(camp.ir.Step::name).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNoRuns() {
        if (Files.exists(fx.db)) {
            assertEquals(0, fx.count("SELECT count(*) FROM camp_state.runs"), "no run is recorded");
        }
        RunFixture.Result runs = fx.withDb("runs", "--format", "json");
        if (runs.code() == 0) {
            assertEquals(0, runs.json().get("runs").size(), runs::toString);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static long sum(JsonNode outputs) {
        long n = 0;
        for (JsonNode v : outputs) {
            n += v.asLong();
        }
        return n;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The sent count of every channel activity of a run's JSON. */
    private static Map<String, Long> sentPorts(JsonNode activities) {
        Map<String, Long> sent = new TreeMap<>();
        activities.properties().forEach(e -> {
            if (CHANNELS.contains(e.getValue().get("kind").asText())) {
                sent.put(e.getKey(), e.getValue().get("outputs").get("sent").asLong());
            }
        });
        return sent;
    }

    /** ACTIVITY.PORT to count, for every port of a run's JSON. */
    private static Map<String, Long> outputs(JsonNode activities) {
        Map<String, Long> all = new TreeMap<>();
        activities.properties().forEach(e -> e.getValue().get("outputs").properties()
                .forEach(p -> all.put(e.getKey() + "." + p.getKey(), p.getValue().asLong())));
        return all;
    }

    private static Map<String, String> statuses(JsonNode activities) {
        Map<String, String> all = new TreeMap<>();
        activities.properties().forEach(e -> all.put(e.getKey(), e.getValue().get("status").asText()));
        return all;
    }

    private static Map<String, Long> countBy(List<JsonNode> messages, String field) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode m : messages) {
            counts.merge(m.get(field).asText(), 1L, Long::sum);
        }
        return counts;
    }

    /** activity to count, from a query that returns both. */
    private Map<String, Long> ledger(String select) {
        Map<String, Long> counts = new TreeMap<>();
        for (List<Object> row : fx.query(select)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    /** The status of every task, as {@code camp tasks RUN --format json} shows it. */
    private Map<String, String> taskStatuses(String run) {
        return taskField(run, "status");
    }

    private Map<String, String> taskField(String run, String field) {
        RunFixture.Result t = fx.withDb("tasks", run, "--format", "json");
        assertEquals(0, t.code(), t::toString);
        Map<String, String> values = new TreeMap<>();
        t.json().get("tasks").forEach(task -> values.put(task.get("activity").asText(), task.get(field).asText()));
        return values;
    }

    private Map<String, Long> attempts(String run) {
        Map<String, Long> attempts = new LinkedHashMap<>();
        for (List<Object> row : fx.query("SELECT activity, attempts FROM camp_state.tasks WHERE run_id = '" + run + "' ORDER BY ordinal")) {
            attempts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return new TreeMap<>(attempts);
    }
}
