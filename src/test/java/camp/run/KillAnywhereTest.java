package camp.run;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import camp.RunSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of {@code camp run} at seeded moments over a run that lasts seconds (while
 * it reads its sources, while a task writes its worktables, between tasks, while it sends,
 * while it saves an audience, while DuckDB checkpoints), and of the {@code camp resume} that
 * follows some of them; each run is then resumed to its end and compared, port by port, with
 * an uninterrupted run at the same logical time: the same counts, the same rows in every
 * worktable and saved audience, the same delivery ledger, and every message in the outbox
 * exactly once.
 */
class KillAnywhereTest {
    private static final String AT = "2026-07-01T09:00:00Z";
    private static final String RUN = "20260701T090000Z";
    private static final long SEED = 20261204L;
    private static final int KILLS = 22;

    @TempDir
    static Path project;

    private static Path campaign;
    private static RunSnapshot reference;

    @BeforeAll
    static void uninterrupted() throws Exception {
        CrashProject.data(project, 200_000);
        campaign = CrashProject.write(project, "crash.camp", CrashProject.campaign("Crash test", "", null));
        Path db = project.resolve("reference").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        RunResult clean = Interpreter.run(new RunOptions(campaign, db, Instant.parse(AT), Map.of(), false, null, null));
        assertEquals(RunStatus.COMPLETED, clean.status(), String.valueOf(clean.error()));
        reference = RunSnapshot.of(db, RUN);
        assertTrue(reference.outbox().size() > 30_000, "a run that sends enough to be killed while sending: " + reference.outbox().size());
        reference.outboxOnce();
    }

    @Test
    void aRunKilledAtAnyMomentIsResumedToTheSameResult() throws Exception {
        Random random = new Random(SEED);
        List<String> moments = new ArrayList<>();
        int killedWhileRunning = 0;
        for (int i = 0; i < KILLS; i++) {
            // the whole run takes 2-3 s on a fast day of this machine (120,000 profiles once took 2.3 s, and
            // kills after 600-4,400 ms came too late to land inside it twenty times)
            long delay = 400 + random.nextInt(2_600);
            long resumeDelay = 300 + random.nextInt(2_500);
            Path db = project.resolve("kill" + i).resolve("camp.duckdb");
            Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
            CampProcess run = camp("run", campaign.toString(), "--db", db.toString(), "--at", AT)
                    .property("camp.sendBatch", "2000").log(project.resolve("kill" + i + ".log")).start();
            Thread.sleep(delay);
            boolean killed = run.alive();
            if (killed) {
                run.kill();
                killedWhileRunning++;
            } else {
                assertEquals(0, run.await(10), run.output());
            }
            String where = lastTask(db);
            moments.add(delay + " ms: " + where);
            if (killed && i % 2 == 1 && Files.exists(db) && where != null) {
                // the resume itself is killed too
                CampProcess resume = camp("resume", RUN, "--db", db.toString()).property("camp.sendBatch", "2000")
                        .log(project.resolve("kill" + i + "-resume.log")).start();
                Thread.sleep(resumeDelay);
                if (resume.alive()) {
                    resume.kill();
                    moments.set(i, moments.get(i) + ", resume killed after " + resumeDelay + " ms: " + lastTask(db));
                } else {
                    int code = resume.await(10);
                    // a kill that lands after the run's last commit, while its JVM exits, leaves a completed run
                    assertTrue(code == 0 || code == 2 && resume.output().contains("is completed and cannot be resumed"),
                            resume.output());
                }
            }
            finish(db);
            RunSnapshot after = RunSnapshot.of(db, RUN);
            String context = "killed at " + moments.get(i);
            assertEquals(reference.status(), after.status(), context);
            assertEquals(reference.tasks(), after.tasks(), context);
            assertEquals(reference.ports(), after.ports(), context);
            assertEquals(reference.saved(), after.saved(), context);
            assertEquals(reference.ledger(), after.ledger(), context);
            assertEquals(reference.outboxOnce(), after.outboxOnce(), context + ": every message once, none lost");
        }
        moments.forEach(m -> System.out.println("killed at " + m));
        assertTrue(killedWhileRunning >= 20, "at least 20 kills in the middle of the run: " + moments);
    }

    /** Resumes an interrupted run to its end, or runs it when the kill came before it was recorded. */
    private static void finish(Path db) throws Exception {
        if (lastTask(db) == null) {
            RunResult fresh = Interpreter.run(new RunOptions(campaign, db, Instant.parse(AT), Map.of(), false, null, null));
            assertEquals(RunStatus.COMPLETED, fresh.status(), String.valueOf(fresh.error()));
            return;
        }
        try (var c = Database.openReadOnly(db)) {
            if (new Store(c).run(RUN).orElseThrow().status() == RunStatus.COMPLETED) {
                return;
            }
        }
        RunResult resumed = Interpreter.resume(RUN, db, null, null);
        assertEquals(RunStatus.COMPLETED, resumed.status(), String.valueOf(resumed.error()));
    }

    /** Where the run was: its last task started, "no task yet", or null when it is not recorded at all. */
    private static String lastTask(Path db) throws Exception {
        if (!Files.exists(db)) {
            return null;
        }
        try (var c = Database.openReadOnly(db)) {
            Store store = new Store(c);
            if (!store.hasState() || store.run(RUN).isEmpty()) {
                return null;
            }
            return store.tasks(RUN).values().stream().filter(t -> t.startedAt() != null)
                    .max(java.util.Comparator.comparing(Store.TaskRow::startedAt))
                    .map(t -> t.activity() + " " + t.status().label()).orElse("no task yet");
        }
    }
}
