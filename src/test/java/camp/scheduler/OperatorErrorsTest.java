package camp.scheduler;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import camp.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator gets for a command that cannot be done: one clear line on stderr and exit
 * code 2, never a stack trace, a hang or a half-written state.
 */
class OperatorErrorsTest {
    private static final String AT = "2026-06-01T09:00:00Z";
    private static final String RUN = "20260601T090000Z";

    @TempDir
    static Path project;

    private static Path campaign;

    @BeforeAll
    static void data() throws Exception {
        CrashProject.data(project, 20_000);
        campaign = CrashProject.write(project, "ops.camp", CrashProject.campaign("Ops", "schedule daily at 09:00", null));
    }

    /** Runs a command that must be refused: exit 2 and one line, which is returned. */
    private static String refused(CampProcess p) throws Exception {
        assertEquals(2, p.run(120), p::toString);
        String out = p.output().strip();
        assertEquals(1, out.lines().count(), "one line:\n" + out);
        assertTrue(out.startsWith("camp: "), out);
        return out;
    }

    @Test
    void unknownFinishedAndBusyRuns() throws Exception {
        Path db = project.resolve("ops").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        assertEquals(0, camp("run", campaign.toString(), "--db", db.toString(), "--at", AT).run(120));

        assertEquals("camp: no run '20260601T090001Z' in " + db + " (see camp runs); did you mean '" + RUN + "'?",
                refused(camp("resume", "20260601T090001Z", "--db", db.toString())));
        assertTrue(refused(camp("status", "20990101T000000Z", "--db", db.toString())).contains("no run '20990101T000000Z'"));
        assertEquals("camp: run '" + RUN + "' is completed and cannot be resumed",
                refused(camp("resume", RUN, "--db", db.toString())));
        assertTrue(refused(camp("resume", "../etc/passwd", "--db", db.toString())).contains("not a run id"));
        assertTrue(refused(camp("status", RUN, "--db", project.resolve("nowhere.duckdb").toString())).contains("no database at"));

        // a run going on in one process: a second one that wants it is refused at once
        CampProcess slow = camp("run", campaign.toString(), "--db", db.toString(), "--at", "2026-06-02T09:00:00Z")
                .property("camp.sendBatch", "50").property("camp.test.pauseAfterBatchMs", "300").start();
        CampProcess.waitUntil("the run is sending", 120, () -> slow.output().contains("gold_mail") || slow.output().contains("silver_mail"));
        long t0 = System.nanoTime();
        String busy = refused(camp("resume", "20260602T090000Z", "--db", db.toString()));
        assertTrue(busy.contains("is in use by another camp process"), busy);
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "no hang");
        String again = refused(camp("run", campaign.toString(), "--db", db.toString(), "--at", "2026-06-03T09:00:00Z"));
        assertTrue(again.contains("is in use by another camp process, run 20260602T090000Z of 'Ops' (camp status 20260602T090000Z)"),
                "the refusal names the run that holds the database: " + again);

        // meanwhile camp runs answers from the runs' event logs, in the shape it always has
        CampProcess runs = camp("runs", "--db", db.toString(), "--format", "json");
        assertEquals(0, runs.run(120), runs::toString);
        String listed = runs.output();
        assertTrue(listed.contains("showing the runs from their event logs"), listed);
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(listed.substring(listed.indexOf('{')));
        assertEquals(2, json.path("runs").size(), listed);
        com.fasterxml.jackson.databind.JsonNode going = json.path("runs").get(0);
        assertEquals("20260602T090000Z", going.path("run").asText(), listed);
        assertEquals("Ops", going.path("campaign").asText());
        assertEquals("2026-06-02T09:00:00Z", going.path("logicalTime").asText());
        assertEquals("running", going.path("status").asText());
        assertTrue(going.path("endedAt").isNull(), listed);
        com.fasterxml.jackson.databind.JsonNode done = json.path("runs").get(1);
        assertEquals(RUN, done.path("run").asText());
        assertEquals("completed", done.path("status").asText());
        slow.kill();
    }

    @Test
    void aDatabaseInAReadOnlyFolder() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(project.resolve("ro"), "64m")) {
            Path db = disk.path().resolve("state").resolve("camp.duckdb");
            Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
            assertEquals(0, camp("run", campaign.toString(), "--db", db.toString(), "--at", AT).run(120));
            disk.readOnly();
            String folder = db.getParent().toString();
            assertEquals("camp: cannot write the database " + db + ": its folder " + folder
                    + " is read-only; pass --db with a path in a folder you can write",
                    refused(camp("run", campaign.toString(), "--db", db.toString(), "--at", "2026-06-02T09:00:00Z")));
            assertEquals("camp: cannot write the database " + db + ": its folder " + folder
                    + " is read-only; pass --db with a path in a folder you can write",
                    refused(camp("scheduler", "--db", db.toString(), campaign.toString())));
            Path fresh = disk.path().resolve(".camp").resolve("camp.duckdb");     // camp creates its own .camp folder
            assertEquals("camp: cannot create the folder " + fresh.getParent() + " for the database " + fresh
                    + " (read-only file system); pass --db with a path in a folder you can write",
                    refused(camp("run", campaign.toString(), "--db", fresh.toString())));
            // what is there can still be read
            CampProcess runs = camp("runs", "--db", db.toString(), "--format", "json");
            assertEquals(0, runs.run(60), runs::toString);
            assertTrue(runs.output().contains(RUN), runs.output());
        }
    }
}
