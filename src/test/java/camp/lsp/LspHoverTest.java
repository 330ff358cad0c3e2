package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hover: a name's kind, type and definition; an activity's kind, inputs, outputs, SQL and last run. */
class LspHoverTest {
    @TempDir
    Path dir;

    private static String hover(LspClient c, String uri, String text, String what, int into) throws Exception {
        int[] at = LspProject.find(text, what, into);
        JsonNode h = c.result("textDocument/hover", LspClient.at(uri, at[0], at[1]));
        return h == null || h.isNull() ? null : h.path("contents").path("value").asText();
    }

    @Test
    void namesShowTheirKindTypeAndDefinition() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            String country = hover(c, uri, LspProject.CAMPAIGN, "country", 1);
            assertTrue(country.contains("(attribute) profiles.country: text"), country);
            assertTrue(country.contains("Defined at [lib.camp:8:3](" + p.uri(p.library) + "#L8,3)"), country);
            String loyal = hover(c, uri, LspProject.CAMPAIGN, "build loyal", 7);
            assertTrue(loyal.contains("audience loyal = profiles where loyalty_points >= min_points"), loyal);
            assertTrue(loyal.contains("Rows of `profiles`"), loyal);
            String spent = hover(c, uri, LspProject.CAMPAIGN, "gold: spent", 7);
            assertTrue(spent.contains("(column) spent: decimal"), spent);
            assertTrue(spent.contains("Made by enrich `enriched`"), spent);
            String link = hover(c, uri, LspProject.CAMPAIGN, "purchases.amount", 2);
            assertTrue(link.contains("(link) profiles.purchases: many purchases on profile_id"), link);
            String gold = hover(c, uri, LspProject.CAMPAIGN, "tiers.gold", 7);
            assertTrue(gold.contains("(output) tiers.gold"), gold);
            String saved = hover(c, uri, LspProject.CAMPAIGN, "gold_fr", 2);
            assertTrue(saved.contains("(saved audience) \"gold_fr\""), saved);
            assertEquals(null, hover(c, uri, LspProject.CAMPAIGN, "campaign", 2));
        }
    }

    @Test
    void activityShowsKindInputsOutputsAndSql() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess(new LspSettings(dir.resolve("no-such.duckdb"), 0))) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            String tiers = hover(c, uri, LspProject.CAMPAIGN, "activity tiers", 10);
            assertTrue(tiers.contains("activity tiers: split"), tiers);
            assertTrue(tiers.contains("**Inputs:** `enriched`"), tiers);
            assertTrue(tiers.contains("- `gold`: `profiles` + spent decimal"), tiers);
            assertTrue(tiers.contains("- `rest`: `profiles` + spent decimal"), tiers);
            assertTrue(tiers.contains("```sql\n-- tiers: split (line 9)"), tiers);
            assertTrue(tiers.contains("CREATE"), tiers);
            assertFalse(tiers.contains("Last run"), "no database, no counts: " + tiers);
            // hovering the activity where the flow names it shows the same
            String inFlow = hover(c, uri, LspProject.CAMPAIGN, "-> tiers", 4);
            assertTrue(inFlow.contains("activity tiers: split"), inFlow);
            // with errors there is no SQL
            String broken = LspProject.CAMPAIGN.replace("country = \"FR\"", "countri = \"FR\"");
            c.changeAll(uri, 2, broken);
            c.diagnostics(uri, 2);
            String noSql = hover(c, uri, broken, "activity tiers", 10);
            assertTrue(noSql.contains("No SQL while the campaign has errors"), noSql);
        }
    }

    @Test
    void activityShowsTheCountsOfItsLastRun() throws Exception {
        LspProject p = new LspProject(dir);
        Path db = dir.resolve("state/camp.duckdb");
        java.nio.file.Files.createDirectories(db.getParent());
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE profiles AS SELECT i AS id, 'p' || i || '@example.com' AS email, 'P' || i AS first_name,"
                    + " CASE WHEN i % 2 = 0 THEN 'FR' ELSE 'DE' END AS country, i * 100 AS loyalty_points, true AS email_opt_in"
                    + " FROM range(1, 21) t(i)");
            s.execute("CREATE TABLE purchases AS SELECT i AS purchase_id, 1 + i % 20 AS profile_id, CAST(i * 7 AS DECIMAL(18,2)) AS amount,"
                    + " TIMESTAMP '2026-02-20 10:00:00' AS purchased_at FROM range(1, 101) t(i)");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", p.campaign.toString(), "--db", db.toString(), "--at", "2026-03-02T08:00:00Z"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        try (LspClient c = LspClient.inProcess(new LspSettings(db, 0))) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            String tiers = hover(c, uri, LspProject.CAMPAIGN, "activity tiers", 10);
            assertTrue(tiers.contains("**Last run** `20260302T080000Z`: task done, input 8 → gold 8, rest 0"), tiers);
            String gold = hover(c, uri, LspProject.CAMPAIGN, "tiers.gold", 7);
            assertTrue(gold.contains("**Last run** `20260302T080000Z`: 8 rows"), gold);
            String saved = hover(c, uri, LspProject.CAMPAIGN, "gold_fr", 2);
            assertTrue(saved.contains("**Saved:** 8 rows, by 'Test campaign'"), saved);
        }
        // a database that another connection holds for writing: no counts, and no error
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:" + db);
                LspClient c = LspClient.inProcess(new LspSettings(db, 0))) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            String tiers = hover(c, uri, LspProject.CAMPAIGN, "activity tiers", 10);
            assertTrue(tiers.contains("activity tiers: split"), tiers);
            assertFalse(tiers.contains("Last run"), tiers);
        }
    }

    @Test
    void theLastRunIsReadFromTheDatabaseTheProjectsCampTomlNames() throws Exception {
        LspProject p = new LspProject(dir);
        java.nio.file.Files.writeString(p.root.resolve("camp.toml"), "db = \"state/crm.duckdb\"\n");
        Path db = p.root.resolve("state/crm.duckdb");
        java.nio.file.Files.createDirectories(db.getParent());
        try (Connection conn = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE profiles AS SELECT i AS id, 'p' || i || '@example.com' AS email, 'P' || i AS first_name,"
                    + " CASE WHEN i % 2 = 0 THEN 'FR' ELSE 'DE' END AS country, i * 100 AS loyalty_points, true AS email_opt_in"
                    + " FROM range(1, 11) t(i)");
            s.execute("CREATE TABLE purchases AS SELECT i AS purchase_id, 1 + i % 10 AS profile_id, CAST(i * 7 AS DECIMAL(18,2)) AS amount,"
                    + " TIMESTAMP '2026-02-20 10:00:00' AS purchased_at FROM range(1, 51) t(i)");
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"run", p.campaign.toString(), "--at", "2026-03-02T08:00:00Z"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        assertTrue(java.nio.file.Files.isRegularFile(db), "camp run used the camp.toml's db");
        try (LspClient c = LspClient.inProcess(LspSettings.defaults())) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            String tiers = hover(c, uri, LspProject.CAMPAIGN, "activity tiers", 10);
            assertTrue(tiers.contains("**Last run** `20260302T080000Z`: task done, input 3 → gold 3, rest 0"), tiers);
        }
    }
}
