package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.run.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** camp runs, tasks, logs and preview over a state file filled with plain SQL, as the interpreter would. */
class InspectCommandsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path db;

    /** What one command line printed and returned. */
    record Result(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }

        JsonNode json() throws Exception {
            return MAPPER.readTree(out);
        }
    }

    @BeforeAll
    static void createState() throws Exception {
        db = dir.resolve("state.duckdb");
        try (Connection c = Database.open(db); Statement s = c.createStatement()) {
            s.execute("""
                INSERT INTO camp_state.runs (run_id, campaign, file, logical_time, timezone, status, dry_run, seed, params,
                                       created_at, updated_at, ended_at, error) VALUES
                ('x', 'spring_promo', 'spring.camp', '2026-03-10 09:00:00+00', 'Europe/Paris', 'failed', true, 1, '{}',
                 '2026-03-10 09:00:00+00', '2026-03-10 09:00:09+00', '2026-03-10 09:00:09+00',
                 'task mail failed: SMTP timeout' || chr(10) || 'after 3 attempts'),
                ('r-old', 'spring_promo', 'spring.camp', '2026-03-09 09:00:00+00', 'Europe/Paris', 'completed', false, 1, '{}',
                 '2026-03-09 09:00:00+00', '2026-03-09 09:00:05+00', '2026-03-09 09:00:05+00', NULL),
                ('r-other', 'welcome', 'welcome.camp', '2026-03-08 08:00:00+00', 'UTC', 'running', false, 1, '{}',
                 '2026-03-08 08:00:00+00', '2026-03-08 08:00:01+00', NULL, NULL)""");
            // inserted out of plan order: the command must sort by ordinal
            s.execute("""
                INSERT INTO camp_state.tasks (run_id, activity, kind, ordinal, status, started_at, ended_at, input_count, outputs,
                                        sql, error, line, col, attempts) VALUES
                ('x', 'mail', 'email', 2, 'failed', '2026-03-10 09:00:03+00', '2026-03-10 09:00:09+00', 120, '{}',
                 'SELECT * FROM "run_x"."tiers__gold"', 'SMTP timeout', 20, 3, 3),
                ('x', 'customers', 'build', 0, 'done', '2026-03-10 09:00:00+00', '2026-03-10 09:00:00.250+00', NULL,
                 '{"out": 1200}', 'CREATE TABLE "run_x"."customers__out" AS SELECT id AS __key FROM customers', NULL, 5, 1, 1),
                ('x', 'tiers', 'split', 1, 'done', '2026-03-10 09:00:01+00', '2026-03-10 09:00:03+00', 1200,
                 '{"gold": 25, "silver": 300, "out": 875}', 'CREATE TABLE "run_x"."tiers__gold" AS SELECT 1', NULL, 12, 1, 1),
                ('r-old', 'customers', 'build', 0, 'done', NULL, NULL, NULL, NULL, NULL, NULL, 5, 1, 1)""");
            s.execute("""
                INSERT INTO camp_state.logs (run_id, seq, logged_at, activity, level, message) VALUES
                ('x', 1, '2026-03-10 09:00:00+00', NULL, 'info', 'run started'),
                ('x', 2, '2026-03-10 09:00:00+00', 'customers', 'debug', 'SELECT id FROM customers'),
                ('x', 3, '2026-03-10 09:00:01+00', 'tiers', 'info', '1200 rows in'),
                ('x', 4, '2026-03-10 09:00:02+00', 'tiers', 'alert', 'gold tier is small: 25 rows'),
                ('x', 5, '2026-03-10 09:00:04+00', 'mail', 'warn', 'O''Brien has no email address'),
                ('x', 6, '2026-03-10 09:00:09+00', 'mail', 'error', 'SMTP timeout'),
                ('x', 7, '2026-03-10 09:00:09+00', 'mail', 'info', '100% of retries used'),
                ('r-old', 1, '2026-03-09 09:00:00+00', NULL, 'info', 'run started')""");
            s.execute("CREATE SCHEMA run_x");
            s.execute("CREATE TABLE run_x.tiers__gold (__key BIGINT, spent DOUBLE)");
            // inserted in descending key order: preview shows rows by key
            s.execute("INSERT INTO run_x.tiers__gold SELECT i, i * 1.5 FROM range(25, 0, -1) t(i)");
            s.execute("CREATE TABLE run_x.tiers__out (__key BIGINT, spent DOUBLE, vip BOOLEAN, note VARCHAR)");
            s.execute("INSERT INTO run_x.tiers__out VALUES (7, 10.25, true, NULL), (8, 2, false, 'say \"hi\"')");
            s.execute("CREATE TABLE run_x.\"odd\"\"name__out\" (__key VARCHAR)");
            s.execute("INSERT INTO run_x.\"odd\"\"name__out\" VALUES ('k1')");
            s.execute("""
                INSERT INTO camp_state.worktables (run_id, activity, port, table_name, entity, key_column, row_count) VALUES
                ('x', 'tiers', 'gold', '"run_x"."tiers__gold"', 'customer', 'customer_id', 25),
                ('x', 'tiers', 'silver', 'run_x.tiers__silver', 'customer', 'customer_id', 300),
                ('x', 'tiers', 'out', 'run_x.tiers__out', 'customer', 'customer_id', 2),
                ('x', 'odd', 'out', '"run_x"."odd""name__out"', NULL, NULL, 1)""");
        }
    }

    static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    static Result campDb(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db");
        all.add(db.toString());
        return camp(all.toArray(String[]::new));
    }

    // ---- runs

    @Test
    void runsTextIsAnAlignedTableNewestFirst() {
        Result r = campDb("runs");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals(4, lines.size(), r.out());
        String header = lines.get(0);
        assertTrue(header.startsWith("RUN      CAMPAIGN"), header);
        assertTrue(lines.get(1).startsWith("x "), r.out());
        assertTrue(lines.get(2).startsWith("r-old "), r.out());
        assertTrue(lines.get(3).startsWith("r-other "), r.out());
        int status = header.indexOf("STATUS");
        assertEquals(status, lines.get(1).indexOf("failed"));
        assertEquals(status, lines.get(2).indexOf("completed"));
        assertEquals(header.indexOf("LOGICAL TIME"), lines.get(1).indexOf("2026-03-10T09:00:00Z"));
        assertTrue(lines.get(1).contains("yes"), "dry run");
        // only the first line of a multi-line error, the table stays one line per run
        assertTrue(lines.get(1).endsWith("task mail failed: SMTP timeout ..."), lines.get(1));
    }

    @Test
    void runsJsonHasEveryField() throws Exception {
        Result r = campDb("runs", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode runs = r.json().get("runs");
        assertEquals(3, runs.size());
        JsonNode x = runs.get(0);
        assertEquals("x", x.get("run").asText());
        assertEquals("spring_promo", x.get("campaign").asText());
        assertEquals("2026-03-10T09:00:00Z", x.get("logicalTime").asText());
        assertEquals("failed", x.get("status").asText());
        assertTrue(x.get("dryRun").asBoolean());
        assertEquals("2026-03-10T09:00:00Z", x.get("createdAt").asText());
        assertEquals("2026-03-10T09:00:09Z", x.get("endedAt").asText());
        assertEquals("task mail failed: SMTP timeout\nafter 3 attempts", x.get("error").asText());
        JsonNode running = runs.get(2);
        assertEquals("r-other", running.get("run").asText());
        assertTrue(running.get("endedAt").isNull());
        assertTrue(running.get("error").isNull());
        assertFalse(running.get("dryRun").asBoolean());
    }

    @Test
    void runsFilteredByCampaign() throws Exception {
        JsonNode runs = campDb("runs", "--campaign", "spring_promo", "--format", "json").json().get("runs");
        assertEquals(2, runs.size());
        assertEquals("r-old", runs.get(1).get("run").asText());
        Result none = campDb("runs", "--campaign", "nope' OR 1=1 --");
        assertEquals(0, none.code());
        assertEquals("", none.out());
        assertTrue(none.err().contains("no runs of campaign"), none.err());
    }

    // ---- tasks

    @Test
    void tasksTextInPlanOrderWithCountsAndErrors() {
        Result r = campDb("tasks", "x");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals("run x (spring_promo): failed, 3 tasks", lines.get(0));
        assertTrue(lines.get(1).startsWith("ACTIVITY   KIND   STATUS"), lines.get(1));
        assertTrue(lines.get(2).startsWith("customers  build  done"), lines.get(2));
        assertTrue(lines.get(3).startsWith("tiers      split  done"), lines.get(3));
        assertTrue(lines.get(4).startsWith("mail       email  failed"), lines.get(4));
        assertTrue(lines.get(2).contains("250ms"), lines.get(2));
        assertFalse(lines.get(2).contains(".250"), lines.get(2));
        assertTrue(lines.get(3).contains(" 2.0s "), lines.get(3));
        assertTrue(lines.get(3).contains("gold=25 silver=300 out=875"), lines.get(3));
        assertTrue(lines.get(3).endsWith("12:1"), lines.get(3));
        assertTrue(lines.get(4).endsWith("20:3"), lines.get(4));
        assertTrue(r.out().contains("error in mail (20:3):\n  SMTP timeout"), r.out());
        assertFalse(r.out().contains("CREATE TABLE"), "no SQL without --sql");
    }

    @Test
    void tasksTextWithSql() {
        Result r = campDb("tasks", "x", "--sql");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("-- tiers (split, 12:1)\nCREATE TABLE \"run_x\".\"tiers__gold\" AS SELECT 1"), r.out());
        assertTrue(r.out().contains("-- mail (email, 20:3)\nSELECT * FROM"), r.out());
    }

    @Test
    void tasksJson() throws Exception {
        JsonNode root = campDb("tasks", "x", "--format", "json").json();
        assertEquals("x", root.get("run").asText());
        assertEquals("failed", root.get("status").asText());
        JsonNode tasks = root.get("tasks");
        assertEquals(3, tasks.size());
        JsonNode tiers = tasks.get(1);
        assertEquals("tiers", tiers.get("activity").asText());
        assertEquals("split", tiers.get("kind").asText());
        assertEquals("done", tiers.get("status").asText());
        assertEquals("2026-03-10T09:00:01Z", tiers.get("startedAt").asText());
        assertEquals("2026-03-10T09:00:03Z", tiers.get("endedAt").asText());
        assertEquals(1200, tiers.get("input").asLong());
        assertEquals(25, tiers.get("outputs").get("gold").asLong());
        assertEquals(875, tiers.get("outputs").get("out").asLong());
        assertEquals(12, tiers.get("line").asInt());
        assertEquals(1, tiers.get("column").asInt());
        assertTrue(tiers.get("error").isNull());
        assertFalse(tiers.has("sql"));
        assertTrue(tasks.get(0).get("input").isNull());
        // JSON keeps the full precision, text shows whole seconds
        assertEquals("2026-03-10T09:00:00.250Z", tasks.get(0).get("endedAt").asText());
        assertEquals(250, tasks.get(0).get("durationMs").asLong());
        assertEquals("SMTP timeout", tasks.get(2).get("error").asText());

        JsonNode withSql = campDb("tasks", "x", "--sql", "--format", "json").json();
        assertEquals("SELECT * FROM \"run_x\".\"tiers__gold\"", withSql.get("tasks").get(2).get("sql").asText());
    }

    // ---- logs

    @Test
    void logsTextLines() {
        Result r = campDb("logs", "x");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals(7, lines.size(), r.out());
        assertEquals("2026-03-10T09:00:00Z INFO  run started", lines.get(0));
        assertEquals("2026-03-10T09:00:01Z INFO  [tiers] 1200 rows in", lines.get(2));
        assertEquals("2026-03-10T09:00:09Z ERROR [mail] SMTP timeout", lines.get(5));
    }

    @Test
    void logsByLevelCountAlertAsWarn() throws Exception {
        assertEquals(List.of(4L, 5L, 6L), seqs(campDb("logs", "x", "--level", "warn", "--format", "json")));
        assertEquals(List.of(6L), seqs(campDb("logs", "x", "--level", "ERROR", "--format", "json")));
        assertEquals(List.of(1L, 3L, 4L, 5L, 6L, 7L), seqs(campDb("logs", "x", "--level", "info", "--format", "json")));
        assertEquals(7, seqs(campDb("logs", "x", "--level", "debug", "--format", "json")).size());
        Result bad = campDb("logs", "x", "--level", "loud");
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("unknown level 'loud'"), bad.err());
    }

    @Test
    void logsByActivity() throws Exception {
        Result r = campDb("logs", "x", "--activity", "mail", "--format", "json");
        JsonNode root = r.json();
        assertEquals("x", root.get("run").asText());
        assertEquals(List.of(5L, 6L, 7L), seqs(r));
        JsonNode first = root.get("logs").get(0);
        assertEquals("2026-03-10T09:00:04Z", first.get("at").asText());
        assertEquals("mail", first.get("activity").asText());
        assertEquals("warn", first.get("level").asText());
        assertEquals("O'Brien has no email address", first.get("message").asText());
        assertEquals(List.of(6L), seqs(campDb("logs", "x", "--activity", "mail", "--level", "error", "--format", "json")));

        Result unknown = campDb("logs", "x", "--activity", "mial");
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("run 'x' has no activity 'mial'; did you mean 'mail'?"), unknown.err());
    }

    @Test
    void logsSearchIsCaseInsensitiveAndLiteral() throws Exception {
        assertEquals(List.of(5L), seqs(campDb("logs", "x", "--search", "o'brien", "--format", "json")));
        assertEquals(List.of(5L), seqs(campDb("logs", "x", "--search", "O'BRIEN", "--format", "json")));
        assertEquals(List.of(), seqs(campDb("logs", "x", "--search", "' OR '1'='1", "--format", "json")));
        // % and _ are not wildcards
        assertEquals(List.of(7L), seqs(campDb("logs", "x", "--search", "100%", "--format", "json")));
        assertEquals(List.of(), seqs(campDb("logs", "x", "--search", "1_0", "--format", "json")));
        assertEquals(List.of(3L, 4L), seqs(campDb("logs", "x", "--search", "ROWS", "--activity", "tiers", "--format", "json")));
    }

    private static List<Long> seqs(Result r) throws Exception {
        assertEquals(0, r.code(), r.err());
        List<Long> seqs = new ArrayList<>();
        r.json().get("logs").forEach(line -> seqs.add(line.get("seq").asLong()));
        return seqs;
    }

    // ---- preview

    @Test
    void previewTextShowsTheKeyUnderItsNameAndCountsRows() {
        Result r = campDb("preview", "x", "tiers.gold");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals("customer_id  spent", lines.get(0));
        assertEquals("          1    1.5", lines.get(1));
        assertEquals("          2      3", lines.get(2));
        assertEquals(22, lines.size(), r.out());
        assertEquals("25 rows (showing 20)", lines.get(21));

        Result limited = campDb("preview", "x", "tiers.gold", "--limit", "3");
        assertEquals(5, limited.lines().size(), limited.out());
        assertEquals("25 rows (showing 3)", limited.lines().get(4));
    }

    @Test
    void previewDefaultsToThePortOut() throws Exception {
        Result r = campDb("preview", "x", "tiers");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.lines();
        assertEquals("customer_id  spent  vip    note", lines.get(0));
        assertEquals("          7  10.25  true   NULL", lines.get(1));
        assertEquals("          8      2  false  say \"hi\"", lines.get(2));
        assertEquals("2 rows (showing 2)", lines.get(3));
        assertTrue(r.err().contains("showing tiers.out (ports: gold, out, silver"), r.err());
        assertEquals("out", campDb("preview", "x", "tiers", "--format", "json").json().get("port").asText());
    }

    @Test
    void previewJson() throws Exception {
        JsonNode root = campDb("preview", "x", "tiers.gold", "--limit", "2", "--format", "json").json();
        assertEquals("x", root.get("run").asText());
        assertEquals("tiers", root.get("activity").asText());
        assertEquals("gold", root.get("port").asText());
        assertEquals(25, root.get("rows").asLong());
        assertEquals("customer_id", root.get("columns").get(0).get("name").asText());
        assertEquals("BIGINT", root.get("columns").get(0).get("type").asText());
        assertEquals("DOUBLE", root.get("columns").get(1).get("type").asText());
        JsonNode data = root.get("data");
        assertEquals(2, data.size());
        assertTrue(data.get(0).get(0).isIntegralNumber());
        assertEquals(1, data.get(0).get(0).asLong());
        assertEquals(1.5, data.get(0).get(1).asDouble());

        JsonNode out = campDb("preview", "x", "tiers.out", "--format", "json").json().get("data").get(0);
        assertTrue(out.get(2).isBoolean());
        assertTrue(out.get(3).isNull());
    }

    @Test
    void previewSchema() throws Exception {
        Result r = campDb("preview", "x", "tiers.out", "--schema");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("COLUMN       TYPE", "customer_id  BIGINT", "spent        DOUBLE", "vip          BOOLEAN",
                "note         VARCHAR"), r.lines());
        JsonNode root = campDb("preview", "x", "tiers.gold", "--schema", "--format", "json").json();
        assertEquals(2, root.get("columns").size());
        assertEquals("spent", root.get("columns").get(1).get("name").asText());
        assertFalse(root.has("data"));
    }

    @Test
    void previewQuotesTableNamesFromTheDatabase() {
        Result r = campDb("preview", "x", "odd");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("__key", "k1", "1 row (showing 1)"), r.lines());
    }

    @Test
    void previewUnknownPortListsThePorts() {
        Result r = campDb("preview", "x", "tiers.bronze");
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("activity 'tiers' of run 'x' has no port 'bronze' (ports: gold, out, silver)"), r.err());
    }

    @Test
    void previewUnknownActivity() {
        Result r = campDb("preview", "x", "tires.gold");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("run 'x' has no worktable for activity 'tires' (activities with worktables: odd, tiers)"),
                r.err());
        assertTrue(r.err().contains("did you mean 'tiers'?"), r.err());
    }

    @Test
    void previewOfAPurgedWorktableSaysSo() {
        Result r = campDb("preview", "x", "tiers.silver");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("cannot read the worktable run_x.tiers__silver of tiers.silver"), r.err());
    }

    @Test
    void previewRejectsANegativeLimit() {
        Result r = campDb("preview", "x", "tiers.gold", "--limit", "-1");
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("--limit"), r.err());
    }

    // ---- errors shared by every command

    @Test
    void unknownRun() {
        for (String[] args : List.of(new String[] {"tasks", "nope"}, new String[] {"logs", "nope"},
                new String[] {"preview", "nope", "tiers"})) {
            Result r = campDb(args);
            assertEquals(ExitCodes.USAGE, r.code(), String.join(" ", args));
            assertEquals("camp: no run 'nope' in " + db + " (see camp runs)\n", r.err().replace("\r", ""));
            assertEquals("", r.out());
        }
        Result close = campDb("tasks", "r-oldd");
        assertTrue(close.err().contains("did you mean 'r-old'?"), close.err());
    }

    @Test
    void missingDatabase() {
        Path missing = dir.resolve("nowhere").resolve("camp.duckdb");
        for (String command : List.of("runs", "tasks", "logs", "preview")) {
            List<String> args = new ArrayList<>(List.of(command));
            if (!command.equals("runs")) {
                args.add("x");
            }
            if (command.equals("preview")) {
                args.add("tiers");
            }
            args.addAll(List.of("--db", missing.toString()));
            Result r = camp(args.toArray(String[]::new));
            assertEquals(ExitCodes.USAGE, r.code(), command);
            assertTrue(r.err().startsWith("camp: no database at " + missing), r.err());
        }
        assertFalse(Files.exists(missing), "reading must not create the file");
    }

    @Test
    void databaseWithoutRunState() throws Exception {
        Path other = dir.resolve("other.duckdb");
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + other); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id INTEGER)");
        }
        Result r = camp("runs", "--db", other.toString());
        assertEquals(ExitCodes.USAGE, r.code());
        assertTrue(r.err().contains("holds no camp run state"), r.err());
    }

    @Test
    void databaseLockedByARunningProcess() throws Exception {
        Path locked = dir.resolve("locked.duckdb");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), locked.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", reader.readLine());
            Result r = camp("runs", "--db", locked.toString());
            assertEquals(ExitCodes.USAGE, r.code());
            assertTrue(r.err().startsWith("camp: the database " + locked + " is in use by another camp process"), r.err());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    @Test
    void whileARunHoldsTheDatabaseTasksAndLogsShowItsEventLog() throws Exception {
        Path locked = dir.resolve("live.duckdb");
        Path events = camp.run.EventLog.file(locked, "R1");
        java.nio.file.Files.createDirectories(events.getParent());
        java.nio.file.Files.writeString(events, String.join("\n",
                "{\"event\":\"started\",\"activity\":\"fr\",\"kind\":\"build\",\"at\":\"2026-03-10T09:00:00Z\",\"run\":\"R1\"}",
                "{\"event\":\"finished\",\"activity\":\"fr\",\"kind\":\"build\",\"status\":\"done\",\"input\":0,"
                        + "\"outputs\":{\"out\":42},\"durationMs\":12,\"at\":\"2026-03-10T09:00:01Z\",\"run\":\"R1\"}",
                "{\"event\":\"log\",\"activity\":\"fr\",\"level\":\"info\",\"message\":\"42 rows\",\"at\":\"2026-03-10T09:00:01Z\",\"run\":\"R1\"}",
                "{\"event\":\"started\",\"activity\":\"mail\",\"kind\":\"email\",\"at\":\"2026-03-10T09:00:02Z\",\"run\":\"R1\"}",
                "{\"event\":\"finished\",\"activity\":\"mail\",\"st"));  // a line being written
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), locked.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", reader.readLine());
            Result tasks = camp("tasks", "R1", "--db", locked.toString(), "--format", "json");
            assertEquals(ExitCodes.OK, tasks.code(), tasks.err());
            assertTrue(tasks.err().contains("showing the run's event log"), tasks.err());
            JsonNode t = MAPPER.readTree(tasks.out());
            assertEquals("running", t.get("status").asText());
            assertEquals("done", t.get("tasks").get(0).get("status").asText());
            assertEquals(42, t.get("tasks").get(0).get("outputs").get("out").asLong());
            assertEquals("running", t.get("tasks").get(1).get("status").asText(), "mail has started, not finished");
            Result logs = camp("logs", "R1", "--db", locked.toString());
            assertEquals(ExitCodes.OK, logs.code(), logs.err());
            assertTrue(logs.out().contains("INFO [fr] 42 rows"), logs.out());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    /** Holds a state file open for writing, as a running campaign does, until its stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (Connection c = Database.open(Path.of(args[0]))) {
                System.out.println("ready");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to let go
                }
            }
        }
    }

    // ---- help and quoting

    @Test
    void everyCommandHasHelpWithExamples() {
        for (String command : List.of("runs", "tasks", "logs", "preview")) {
            Result r = camp(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().contains("--db=PATH"), r.out());
            assertTrue(r.out().contains(".camp/camp.duckdb"), r.out());
            assertTrue(r.out().contains("--format"), r.out());
            assertTrue(r.out().contains("Examples:\n  camp " + command), r.out());
        }
        assertTrue(camp("--help").out().contains("preview"));
    }
}
