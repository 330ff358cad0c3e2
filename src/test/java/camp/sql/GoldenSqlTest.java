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
        assertEquals(DuckDbDialect.INSTANCE.setup(), golden.setup(), "the helpers camp defines on each connection come first");
        assertEquals(plan.steps().stream().map(Step::name).toList(),
                golden.sections().stream().map(GoldenScript.Section::activity).toList(),
                "one section per activity, in the plan's order");
        Path db = temp.resolve("golden.duckdb");
        try (Connection c = Database.open(db)) {
            ScriptRunner.execute(c, "SET TimeZone = " + DuckDbDialect.INSTANCE.string(plan.timezone()));
            ScriptRunner.execute(c, "CREATE SCHEMA \"run\"");
            ScriptRunner.readSources(c, plan);
            ScriptRunner.createSavedElsewhere(c, plan, golden);
            for (int i = 0; i < scripts.size(); i++) {
                StepScript script = scripts.get(i);
                Step step = plan.steps().get(i);
                GoldenScript.Section section = golden.sections().get(i);
                assertEquals(step.kind(), section.kind(), "the header of " + step.name());
                assertEquals(step.span().line(), section.line(), "the line in the header of " + step.name());
                ScriptRunner.run(c, step, script, section.activity() + " (" + section.kind() + ", line " + section.line() + ")",
                        ScriptRunner.typedFile(temp));
                for (String port : step.outputs().keySet()) {
                    assertTrue(ScriptRunner.exists(c, step.name() + "__" + port),
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

}
