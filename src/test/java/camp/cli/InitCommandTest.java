package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code camp init}: a project that checks and runs at once, its counts those of plain SQL over its CSV; and shell completion. */
class InitCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void aNewProjectChecksAndRunsAtOnceWithTheCountsOfPlainSql() throws Exception {
        Path project = temp.resolve("my-campaigns");
        CampProcess init = CampProcess.camp("init", project.toString());
        assertEquals(0, init.run(120), init::toString);
        assertTrue(init.output().startsWith("Created a camp project in " + project + ":\n  camp.toml\n  .gitignore\n"
                + "  data/customers.csv\n  first.camp\n  first.camptest\n"), init.output());
        for (String f : List.of("camp.toml", ".gitignore", "data/customers.csv", "first.camp", "first.camptest")) {
            assertTrue(Files.isRegularFile(project.resolve(f)), f);
        }
        CampProcess check = CampProcess.camp("check", "first.camp", "first.camptest").in(project);
        assertEquals(0, check.run(120), check::toString);
        CampProcess test = CampProcess.camp("test").in(project);
        assertEquals(0, test.run(120), test::toString);
        assertTrue(test.output().contains("2 tests: 2 passed, 0 failed"), test.output());

        CampProcess dry = CampProcess.camp("run", "first.camp", "--dry-run", "--format", "json").in(project);
        assertEquals(0, dry.run(180), dry::toString);
        String output = dry.output();
        JsonNode a = JSON.readTree(output.substring(output.indexOf('{'))).path("activities");
        String csv = "read_csv('" + project.resolve("data/customers.csv") + "', header = true)";
        String members = "SELECT * FROM " + csv + " WHERE points >= 100 AND email IS NOT NULL";
        assertEquals(sql("SELECT count(*) FROM (" + members + ")"), a.path("members").path("outputs").path("out").asLong());
        assertEquals(sql("SELECT count(*) FROM (" + members + ") WHERE points >= 500"), a.path("tiers").path("outputs").path("gold").asLong());
        assertEquals(sql("SELECT count(*) FROM (" + members + ") WHERE points < 500"), a.path("tiers").path("outputs").path("rest").asLong());
        assertEquals(sql("SELECT count(*) FROM (" + members + ") WHERE points >= 500 AND email_opt_in"),
                a.path("gold_mail").path("outputs").path("sent").asLong());
        assertEquals(sql("SELECT count(*) FROM (" + members + ") WHERE points >= 500 AND NOT email_opt_in"),
                a.path("gold_mail").path("outputs").path("excluded").asLong());
        assertTrue(Files.exists(project.resolve(".camp").resolve("camp.duckdb")), "the run state beside camp.toml");

        // a second init writes nothing over the project
        String before = Files.readString(project.resolve("first.camp"));
        CampProcess again = CampProcess.camp("init").in(project);
        assertEquals(ExitCodes.USAGE, again.run(120), again::toString);
        assertTrue(again.output().contains("camp init writes nothing over a file"), again.output());
        assertEquals(before, Files.readString(project.resolve("first.camp")));
    }

    private static long sql(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void bashCompletesTheCommandsFromTheGeneratedScript() throws Exception {
        CampProcess generate = CampProcess.camp("generate-completion");
        assertEquals(0, generate.run(120), generate::toString);
        Path script = Files.writeString(temp.resolve("camp_completion"), generate.output());
        Process bash = new ProcessBuilder("bash", "-c", "source " + script + " && COMP_WORDS=(camp ru) && COMP_CWORD=1"
                + " && COMP_LINE='camp ru' && COMP_POINT=7 && _complete_camp && echo \"${COMPREPLY[*]}\"").redirectErrorStream(true).start();
        assertTrue(bash.waitFor(60, TimeUnit.SECONDS));
        String words = new String(bash.getInputStream().readAllBytes()).strip();
        assertEquals("run runs", words);
    }
}
