package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.check.Cases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run database per project, whatever the current folder: {@code --db}, else {@code CAMP_DB},
 * else {@code db} in the nearest {@code camp.toml}, else {@code .camp/camp.duckdb} beside it, else in
 * the current folder. A run into a folder that does not exist is refused: it would start a fresh
 * history (caps, deliveries, incremental history) without a word. Each command is a process of its own.
 */
class DatabaseDefaultsTest {
    private static final String AT = "2026-03-10 09:00";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;
    private int projects;

    /** A project: camp.toml (with the given text) at its root, the samples (without theirs) in campaigns/. */
    private Path project(String toml) throws IOException {
        Path root = temp.resolve("project" + (projects++));
        Cases.copySamples(root.resolve("campaigns"));
        Files.delete(root.resolve("campaigns").resolve("camp.toml"));   // the project's camp.toml is the one at its root
        Files.writeString(root.resolve("camp.toml"), toml);
        return root;
    }

    private static CampProcess run(Path cwd, String campaign, String... more) {
        String[] args = Stream.concat(Stream.of("run", campaign, "--at", AT, "--dry-run"), Stream.of(more)).toArray(String[]::new);
        return CampProcess.camp(args).in(cwd);
    }

    private static int runsIn(Path cwd, String... more) throws Exception {
        String[] args = Stream.concat(Stream.of("runs", "--format", "json"), Stream.of(more)).toArray(String[]::new);
        CampProcess runs = CampProcess.camp(args).in(cwd);
        assertEquals(0, runs.run(120), runs::toString);
        JsonNode json = JSON.readTree(runs.output());
        return json.path("runs").size();
    }

    @Test
    void runsFromAnyFolderOfAProjectShareTheDatabaseBesideCampToml() throws Exception {
        Path root = project("# the project\n");
        Path campaigns = root.resolve("campaigns");
        CampProcess fromRoot = run(root, "campaigns/spring_promo.camp");
        assertEquals(0, fromRoot.run(180), fromRoot::toString);
        CampProcess fromInside = run(campaigns, "welcome.camp");
        assertEquals(0, fromInside.run(180), fromInside::toString);
        Path db = root.resolve(".camp").resolve("camp.duckdb");
        assertTrue(Files.exists(db), "the project's database");
        assertFalse(Files.exists(campaigns.resolve(".camp")), "no second database in the folder the command ran in");
        assertEquals(2, runsIn(campaigns), "both runs, seen from a subfolder");
        assertEquals(2, runsIn(root));

        // outside the project, the campaign's camp.toml still decides where its run goes
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        CampProcess fromOutside = run(elsewhere, campaigns.resolve("spring_promo.camp").toString());
        assertEquals(0, fromOutside.run(180), fromOutside::toString);
        assertFalse(Files.exists(elsewhere.resolve(".camp")), "nothing in the current folder");
        assertEquals(3, runsIn(root));
    }

    @Test
    void campTomlsDbThenCampDbThenDbOption() throws Exception {
        Path root = project("db = \"state/crm.duckdb\"\n");
        Files.createDirectories(root.resolve("state"));
        CampProcess configured = run(root.resolve("campaigns"), "spring_promo.camp");
        assertEquals(0, configured.run(180), configured::toString);
        assertTrue(Files.exists(root.resolve("state").resolve("crm.duckdb")), "db of camp.toml, relative to camp.toml");
        assertEquals(1, runsIn(root.resolve("campaigns")));

        Path other = Files.createDirectories(temp.resolve("other")).resolve("env.duckdb");
        CampProcess env = run(root, "campaigns/spring_promo.camp").env(DatabaseOption.ENV, other.toString());
        assertEquals(0, env.run(180), env::toString);
        assertTrue(Files.exists(other), "CAMP_DB wins over camp.toml");
        CampProcess envRuns = CampProcess.camp("runs", "--format", "json").in(root).env(DatabaseOption.ENV, other.toString());
        assertEquals(0, envRuns.run(120), envRuns::toString);
        assertEquals(1, JSON.readTree(envRuns.output()).path("runs").size());

        Path option = temp.resolve("other").resolve("option.duckdb");
        CampProcess given = run(root, "campaigns/spring_promo.camp", "--db", option.toString()).env(DatabaseOption.ENV, other.toString());
        assertEquals(0, given.run(180), given::toString);
        assertTrue(Files.exists(option), "--db wins over CAMP_DB");
        assertEquals(1, runsIn(root.resolve("campaigns")), "camp.toml's database got no second run");
    }

    @Test
    void aDatabaseInAFolderThatDoesNotExistIsRefused() throws Exception {
        Path root = project("");
        Path typo = root.resolve("stat").resolve("camp.duckdb");
        for (String command : new String[] {"run", "scheduler"}) {
            CampProcess p = command.equals("run") ? run(root, "campaigns/spring_promo.camp", "--db", typo.toString())
                    : CampProcess.camp("scheduler", "--db", typo.toString(), "campaigns/spring_promo.camp").in(root);
            assertEquals(ExitCodes.USAGE, p.run(120), p::toString);
            assertEquals("camp: the folder of the database " + typo + " does not exist: create it, or give a --db (or CAMP_DB)"
                    + " in a folder that exists\nTry 'camp " + command + " --help' for more.", p.output().strip());
        }
        CampProcess resume = CampProcess.camp("resume", "20260310T080000Z", "--db", typo.toString()).in(root);
        assertEquals(ExitCodes.USAGE, resume.run(120), resume::toString);
        assertFalse(Files.exists(typo.getParent()), "nothing created");

        Path badToml = project("db = \"nowhere/camp.duckdb\"\n");
        CampProcess configured = run(badToml, "campaigns/spring_promo.camp");
        assertEquals(ExitCodes.USAGE, configured.run(120), configured::toString);
        assertTrue(configured.output().contains("the folder of the database " + badToml.resolve("nowhere").resolve("camp.duckdb")),
                configured.output());
    }

}
