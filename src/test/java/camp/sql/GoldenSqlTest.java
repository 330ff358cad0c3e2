package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.ast.Activity;
import camp.ast.Statement.SourceKind;
import camp.check.Cases;
import camp.check.Checked;
import camp.check.Frontend;
import camp.cli.Main;
import camp.deliver.CsvLoader;
import camp.deliver.LoadException;
import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Step;
import camp.model.EntityInfo;
import camp.model.Model;
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
import java.time.format.DateTimeFormatter;
import java.time.temporal.Temporal;
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
 * <p>Each golden script is then executed on DuckDB over the sample data, activity by activity
 * and statement by statement, so that it is valid and not only stable: the csv entities are read
 * into {@code "run"."src_ENTITY"} as a run reads them, the state tables come from {@link
 * Database#open}, and the saved audiences that another campaign writes are filled with a few
 * keys. What a run does in Java between the statements is done here too, with the engine's own
 * code where it is public: a load's rows come from {@link CsvLoader}, a test's branch from its
 * {@code SELECT CASE} and its ports from {@link StepSql#testRouting}, and a channel's eligible
 * messages are recorded as sent in the ledger (as the file outbox would) before its outputs.
 * After each activity, every output port's table must exist.
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
        return check(file).model().campaign() != null;
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
        Model model = checked.model();
        Plan plan = Plan.of(model);
        GoldenScript script = GoldenScript.parse(goldenScript(file));
        assertEquals(plan.steps().stream().map(Step::name).toList(),
                script.sections().stream().map(GoldenScript.Section::activity).toList(),
                "one section per activity, in the plan's order");
        SqlContext ctx = context(checked);
        Path db = temp.resolve("golden.duckdb");
        try (Connection c = Database.open(db)) {
            execute(c, "SET TimeZone = " + DuckDbDialect.INSTANCE.string(model.timezone()));
            execute(c, "CREATE SCHEMA \"run\"");
            readSources(c, model);
            createSavedElsewhere(c, model, script);
            for (GoldenScript.Section section : script.sections()) {
                Step step = plan.step(section.activity());
                assertEquals(step.kind(), section.kind(), "the header of " + step.name());
                assertEquals(step.span().line(), section.line(), "the line in the header of " + step.name());
                run(c, ctx, step, section);
                for (String port : step.outputs().keySet()) {
                    assertTrue(exists(c, step.name() + "__" + port),
                            () -> file.getFileName() + ": " + step.name() + "." + port + " has no table after its statements");
                }
            }
        }
    }

    /** The same context as {@code camp sql}: run "preview" in schema "run", seed 0, the params' defaults. */
    private static SqlContext context(Checked checked) {
        Model model = checked.model();
        Instant instant = Instant.parse(AT);
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Object> params = Params.resolve(model, Map.of(), problems, checked.root());
        assertEquals(List.of(), problems);
        return new SqlContext(model, DuckDbDialect.INSTANCE, instant.atZone(ZoneId.of(model.timezone())).toLocalDateTime(), instant,
                params, 0, "preview", "run", Map.of());
    }

    private void run(Connection c, SqlContext ctx, Step step, GoldenScript.Section section) throws SQLException {
        Activity a = step.activity();
        if (a instanceof Activity.Test) {
            // the script has only the SELECT CASE; the interpreter then creates the ports for the branch it chose
            assertEquals(1, section.statements().size(), "a test's SQL is its SELECT CASE: " + section.statements());
            int chosen = (int) queryLong(c, section, section.statements().get(0));
            List<String> ports = List.copyOf(step.outputs().keySet());
            String port = chosen < 0 ? null : ports.get(chosen);
            for (String statement : new StepSql(ctx).testRouting(step, port)) {
                execute(c, section, statement);
            }
            return;
        }
        String candidates = step.isChannel() ? new ChannelSql(ctx).candidates(step) : null;
        for (String statement : section.statements()) {
            execute(c, section, statement);
            if (candidates != null && (statement.startsWith("CREATE TABLE " + candidates + " AS")
                    || statement.startsWith("CREATE OR REPLACE TEMP TABLE " + candidates + " AS"))) {
                recordAsSent(c, ctx, step, candidates);
            }
        }
        if (a instanceof Activity.Load load) {
            // the statements create the two tables; the interpreter fills them from the file in Java
            fill(c, ctx, step, load);
        }
        if (step.isChannel()) {
            long eligible = queryLong(c, section, "SELECT count(*) FROM " + candidates + " WHERE __reason IS NULL");
            assertEquals(eligible, queryLong(c, section, "SELECT count(*) FROM " + ctx.worktable(step.name(), "sent")),
                    step.name() + ": every message recorded as sent is on the sent port");
        }
    }

    /**
     * What the run holds once the outbox has taken every eligible message of a channel: the
     * task's ledger (its columns as {@code ChannelRunner} creates it) with every message sent,
     * and the same messages in the delivery history.
     */
    private static void recordAsSent(Connection c, SqlContext ctx, Step step, String candidates) throws SQLException {
        Activity.Channel channel = (Activity.Channel) step.activity();
        String ledger = ctx.table(step.name() + "__ledger");
        execute(c, "CREATE TABLE " + ledger + " (message_key VARCHAR, recipient VARCHAR, row_key VARCHAR, address VARCHAR,"
                + " status VARCHAR, delivered_at TIMESTAMPTZ, error VARCHAR)");
        execute(c, "INSERT INTO " + ledger + "\nSELECT __message_key, __recipient, CAST(__row_key AS VARCHAR), __address, 'sent',"
                + " now(), NULL\nFROM " + candidates + "\nWHERE __reason IS NULL");
        String sentAt = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").format(ctx.instant().atOffset(ZoneOffset.UTC));
        try (PreparedStatement p = c.prepareStatement("INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity,"
                + " channel, entity, recipient, row_key, address, status, sent_at, delivered_at)\nSELECT message_key, ?, ?, ?, ?, ?,"
                + " recipient, row_key, address, status, CAST(? AS TIMESTAMPTZ), delivered_at\nFROM " + ledger)) {
            p.setString(1, ctx.runId());
            p.setString(2, ctx.model().campaign());
            p.setString(3, step.name());
            p.setString(4, channel.kind());
            p.setString(5, ctx.model().channels().get(step.name()).recipientEntity());
            p.setString(6, sentAt);
            p.executeUpdate();
        }
    }

    /** The rows of a load, typed by the engine's loader, inserted as the interpreter does. */
    private static void fill(Connection c, SqlContext ctx, Step step, Activity.Load load) throws SQLException {
        Path file = load.pathSpan().file().path().toAbsolutePath().getParent().resolve(load.path()).normalize();
        List<CsvLoader.Column> columns = load.columns().stream().map(col -> new CsvLoader.Column(col.name().value(), col.type())).toList();
        CsvLoader.Result result;
        try {
            result = CsvLoader.load(file, columns);
        } catch (LoadException e) {
            throw new AssertionError("cannot load " + file + ": " + e.getMessage(), e);
        }
        assertFalse(result.rows().isEmpty(), "the sample file " + file + " has rows");
        String marks = "?" + ", ?".repeat(columns.size());
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + ctx.worktable(step.name(), "out") + " VALUES (" + marks + ")")) {
            for (CsvLoader.Row row : result.rows()) {
                p.setLong(1, row.lineNumber());
                for (int i = 0; i < row.values().size(); i++) {
                    Object v = row.values().get(i);
                    // dates and times go as text: DuckDB casts them to the column's type
                    p.setObject(i + 2, v instanceof Temporal ? v.toString().replace('T', ' ') : v);
                }
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO " + ctx.worktable(step.name(), "rejected") + " VALUES (?, ?, ?, ?)")) {
            for (CsvLoader.Rejected r : result.rejected()) {
                p.setLong(1, r.lineNumber());
                p.setLong(2, r.lineNumber());
                p.setString(3, r.reason());
                p.setString(4, r.line());
                p.executeUpdate();
            }
        }
    }

    /** Every csv entity as {@code "run"."src_ENTITY"}, declared text columns as text, as a run reads them. */
    private static void readSources(Connection c, Model model) throws SQLException {
        DuckDbDialect d = DuckDbDialect.INSTANCE;
        for (EntityInfo e : model.entities().values()) {
            if (e.isDeliveries() || e.sourceKind() != SourceKind.CSV) {
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
    private static void createSavedElsewhere(Connection c, Model model, GoldenScript script) throws SQLException {
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
                    String key = DuckDbDialect.INSTANCE.quoteIdentifier(model.entity(entity).key());
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
