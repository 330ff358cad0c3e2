package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.check.Checked;
import camp.check.Frontend;
import camp.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spark's SQL of every sample campaign: {@code camp sql FILE --engine spark} against
 * {@code src/test/resources/golden-sql-spark/NAME.sql}, then executed on a Spark standalone
 * cluster beside DuckDB's SQL on DuckDB, activity by activity over the same sample data: every
 * output port must hold the same rows (keys) on both engines, random splits and dedups included.
 *
 * <p>The cluster is the one {@code scripts/spark-cluster.sh start} starts (CI does): its master
 * URL in {@code -Dcamp.spark.url} or {@code CAMP_TEST_SPARK_URL}. Without one the executed tests
 * are skipped, unless {@code -Dcamp.requireSpark=true} (CI) makes that a failure.
 */
class SparkSqlTest {
    private static final String AT = "2026-11-24T09:00:00Z";

    @TempDir
    Path temp;

    static Stream<Path> campaigns() throws IOException {
        return GoldenSqlTest.campaigns();
    }

    private static Path golden(Path file) {
        return Cases.resources("golden-sql-spark").resolve(file.getFileName().toString().replaceFirst("\\.camp$", ".sql"));
    }

    /** What {@code camp sql FILE --at AT --engine spark} prints; the command must succeed silently. */
    private static String render(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sql", file.toString(), "--at", AT, "--engine", "spark"}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, () -> "camp sql --engine spark " + file + " failed:\n" + err);
        return out.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void sqlIsTheGolden(Path file) throws IOException {
        Path golden = golden(file);
        String sql = render(file);
        if (Boolean.getBoolean("camp.updateGoldens")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sql, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(golden), () -> "no golden file " + golden + "; run with -Dcamp.updateGoldens=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), sql, () -> "the Spark SQL of " + file.getFileName()
                + " changed; if that is intended, run with -Dcamp.updateGoldens=true and review the diff of " + golden);
        assertFalse(sql.contains("QUALIFY") || sql.contains("temp.main.") || sql.contains(" // ") || sql.contains("OR REPLACE TABLE")
                || sql.contains("TIMESTAMPTZ") || sql.contains("VARCHAR") || sql.contains("UPDATE "), "no syntax Spark lacks in Spark's SQL");
    }

    @Test
    void everyGoldenFileBelongsToASampleCampaign() throws IOException {
        Set<String> expected = new TreeSet<>();
        campaigns().forEach(f -> expected.add(golden(f).getFileName().toString()));
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(Cases.resources("golden-sql-spark"))) {
            files.forEach(f -> found.add(f.getFileName().toString()));
        }
        if (!Boolean.getBoolean("camp.updateGoldens")) {
            assertEquals(expected, found, "one golden file per sample campaign, and no stale ones");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void everyPortHoldsTheRowsDuckDbGives(Path file) throws Exception {
        EngineComparison.Target spark = EngineComparison.spark();
        Checked checked = Frontend.check(file, file.getFileName().toString());
        assertFalse(checked.hasErrors(), () -> file + " has errors: " + checked.diagnostics());
        EngineComparison.compare(checked, Instant.parse(AT), Map.of(), temp, spark);
    }
}
