package camp.run;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.SmallDisk;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stop, a crash, a full disk and a hostile script do: each defect found by trying camp
 * as an operator and as an attacker would, reproduced with camp running as a process of its own.
 */
class HardeningTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2026-03-10T08:00:00Z";
    private static final String RUN = "20260310T080000Z";

    @TempDir
    Path dir;

    Path samples;
    Path db;

    @BeforeEach
    void copySamples() throws IOException {
        samples = dir.resolve("samples");
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
        db = dir.resolve("state").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());
    }

    private Path outbox(String run) {
        return Database.sideFolder(db, "outbox").resolve(run + ".jsonl");
    }

    private static List<String> keys(Path outbox) {
        List<String> keys = new ArrayList<>();
        try {
            if (Files.exists(outbox)) {
                for (String line : Files.readAllLines(outbox, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        keys.add(JSON.readTree(line).get("messageKey").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = Database.open(db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Defect 1: a stop two seconds into a mass e-mail left the outbox and the ledger with the
     * messages sent but the delivery history without them, so a later campaign's cap let them
     * be sent again. Every message sent is in the delivery history, whatever ends the run.
     */
    @Test
    void aStopWhileSendingKeepsEveryMessageSentInTheDeliveryHistory() throws Exception {
        CampProcess running = camp("run", samples.resolve("spring_promo.camp").toString(), "--db", db.toString(), "--at", AT)
                .property("camp.sendBatch", "10").property("camp.test.pauseAfterBatchMs", "400").start();
        CampProcess.waitUntil("two batches are in the outbox", 120, () -> keys(outbox(RUN)).size() >= 20);
        assertEquals(0, camp("stop", RUN, "--db", db.toString()).run(60));
        assertEquals(0, running.await(120), running.output());
        assertTrue(running.output().contains("stopped"), running.output());

        Set<String> sent = new HashSet<>(keys(outbox(RUN)));
        assertTrue(sent.size() >= 20 && sent.size() < 162, "the stop came in the middle of sending: " + sent.size());
        assertEquals(sent.size(), count("SELECT count(DISTINCT message_key) FROM camp_state.deliveries WHERE run_id = '" + RUN
                + "' AND status = 'sent'"), "the delivery history has every message the outbox has");
        assertEquals(sent.size(), count("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '" + RUN + "'"),
                "and each once");
        long recipients = count("SELECT count(DISTINCT recipient) FROM camp_state.deliveries WHERE run_id = '" + RUN + "'");

        // a campaign the next day with a weekly cap of one e-mail leaves out everyone who got one
        Files.writeString(samples.resolve("capped.camp"), """
                campaign "Capped"
                import "retail.camp"
                activity all:  build profiles
                activity mail: email { subject "Again" body "Hello" cap 1 per week }
                flow { all -> mail }
                """);
        RunResult capped = Interpreter.run(new RunOptions(samples.resolve("capped.camp"), db,
                java.time.Instant.parse("2026-03-11T08:00:00Z"), java.util.Map.of(), true, null, null));
        assertEquals(RunStatus.COMPLETED, capped.status());
        assertEquals(recipients, count("SELECT count(*) FROM \"run_20260311T080000Z\".\"mail__excluded\" WHERE reason = 'capped'"),
                "the cap counts the messages of the stopped run");
        assertFalse(Files.exists(Database.sideFolder(db, "control").resolve(RUN + ".stop")), "the stop request is gone with the run");
    }

    /**
     * Defect 2: a query source that closed its parenthesis and added a DROP TABLE passed camp
     * check and dropped the run state during camp run. A query source is one SELECT, verified by
     * DuckDB's own parser at check time, and never run otherwise.
     */
    @Test
    void aQuerySourceIsOneSelectAndNothingElse() throws Exception {
        assertEquals(0, camp("run", samples.resolve("birthday.camp").toString(), "--db", db.toString(), "--at", AT).run(120));
        long runs = count("SELECT count(*) FROM camp_state.runs");
        String entity = "entity evil key id from query \"\"\"%s\"\"\" { id: int }\n";
        String campaign = "campaign \"Evil\"\n" + entity + "activity all: build evil\nactivity done: end\nflow { all -> done }\n";
        Files.writeString(samples.resolve("drop.camp"), campaign.formatted("SELECT 1 AS id) ; DROP TABLE camp_state.runs; --"));
        Files.writeString(samples.resolve("cte.camp"), campaign.formatted("WITH x AS (SELECT 1) DELETE FROM camp_state.runs"));
        Files.writeString(samples.resolve("fine.camp"), campaign.formatted("SELECT * FROM (VALUES (1), (2), (3)) AS t(id)"));

        CampProcess check = camp("check", samples.resolve("drop.camp").toString(), samples.resolve("cte.camp").toString());
        assertEquals(1, check.run(60), check.output());
        assertTrue(check.output().contains("drop.camp:2:31: error[E0109]: a query source must be one SELECT statement that only"
                + " reads: it holds more than one statement (a ';' before its end)"), check.output());
        assertTrue(check.output().contains("cte.camp:2:31: error[E0109]: a query source must be one SELECT statement that only reads:"
                + " DuckDB reads it as a statement other than SELECT"), "DuckDB's parser is the judge:\n" + check.output());

        for (String file : List.of("drop.camp", "cte.camp")) {
            CampProcess run = camp("run", samples.resolve(file).toString(), "--db", db.toString(), "--at", "2026-03-11T08:00:00Z");
            assertEquals(1, run.run(60), run.output());
        }
        assertEquals(runs, count("SELECT count(*) FROM camp_state.runs"), "the run state is whole");

        CampProcess fine = camp("run", samples.resolve("fine.camp").toString(), "--db", db.toString(), "--at", "2026-03-12T08:00:00Z",
                "--format", "json");
        assertEquals(0, fine.run(60), fine.output());
        assertTrue(fine.output().contains("\"all\":{\"kind\":\"build\",\"status\":\"done\",\"input\":0,\"outputs\":{\"out\":3},\"error\":null}"),
                fine.output());
    }

    /**
     * Defect 3: a run started with --outbox X, halted between an outbox flush and the ledger
     * record, then resumed without it, sent 10 messages twice into another file. What a run was
     * started with is part of its state: the resume sends to X, and refuses another outbox.
     */
    @Test
    void aResumeSendsToTheOutboxTheRunWasStartedWith() throws Exception {
        Path mine = dir.resolve("my-outbox.jsonl");
        CampProcess crashed = camp("run", samples.resolve("spring_promo.camp").toString(), "--db", db.toString(), "--at", AT,
                "--outbox", mine.toString()).property("camp.sendBatch", "10").property("camp.test.haltAfterFlushes", "2");
        assertEquals(137, crashed.run(120), crashed.output());
        assertEquals(20, keys(mine).size(), "two batches reached the outbox, the second one not recorded as sent");

        CampProcess elsewhere = camp("resume", RUN, "--db", db.toString(), "--outbox", dir.resolve("other.jsonl").toString());
        assertEquals(2, elsewhere.run(60), elsewhere.output());
        assertTrue(elsewhere.output().contains("run '" + RUN + "' was started with --outbox " + mine
                + "; a resume sends to the same outbox, so that no message is sent twice: resume it without --outbox"),
                elsewhere.output());
        assertEquals(20, keys(mine).size(), "the refused resume sent nothing");

        CampProcess resumed = camp("resume", RUN, "--db", db.toString(), "--format", "json");
        assertEquals(0, resumed.run(120), resumed.output());
        List<String> sent = keys(mine);
        assertEquals(new HashSet<>(sent).size(), sent.size(), "no message twice");
        assertEquals(count("SELECT count(*) FROM camp_state.deliveries WHERE run_id = '" + RUN + "' AND status = 'sent'"), sent.size(),
                "every message of the run is in its outbox");
        assertFalse(Files.exists(outbox(RUN)), "nothing went to the default outbox");
        assertFalse(Files.exists(dir.resolve("other.jsonl")));
    }

    /**
     * Defect 4: a pause of a run that does not exist returned 0 and left a request that paused a
     * later run of that id, and the id was used as a path. Unknown runs are an error, ids are
     * validated, and a request applies only to the run it named, until that run ends.
     */
    @Test
    void pauseAndStopNameARunThatIsGoingOn() throws Exception {
        Path control = Database.sideFolder(db, "control");
        for (String bad : List.of("../../escaped", "..", "x/y", "20260310T080000Z/../../z")) {
            CampProcess pause = camp("pause", bad, "--db", db.toString());
            assertEquals(2, pause.run(60), pause.output());
            assertTrue(pause.output().contains("is not a run id: run ids look like 20260310T080000Z"), pause.output());
        }
        assertFalse(Files.exists(dir.resolve("escaped.pause")) || Files.exists(db.getParent().getParent().resolve("escaped.pause")),
                "nothing was written outside the control folder");
        CampProcess noDatabase = camp("stop", "20990101T000000Z", "--db", db.toString());
        assertEquals(2, noDatabase.run(60), noDatabase.output());
        assertTrue(noDatabase.output().contains("no database at " + db), noDatabase.output());
        assertFalse(Files.exists(db), "asking about a run creates no database");

        // while a run holds the database: a request for another run is refused, and leaves nothing behind
        Files.writeString(samples.resolve("last_mail.camp"), """
                campaign "Last mail"
                import "retail.camp"
                activity all:  build profiles where email_opt_in
                activity mail: email { subject "Hello" body "Hi" }
                flow { all -> mail }
                """);
        CampProcess running = camp("run", samples.resolve("last_mail.camp").toString(), "--db", db.toString(), "--at", AT)
                .property("camp.sendBatch", "10").property("camp.test.pauseAfterBatchMs", "300").start();
        CampProcess.waitUntil("the run is sending", 120, () -> keys(outbox(RUN)).size() >= 10);
        CampProcess other = camp("pause", "20990101T000000Z", "--db", db.toString());
        assertEquals(2, other.run(60), other.output());
        assertTrue(other.output().contains("run '20990101T000000Z' is not in progress in the process that holds " + db), other.output());
        assertFalse(Files.exists(control.resolve("20990101T000000Z.pause")));

        // a pause during the last task: the run completes, and the request goes with it
        CampProcess pause = camp("pause", RUN, "--db", db.toString());
        assertEquals(0, pause.run(60), pause.output());
        assertEquals(0, running.await(120), running.output());
        assertTrue(running.output().contains("completed"), running.output());
        assertFalse(Files.exists(control.resolve(RUN + ".pause")), "the request is removed when its run ends");

        CampProcess later = camp("run", samples.resolve("last_mail.camp").toString(), "--db", db.toString(),
                "--at", "2099-01-01T00:00:00Z", "--dry-run");
        assertEquals(0, later.run(120), later.output());
        assertTrue(later.output().contains(": completed"), "a later run is not paused by any earlier request:\n" + later.output());
    }

    /**
     * Defect 5: a crash while a run read its sources, before the run was recorded, left its
     * schema behind, and every later run at that logical time failed ("Schema ... already
     * exists") with no run to resume. The schema, the copies of the sources and the run's record
     * now commit together.
     */
    @Test
    void aCrashWhileReadingTheSourcesLeavesNothingBehind() throws Exception {
        String spring = samples.resolve("spring_promo.camp").toString();
        CampProcess crashed = camp("run", spring, "--db", db.toString(), "--at", AT).property("camp.test.haltWhilePreparing", "true");
        assertEquals(137, crashed.run(120), crashed.output());
        CampProcess again = camp("run", spring, "--db", db.toString(), "--at", AT, "--format", "json");
        assertEquals(0, again.run(120), again.output());
        assertTrue(again.output().contains("\"run\":\"" + RUN + "\""), "the run of that time, not a second one:\n" + again.output());
        assertEquals(1, count("SELECT count(*) FROM camp_state.runs"));
        assertEquals(0, count("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'run_%' AND schema_name <> 'run_"
                + RUN + "'"), "no other run schema");
    }

    /**
     * Defect 7: a crash while a waiting run was resumed, once its wait was over, left it
     * recorded as waiting with no task waiting: nothing resumed it and the scheduler skipped
     * every later slot of its campaign ("the previous run is still waiting"). Its tasks and its
     * status now change together: after the crash it is still waiting, and resumes.
     */
    @Test
    void aCrashWhileAWaitingRunIsResumedLeavesItWaiting() throws Exception {
        Files.writeString(samples.resolve("week_later.camp"), """
                campaign "A week later"
                import "retail.camp"
                activity all:  build profiles where email_opt_in
                activity week: wait 7 days
                activity mail: email { subject "Hello again" body "Hi" }
                flow { all -> week -> mail }
                """);
        String campaign = samples.resolve("week_later.camp").toString();
        // from a time ahead of the clock, the week's wait is still to come whatever the day the test runs
        String run = "20990105T080000Z";
        CampProcess first = camp("run", campaign, "--db", db.toString(), "--at", "2099-01-05T08:00:00Z");
        assertEquals(0, first.run(120), first.output());
        assertTrue(first.output().contains(": waiting"), first.output());

        CampProcess crashed = camp("resume", run, "--now", "--db", db.toString()).property("camp.test.haltWhileResuming", "true");
        assertEquals(137, crashed.run(120), crashed.output());
        assertEquals(1, count("SELECT count(*) FROM camp_state.runs WHERE status = 'waiting'"), "the run still waits");
        assertEquals(1, count("SELECT count(*) FROM camp_state.tasks WHERE activity = 'week' AND status = 'waiting'"),
                "and so does its wait");

        CampProcess resumed = camp("resume", run, "--now", "--db", db.toString(), "--format", "json");
        assertEquals(0, resumed.run(120), resumed.output());
        assertEquals("completed", JSON.readTree(resumed.output()).get("status").asText(), resumed.output());
        List<String> sent = keys(outbox(run));
        var mail = JSON.readTree(resumed.output()).get("activities").get("mail");
        assertTrue(mail.get("outputs").get("sent").asLong() > 0, resumed.output());
        assertEquals(mail.get("outputs").get("sent").asLong(), sent.size(), "every e-mail sent once:\n" + resumed.output());
        assertEquals(sent.size(), new HashSet<>(sent).size(), "each once");
    }

    /**
     * Defect 6: after some crashes, camp runs, tasks, logs and preview could not open the
     * database ("Failure while replaying WAL file ... Bad file descriptor": DuckDB cannot always
     * replay a log read-only) until a command that writes opened it. They now replay it
     * themselves when no process holds the file.
     */
    @Test
    void theInspectionCommandsReadADatabaseThatACrashLeftWithALog() throws Exception {
        assertEquals(137, CampProcess.java("camp.run.WalLeftover", db.toString()).run(120));
        assertTrue(Files.exists(Path.of(db + ".wal")), "the crash left the write-ahead log");
        CampProcess runs = camp("runs", "--db", db.toString(), "--format", "json");
        assertEquals(0, runs.run(60), runs.output());
        assertTrue(runs.output().contains("\"run\":\"" + RUN + "\""), runs.output());
        CampProcess logs = camp("logs", RUN, "--db", db.toString(), "--search", "message 299999");
        assertEquals(0, logs.run(60), logs.output());
        assertTrue(logs.output().contains("[mail] message 299999"), logs.output());
    }

    /** The run state of an earlier camp (version 1: runs without their options) is brought up to date, even by a reader. */
    @Test
    void theRunStateOfAnEarlierCampIsBroughtUpToDate() throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA camp_state");
            s.execute("CREATE TABLE camp_state.meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
            s.execute("INSERT INTO camp_state.meta VALUES ('schema_version', '1')");
            s.execute("CREATE TABLE camp_state.runs (run_id VARCHAR PRIMARY KEY, campaign VARCHAR NOT NULL, file VARCHAR,"
                    + " logical_time TIMESTAMPTZ NOT NULL, timezone VARCHAR NOT NULL, status VARCHAR NOT NULL, dry_run BOOLEAN NOT NULL,"
                    + " seed BIGINT NOT NULL, params VARCHAR, created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL,"
                    + " ended_at TIMESTAMPTZ, error VARCHAR, control VARCHAR)");
            s.execute("INSERT INTO camp_state.runs VALUES ('" + RUN + "', 'Old', 'old.camp', TIMESTAMPTZ '2026-03-10 08:00:00+00', 'UTC',"
                    + " 'completed', false, 1, '{}', now(), now(), now(), NULL, NULL)");
        }
        CampProcess runs = camp("runs", "--db", db.toString(), "--format", "json");
        assertEquals(0, runs.run(60), runs.output());
        assertTrue(runs.output().contains("\"campaign\":\"Old\""), runs.output());
        assertEquals(camp.sql.StateSql.VERSION, count("SELECT CAST(value AS INT) FROM camp_state.meta WHERE key = 'schema_version'"));
    }

    /**
     * Defect 7: a full disk was reported as "TransactionContext Error: cannot commit - no
     * transaction is active", even with --verbose, and the run stayed running. A full disk is
     * said as such (which file, how much is free), the task is marked failed (a small reserve
     * beside the database gives the room to record it), and the run resumes once there is space.
     */
    @Test
    void aFullDiskIsSaidAndTheRunResumesOnceThereIsSpace() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small"), "64m")) {
            Path small = disk.path().resolve("camp.duckdb");
            CampProcess running = camp("run", samples.resolve("spring_promo.camp").toString(), "--db", small.toString(), "--at", AT)
                    .property("camp.sendBatch", "10").property("camp.test.pauseAfterBatchMs", "500").start();
            Path outbox = Database.sideFolder(small, "outbox").resolve(RUN + ".jsonl");
            CampProcess.waitUntil("the run is sending", 120, () -> keys(outbox).size() >= 10);
            disk.fill();
            assertEquals(3, running.await(120), running.output());
            String out = running.output();
            assertTrue(out.contains("error[E0705]: activity 'gold_mail' failed: the disk is full: could not write " + disk.path()),
                    "the full disk is said, at the activity:\n" + out);
            assertFalse(out.contains("no transaction is active"), out);
            assertTrue(out.contains("failed"), out);

            CampProcess runs = camp("runs", "--db", small.toString(), "--format", "json");
            assertEquals(0, runs.run(60), runs.output());
            assertTrue(runs.output().contains("\"status\":\"failed\""), "the run is marked failed:\n" + runs.output());
            assertTrue(runs.output().contains("the disk is full"), runs.output());

            disk.free();
            CampProcess resumed = camp("resume", RUN, "--db", small.toString());
            assertEquals(0, resumed.run(120), resumed.output());
            assertTrue(resumed.output().contains(": completed"), resumed.output());
            List<String> sent = keys(outbox);
            assertEquals(new HashSet<>(sent).size(), sent.size(), "no message twice");
            assertEquals(162, sent.size(), "every message once");
            assertTrue(Files.exists(small.resolveSibling("camp.duckdb.reserve")), "the reserve is back");
        }
    }

    /**
     * Defect 8: {@code body template "/etc/passwd"} mailed the file, and a failed {@code load
     * csv "/etc/shadow"} printed a line of it in the error and the log. Every file a campaign
     * reads lies in its project's folder, or in one its camp.toml allows; the run's DuckDB opens
     * no other file, a query source included; and no error repeats a file that is not data.
     */
    @Test
    void aCampaignReadsOnlyTheFilesOfItsProject() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "root:x:0:0:the secret line:/root:/bin/bash\n");
        Files.createSymbolicLink(samples.resolve("data").resolve("linked.csv"), secret);
        Files.writeString(samples.resolve("leak.camp"), """
                campaign "Leak"
                import "retail.camp"
                entity outside key id from csv "../secret.txt" { id: int }
                entity linked key id from csv "data/linked.csv" { id: int }
                activity all:   build profiles
                activity file:  load csv "%s" { email: text }
                activity mail:  email { subject "Hi" body template "/etc/passwd" }
                activity done:  end
                flow { all -> mail; file -> done }
                """.formatted(secret));
        CampProcess check = camp("check", samples.resolve("leak.camp").toString());
        assertEquals(1, check.run(60), check.output());
        String out = check.output();
        for (String path : List.of("../secret.txt", "data/linked.csv", secret.toString(), "/etc/passwd")) {
            assertTrue(out.contains("error[E0110]: '" + path + "' is outside the project folder " + samples.toRealPath()),
                    path + ":\n" + out);
        }
        assertFalse(out.contains("the secret line") || out.contains("root:x:0"), "no file content is echoed:\n" + out);

        // a query source is a SELECT, yet the run's DuckDB opens no file outside the project
        Files.writeString(samples.resolve("peek.camp"), """
                campaign "Peek"
                entity peek key id from query \"\"\"SELECT 1 AS id, * FROM read_csv('%s', header = false)\"\"\" { id: int }
                activity all:  build peek
                activity done: end
                flow { all -> done }
                """.formatted(secret));
        CampProcess peek = camp("run", samples.resolve("peek.camp").toString(), "--db", db.toString(), "--at", AT);
        assertEquals(3, peek.run(60), peek.output()); // the engine cannot read the source (E0704): the run fails before it starts
        assertTrue(peek.output().contains("error[E0704]"), peek.output());
        assertTrue(peek.output().contains("Permission Error: Cannot access file \"" + secret + "\""), peek.output());
        assertFalse(peek.output().contains("the secret line"), peek.output());

        // the project's camp.toml may allow another folder
        Files.writeString(samples.resolve("camp.toml"), "[paths]\nallow = [\"" + dir.toString().replace("\\", "\\\\") + "\"]\n");
        Files.writeString(samples.resolve("allowed.camp"), """
                campaign "Allowed"
                entity lines key line from csv "%s" { line: text }
                activity all:  build lines
                activity done: end
                flow { all -> done }
                """.formatted(dir.resolve("lines.csv")));
        Files.writeString(dir.resolve("lines.csv"), "line\nfirst\nsecond\n");
        CampProcess allowed = camp("run", samples.resolve("allowed.camp").toString(), "--db", db.toString(), "--at", AT,
                "--format", "json");
        assertEquals(0, allowed.run(60), allowed.output());
        assertTrue(allowed.output().contains("\"outputs\":{\"out\":2}"), allowed.output());
    }

    /** Defect 8: a text value \\N in a load csv file became null, though text is kept as written. */
    @Test
    void aTextThatReadsBackslashNIsKeptAsWritten() throws Exception {
        Files.writeString(samples.resolve("data").resolve("marks.csv"), "email,note\na@example.com,\\N\nb@example.com,\n");
        Files.writeString(samples.resolve("marks.camp"), """
                campaign "Marks"
                activity marks: load csv "data/marks.csv" { email: text  note: text }
                activity done:  end
                flow { marks -> done }
                """);
        assertEquals(0, camp("run", samples.resolve("marks.camp").toString(), "--db", db.toString(), "--at", AT).run(60));
        CampProcess preview = camp("preview", RUN, "marks", "--db", db.toString(), "--format", "json");
        assertEquals(0, preview.run(60), preview.output());
        assertTrue(preview.output().contains("[2,\"a@example.com\",\"\\\\N\"]"), "the text \\N, as written:\n" + preview.output());
        assertTrue(preview.output().contains("[3,\"b@example.com\",null]"), "an empty field is null:\n" + preview.output());
    }

    /** Defect 8: a raw NUL byte in a string passed camp check and failed the run with a DuckDB parser error. */
    @Test
    void aNulInAStringIsADiagnosticOfTheCheck() throws Exception {
        Files.writeString(samples.resolve("nul.camp"), "campaign \"Nul\"\nimport \"retail.camp\"\n"
                + "activity all: build profiles where first_name = \"A\u0000B\"\nactivity done: end\nflow { all -> done }\n");
        CampProcess check = camp("check", samples.resolve("nul.camp").toString());
        assertEquals(1, check.run(60), check.output());
        assertTrue(check.output().contains("nul.camp:3:51: error[E0013]: a string cannot hold the NUL character (U+0000)"),
                check.output());
        CampProcess run = camp("run", samples.resolve("nul.camp").toString(), "--db", db.toString(), "--at", AT);
        assertEquals(1, run.run(60), "refused as the check refuses it:\n" + run.output());
    }
}
