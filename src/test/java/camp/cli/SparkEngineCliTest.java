package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --engine spark} on the command line, as a separate process: {@code camp sql} and
 * {@code camp explain --stage sql} print Spark's SQL with the session settings it needs (runs on
 * Spark: {@link SparkRunTest}).
 */
class SparkEngineCliTest {
    @TempDir
    Path temp;

    @Test
    void sqlPrintsSparksSqlWithItsSessionSettings() throws Exception {
        RunFixture fx = new RunFixture(temp);
        CampProcess sql = CampProcess.camp("sql", "spring_promo.camp", "--engine", "spark", "--format", "json").in(fx.samples);
        assertEquals(0, sql.run(120), sql::toString);
        JsonNode json = new ObjectMapper().readTree(sql.output().substring(sql.output().indexOf('{')));
        assertEquals("spark", json.get("engine").asText());
        String setup = json.get("setup").toString();
        assertTrue(setup.contains("SET spark.sql.ansi.doubleQuotedIdentifiers = true"), setup);
        assertTrue(setup.contains("CREATE OR REPLACE TEMPORARY FUNCTION camp_hash"), setup);
        String all = json.toString();
        assertFalse(all.contains("QUALIFY") || all.contains("TIMESTAMPTZ") || all.contains("UPDATE ") || all.contains("DISTINCT ON"), all);

        CampProcess explain = CampProcess.camp("explain", "spring_promo.camp", "--stage", "sql", "--engine", "spark").in(fx.samples);
        assertEquals(0, explain.run(120), explain::toString);
        assertTrue(explain.output().contains("CREATE TABLE \"camp_scratch\".\"run__tiers__split\" AS"), explain::toString);
    }
}
