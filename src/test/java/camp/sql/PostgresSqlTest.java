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
 * PostgreSQL's SQL of every sample campaign: {@code camp sql FILE --engine postgres} against
 * {@code src/test/resources/golden-sql-postgres/NAME.sql}, then executed on a real PostgreSQL
 * server beside DuckDB's SQL on DuckDB, activity by activity over the same sample data, and every
 * output port must hold the same rows (keys) on both engines, random splits and dedups included.
 *
 * <p>The server is the one {@code scripts/postgres.sh start} starts (CI does): its JDBC URL in
 * {@code -Dcamp.postgres.url} or {@code CAMP_TEST_POSTGRES_URL}. Without one the executed tests
 * are skipped, unless {@code -Dcamp.requirePostgres=true} (CI) makes that a failure.
 */
class PostgresSqlTest {
    private static final String AT = EngineGoldens.AT;

    @TempDir
    Path temp;

    static Stream<Path> campaigns() throws IOException {
        return GoldenSqlTest.campaigns();
    }

    private static Checked check(Path file) throws IOException {
        Checked checked = Frontend.check(file, file.getFileName().toString());
        assertFalse(checked.hasErrors(), () -> file + " has errors: " + checked.diagnostics());
        return checked;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void sqlIsTheGolden(Path file) throws IOException {
        EngineGoldens.assertGolden("postgres", "PostgreSQL", file, "QUALIFY", "temp.main.", " // ", "OR REPLACE TABLE");
    }

    @Test
    void everyGoldenFileBelongsToASampleCampaign() throws IOException {
        EngineGoldens.assertOnePerSample("postgres");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void everyPortHoldsTheRowsDuckDbGives(Path file) throws Exception {
        String url = EngineComparison.postgresUrl();
        EngineComparison.compare(check(file), Instant.parse(AT), Map.of(), temp, url);
    }
}
