package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.deliver.CsvLoader;
import camp.deliver.TypedCsv;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Step;
import camp.types.Type;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Executes the scripts of {@link StepSql#lower} statement by statement on a connection, as a run
 * does (what a run does outside the database done with the engine's own code): the golden SQL
 * tests' executor, for DuckDB and for the other engines.
 */
public final class ScriptRunner {
    private static final Pattern SAVED = Pattern.compile("\"camp_saved\"\\.\"([^\"]+)\"");
    private static final Pattern SAVES = Pattern.compile("^CREATE (OR REPLACE )?TABLE \"camp_saved\"\\.\"([^\"]+)\"");

    /** Saved audiences that a sample reads but another sample writes, with the entity of their keys. */
    private static final Map<String, String> SAVED_ELSEWHERE = Map.of("spring_gold_2026", "profiles");

    /** How the typed rows of a load reach its worktables on an engine. */
    public interface LoadRows {
        void load(Connection c, Step.Load step, StepScript script) throws Exception;
    }

    private ScriptRunner() {
    }

    /** A load's rows typed by camp's reader into a file, inserted with the script's own statements (DuckDB reads the file). */
    static LoadRows typedFile(Path temp) {
        return (c, load, script) -> {
            List<CsvLoader.Column> columns = load.columns().stream().map(col -> new CsvLoader.Column(col.name(), col.type())).toList();
            Path rows = temp.resolve(load.name() + ".rows.csv");
            Path rejected = temp.resolve(load.name() + ".rejected.csv");
            TypedCsv.Written written = TypedCsv.write(load.file(), columns, rows, rejected, LoadSql.NULL, 0);
            assertTrue(written.counts().rows() > 0, "the sample file " + load.file() + " has rows");
            execute(c, script.load().rows(rows));
            if (written.counts().rejected() > 0) {
                execute(c, script.load().rejected(rejected));
            }
        };
    }

    /**
     * Executes a step's script as a real run does: its statements in order; a load's rows by
     * {@code loadRows}; a channel's messages planned in its ledger and all recorded as sent, as
     * the file outbox would; then what only a real run records.
     */
    public static void run(Connection c, Step step, StepScript script, String where, LoadRows loadRows) throws Exception {
        for (String statement : script.prepare()) {
            execute(c, where, statement);
        }
        if (script.query() != null) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(script.query())) {
                assertTrue(r.next(), where + ": " + script.query());
                r.getObject(1);
            } catch (SQLException e) {
                throw new AssertionError(where + ": " + e.getMessage() + "\n" + script.query(), e);
            }
        }
        if (script.load() != null) {
            loadRows.load(c, (Step.Load) step, script);
        }
        if (script.delivery() != null) {
            DeliverySql d = script.delivery();
            execute(c, where, d.createLedger());
            execute(c, where, d.plan());
            List<String> keys = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(d.pending())) {
                while (r.next()) {
                    keys.add(r.getString(1));
                }
            }
            if (!keys.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement(d.markSent())) {
                    p.setObject(1, java.time.OffsetDateTime.now(ZoneOffset.UTC));
                    p.setObject(2, java.time.OffsetDateTime.now(ZoneOffset.UTC));
                    p.setString(3, keys.get(0));
                    p.setString(4, keys.get(keys.size() - 1));
                    assertEquals(keys.size(), p.executeUpdate(), "the batch marks every planned message of " + step.name());
                }
                try (PreparedStatement p = c.prepareStatement(d.recordHistory())) {
                    p.setString(1, keys.get(0));
                    p.setString(2, keys.get(keys.size() - 1));
                    p.setString(3, keys.get(0));
                    p.setString(4, keys.get(keys.size() - 1));
                    assertEquals(keys.size(), p.executeUpdate(), "the batch's messages join the delivery history");
                    assertEquals(0, p.executeUpdate(), "and only once");
                }
            }
            try (Statement s = c.createStatement()) {
                assertEquals(0, s.executeUpdate(d.history()), "the history already has every message of the batches");
            }
        }
        for (String statement : script.body()) {
            execute(c, where, statement);
        }
        for (String statement : script.finish()) {
            execute(c, where, statement);
        }
        if (script.delivery() != null) {
            long eligible = queryLong(c, where, script.delivery().eligible());
            assertEquals(eligible, queryLong(c, where, "SELECT count(*) FROM " + script.outputs().get("sent")),
                    step.name() + ": every message recorded as sent is on the sent port");
        }
    }

    /** Every csv entity as {@code "run"."src_ENTITY"} in DuckDB, declared text columns as text, as a run reads them. */
    static void readSources(Connection c, Plan plan) throws SQLException {
        DuckDbDialect d = DuckDbDialect.INSTANCE;
        for (Entity e : csvEntities(plan)) {
            List<String> text = new ArrayList<>();
            e.attributes().forEach((name, type) -> {
                if (type == Type.TEXT) {
                    text.add(d.string(name) + ": 'VARCHAR'");
                }
            });
            String path = Path.of(e.location()).toAbsolutePath().toString();
            execute(c, "CREATE TABLE \"run\"." + d.quoteIdentifier("src_" + e.name()) + " AS SELECT * FROM read_csv(" + d.string(path)
                    + ", header=true, auto_detect=true" + (text.isEmpty() ? "" : ", types={" + String.join(", ", text) + "}") + ")");
        }
    }

    static List<Entity> csvEntities(Plan plan) {
        return plan.entities().values().stream().filter(e -> !e.isDeliveries() && e.sourceKind() == Entity.SourceKind.CSV).toList();
    }

    /** The saved audiences a script reads before (or without) writing them: another campaign saved them. */
    static void createSavedElsewhere(Connection c, Plan plan, GoldenScript script) throws SQLException {
        Set<String> written = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        for (GoldenScript.Section section : script.sections()) {
            for (String statement : section.statements()) {
                Matcher saves = SAVES.matcher(statement);
                if (saves.find()) {
                    written.add(saves.group(2));
                    continue;
                }
                Matcher reads = SAVED.matcher(statement);
                while (reads.find()) {
                    String name = reads.group(1);
                    if (written.contains(name) || !created.add(name)) {
                        continue;
                    }
                    String entity = SAVED_ELSEWHERE.get(name);
                    if (entity == null) {
                        fail(section.activity() + " reads the saved audience '" + name + "' that no earlier statement writes;"
                                + " list it in SAVED_ELSEWHERE");
                    }
                    String key = DuckDbDialect.INSTANCE.quoteIdentifier(plan.entity(entity).key());
                    execute(c, "CREATE SCHEMA IF NOT EXISTS \"camp_saved\"");
                    execute(c, "CREATE TABLE \"camp_saved\"." + DuckDbDialect.INSTANCE.quoteIdentifier(name) + " AS SELECT " + key
                            + " AS __key FROM \"run\"." + DuckDbDialect.INSTANCE.quoteIdentifier("src_" + entity) + " WHERE " + key + " % 4 = 0");
                }
            }
        }
    }

    // ------------------------------------------------------------ helpers

    static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'run' AND table_name = ?")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) == 1;
            }
        }
    }

    public static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    public static void execute(Connection c, String where, String statement) {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new AssertionError(where + ": " + e.getMessage() + "\n" + statement, e);
        }
    }

    public static long queryLong(Connection c, String where, String select) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            assertTrue(r.next(), select);
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(where + ": " + e.getMessage() + "\n" + select, e);
        }
    }
}
