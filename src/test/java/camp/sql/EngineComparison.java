package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.check.Checked;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Step;
import camp.run.Database;
import camp.run.Params;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * One campaign's SQL executed on DuckDB and on another engine (PostgreSQL, Spark) side by side,
 * activity by activity over the same data (the csv sources as DuckDB reads them, copied to the
 * other engine with the same values), each engine with its own dialect's SQL: after every
 * activity, every output port must hold the same rows (keys, as a multiset) on both; an activity
 * that fails on DuckDB must fail on the other engine too.
 */
public final class EngineComparison {
    private EngineComparison() {
    }

    /**
     * The URL of the PostgreSQL server the tests use ({@code scripts/postgres.sh start} starts one):
     * {@code -Dcamp.postgres.url} or {@code CAMP_TEST_POSTGRES_URL}. Without one the test is skipped,
     * unless {@code -Dcamp.requirePostgres=true} (CI) makes that a failure.
     */
    public static String postgresUrl() {
        return serverUrl("camp.postgres.url", "CAMP_TEST_POSTGRES_URL", "camp.requirePostgres", "PostgreSQL server", "scripts/postgres.sh start");
    }

    /**
     * The URL of a server the tests use, from a system property or else an environment variable;
     * without one the test is skipped, unless the {@code require} property makes that a failure.
     */
    static String serverUrl(String property, String env, String require, String what, String start) {
        String url = System.getProperty(property);
        if (url == null || url.isBlank()) {
            url = System.getenv(env);
        }
        if (url == null || url.isBlank()) {
            if (Boolean.getBoolean(require)) {
                fail("no " + what + ": start one with " + start + " and pass its URL in -D" + property);
            }
            Assumptions.abort("no " + what + " (" + start + ", then -D" + property + "=URL)");
        }
        return url;
    }

    /** Drops every schema of the database but PostgreSQL's own and {@code public}: what camp made there, a fresh state. */
    public static void reset(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
                    + " AND nspname NOT IN ('information_schema', 'public')")) {
                while (r.next()) {
                    schemas.add(r.getString(1));
                }
            }
            for (String schema : schemas) {
                s.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
            }
        }
    }

    /** Runs the campaign on DuckDB and PostgreSQL at the instant with the given params; {@code temp} holds DuckDB's file. */
    public static void compare(Checked checked, Instant instant, Map<String, String> given, Path temp, String url) throws Exception {
        compare(checked, instant, given, temp, postgres(url));
    }

    /** The engine whose rows are held to DuckDB's: its dialect, a connection to it, how data reaches it. */
    public interface Target {
        Dialect dialect();

        /** A connection to the engine, emptied of every schema camp made. */
        Connection open() throws Exception;

        /** The run state's tables, as the generated SQL reads them (the delivery history). */
        void createState(Connection c) throws Exception;

        /** A table of DuckDB's file copied to the engine with the same columns and values. */
        void copy(Connection duck, Connection to, String schema, String table, Path temp) throws Exception;

        /** How a load's typed rows reach the engine. */
        ScriptRunner.LoadRows loadRows(Path temp);
    }

    /** Spark on the tests' cluster ({@code -Dcamp.spark.url}); skipped without one, unless -Dcamp.requireSpark=true. */
    public static Target spark() {
        return SparkJdbc.target(SparkJdbc.sparkUrl());
    }

    /** PostgreSQL at a JDBC URL. */
    public static Target postgres(String url) {
        return new Target() {
            @Override
            public Dialect dialect() {
                return PostgresDialect.INSTANCE;
            }

            @Override
            public Connection open() throws SQLException {
                reset(url);
                return DriverManager.getConnection(url);
            }

            @Override
            public void createState(Connection c) {
                for (String ddl : new StateSql(PostgresDialect.INSTANCE).ddl()) {
                    if (ddl.startsWith("CREATE")) {
                        ScriptRunner.execute(c, "PostgreSQL's run state", ddl);
                    }
                }
            }

            @Override
            public void copy(Connection duck, Connection to, String schema, String table, Path temp) throws SQLException {
                copyTable(duck, to, schema, table);
            }

            @Override
            public ScriptRunner.LoadRows loadRows(Path temp) {
                return EngineComparison::copyIn;
            }
        };
    }

    /** Runs the campaign on DuckDB and on the target at the instant with the given params; {@code temp} holds DuckDB's file. */
    public static void compare(Checked checked, Instant instant, Map<String, String> given, Path temp, Target target) throws Exception {
        Plan plan = checked.plan();
        Dialect dialect = target.dialect();
        String engine = dialect.displayName();
        SqlContext duck = context(checked, DuckDbDialect.INSTANCE, instant, given);
        SqlContext other = context(checked, dialect, instant, given);
        List<StepScript> duckScripts = StepSql.lower(duck);
        List<StepScript> otherScripts = StepSql.lower(other);
        GoldenScript sections = GoldenScript.parse(String.join("\n", duckScripts.stream().map(StepScript::render).toList()));
        String name = plan.campaign();
        try (Connection d = Database.open(temp.resolve("duck.duckdb")); Connection p = target.open()) {
            ScriptRunner.execute(d, "SET TimeZone = " + DuckDbDialect.INSTANCE.string(plan.timezone()));
            ScriptRunner.execute(d, "CREATE SCHEMA IF NOT EXISTS \"run\"");
            ScriptRunner.readSources(d, plan);
            ScriptRunner.createSavedElsewhere(d, plan, sections);

            for (String helper : dialect.setup()) {
                ScriptRunner.execute(p, helper);
            }
            ScriptRunner.execute(p, new StateSql(dialect).setTimeZone(plan.timezone()));
            target.createState(p);
            ScriptRunner.execute(p, "CREATE SCHEMA \"run\"");
            for (Entity e : ScriptRunner.csvEntities(plan)) {
                target.copy(d, p, "run", "src_" + e.name(), temp);
            }
            ScriptRunner.createSavedElsewhere(p, plan, sections);

            ScriptRunner.LoadRows loadRows = target.loadRows(temp);
            for (int i = 0; i < plan.steps().size(); i++) {
                Step step = plan.steps().get(i);
                String where = name + ": " + step.name() + " (" + step.kind() + ")";
                StepScript duckScript = duckScripts.get(i);
                StepScript script = otherScripts.get(i);
                try {
                    ScriptRunner.run(d, step, duckScript, where + " on DuckDB", ScriptRunner.typedFile(temp));
                } catch (Exception | AssertionError failedOnDuckDb) {
                    Throwable onOther = assertThrows(Throwable.class,
                            () -> ScriptRunner.run(p, step, script, where + " on " + engine, loadRows),
                            () -> where + " fails on DuckDB and not on " + engine + ": " + failedOnDuckDb.getMessage());
                    assertTrue(onOther.getMessage() != null);
                    return;
                }
                ScriptRunner.run(p, step, script, where + " on " + engine, loadRows);
                for (Map.Entry<String, String> port : duckScript.outputs().entrySet()) {
                    List<String> expected = keys(d, port.getValue());
                    List<String> actual = keys(p, script.outputs().get(port.getKey()));
                    if (!expected.equals(actual)) {
                        List<String> missing = new ArrayList<>(expected);
                        actual.forEach(missing::remove);
                        List<String> extra = new ArrayList<>(actual);
                        expected.forEach(extra::remove);
                        fail(where + "." + port.getKey() + ": " + engine + "'s rows differ from DuckDB's (" + actual.size() + " rows against "
                                + expected.size() + "): keys only DuckDB has " + first(missing) + ", keys only " + engine + " has "
                                + first(extra));
                    }
                }
            }
        }
    }

    /** What {@code camp sql} uses: run "preview" in schema "run", seed 0, the params given over their defaults. */
    private static SqlContext context(Checked checked, Dialect dialect, Instant instant, Map<String, String> given) {
        Plan plan = checked.plan();
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Object> params = Params.resolve(plan, given, problems, checked.root());
        assertEquals(List.of(), problems);
        return new SqlContext(plan, dialect, instant.atZone(ZoneId.of(plan.timezone())).toLocalDateTime(), instant, params, 0,
                "preview", "run", Map.of(), false);
    }

    /** A load's rows typed by camp's reader into files, copied in with the script's COPY statements. */
    private static void copyIn(Connection c, Step.Load load, StepScript script) throws Exception {
        List<camp.deliver.CsvLoader.Column> columns = load.columns().stream()
                .map(col -> new camp.deliver.CsvLoader.Column(col.name(), col.type())).toList();
        Path folder = Files.createTempDirectory("camp-pg-load");
        try {
            Path rows = folder.resolve("rows.csv");
            Path rejected = folder.resolve("rejected.csv");
            camp.deliver.TypedCsv.Written written = camp.deliver.TypedCsv.write(load.file(), columns, rows, rejected, LoadSql.NULL, 0);
            org.postgresql.copy.CopyManager copy = new org.postgresql.copy.CopyManager(c.unwrap(org.postgresql.core.BaseConnection.class));
            try (java.io.Reader r = Files.newBufferedReader(rows)) {
                assertEquals(written.counts().rows(), copy.copyIn(script.load().copyRows(), r));
            }
            List<String> rejects = script.load().copyRejected();
            try (java.io.Reader r = Files.newBufferedReader(rejected)) {
                assertEquals(written.counts().rejected(), copy.copyIn(rejects.get(0), r));
            }
            for (String statement : rejects.subList(1, rejects.size())) {
                ScriptRunner.execute(c, statement);
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
            Files.delete(folder);
        }
    }

    private static String first(List<String> keys) {
        return keys.size() <= 10 ? keys.toString() : keys.subList(0, 10) + " and " + (keys.size() - 10) + " more";
    }

    /** The keys of a port's rows, as text, sorted: a multiset. */
    private static List<String> keys(Connection c, String table) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT __key FROM " + table)) {
            while (r.next()) {
                keys.add(String.valueOf(r.getString(1)));
            }
        }
        keys.sort(null);
        return keys;
    }

    /** A DuckDB table copied to PostgreSQL with the same columns and values (types spelled as PostgreSQL does). */
    private static void copyTable(Connection from, Connection to, String schema, String table) throws SQLException {
        String name = "\"" + schema + "\".\"" + table + "\"";
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (PreparedStatement q = from.prepareStatement("SELECT column_name, data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            q.setString(1, schema);
            q.setString(2, table);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    columns.add("\"" + r.getString(1) + "\"");
                    types.add(PostgresDialect.INSTANCE.typeFromDuckDb(r.getString(2)));
                }
            }
        }
        StringBuilder create = new StringBuilder("CREATE TABLE " + name + " (");
        for (int i = 0; i < columns.size(); i++) {
            create.append(i == 0 ? "" : ", ").append(columns.get(i)).append(' ').append(types.get(i));
        }
        ScriptRunner.execute(to, create.append(")").toString());
        StringBuilder insert = new StringBuilder("INSERT INTO " + name + " VALUES (");
        for (int i = 0; i < types.size(); i++) {
            insert.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(types.get(i)).append(')');
        }
        insert.append(')');
        try (Statement s = from.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + name);
                PreparedStatement p = to.prepareStatement(insert.toString())) {
            ResultSetMetaData m = r.getMetaData();
            int n = 0;
            while (r.next()) {
                for (int i = 1; i <= m.getColumnCount(); i++) {
                    p.setString(i, r.getString(i));
                }
                p.addBatch();
                if (++n % 1000 == 0) {
                    p.executeBatch();
                }
            }
            p.executeBatch();
        }
    }

}
