package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.check.Cases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp check --data}: the declared entities held to their real sources (columns and types),
 * which a plain {@code camp check} never reads; a mismatch is a diagnostic at the entity, as a run
 * would report it.
 */
class CheckDataTest {
    @TempDir
    Path temp;

    @Test
    void aCsvThatLostAColumnIsFoundBeforeAnyRun() throws Exception {
        Path samples = temp.resolve("samples");
        Cases.copySamples(samples);
        Path spring = samples.resolve("spring_promo.camp");
        assertEquals(0, HelpAndVersionTest.camp("check", "--data", spring.toString()).code(), "the bundled data matches");

        Path profiles = samples.resolve("data/profiles.csv");
        String csv = Files.readString(profiles);
        Files.writeString(profiles, csv.replaceFirst("loyalty_points", "points"));
        HelpAndVersionTest.Result plain = HelpAndVersionTest.camp("check", spring.toString());
        assertEquals(0, plain.code(), "without --data, camp check reads no data: " + plain.err());
        CampProcess data = CampProcess.camp("check", "--data", "spring_promo.camp").in(samples);
        assertEquals(ExitCodes.SCRIPT_ERRORS, data.run(120), data::toString);
        assertTrue(data.output().startsWith("retail.camp:18:8: error[E0701]: entity 'profiles' does not match its source:"
                + " the source has no column 'loyalty_points'"), data.output());
        assertFalse(Files.exists(samples.resolve(".camp")), "checking the data creates no database");
    }

    @Test
    void aTableSourceIsHeldToTheDatabasesTable() throws Exception {
        Path db = temp.resolve("crm.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (id INTEGER, name VARCHAR, points INTEGER)");
        }
        Path ok = Files.writeString(temp.resolve("ok.camp"), """
                entity people key id from table "people" {
                  id: int
                  name: text
                  points: int
                }
                """);
        Path wrong = Files.writeString(temp.resolve("wrong.camp"), """
                entity people key id from table "people" {
                  id: int
                  name: int
                }
                """);
        assertEquals(0, HelpAndVersionTest.camp("check", "--data", "--db", db.toString(), ok.toString()).code());
        HelpAndVersionTest.Result mismatch = HelpAndVersionTest.camp("check", "--data", "--db", db.toString(), "--format", "json",
                wrong.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, mismatch.code());
        assertTrue(mismatch.out().contains("\"code\":\"E0701\""), mismatch.out());
        assertTrue(mismatch.out().contains("column 'name' is VARCHAR in the source but is declared int"), mismatch.out());
        HelpAndVersionTest.Result noDb = HelpAndVersionTest.camp("check", "--data", "--db", temp.resolve("none.duckdb").toString(),
                ok.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, noDb.code());
        assertTrue(noDb.err().contains("entity 'people': cannot read its source"), noDb.err());
    }
}
