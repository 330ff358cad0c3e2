package camp.scheduler;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import camp.RunSnapshot;
import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunOptions;
import camp.run.RunResult;
import camp.run.RunStatus;
import camp.run.Store;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp scheduler} as a process: simulated windows of time (a week of a daily campaign
 * with a wait of two days, then the next days), a scheduler killed at seeded moments and
 * restarted until its window is done, compared run by run with an uninterrupted one; slots
 * missed while it was down run once; SIGTERM while it sends ends it with exit 0 and the run
 * goes on at the next start; two schedulers on one database; paths without schedules.
 */
class SchedulerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    static Path project;

    @BeforeAll
    static void data() throws Exception {
        CrashProject.data(project, 20_000);
    }

    /** A daily campaign at 09:00 Paris whose gold branch waits, in the project folder. */
    private static Path daily(String name, String wait) throws Exception {
        return CrashProject.write(project, name.toLowerCase().replace(' ', '_') + ".camp",
                CrashProject.campaign(name, "schedule daily at 09:00\n  timezone \"Europe/Paris\"", wait));
    }

    private static JsonNode runs(Path db) throws Exception {
        CampProcess runs = camp("runs", "--db", db.toString(), "--format", "json");
        assertEquals(0, runs.run(60), runs::output);
        return JSON.readTree(runs.output()).get("runs");
    }

    /** Run id -> logical time and status, oldest first. */
    private static Map<String, String> statuses(Path db) throws Exception {
        Map<String, String> byRun = new java.util.TreeMap<>();
        for (JsonNode r : runs(db)) {
            byRun.put(r.get("run").asText(), r.get("logicalTime").asText() + " " + r.get("status").asText());
        }
        return byRun;
    }

    /** "slot status run" of each recorded launch, in slot order. */
    private static List<String> launches(Path db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = Database.openReadOnly(db)) {
            for (Store.LaunchRow l : new Store(c).launches()) {
                rows.add(l.slot() + " " + l.status() + (l.run() == null ? "" : " " + l.run()));
            }
        }
        return rows;
    }

    /** The scheduler's events (--format json): "at event [run]" each. */
    private static List<String> events(CampProcess p) throws java.io.IOException {
        List<String> events = new ArrayList<>();
        for (String line : p.output().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode e = JSON.readTree(line);
            if (e.get("event").asText().equals("loaded")) {
                continue;
            }
            events.add(e.get("at").asText() + " " + e.get("event").asText() + (e.has("run") ? " " + e.get("run").asText() : ""));
        }
        return events;
    }

    /** Whether the scheduler printed this event (--format json) for this run. */
    private static boolean said(CampProcess p, String event, String run) {
        try {
            return events(p).stream().anyMatch(e -> e.endsWith(" " + event + " " + run));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String id(String instant) {
        return RUN_ID.format(Instant.parse(instant));
    }

    /** The same run done by hand at its logical time, its waits declared over: the scheduler's must equal it. */
    private static RunSnapshot direct(Path campaign, String at, String name) throws Exception {
        Path db = project.resolve("direct-" + name).resolve("camp.duckdb");
        RunResult r = Interpreter.run(new RunOptions(campaign, db, Instant.parse(at), Map.of(), false, null, null));
        while (r.status() == RunStatus.WAITING) {
            r = Interpreter.resume(r.run(), db, null, null, null, true, null);
        }
        assertEquals(RunStatus.COMPLETED, r.status(), String.valueOf(r.error()));
        return RunSnapshot.of(db, id(at));
    }

    private static void assertSameRun(RunSnapshot expected, RunSnapshot actual, String what) {
        assertEquals(expected.status(), actual.status(), what);
        assertEquals(expected.tasks(), actual.tasks(), what);
        assertEquals(expected.ports(), actual.ports(), what);
        assertEquals(expected.ledger(), actual.ledger(), what);
        assertEquals(expected.outboxOnce(), actual.outboxOnce(), what);
    }

    @Test
    void aSimulatedWeekOfADailyCampaignWithATwoDayWait() throws Exception {
        Path campaign = daily("Week", "wait 2 days");
        Path db = project.resolve("week").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        CampProcess week = camp("scheduler", "--from", "2026-06-01T00:00:00Z", "--until", "2026-06-07T23:59:00Z", "--db", db.toString(),
                "--format", "json", campaign.toString());
        assertEquals(0, week.run(300), week::output);

        // 09:00 in Paris is 07:00Z in June; a run waits two days, and no run starts while the previous one is going on
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("20260601T070000Z", "2026-06-01T07:00:00Z completed");
        expected.put("20260603T070000Z", "2026-06-03T07:00:00Z completed");
        expected.put("20260605T070000Z", "2026-06-05T07:00:00Z completed");
        expected.put("20260607T070000Z", "2026-06-07T07:00:00Z waiting");
        assertEquals(expected, statuses(db), week.output());
        assertEquals(List.of(
                "2026-06-01T07:00:00Z launched 20260601T070000Z",
                "2026-06-02T07:00:00Z skipped",
                "2026-06-03T07:00:00Z launched 20260603T070000Z",
                "2026-06-04T07:00:00Z skipped",
                "2026-06-05T07:00:00Z launched 20260605T070000Z",
                "2026-06-06T07:00:00Z skipped",
                "2026-06-07T07:00:00Z launched 20260607T070000Z"), launches(db));

        assertEquals(List.of(
                "2026-06-01T07:00:00Z launched",
                "2026-06-01T07:00:00Z waiting 20260601T070000Z",
                "2026-06-02T07:00:00Z skipped",
                "2026-06-03T07:00:00Z resumed 20260601T070000Z",
                "2026-06-03T07:00:00Z completed 20260601T070000Z",
                "2026-06-03T07:00:00Z launched",
                "2026-06-03T07:00:00Z waiting 20260603T070000Z",
                "2026-06-04T07:00:00Z skipped",
                "2026-06-05T07:00:00Z resumed 20260603T070000Z",
                "2026-06-05T07:00:00Z completed 20260603T070000Z",
                "2026-06-05T07:00:00Z launched",
                "2026-06-05T07:00:00Z waiting 20260605T070000Z",
                "2026-06-06T07:00:00Z skipped",
                "2026-06-07T07:00:00Z resumed 20260605T070000Z",
                "2026-06-07T07:00:00Z completed 20260605T070000Z",
                "2026-06-07T07:00:00Z launched",
                "2026-06-07T07:00:00Z waiting 20260607T070000Z"), events(week), week.output());
        assertTrue(week.output().contains("\"detail\":\"until 2026-06-03T07:00:00Z\""), week.output());

        // each run is the run of its logical time: the same as one done by hand, its wait declared over
        for (String at : List.of("2026-06-01T07:00:00Z", "2026-06-05T07:00:00Z")) {
            assertSameRun(direct(campaign, at, "week-" + id(at)), RunSnapshot.of(db, id(at)), "the run of " + at);
        }

        // the next window goes on with the run that waits
        // the next window goes on with the run that waits; the worktables of the finished runs are dropped
        CampProcess next = camp("scheduler", "--from", "2026-06-08T00:00:00Z", "--until", "2026-06-10T12:00:00Z", "--db", db.toString(),
                "--purge-older-than", "1s", campaign.toString());
        assertEquals(0, next.run(300), next::output);
        Map<String, String> later = statuses(db);
        assertEquals("2026-06-07T07:00:00Z completed", later.get("20260607T070000Z"), later.toString());
        assertEquals("2026-06-09T07:00:00Z waiting", later.get("20260609T070000Z"), later.toString());
        assertEquals(5, later.size(), later.toString());
        assertEquals(List.of("2026-06-08T07:00:00Z skipped", "2026-06-09T07:00:00Z launched 20260609T070000Z", "2026-06-10T07:00:00Z skipped"),
                launches(db).subList(7, 10));
        assertTrue(next.output().contains("purged    the worktables of 3 runs: 20260601T070000Z, 20260603T070000Z, 20260605T070000Z"),
                next.output());
        assertEquals(Map.of(), RunSnapshot.of(db, "20260601T070000Z").ports(), "purged");
        assertFalse(RunSnapshot.of(db, "20260609T070000Z").ports().isEmpty(), "a waiting run keeps its worktables");

        // camp status says where a waiting run is and when it goes on
        CampProcess status = camp("status", "20260609T070000Z", "--db", db.toString(), "--format", "json");
        assertEquals(0, status.run(60), status::output);
        JsonNode s = JSON.readTree(status.output());
        assertEquals("waiting", s.get("status").asText());
        assertEquals("2026-06-11T07:00:00Z", s.get("waitingUntil").asText());
        assertEquals("later", s.get("task").get("activity").asText());
    }

    @Test
    void aWindowOnPostgreSqlLaunchesAndEndsAsOnDuckDb() throws Exception {
        String url = camp.sql.EngineComparison.postgresUrl();
        camp.sql.EngineComparison.reset(url);
        Path campaign = daily("On Postgres", "wait 1 day");
        String[] window = {"--from", "2026-06-01T00:00:00Z", "--until", "2026-06-04T23:59:00Z"};
        Path duck = project.resolve("engines-duckdb").resolve("camp.duckdb");
        Files.createDirectories(duck.getParent());   // camp creates no folder but its own .camp
        CampProcess onDuck = camp("scheduler", window[0], window[1], window[2], window[3], "--db", duck.toString(), campaign.toString());
        assertEquals(0, onDuck.run(300), onDuck::output);
        Path pg = Database.writeConnectionFile(project.resolve("engines-postgres").resolve("db.postgres"), url);
        CampProcess onPg = camp("scheduler", window[0], window[1], window[2], window[3], "--db", pg.toString(), campaign.toString());
        assertEquals(0, onPg.run(300), onPg::output);
        assertEquals(statuses(duck), statuses(pg), "the same runs, at the same times, in the same statuses");
        assertEquals(launches(duck), launches(pg), "the same launches");
        assertEquals(4, launches(pg).size(), "a launch a day");
        for (String run : statuses(pg).keySet()) {
            assertEquals(taskCounts(duck, run), taskCounts(pg, run), run + ": every task's status and counts");
        }
    }

    /** Activity -> status and rows per port, as the run state records them. */
    private static Map<String, String> taskCounts(Path db, String run) throws Exception {
        Map<String, String> tasks = new java.util.TreeMap<>();
        try (Connection c = Database.openReadOnly(db)) {
            new Store(c).tasks(run).forEach((activity, t) -> tasks.put(activity, t.status() + " " + new java.util.TreeMap<>(t.outputs())));
        }
        return tasks;
    }

    @Test
    void aSchedulerKilledAtAnyMomentEndsItsWindowLikeAnUninterruptedOne() throws Exception {
        Path campaign = daily("Killed", "wait 1 day");
        // twenty days of a daily campaign with a one-day wait: enough work that twenty kills fall inside
        // it however fast the machine (a faster start of camp once let a window of ten days end after
        // sixteen kills, and a faster machine after nine)
        String[] window = {"--from", "2026-06-01T00:00:00Z", "--until", "2026-06-20T23:59:00Z"};
        Path cleanDb = project.resolve("sched-clean").resolve("camp.duckdb");
        Files.createDirectories(cleanDb.getParent());   // camp creates no folder but its own .camp
        CampProcess clean = camp("scheduler", window[0], window[1], window[2], window[3], "--db", cleanDb.toString(), campaign.toString());
        assertEquals(0, clean.run(300), clean::output);

        Path db = project.resolve("sched-killed").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        Random random = new Random(20261205L);
        int kills = 0;
        List<String> moments = new ArrayList<>();
        for (int attempt = 0; attempt < 60; attempt++) {
            CampProcess p = camp("scheduler", window[0], window[1], window[2], window[3], "--db", db.toString(), campaign.toString())
                    .property("camp.sendBatch", "500").log(project.resolve("sched-killed-" + attempt + ".log")).start();
            long delay = 1_400 + random.nextInt(1_800);
            Thread.sleep(delay);
            if (!p.alive()) {
                assertEquals(0, p.await(10), p.output());
                break;
            }
            p.kill();
            kills++;
            moments.add(delay + " ms: " + p.output().lines().filter(l -> l.startsWith("2026-")).reduce((a, b) -> b).orElse("-"));
            if (kills >= 20) {
                assertEquals(0, camp("scheduler", window[0], window[1], window[2], window[3], "--db", db.toString(), campaign.toString())
                        .run(300));
                break;
            }
        }
        moments.forEach(m -> System.out.println("scheduler killed at " + m));
        assertTrue(kills >= 20, "the scheduler was killed 20 times in the middle of its window: " + moments);

        assertEquals(statuses(cleanDb), statuses(db), String.join("\n", moments));
        assertEquals(launches(cleanDb), launches(db));
        for (String run : statuses(cleanDb).keySet()) {
            RunSnapshot expected = RunSnapshot.of(cleanDb, run);
            RunSnapshot actual = RunSnapshot.of(db, run);
            assertSameRun(expected, actual, "run " + run);
            assertEquals(expected.saved(), actual.saved(), "run " + run);
        }
    }

    @Test
    void missedSlotsRunOnceAndSigtermEndsTheSchedulerAfterItsTask() throws Exception {
        Path campaign = daily("Missed", null);
        Path db = project.resolve("missed").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        Instant now = Instant.now();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        // the scheduler last ran three days ago
        String from = today.minusDays(3) + "T00:00:00Z";
        String until = today.minusDays(3) + "T23:59:00Z";
        assertEquals(0, camp("scheduler", "--from", from, "--until", until, "--db", db.toString(), campaign.toString()).run(300));
        List<Instant> slots = new ArrayList<>();
        for (Instant slot : new camp.schedule.LaunchCalendar().next(new camp.schedule.ScheduleSpec(new camp.schedule.Frequency.Daily(
                List.of(java.time.LocalTime.of(9, 0)), java.util.Set.of()), null, null, null, java.time.ZoneId.of("Europe/Paris")),
                Instant.parse(from), 10).stream().map(z -> z.toInstant()).toList()) {
            if (!slot.isAfter(now)) {
                slots.add(slot);
            }
        }
        Instant latest = slots.get(slots.size() - 1);
        String run = RUN_ID.format(latest);

        // back up for real, slowly sending: the missed slots are skipped but the latest, which runs at once
        CampProcess scheduler = camp("scheduler", "--db", db.toString(), "--format", "json", campaign.toString())
                .property("camp.sendBatch", "100").property("camp.test.pauseAfterBatchMs", "400").start();
        CampProcess.waitUntil("the run of the latest slot is sending", 180, () -> {
            try {
                return RunSnapshot.outbox(db, run).size() >= 300;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        scheduler.terminate();
        assertEquals(0, scheduler.await(60), "SIGTERM ends the scheduler with 0:\n" + scheduler.output());
        assertTrue(said(scheduler, "interrupted", run), scheduler.output());

        CampProcess status = camp("status", run, "--db", db.toString(), "--format", "json");
        assertEquals(0, status.run(60), status::output);
        assertEquals("interrupted", JSON.readTree(status.output()).get("status").asText(), status.output());

        List<String> expected = new ArrayList<>();
        expected.add(slots.get(0) + " launched " + RUN_ID.format(slots.get(0)));
        for (Instant missed : slots.subList(1, slots.size() - 1)) {
            expected.add(missed + " skipped");
        }
        expected.add(latest + " launched " + run);
        assertEquals(expected, launches(db), scheduler.output());

        // the next start goes on with the interrupted run, and sends nothing twice
        CampProcess again = camp("scheduler", "--db", db.toString(), "--format", "json", campaign.toString()).start();
        CampProcess.waitUntil("the interrupted run is completed", 180, () -> said(again, "completed", run));
        again.terminate();
        assertEquals(0, again.await(60), again.output());
        assertTrue(said(again, "resumed", run), again.output());
        assertEquals(expected, launches(db), "nothing launched twice:\n" + again.output());
        assertSameRun(direct(campaign, latest.toString(), "missed"), RunSnapshot.of(db, run), "the resumed run");
    }

    @Test
    void aCampaignFileThatChangesIsReadAgainAndABrokenOneIsNotRun() throws Exception {
        String good = CrashProject.campaign("Edited", "schedule once at 2099-01-01 09:00", null);
        Path campaign = CrashProject.write(project, "edited.camp", good);
        Path db = project.resolve("edited").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        CampProcess scheduler = camp("scheduler", "--db", db.toString(), "--poll", "1", campaign.toString()).start();
        CampProcess.waitUntil("the scheduler has started", 120, () -> scheduler.output().contains(" started "));

        Files.writeString(campaign, good.replace("build profiles where loyalty_points", "build profils where loyalty_points"));
        Files.setLastModifiedTime(campaign, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        CampProcess.waitUntil("the broken file is reported", 60, () -> scheduler.output().contains(" invalid "));
        assertTrue(scheduler.output().contains("edited.camp no longer checks; its campaign is not run until it does:"), scheduler.output());
        assertTrue(scheduler.output().contains("error[E0202]: unknown entity or audience 'profils'"), scheduler.output());

        Files.writeString(campaign, good.replace("2099-01-01 09:00", "2099-02-01 09:00"));
        Files.setLastModifiedTime(campaign, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(10)));
        CampProcess.waitUntil("the fixed file is read again", 60, () -> scheduler.output().contains(" reloaded  'Edited'"));
        scheduler.terminate();
        assertEquals(0, scheduler.await(60), scheduler::toString);
        assertEquals(0, runs(db).size(), "nothing ran");
    }

    @Test
    void oneSchedulerPerDatabase() throws Exception {
        Path campaign = CrashProject.write(project, "later.camp", CrashProject.campaign("Later", "schedule once at 2099-01-01 09:00", null));
        Path db = project.resolve("one").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        CampProcess first = camp("scheduler", "--db", db.toString(), campaign.toString()).start();
        CampProcess.waitUntil("the first scheduler has started", 120, () -> first.output().contains(" started "));
        CampProcess second = camp("scheduler", "--db", db.toString(), campaign.toString());
        assertEquals(2, second.run(60), second::output);
        assertTrue(second.output().contains("camp: another scheduler runs over " + db + " (pid " + first.pid() + ")"), second.output());
        assertTrue(first.alive());
        first.terminate();
        assertEquals(0, first.await(60), first.output());
    }

    @Test
    void pathsWithoutSchedulesAreRefused() throws Exception {
        Path plain = project.resolve("plain");
        Files.createDirectories(plain);
        Files.copy(project.resolve("profiles.parquet"), plain.resolve("profiles.parquet"));
        Files.copy(project.resolve("purchases.parquet"), plain.resolve("purchases.parquet"));
        Path adhoc = CrashProject.write(plain, "adhoc.camp", CrashProject.campaign("Ad hoc", "", null));
        CampProcess check = camp("check", adhoc.toString());
        assertEquals(0, check.run(60), check::output);
        Path db = project.resolve("none").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        for (String path : List.of(plain.toString(), adhoc.toString())) {
            CampProcess none = camp("scheduler", "--db", db.toString(), path);
            assertEquals(2, none.run(60), none::output);
            assertEquals("camp: no campaign with a schedule in [" + path + "]", none.output().strip());
            CampProcess window = camp("scheduler", "--from", "2026-06-01T00:00:00Z", "--until", "2026-06-02T00:00:00Z", "--db",
                    db.toString(), path);
            assertEquals(2, window.run(60), window::output);
        }
        assertFalse(Files.exists(db), "nothing written");
        CampProcess missing = camp("scheduler", "--db", db.toString(), project.resolve("nowhere").toString());
        assertEquals(2, missing.run(60), missing::output);
        assertEquals("camp: no such file or folder: " + project.resolve("nowhere"), missing.output().strip());
        CampProcess half = camp("scheduler", "--from", "2026-06-01T00:00:00Z", "--db", db.toString(), plain.toString());
        assertEquals(2, half.run(60), half::output);
        assertEquals("camp: --from and --until go together: the window of time to run", half.output().strip());
    }

    @Test
    void aWaitOutlivesItsProcessAndTheSchedulerGoesOnWithIt() throws Exception {
        Path campaign = CrashProject.write(project, "adhoc_wait.camp", CrashProject.campaign("Ad hoc wait", "", "wait 2 days"));
        Path db = project.resolve("adhoc").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        // a logical time of yesterday: the wait ends tomorrow, after this process has ended
        Instant logical = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.DAYS);
        String at = logical.toString();
        Instant due = logical.plus(2, ChronoUnit.DAYS);
        CampProcess run = camp("run", campaign.toString(), "--db", db.toString(), "--at", at);
        assertEquals(0, run.run(120), run::output);
        String id = id(at);
        assertEquals(Map.of(id, at + " waiting"), statuses(db));

        CampProcess early = camp("resume", id, "--db", db.toString());
        assertEquals(2, early.run(60), early::output);
        assertTrue(early.output().contains("waits until " + due + "; resume it then, or now with --now"), early.output());

        // a campaign without a schedule is not launched by the scheduler, but its waiting run goes on when its time comes
        Path watched = CrashProject.write(project, "watched.camp", CrashProject.campaign("Watched", "schedule once at 2099-01-01 09:00", null));
        CampProcess before = camp("scheduler", "--from", due.minus(1, ChronoUnit.HOURS).toString(), "--until", due.minusSeconds(1).toString(),
                "--db", db.toString(), "--format", "json", watched.toString());
        assertEquals(0, before.run(300), before::output);
        assertEquals(List.of(), events(before), "nothing is due before the end of the wait");
        assertEquals(at + " waiting", statuses(db).get(id));
        CampProcess scheduler = camp("scheduler", "--from", due.toString(), "--until", due.plus(1, ChronoUnit.HOURS).toString(),
                "--db", db.toString(), "--format", "json", watched.toString());
        assertEquals(0, scheduler.run(300), scheduler::output);
        assertEquals(List.of(due + " resumed " + id, due + " completed " + id), events(scheduler), scheduler.output());
        assertEquals(at + " completed", statuses(db).get(id));
        assertSameRun(direct(campaign, at, "adhoc"), RunSnapshot.of(db, id), "the run that waited");
        assertTrue(RunSnapshot.of(db, id).outbox().size() > 0);
    }
}
