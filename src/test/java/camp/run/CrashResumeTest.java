package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * The delivery guarantee (delivery-guarantees.md §2.2): a process killed in the middle of
 * sending, between handing messages to the outbox and recording them as sent, is resumed
 * without sending any message twice and without losing one.
 */
class CrashResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path copySamples() throws IOException {
        Path samples = dir.resolve("samples");
        try (var files = Files.walk(Path.of("samples"))) {
            for (Path p : files.toList()) {
                Path target = samples.resolve(Path.of("samples").relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return samples;
    }

    /** Runs camp in another JVM that halts, as kill -9 would, after {@code flushes} outbox flushes. */
    private int runAndHalt(Path campaign, Path db, int flushes) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Dcamp.sendBatch=10", "-Dcamp.test.haltAfterFlushes=" + flushes,
                "-cp", System.getProperty("java.class.path"), "camp.cli.Main", "run", campaign.toString(),
                "--db", db.toString(), "--at", "2026-03-10T08:00:00Z");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("crash.log").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the crashing run did not end");
        return p.exitValue();
    }

    private static List<String> outboxKeys(Path outbox) throws IOException {
        List<String> keys = new ArrayList<>();
        if (Files.exists(outbox)) {
            for (String line : Files.readAllLines(outbox)) {
                if (!line.isBlank()) {
                    keys.add(JSON.readTree(line).get("messageKey").asText());
                }
            }
        }
        return keys;
    }

    @Test
    void aRunKilledWhileSendingIsResumedWithoutDuplicatesOrLoss() throws Exception {
        Path samples = copySamples();
        Path db = dir.resolve("state").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());
        int exit = runAndHalt(samples.resolve("spring_promo.camp"), db, 3);
        assertEquals(137, exit, "the run should have been halted mid-send: " + Files.readString(dir.resolve("crash.log")));

        String run = "20260310T080000Z";
        Path outbox = Database.sideFolder(db, "outbox").resolve(run + ".jsonl");
        List<String> before = outboxKeys(outbox);
        assertEquals(30, before.size(), "three batches of ten reached the outbox before the halt");

        RunResult resumed = Interpreter.resume(run, db, null, null);
        assertEquals("completed", resumed.status().label(), String.valueOf(resumed.error()));

        List<String> after = outboxKeys(outbox);
        Set<String> unique = new HashSet<>(after);
        assertEquals(after.size(), unique.size(), "a message was sent twice");
        long sentPorts = resumed.activities().values().stream().filter(a -> a.outputs().containsKey("sent"))
                .mapToLong(a -> a.outputs().get("sent")).sum();
        assertEquals(sentPorts, after.size(), "every message counted as sent is in the outbox once");
        assertTrue(unique.containsAll(before));
        try (Connection c = Database.open(db); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT message_key) FROM camp_state.deliveries"
                        + " WHERE run_id = '" + run + "' AND status = 'sent'")) {
            r.next();
            assertEquals(after.size(), r.getLong(1), "the ledger records every message once");
            assertEquals(r.getLong(1), r.getLong(2));
        }

        // the same campaign run uninterrupted sends exactly the same messages
        Path db2 = dir.resolve("clean").resolve("camp.duckdb");
        RunResult clean = Interpreter.run(new RunOptions(samples.resolve("spring_promo.camp"), db2,
                Instant.parse("2026-03-10T08:00:00Z"), Map.of(), false, null, null));
        assertEquals("completed", clean.status().label());
        assertEquals(unique, new HashSet<>(outboxKeys(Database.sideFolder(db2, "outbox").resolve(run + ".jsonl"))));
    }

}
