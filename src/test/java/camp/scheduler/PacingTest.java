package camp.scheduler;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import camp.RunSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pacing (LANGUAGE.md §6): {@code throttle N per second} measured on the messages as they reach
 * the outbox, and {@code waves N every D} run through the scheduler's simulated clock: the first
 * wave at the step's time, the next one period later each, the run waiting in between.
 */
class PacingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path project;

    @BeforeAll
    static void data() throws Exception {
        CrashProject.data(project, 1_000);
    }

    private static Path campaign(String name, String schedule, String options, int last) throws Exception {
        return CrashProject.write(project, name + ".camp", """
                campaign "%s"
                entity profiles key id from parquet "profiles.parquet" {
                  id: int
                  email: text
                  email_opt_in: bool
                  consent email: email_opt_in
                }
                %s
                activity some: build profiles where id <= %d
                activity mail: email { from "Shop <shop@example.com>" subject "Hi" body "Hello {{email}}" %s }
                activity done: end
                flow { some -> mail -> done }
                """.formatted(name, schedule, last, options));
    }

    private static List<JsonNode> outbox(Path db, String run) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(camp.run.Database.sideFolder(db, "outbox").resolve(run + ".jsonl"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void throttleHoldsTheMeasuredRate() throws Exception {
        Path file = campaign("throttled", "", "throttle 20 per second", 50);
        Path db = project.resolve("throttle").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        CampProcess run = camp("run", file.toString(), "--db", db.toString(), "--at", "2026-07-01T09:00:00Z").property("camp.sendBatch", "5");
        assertEquals(0, run.run(120), run::toString);
        List<JsonNode> messages = outbox(db, "20260701T090000Z");
        assertEquals(45, messages.size(), "ids 1 to 50 but the multiples of 10 (no consent)");
        Instant first = Instant.parse(messages.get(0).get("sentAt").asText());
        Instant last = Instant.parse(messages.get(messages.size() - 1).get("sentAt").asText());
        double seconds = (last.toEpochMilli() - first.toEpochMilli()) / 1000.0;
        double rate = (messages.size() - 1) / seconds;
        assertTrue(rate <= 20.0, "at most 20 a second: " + rate + " over " + seconds + " s");
        assertTrue(rate >= 10.0, "and not far below it: " + rate);
        CampProcess logs = camp("logs", "20260701T090000Z", "--db", db.toString(), "--activity", "mail");
        assertEquals(0, logs.run(60), logs::toString);
        assertTrue(logs.output().matches("(?s).*sent 45 email messages to file:.* at 1?[0-9]\\.[0-9] per second.*"), logs.output());
    }

    @Test
    void wavesAreSpacedOnTheSimulatedClock() throws Exception {
        Path file = campaign("waves", "schedule once at 2026-07-01 09:00", "waves 10 every 1 hour", 39);
        Path db = project.resolve("waves").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        // the first window ends between the second and the third wave
        CampProcess first = camp("scheduler", "--from", "2026-07-01T08:00:00Z", "--until", "2026-07-01T10:30:00Z", "--db", db.toString(),
                "--format", "json", file.toString());
        assertEquals(0, first.run(300), first::toString);
        String run = "20260701T090000Z";
        CampProcess status = camp("status", run, "--db", db.toString(), "--format", "json");
        assertEquals(0, status.run(60), status::toString);
        JsonNode s = JSON.readTree(status.output());
        assertEquals("waiting", s.get("status").asText());
        assertEquals("2026-07-01T11:00:00Z", s.get("waitingUntil").asText(), "the third wave");
        assertEquals(20, outbox(db, run).size(), "two waves so far");

        CampProcess rest = camp("scheduler", "--from", "2026-07-01T10:30:00Z", "--until", "2026-07-01T23:00:00Z", "--db", db.toString(),
                "--format", "json", file.toString());
        assertEquals(0, rest.run(300), rest::toString);
        assertEquals("completed", RunSnapshot.of(db, run).status());

        // each message is recorded at the logical time of its wave
        Map<String, Long> perWave = new LinkedHashMap<>();
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p); Statement st = c.createStatement();
                ResultSet r = st.executeQuery("SELECT strftime(sent_at AT TIME ZONE 'UTC', '%H:%M'), count(*) FROM camp_state.deliveries"
                        + " WHERE status = 'sent' GROUP BY 1 ORDER BY 1")) {
            while (r.next()) {
                perWave.put(r.getString(1), r.getLong(2));
            }
        }
        assertEquals(Map.of("09:00", 10L, "10:00", 10L, "11:00", 10L, "12:00", 6L), perWave,
                "36 messages (ids 1 to 39 but 10, 20 and 30, who gave no consent): 10, 10, 10 and 6");
        assertEquals(36, outbox(db, run).size());
        assertEquals(36, outbox(db, run).stream().map(m -> m.get("messageKey").asText()).distinct().count());
    }
}
