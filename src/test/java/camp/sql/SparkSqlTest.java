package camp.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;

import camp.check.Checked;
import camp.check.Frontend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
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
    private static final String AT = EngineGoldens.AT;

    @TempDir
    Path temp;

    static Stream<Path> campaigns() throws IOException {
        return GoldenSqlTest.campaigns();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void sqlIsTheGolden(Path file) throws IOException {
        EngineGoldens.assertGolden("spark", "Spark", file, "QUALIFY", "temp.main.", " // ", "OR REPLACE TABLE", "TIMESTAMPTZ", "VARCHAR",
                "UPDATE ", "DISTINCT ON");
    }

    @Test
    void everyGoldenFileBelongsToASampleCampaign() throws IOException {
        EngineGoldens.assertOnePerSample("spark");
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
