package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.ast.Statement.SourceKind;
import camp.check.Cases;
import camp.check.Checked;
import camp.check.Frontend;
import camp.cli.Main;
import camp.deliver.CsvLoader;
import camp.deliver.TypedCsv;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Step;
import camp.run.Database;
import camp.run.Params;
import camp.types.Type;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SQL of every sample campaign, exactly as {@code camp sql FILE --at 2026-11-24T09:00:00Z}
 * prints it, against {@code src/test/resources/golden-sql/NAME.sql}; {@code
 * -Dcamp.updateGoldens=true} rewrites the files instead (then review the diff).
 *
 * <p>The scripts that {@code camp sql} prints ({@link StepSql#lower}) are then executed on
 * DuckDB over the sample data, activity by activity and statement by statement, so that they
 * are valid and not only stable: the csv entities are read into {@code "run"."src_ENTITY"} as a
 * run reads them, the state tables come from {@link Database#open}, and the saved audiences
 * that another campaign writes are filled with a few keys. What a run does outside the database
 * is done with the engine's own code: a load's rows are typed by {@link TypedCsv}, and a
 * channel's planned messages are all marked sent with the script's own statement, as the file
 * outbox would. After each activity, every output port's table must exist.
 */
class GoldenSqlTest {
    private static final String AT = "2026-11-24T09:00:00Z";
    private static final Pattern SAVED = Pattern.compile("\"camp_saved\"\\.\"([^\"]+)\"");
    private static final Pattern SAVES = Pattern.compile("^CREATE OR REPLACE TABLE \"camp_saved\"\\.\"([^\"]+)\"");

    /** Saved audiences that a sample reads but another sample writes, with the entity of their keys. */
    private static final Map<String, String> SAVED_ELSEWHERE = Map.of("spring_gold_2026", "profiles");

    @TempDir
    Path temp;

    static Stream<Path> campaigns() throws IOException {
        return Cases.campFiles(Cases.projectRoot().resolve("samples")).stream().filter(GoldenSqlTest::isCampaign);
    }

    private static boolean isCampaign(Path file) {
        return check(file).plan().isCampaign();
    }

    private static Checked check(Path file) {
        try {
            Checked checked = Frontend.check(file, file.getFileName().toString());
            assertFalse(checked.hasErrors(), () -> file + " has errors: " + checked.diagnostics());
            return checked;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean updating() {
        return Boolean.getBoolean("camp.updateGoldens");
    }

    private static Path golden(Path file) {
        return Cases.resources("golden-sql").resolve(file.getFileName().toString().replaceFirst("\\.camp$", ".sql"));
    }

    /** What {@code camp sql FILE --at 2026-11-24T09:00:00Z} prints; the command must succeed silently. */
    private static String render(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sql", file.toString(), "--at", AT}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, () -> "camp sql " + file + " failed:\n" + err);
        return out.toString();
    }

    /** The golden script of a sample: rewritten first when updating. */
    private static String goldenScript(Path file) throws IOException {
        Path golden = golden(file);
        if (updating()) {
            String sql = render(file);
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sql, StandardCharsets.UTF_8);
            return sql;
        }
        assertTrue(Files.isRegularFile(golden), () -> "no golden file " + golden + "; run with -Dcamp.updateGoldens=true");
        return Files.readString(golden, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------ stable

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void sqlIsTheGolden(Path file) throws IOException {
        String expected = goldenScript(file);
        assertEquals(expected, render(file), () -> "the SQL of " + file.getFileName() + " changed; if that is intended, run with"
                + " -Dcamp.updateGoldens=true and review the diff of " + golden(file));
    }

    @Test
    void everyGoldenFileBelongsToASampleCampaign() throws IOException {
        Set<String> expected = new TreeSet<>();
        campaigns().forEach(f -> expected.add(golden(f).getFileName().toString()));
        Set<String> found = new TreeSet<>();
        Path folder = Cases.resources("golden-sql");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.forEach(f -> found.add(f.getFileName().toString()));
            }
        }
        if (!updating()) {
            assertEquals(expected, found, "one golden file per sample campaign, and no stale ones");
        }
        assertFalse(expected.isEmpty(), "the samples have campaigns");
    }

    @Test
    void theRenderingIsTheSameTwice() {
        Path file = Cases.projectRoot().resolve("samples/loyalty_monthly.camp");
        assertEquals(render(file), render(file), "generated SQL is deterministic");
    }

    @Test
    void theScriptIsCutAtHeadersAndAtSemicolonsThatEndALineOutsideQuotes() {
        GoldenScript script = GoldenScript.parse("""
                -- a: build (line 3)
                CREATE TABLE "run"."a;
                __out" AS
                SELECT 'x'';
                DROP TABLE t; --' AS v;
                CREATE VIEW v AS SELECT 1;

                -- done: end (line 9)

                """);
        assertEquals(2, script.sections().size());
        GoldenScript.Section a = script.sections().get(0);
        assertEquals(List.of("a", "build", 3), List.of(a.activity(), a.kind(), a.line()));
        assertEquals(List.of("CREATE TABLE \"run\".\"a;\n__out\" AS\nSELECT 'x'';\nDROP TABLE t; --' AS v", "CREATE VIEW v AS SELECT 1"),
                a.statements());
        assertEquals(List.of(), script.sections().get(1).statements());
    }

    // ------------------------------------------------------------ valid

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void goldenSqlRunsOnTheSampleData(Path file) throws Exception {
        Checked checked = check(file);
        Plan plan = checked.plan();
        SqlContext ctx = context(checked);
        List<StepScript> scripts = StepSql.lower(ctx);
        GoldenScript golden = GoldenScript.parse(goldenScript(file));
        assertEquals(plan.steps().stream().map(Step::name).toList(),
                golden.sections().stream().map(GoldenScript.Section::activity).toList(),
                "one section per activity, in the plan's order");
        Path db = temp.resolve("golden.duckdb");
        try (Connection c = Database.open(db)) {
            execute(c, "SET TimeZone = " + DuckDbDialect.INSTANCE.string(plan.timezone()));
            execute(c, "CREATE SCHEMA \"run\"");
            readSources(c, plan);
            createSavedElsewhere(c, plan, golden);
            for (int i = 0; i < scripts.size(); i++) {
                StepScript script = scripts.get(i);
                Step step = plan.steps().get(i);
                GoldenScript.Section section = golden.sections().get(i);
                assertEquals(step.kind(), section.kind(), "the header of " + step.name());
                assertEquals(step.span().line(), section.line(), "the line in the header of " + step.name());
                run(c, step, script, section);
                for (String port : step.outputs().keySet()) {
                    assertTrue(exists(c, step.name() + "__" + port),
                            () -> file.getFileName() + ": " + step.name() + "." + port + " has no table after its statements");
                }
            }
        }
    }

    /** The same context as {@code camp sql}: run "preview" in schema "run", seed 0, the params' defaults. */
    private static SqlContext context(Checked checked) {
        Plan plan = checked.plan();
        Instant instant = Instant.parse(AT);
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Object> params = Params.resolve(plan, Map.of(), problems, checked.root());
        assertEquals(List.of(), problems);
        return new SqlContext(plan, DuckDbDialect.INSTANCE, instant.atZone(ZoneId.of(plan.timezone())).toLocalDateTime(), instant,
                params, 0, "preview", "run", Map.of(), false);
    }

    /**
     * Executes a step's script as a real run does: its statements in order; a load's rows typed
     * by the engine's reader; a channel's messages planned in its ledger and all recorded as
     * sent, as the file outbox would; then what only a real run records.
     */
    private void run(Connection c, Step step, StepScript script, GoldenScript.Section section) throws Exception {
        for (String statement : script.prepare()) {
            execute(c, section, statement);
        }
        if (script.query() != null) {
            queryLong(c, section, script.query());
        }
        if (script.load() != null) {
            Step.Load load = (Step.Load) step;
            List<CsvLoader.Column> columns = load.columns().stream().map(col -> new CsvLoader.Column(col.name(), col.type())).toList();
            Path rows = temp.resolve(step.name() + ".rows.csv");
            Path rejected = temp.resolve(step.name() + ".rejected.csv");
            TypedCsv.Written written = TypedCsv.write(load.file(), columns, rows, rejected, LoadSql.NULL, 0);
            assertTrue(written.counts().rows() > 0, "the sample file " + load.file() + " has rows");
            execute(c, section, script.load().rows(rows));
            if (written.counts().rejected() > 0) {
                execute(c, section, script.load().rejected(rejected));
            }
        }
        if (script.delivery() != null) {
            DeliverySql d = script.delivery();
            execute(c, section, d.createLedger());
            execute(c, section, d.plan());
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
            execute(c, section, statement);
        }
        for (String statement : script.finish()) {
            execute(c, section, statement);
        }
        if (script.delivery() != null) {
            long eligible = queryLong(c, section, script.delivery().eligible());
            assertEquals(eligible, queryLong(c, section, "SELECT count(*) FROM " + script.outputs().get("sent")),
                    step.name() + ": every message recorded as sent is on the sent port");
        }
    }

    /** Every csv entity as {@code "run"."src_ENTITY"}, declared text columns as text, as a run reads them. */
    private static void readSources(Connection c, Plan plan) throws SQLException {
        DuckDbDialect d = DuckDbDialect.INSTANCE;
        for (Entity e : plan.entities().values()) {
            if (e.isDeliveries() || e.sourceKind() != Entity.SourceKind.CSV) {
                continue;
            }
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

    /** The saved audiences a script reads before (or without) writing them: another campaign saved them. */
    private static void createSavedElsewhere(Connection c, Plan plan, GoldenScript script) throws SQLException {
        Set<String> written = new TreeSet<>();
        Set<String> created = new TreeSet<>();
        for (GoldenScript.Section section : script.sections()) {
            for (String statement : section.statements()) {
                Matcher saves = SAVES.matcher(statement);
                if (saves.find()) {
                    written.add(saves.group(1));
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

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'run' AND table_name = ?")) {
            p.setString(1, table);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1) == 1;
            }
        }
    }

    private static void execute(Connection c, String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void execute(Connection c, GoldenScript.Section section, String statement) {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new AssertionError(section.activity() + " (" + section.kind() + ", line " + section.line() + "): " + e.getMessage()
                    + "\n" + statement, e);
        }
    }

    private static long queryLong(Connection c, GoldenScript.Section section, String select) {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            assertTrue(r.next(), select);
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(section.activity() + " (line " + section.line() + "): " + e.getMessage() + "\n" + select, e);
        }
    }
}
