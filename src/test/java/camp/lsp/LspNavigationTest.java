package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go to definition, find references, rename and document symbols, across an import. */
class LspNavigationTest {
    @TempDir
    Path dir;

    private static String where(JsonNode location) {
        String uri = location.path("uri").asText();
        JsonNode start = location.path("range").path("start");
        JsonNode end = location.path("range").path("end");
        return uri.substring(uri.lastIndexOf('/') + 1) + ":" + start.path("line").asInt() + ":" + start.path("character").asInt() + "-"
                + end.path("character").asInt();
    }

    private static List<String> wheres(JsonNode locations) {
        List<String> out = new ArrayList<>();
        locations.forEach(l -> out.add(where(l)));
        return out;
    }

    private LspClient open(LspProject p, boolean library) throws Exception {
        LspClient c = LspClient.inProcess();
        c.initialize(p.rootUri());
        c.open(p.uri(p.campaign), LspProject.CAMPAIGN);
        if (library) {
            c.open(p.uri(p.library), LspProject.LIBRARY);
        }
        c.diagnostics(p.uri(p.campaign), 1);
        return c;
    }

    @Test
    void definitionAcrossTheImport() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = open(p, false)) {
            String uri = p.uri(p.campaign);
            int[] loyal = LspProject.find(LspProject.CAMPAIGN, "build loyal", 8);
            assertEquals(List.of("lib.camp:21:9-14"), wheres(c.result("textDocument/definition", LspClient.at(uri, loyal[0], loyal[1]))));
            int[] country = LspProject.find(LspProject.CAMPAIGN, "country", 2);
            assertEquals(List.of("lib.camp:7:2-9"), wheres(c.result("textDocument/definition", LspClient.at(uri, country[0], country[1]))));
            // a link inside an aggregate, then an attribute of the linked records
            int[] amount = LspProject.find(LspProject.CAMPAIGN, "purchases.amount", 12);
            assertEquals(List.of("lib.camp:17:2-8"), wheres(c.result("textDocument/definition", LspClient.at(uri, amount[0], amount[1]))));
            int[] link = LspProject.find(LspProject.CAMPAIGN, "purchases.amount", 1);
            assertEquals(List.of("lib.camp:10:2-11"), wheres(c.result("textDocument/definition", LspClient.at(uri, link[0], link[1]))));
            // an enriched column used by a later activity and in a message placeholder
            int[] spent = LspProject.find(LspProject.CAMPAIGN, "gold: spent", 7);
            assertEquals(List.of("campaign.camp:6:2-7"), wheres(c.result("textDocument/definition", LspClient.at(uri, spent[0], spent[1]))));
            int[] placeholder = LspProject.find(LspProject.CAMPAIGN, "{{first_name}}", 4);
            assertEquals(List.of("lib.camp:6:2-12"),
                    wheres(c.result("textDocument/definition", LspClient.at(uri, placeholder[0], placeholder[1]))));
            // a port in the flow, an activity in the flow
            int[] gold = LspProject.find(LspProject.CAMPAIGN, "tiers.gold", 7);
            assertEquals(List.of("campaign.camp:9:2-6"), wheres(c.result("textDocument/definition", LspClient.at(uri, gold[0], gold[1]))));
            int[] mail = LspProject.find(LspProject.CAMPAIGN, "-> mail", 4);
            assertEquals(List.of("campaign.camp:12:9-13"), wheres(c.result("textDocument/definition", LspClient.at(uri, mail[0], mail[1]))));
            // the file an import names
            int[] imp = LspProject.find(LspProject.CAMPAIGN, "lib.camp", 2);
            assertEquals(List.of("lib.camp:0:0-0"), wheres(c.result("textDocument/definition", LspClient.at(uri, imp[0], imp[1]))));
            // nothing at a keyword
            assertEquals(0, c.result("textDocument/definition", LspClient.at(uri, 0, 2)).size());
            // in the library itself: the param of the audience's rule
            String lib = p.uri(p.library);
            int[] min = LspProject.find(LspProject.LIBRARY, ">= min_points", 5);
            assertEquals(List.of("lib.camp:1:6-16"), wheres(c.result("textDocument/definition", LspClient.at(lib, min[0], min[1]))));
        }
    }

    @Test
    void referencesAcrossTheImport() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = open(p, true)) {
            String lib = p.uri(p.library);
            int[] profiles = LspProject.find(LspProject.LIBRARY, "entity profiles", 8);
            Map<String, Object> params = new java.util.HashMap<>(LspClient.at(lib, profiles[0], profiles[1]));
            params.put("context", Map.of("includeDeclaration", true));
            List<String> refs = wheres(c.result("textDocument/references", params));
            assertEquals(new TreeSet<>(List.of("lib.camp:3:7-15", "lib.camp:21:17-25")), new TreeSet<>(refs));
            // an attribute declared in the library, used by the campaign (not open: read from the workspace)
            c.close(p.uri(p.campaign));
            int[] country = LspProject.find(LspProject.LIBRARY, "country", 0);
            params = new java.util.HashMap<>(LspClient.at(lib, country[0], country[1]));
            params.put("context", Map.of("includeDeclaration", false));
            assertEquals(List.of("campaign.camp:4:31-38"), wheres(c.result("textDocument/references", params)));
            params.put("context", Map.of("includeDeclaration", true));
            assertEquals(new TreeSet<>(List.of("campaign.camp:4:31-38", "lib.camp:7:2-9")),
                    new TreeSet<>(wheres(c.result("textDocument/references", params))));
        }
    }

    @Test
    void renameEditsEveryFileThatNamesIt() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = open(p, false)) {
            String uri = p.uri(p.campaign);
            int[] at = LspProject.find(LspProject.CAMPAIGN, "{{first_name}}", 3);
            JsonNode prepared = c.result("textDocument/prepareRename", LspClient.at(uri, at[0], at[1]));
            assertEquals("first_name", prepared.path("placeholder").asText());
            Map<String, Object> params = new java.util.HashMap<>(LspClient.at(uri, at[0], at[1]));
            params.put("newName", "given_name");
            JsonNode edit = c.result("textDocument/rename", params);
            JsonNode changes = edit.path("changes");
            assertEquals(2, changes.size(), edit.toString());
            assertEquals(List.of("campaign.camp:13:19-29"), edits(changes.path(uri), "campaign.camp"));
            assertEquals(List.of("lib.camp:6:2-12"), edits(changes.path(p.uri(p.library)), "lib.camp"));
            changes.forEach(list -> list.forEach(e -> assertEquals("given_name", e.path("newText").asText())));

            // an entity: its declaration, the links and audiences that name it, in the library only
            int[] profiles = LspProject.find(LspProject.CAMPAIGN, "build loyal", 7);
            params = new java.util.HashMap<>(LspClient.at(uri, profiles[0], profiles[1]));
            params.put("newName", "faithful");
            changes = c.result("textDocument/rename", params).path("changes");
            assertEquals(List.of("campaign.camp:4:19-24"), edits(changes.path(uri), "campaign.camp"));
            assertEquals(List.of("lib.camp:21:9-14"), edits(changes.path(p.uri(p.library)), "lib.camp"));
        }
    }

    private static List<String> edits(JsonNode edits, String file) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : edits) {
            JsonNode located = LspClient.JSON.createObjectNode().put("uri", "x/" + file).set("range", e.path("range"));
            out.add(where(located));
        }
        return out;
    }

    @Test
    void renameRefusesKeywordsAndBadNames() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = open(p, false)) {
            String uri = p.uri(p.campaign);
            int[] keyword = LspProject.find(LspProject.CAMPAIGN, "activity fr", 2);
            JsonNode refused = c.request("textDocument/prepareRename", LspClient.at(uri, keyword[0], keyword[1]));
            assertTrue(refused.path("error").path("message").asText().contains("'activity' is a keyword"), refused.toString());
            Map<String, Object> params = new java.util.HashMap<>(LspClient.at(uri, keyword[0], keyword[1]));
            params.put("newName", "x");
            assertTrue(c.request("textDocument/rename", params).has("error"));

            int[] fr = LspProject.find(LspProject.CAMPAIGN, "activity fr", 9);
            for (String bad : List.of("where", "9lives", "two words", "")) {
                params = new java.util.HashMap<>(LspClient.at(uri, fr[0], fr[1]));
                params.put("newName", bad);
                JsonNode answer = c.request("textDocument/rename", params);
                assertTrue(answer.path("error").path("message").asText().length() > 10, bad + ": " + answer);
            }
            params.put("newName", "tiers");
            assertTrue(c.request("textDocument/rename", params).path("error").path("message").asText().contains("exists"));
            // a built-in name
            String text = LspProject.CAMPAIGN.replace("build loyal where country = \"FR\"",
                    "build loyal where not exists(deliveries where status = \"sent\")");
            c.changeAll(uri, 2, text);
            c.diagnostics(uri, 2);
            int[] deliveries = LspProject.find(text, "deliveries", 2);
            assertTrue(c.request("textDocument/prepareRename", LspClient.at(uri, deliveries[0], deliveries[1]))
                    .path("error").path("message").asText().contains("built in"));
            // and an activity renamed in the flow too
            params = new java.util.HashMap<>(LspClient.at(uri, fr[0], fr[1]));
            params.put("newName", "france");
            JsonNode edits = c.result("textDocument/rename", params).path("changes").path(uri);
            assertEquals(2, edits.size(), edits.toString());
        }
    }

    @Test
    void documentSymbols() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = open(p, true)) {
            JsonNode symbols = c.result("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", p.uri(p.library))));
            List<String> names = new ArrayList<>();
            symbols.forEach(s -> names.add(s.path("name").asText() + "/" + s.path("kind").asInt()));
            assertEquals(List.of("min_points/14", "profiles/5", "purchases/5", "loyal/13"), names);
            JsonNode profiles = symbols.get(1);
            List<String> members = new ArrayList<>();
            profiles.path("children").forEach(m -> members.add(m.path("name").asText()));
            assertEquals(List.of("id", "email", "first_name", "country", "loyalty_points", "email_opt_in", "purchases"), members);
            assertEquals(3, profiles.path("selectionRange").path("start").path("line").asInt());

            JsonNode campaign = c.result("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", p.uri(p.campaign))));
            List<String> activities = new ArrayList<>();
            campaign.forEach(s -> activities.add(s.path("name").asText() + ":" + s.path("detail").asText()));
            assertEquals(List.of("fr:build", "enriched:enrich", "tiers:split", "mail:email", "keep:save audience", "done:end"), activities);
            assertEquals(2, campaign.get(2).path("children").size());
        }
    }
}
