package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.RunSnapshot;
import camp.check.Cases;
import camp.sql.EngineComparison;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on PostgreSQL killed in another process (halted as kill -9 would in the middle of
 * sending, and killed with SIGKILL once its first tasks are done), then resumed: it completes
 * with the counts of an uninterrupted run on every port, and every message is in the outbox once.
 */
class PostgresCrashTest {
    private static final String AT = "2026-03-10T08:00:00Z";
    private static final String RUN = "20260310T080000Z";

    @TempDir
    Path dir;

    private Process start(Path campaign, Path connection, String... jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "camp.cli.Main", "run", campaign.toString(),
                "--db", connection.toString(), "--at", AT));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("crash.log").toFile()).start();
    }

    /** The tasks of the run that are done, in the PostgreSQL database. */
    private static long doneTasks(Path connection) {
        try (Connection c = Database.openExisting(connection); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM camp_state.tasks WHERE run_id = '" + RUN + "' AND status = 'done'")) {
            r.next();
            return r.getLong(1);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Resumes the run until it completes; checks the outbox and the delivery history against an uninterrupted run. */
    private void resumeAndCompare(Path samples, Path connection, Map<String, String> expected, Set<String> expectedKeys) throws Exception {
        RunResult resumed = Interpreter.resume(RUN, connection, null, null);
        assertEquals("completed", resumed.status().label(), () -> String.valueOf(resumed.error()));
        assertEquals(expected, PostgresRunTest.counts(resumed), "every port's count equals the uninterrupted run's");
        List<String> sent = RunSnapshot.outbox(connection, RUN);
        assertEquals(sent.size(), new HashSet<>(sent).size(), "a message was sent twice");
        assertEquals(expectedKeys, new HashSet<>(sent), "the messages of an uninterrupted run, none lost");
        try (Connection c = Database.openExisting(connection); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT message_key) FROM camp_state.deliveries"
                        + " WHERE run_id = '" + RUN + "' AND status = 'sent'")) {
            r.next();
            assertEquals(sent.size(), r.getLong(1), "the delivery history records every message once");
            assertEquals(r.getLong(1), r.getLong(2));
        }
    }

    @Test
    void aRunKilledOnPostgreSqlIsResumedWithTheSameCountsAndNoMessageTwice() throws Exception {
        String url = EngineComparison.postgresUrl();
        Path samples = dir.resolve("samples");
        Cases.copySamples(samples);
        Path campaign = samples.resolve("spring_promo.camp");

        // the uninterrupted run, on DuckDB: what every interrupted one must end with
        Path clean = dir.resolve("clean").resolve("camp.duckdb");
        RunResult uninterrupted = Interpreter.run(new RunOptions(campaign, clean, Instant.parse(AT), Map.of(), false, null, null));
        assertEquals("completed", uninterrupted.status().label());
        Map<String, String> expected = PostgresRunTest.counts(uninterrupted);
        Set<String> expectedKeys = new HashSet<>(RunSnapshot.outbox(clean, RUN));
        assertEquals(162, expectedKeys.size());

        // halted in the middle of sending, after three batches of ten reached the outbox
        EngineComparison.reset(url);
        Path first = Database.writeConnectionFile(dir.resolve("halted").resolve("db.postgres"), url);
        Process halted = start(campaign, first, "-Dcamp.sendBatch=10", "-Dcamp.test.haltAfterFlushes=3");
        assertTrue(halted.waitFor(120, TimeUnit.SECONDS), "the halted run did not end");
        assertEquals(137, halted.exitValue(), () -> "halted mid-send: " + read(dir.resolve("crash.log")));
        assertEquals(30, RunSnapshot.outbox(first, RUN).size());
        resumeAndCompare(samples, first, expected, expectedKeys);

        // killed with SIGKILL once its first tasks are done, wherever it then is
        EngineComparison.reset(url);
        Path second = Database.writeConnectionFile(dir.resolve("killed").resolve("db.postgres"), url);
        Process killed = start(campaign, second, "-Dcamp.sendBatch=10");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (doneTasks(second) < 4 && killed.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(killed.isAlive(), () -> "the run ended before it could be killed: " + read(dir.resolve("crash.log")));
        killed.destroyForcibly();
        assertTrue(killed.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, killed.exitValue());
        resumeAndCompare(samples, second, expected, expectedKeys);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
