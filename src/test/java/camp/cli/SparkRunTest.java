package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.sql.SparkJdbc;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Campaigns run on the Spark cluster of the tests ({@code scripts/spark-cluster.sh start}), as
 * separate processes: {@code camp run --engine spark --url spark://...}. A run gives the counts of
 * every port and the messages of the same run on DuckDB; its tables outlive the process (a later
 * {@code camp preview} reads them in a new session); a run halted in the middle of sending, or
 * killed with {@code kill -9}, is resumed and ends with the uninterrupted run's counts and
 * messages, none sent twice, the delivery history holding each once; a master that does not answer
 * fails the run with exit 3 before anything is created.
 */
class SparkRunTest {
    private static final String AT = "2026-03-10T08:00:00Z";
    private static final String RUN = "20260310T080000Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The cluster's cores for the camp processes: the session of the other Spark tests in this JVM holds them all while it lives. */
    @org.junit.jupiter.api.BeforeAll
    static void freeTheCluster() {
        SparkJdbc.stop();
    }

    private static CampProcess camp(Path dir, String... args) {
        return CampProcess.camp(args).in(dir);
    }

    /** Each task's status, input and outputs, by activity, as {@code camp tasks --format json} gives them. */
    private static TreeMap<String, String> counts(Path dir, Path db) throws Exception {
        CampProcess tasks = camp(dir, "tasks", RUN, "--db", db.toString(), "--format", "json");
        assertEquals(0, tasks.run(120), tasks::toString);
        JsonNode json = JSON.readTree(tasks.output().substring(tasks.output().indexOf('{')));
        assertEquals("completed", json.get("status").asText(), tasks::toString);
        TreeMap<String, String> out = new TreeMap<>();
        for (JsonNode t : json.get("tasks")) {
            out.put(t.get("activity").asText(), t.get("status").asText() + " in=" + t.get("input").asLong() + " " + t.get("outputs"));
        }
        return out;
    }

    /** The messages in a database's outbox: key, address and what was rendered. */
    private static List<String> messages(Path db) throws IOException {
        Path file = camp.run.Database.sideFolder(db, "outbox").resolve(RUN + ".jsonl");
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                ObjectNode m = (ObjectNode) JSON.readTree(line);
                m.remove(List.of("sentAt", "database"));
                out.add(m.toString());
            }
        }
        return out;
    }

    /** The uninterrupted run on DuckDB, as a process: what every run on Spark must end with. */
    private record Expected(TreeMap<String, String> counts, Set<String> messages) {
    }

    private static Expected onDuckDb(RunFixture fx, String campaign) throws Exception {
        CampProcess run = camp(fx.samples, "run", campaign, "--db", fx.db.toString(), "--at", AT);
        assertEquals(0, run.run(300), run::toString);
        List<String> sent = messages(fx.db);
        return new Expected(counts(fx.samples, fx.db), new HashSet<>(sent));
    }

    private static Path connectionFile(Path folder, String url) {
        return folder.resolve(url.replaceFirst("^spark://", "").replaceAll("[^A-Za-z0-9_.-]+", "_") + ".spark");
    }

    @Test
    void aCampaignRunsOnSparkWithDuckDbsCountsAndMessages() throws Exception {
        String url = SparkJdbc.sparkUrl();
        RunFixture fx = new RunFixture(temp);
        Expected expected = onDuckDb(fx, "blackfriday.camp");
        assertEquals(114, expected.messages().size());

        Path db = temp.resolve("spark").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());
        CampProcess run = camp(fx.samples, "run", "blackfriday.camp", "--engine", "spark", "--url", url, "--db", db.toString(), "--at", AT);
        assertEquals(0, run.run(600), run::toString);
        Path connection = connectionFile(db.getParent(), url);
        assertEquals(url, Files.readString(connection).strip(), "the connection file names the master");
        assertTrue(Files.isRegularFile(connection.resolveSibling(connection.getFileName() + ".duckdb")), "the run state beside it");
        assertEquals(expected.counts(), counts(fx.samples, connection), "every port's count equals DuckDB's");
        List<String> sent = messages(connection);
        assertEquals(sent.size(), new HashSet<>(sent).size(), "a message was sent twice");
        assertEquals(expected.messages(), new HashSet<>(sent), "the same messages, rendered alike");

        // a new process, a new Spark session: the run's tables (and a fork's views) are there to read
        CampProcess preview = camp(fx.samples, "preview", RUN, "both_ways", "--db", connection.toString(), "--format", "json");
        assertEquals(0, preview.run(300), preview::toString);
        JsonNode rows = JSON.readTree(preview.output().substring(preview.output().indexOf('{')));
        assertEquals(84, rows.get("rows").asLong(), preview::toString);
    }

    /** Resumes the run until it completes; the counts and messages are the uninterrupted run's, each sent and recorded once. */
    private static void resumeAndCompare(RunFixture fx, Path connection, Expected expected) throws Exception {
        CampProcess resume = camp(fx.samples, "resume", RUN, "--db", connection.toString());
        assertEquals(0, resume.run(600), resume::toString);
        assertEquals(expected.counts(), counts(fx.samples, connection), "every port's count equals the uninterrupted run's");
        List<String> sent = messages(connection);
        assertEquals(sent.size(), new HashSet<>(sent).size(), "a message was sent twice");
        assertEquals(expected.messages(), new HashSet<>(sent), "the messages of an uninterrupted run, none lost");
        // the delivery history (in Spark's warehouse) records each message once
        CampProcess report = camp(fx.samples, "report", RUN, "--db", connection.toString(), "--format", "json");
        assertEquals(0, report.run(300), report::toString);
        long recorded = 0;
        for (JsonNode a : JSON.readTree(report.output().substring(report.output().indexOf('{'))).get("activities")) {
            recorded += a.get("sent").asLong();
        }
        assertEquals(sent.size(), recorded, report::toString);
    }

    @Test
    void aRunKilledOnSparkIsResumedWithTheSameCountsAndNoMessageTwice() throws Exception {
        String url = SparkJdbc.sparkUrl();
        RunFixture fx = new RunFixture(temp);
        Expected expected = onDuckDb(fx, "welcome.camp");
        assertEquals(58, expected.messages().size());

        // halted in the middle of sending, after three batches of ten reached the outbox
        Path halted = temp.resolve("halted").resolve("camp.duckdb");
        Files.createDirectories(halted.getParent());
        CampProcess first = camp(fx.samples, "run", "welcome.camp", "--engine", "spark", "--url", url, "--db", halted.toString(), "--at", AT)
                .property("camp.sendBatch", "10").property("camp.test.haltAfterFlushes", "3");
        assertEquals(137, first.run(600), first::toString);
        Path firstConnection = connectionFile(halted.getParent(), url);
        assertEquals(30, messages(firstConnection).size());
        resumeAndCompare(fx, firstConnection, expected);

        // killed with SIGKILL once twenty messages are out, wherever it then is
        Path killed = temp.resolve("killed").resolve("camp.duckdb");
        Files.createDirectories(killed.getParent());
        Path secondConnection = connectionFile(killed.getParent(), url);
        CampProcess second = camp(fx.samples, "run", "welcome.camp", "--engine", "spark", "--url", url, "--db", killed.toString(), "--at", AT)
                .property("camp.sendBatch", "10").start();
        Path outbox = camp.run.Database.sideFolder(secondConnection, "outbox").resolve(RUN + ".jsonl");
        CampProcess.waitUntil("twenty messages are sent", 600, () -> !second.alive() || lines(outbox) >= 20);
        assertTrue(second.alive(), () -> "the run ended before it could be killed: " + second);
        second.kill();
        assertTrue(lines(outbox) < 58, "killed before the end");
        resumeAndCompare(fx, secondConnection, expected);
    }

    @Test
    void aMasterThatDoesNotAnswerFailsTheRunBeforeAnythingIsCreated() throws Exception {
        RunFixture fx = new RunFixture(temp);
        Path db = temp.resolve("nowhere").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());
        CampProcess run = camp(fx.samples, "run", "welcome.camp", "--engine", "spark", "--url", "spark://127.0.0.1:9", "--db", db.toString(),
                "--at", AT);
        assertEquals(3, run.run(120), run::toString);
        assertTrue(run.output().contains("cannot connect to the Spark master at spark://127.0.0.1:9"), run::toString);
        try (var files = Files.list(db.getParent())) {
            assertEquals(List.of("127.0.0.1_9.spark"), files.map(p -> p.getFileName().toString()).toList(), "only the connection file");
        }
        CampProcess noUrl = camp(fx.samples, "run", "welcome.camp", "--engine", "spark", "--db", db.toString());
        assertEquals(2, noUrl.run(120), noUrl::toString);
        assertTrue(noUrl.output().contains("--engine spark needs the cluster: --url spark://HOST:PORT"), noUrl::toString);
        CampProcess wrongUrl = camp(fx.samples, "run", "welcome.camp", "--engine", "spark", "--url", "http://127.0.0.1:7077", "--db",
                db.toString());
        assertEquals(2, wrongUrl.run(120), wrongUrl::toString);
        assertTrue(wrongUrl.output().contains("--url must be a Spark master URL"), wrongUrl::toString);
        assertFalse(wrongUrl.output().contains("Exception"), wrongUrl::toString);
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).count() : 0;
        } catch (IOException e) {
            return 0; // being written
        }
    }
}
