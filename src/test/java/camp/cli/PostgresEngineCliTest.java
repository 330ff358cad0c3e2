package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.sql.EngineComparison;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine postgres} on the command line: a run and the commands that read it, as separate
 * processes; an unreachable server (exit 3, the engine named), no URL (exit 2), a password never
 * written down, a source table the database lacks (a diagnostic at the entity).
 */
class PostgresEngineCliTest {
    @TempDir
    Path temp;

    @Test
    void aRunAndItsTasksOnPostgreSqlAsProcesses() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        RunFixture fx = new RunFixture(temp);
        CampProcess run = CampProcess.camp("run", "spring_promo.camp", "--engine", "postgres", "--url", url, "--format", "json")
                .in(fx.samples);
        assertEquals(0, run.run(180), run::toString);
        assertTrue(run.output().contains("\"status\":\"completed\""), run::toString);
        assertTrue(run.output().contains("\"gold\":40"), run::toString);
        Path connection = fx.samples.resolve(".camp").resolve("127.0.0.1_" + port(url) + "_camp.postgres");
        assertTrue(Files.isRegularFile(connection), "the connection file beside where the DuckDB file would be");
        assertFalse(Files.exists(fx.samples.resolve(".camp").resolve("camp.duckdb")), "no DuckDB file");
        CampProcess tasks = CampProcess.camp("tasks", "20260310T080000Z", "--db", connection.toString(), "--format", "json").in(fx.samples);
        assertEquals(0, tasks.run(120), tasks::toString);
        assertTrue(tasks.output().contains("\"activity\":\"tiers\""), tasks::toString);
        assertTrue(tasks.output().contains("\"gold\":40"), tasks::toString);
        assertTrue(Files.isRegularFile(fx.samples.resolve(".camp/outbox/127.0.0.1_" + port(url) + "_camp.postgres/20260310T080000Z.jsonl")),
                "the outbox beside the connection file");
    }

    @Test
    void twoSchemaPrefixesKeepTwoProjectsApartInOneDatabase() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        RunFixture fx = new RunFixture(temp);
        CampProcess run = CampProcess.camp("run", "spring_promo.camp", "--engine", "postgres", "--url", url, "--schema", "mkt",
                "--format", "json").in(fx.samples);
        assertEquals(0, run.run(180), run::toString);
        assertTrue(run.output().contains("\"run\":\"20260310T080000Z\""), run::toString);
        assertTrue(run.output().contains("\"gold\":40"), run::toString);
        Path connection = fx.samples.resolve(".camp").resolve("127.0.0.1_" + port(url) + "_camp.mkt.postgres");
        assertTrue(Files.readString(connection).contains("schema = mkt"), "the connection file names the prefix");
        assertEquals(java.util.List.of("mkt_incremental", "mkt_run_20260310T080000Z", "mkt_saved", "mkt_state"), campSchemas(url),
                "camp's schemas under the prefix, none of the default's");

        // the default prefix in the same database: a history of its own, which knows nothing of mkt's run
        CampProcess other = CampProcess.camp("run", "spring_promo.camp", "--engine", "postgres", "--url", url, "--format", "json")
                .in(fx.samples);
        assertEquals(0, other.run(180), other::toString);
        assertTrue(other.output().contains("\"run\":\"20260310T080000Z\""), "not a second run of one history: " + other);
        assertTrue(other.output().contains("\"gold\":40"), other::toString);
        assertEquals(java.util.List.of("camp_incremental", "camp_saved", "camp_state", "mkt_incremental", "mkt_run_20260310T080000Z",
                "mkt_saved", "mkt_state", "run_20260310T080000Z"), campSchemas(url));
        CampProcess runs = CampProcess.camp("runs", "--db", connection.toString(), "--format", "json").in(fx.samples);
        assertEquals(0, runs.run(120), runs::toString);
        assertEquals(1, runs.output().split("\"run\":", -1).length - 1, "mkt's history holds its one run: " + runs);
        CampProcess tasks = CampProcess.camp("tasks", "20260310T080000Z", "--db", connection.toString(), "--format", "json").in(fx.samples);
        assertEquals(0, tasks.run(120), tasks::toString);
        assertTrue(tasks.output().contains("\"gold\":40"), tasks::toString);

        RunFixture.Result bad = RunFixture.camp("run", fx.sample("welcome.camp").toString(), "--engine", "postgres", "--url", url,
                "--schema", "1-bad");
        assertEquals(2, bad.code(), bad::toString);
        assertTrue(bad.err().contains("--schema: a schema prefix is a lower-case letter"), bad.err());
        RunFixture.Result duck = RunFixture.camp("run", fx.sample("welcome.camp").toString(), "--db", fx.db.toString(), "--schema", "mkt");
        assertEquals(2, duck.code(), duck::toString);
        assertTrue(duck.err().contains("--schema is for --engine postgres"), duck.err());
    }

    /** The schemas camp made in the database (its state, saved audiences, runs'), in name order. */
    private static java.util.List<String> campSchemas(String url) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE '%state' OR nspname LIKE '%saved'"
                        + " OR nspname LIKE '%incremental' OR nspname LIKE '%run\\_%' ORDER BY nspname COLLATE \"C\"")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String port(String url) {
        return url.replaceFirst("^jdbc:postgresql://[^:/]+:(\\d+)/.*$", "$1");
    }

    @Test
    void anUnreachableServerFailsTheRunNamingTheEngine() throws Exception {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result r = RunFixture.camp("run", fx.sample("welcome.camp").toString(), "--db", fx.db.toString(), "--engine", "postgres",
                "--url", "jdbc:postgresql://127.0.0.1:9/camp?user=camp&password=hunter2");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("camp: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:9/camp?user=camp&password=...: "),
                r.err());
        assertFalse(r.err().contains("hunter2") || r.out().contains("hunter2"), "the password is never printed");
        Path connection = fx.db.resolveSibling("127.0.0.1_9_camp.postgres");
        assertTrue(Files.isRegularFile(connection));
        assertFalse(Files.readString(connection).contains("hunter2"), "nor written down");
    }

    @Test
    void theEngineWithoutItsUrlIsAUsageError() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result r = RunFixture.camp("run", fx.sample("welcome.camp").toString(), "--engine", "postgres");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("--engine postgres needs the database: --url jdbc:postgresql://HOST:PORT/DATABASE (or CAMP_URL)"),
                r.err());
        RunFixture.Result wrong = RunFixture.camp("run", fx.sample("welcome.camp").toString(), "--engine", "postgres", "--url",
                "postgres://localhost/camp");
        assertEquals(2, wrong.code(), wrong::toString);
        assertTrue(wrong.err().contains("--url must be a PostgreSQL JDBC URL"), wrong.err());
    }

    @Test
    void aSourceTableTheDatabaseLacksIsADiagnosticAtItsEntity() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS no_such_members"); // made by an earlier run of this test on the same server
        }
        Path dir = Files.createDirectories(temp.resolve("project"));
        Files.writeString(dir.resolve("missing.camp"), """
                campaign "Missing table"

                entity members key id from table "no_such_members" {
                  id: int
                  email: text
                }

                activity everyone: build members
                flow { everyone }
                """);
        RunFixture.Result r = RunFixture.camp("run", dir.resolve("missing.camp").toString(), "--db", dir.resolve("camp.duckdb").toString(),
                "--engine", "postgres", "--url", url);
        assertTrue(r.err().contains("missing.camp:3:8: error[E0704]: entity 'members': cannot read its source (PostgreSQL): "
                + "ERROR: relation \"no_such_members\" does not exist"), r.err());
        assertEquals(ExitCodes.RUN_FAILED, r.code(), r::toString);
        RunFixture.Result runs = RunFixture.camp("runs", "--db", dir.resolve("127.0.0.1_" + port(url) + "_camp.postgres").toString(),
                "--format", "json");
        assertFalse(runs.out().contains("Missing table"), "no run was recorded: " + runs);

        // once the table exists, the same command runs the campaign
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE no_such_members (id BIGINT, email TEXT)");
            s.execute("INSERT INTO no_such_members VALUES (1, 'a@example.com'), (2, NULL)");
        }
        RunFixture.Result fixed = RunFixture.camp("run", dir.resolve("missing.camp").toString(), "--db",
                dir.resolve("camp.duckdb").toString(), "--engine", "postgres", "--url", url, "--format", "json");
        assertEquals(0, fixed.code(), fixed::toString);
        assertTrue(fixed.out().contains("\"everyone\"") && fixed.out().contains("\"out\":2"), fixed.out());
    }

    @Test
    void aFileSourceWithColumnsPostgreSqlCannotHoldCopiesTheDeclaredOnes() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        Path dir = Files.createDirectories(temp.resolve("project"));
        try (java.sql.Connection duck = java.sql.DriverManager.getConnection("jdbc:duckdb:"); java.sql.Statement s = duck.createStatement()) {
            // a struct and a map beside the declared columns: no PostgreSQL column type holds them as they are
            s.execute("COPY (SELECT 1::BIGINT AS id, 'a@example.com' AS email, {'k': 1} AS meta, MAP {'a': 1} AS extra"
                    + " UNION ALL SELECT 2, NULL, {'k': 2}, MAP {'b': 2}) TO '"
                    + dir.resolve("members.parquet") + "' (FORMAT parquet)");
        }
        Files.writeString(dir.resolve("exotic.camp"), """
                campaign "Exotic columns"

                entity members key id from parquet "members.parquet" {
                  id: int
                  email: text
                }

                activity reachable: build members where email is not null
                flow { reachable }
                """);
        RunFixture.Result r = RunFixture.camp("run", dir.resolve("exotic.camp").toString(), "--db", dir.resolve("camp.duckdb").toString(),
                "--engine", "postgres", "--url", url, "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"reachable\"") && r.out().contains("\"out\":1"), r.out());
    }

    @Test
    void wrongCredentialsFailTheRunNamingTheEngineNeverThePassword() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        String noUser = url.replaceFirst("[?&]user=[^&]*", "");
        RunFixture fx = new RunFixture(temp);
        CampProcess wrong = CampProcess.camp("run", "welcome.camp", "--engine", "postgres", "--url", noUser)
                .env("CAMP_PG_USER", "camp_login").env("CAMP_PG_PASSWORD", "not-the-secret").in(fx.samples);
        assertEquals(ExitCodes.RUN_FAILED, wrong.run(120), wrong::toString);
        assertTrue(wrong.output().contains("camp: cannot connect to PostgreSQL at " + noUser + ": "), wrong::toString);
        assertTrue(wrong.output().contains("password authentication failed for user \"camp_login\""), wrong::toString);
        assertFalse(wrong.output().contains("not-the-secret"), "the password is never printed");

        CampProcess right = CampProcess.camp("run", "welcome.camp", "--engine", "postgres", "--url", noUser, "--format", "json")
                .env("CAMP_PG_USER", "camp_login").env("CAMP_PG_PASSWORD", "camp-login-secret").in(fx.samples);
        assertEquals(0, right.run(180), right::toString);
        assertTrue(right.output().contains("\"status\":\"completed\""), right::toString);
        assertFalse(right.output().contains("camp-login-secret"), "nor the right one");
        try (var files = Files.walk(fx.samples.resolve(".camp"))) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains("camp-login-secret"),
                        "the password is written to no file of the run: " + f);
            }
        }
    }

    @Test
    void theProjectsCampTomlChoosesTheEngine() throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.reset(url);
        RunFixture fx = new RunFixture(temp);
        Path toml = fx.samples.resolve("camp.toml");
        Files.writeString(toml, Files.readString(toml) + "\n[engine]\nname = \"postgres\"\nurl = \"" + url + "\"\n");
        CampProcess run = CampProcess.camp("run", "welcome.camp", "--format", "json").in(fx.samples);
        assertEquals(0, run.run(180), run::toString);
        assertTrue(run.output().contains("\"status\":\"completed\""), run::toString);
        Path connection = fx.samples.resolve(".camp").resolve("127.0.0.1_" + port(url) + "_camp.postgres");
        assertTrue(Files.isRegularFile(connection), "camp.toml's engine, without a flag");
        assertFalse(Files.exists(fx.samples.resolve(".camp").resolve("camp.duckdb")), "no DuckDB file");
        CampProcess runs = CampProcess.camp("runs", "--format", "json").in(fx.samples);
        assertEquals(0, runs.run(120), runs::toString);
        assertTrue(runs.output().contains("\"campaign\":\"Welcome new members\""), runs::toString);
        CampProcess onDuck = CampProcess.camp("run", "welcome.camp", "--engine", "duckdb", "--dry-run").in(fx.samples);
        assertEquals(0, onDuck.run(180), onDuck::toString);
        assertTrue(Files.exists(fx.samples.resolve(".camp").resolve("camp.duckdb")), "--engine duckdb wins over camp.toml");
    }
}
