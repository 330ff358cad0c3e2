package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Frontend;
import camp.fmt.Formatter;
import camp.source.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Completion, semantic tokens, quick fixes and formatting through the protocol, as an editor asks
 * for them: announced at initialize, answered for the editor's current text.
 */
class LspEditingTest {
    @TempDir
    Path dir;

    @Test
    void theServerAnnouncesWhatItAnswers() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            JsonNode caps = c.initialize(p.rootUri()).path("capabilities");
            assertTrue(caps.has("completionProvider"), caps.toString());
            assertTrue(caps.path("codeActionProvider").isObject() || caps.path("codeActionProvider").asBoolean(), caps.toString());
            assertTrue(caps.path("documentFormattingProvider").asBoolean(), caps.toString());
            JsonNode legend = caps.path("semanticTokensProvider").path("legend");
            assertTrue(legend.path("tokenTypes").size() > 5, caps.toString());
            assertTrue(caps.path("semanticTokensProvider").path("full").asBoolean(), caps.toString());
        }
    }

    @Test
    void completionOffersTheAttributesOfTheRowsInScope() throws Exception {
        LspProject p = new LspProject(dir);
        String text = LspProject.CAMPAIGN.replace("build loyal where country = \"FR\"", "build loyal where co");
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, text);
            c.diagnostics(uri, 1);
            int[] at = LspProject.find(text, "where co", 8);
            List<String> labels = labels(c.result("textDocument/completion", LspClient.at(uri, at[0], at[1])));
            assertTrue(labels.contains("country"), labels.toString());
            assertTrue(labels.contains("loyalty_points"), labels.toString());
            assertFalse(labels.contains("split"), "an activity kind is not offered in a rule: " + labels);

            int[] kind = LspProject.find(text, "activity keep: ", 15);
            List<String> kinds = labels(c.result("textDocument/completion", LspClient.at(uri, kind[0], kind[1])));
            assertTrue(kinds.contains("split") && kinds.contains("email"), kinds.toString());
        }
    }

    @Test
    void semanticTokensDecodeToTheNamesOfTheFile() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            JsonNode caps = c.initialize(p.rootUri()).path("capabilities");
            List<String> types = new ArrayList<>();
            caps.path("semanticTokensProvider").path("legend").path("tokenTypes").forEach(t -> types.add(t.asText()));
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            c.diagnostics(uri, 1);
            JsonNode data = c.result("textDocument/semanticTokens/full", Map.of("textDocument", Map.of("uri", uri))).path("data");
            assertEquals(0, data.size() % 5);
            String[] lines = LspProject.CAMPAIGN.split("\n", -1);
            int line = 0;
            int col = 0;
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < data.size(); i += 5) {
                int dl = data.get(i).asInt();
                line += dl;
                col = dl == 0 ? col + data.get(i + 1).asInt() : data.get(i + 1).asInt();
                String token = lines[line].substring(col, col + data.get(i + 2).asInt());
                seen.add(token + ":" + types.get(data.get(i + 3).asInt()));
            }
            assertTrue(seen.contains("activity:keyword"), seen.toString());
            assertTrue(seen.contains("\"Test campaign\":string"), seen.toString());
            assertTrue(seen.stream().anyMatch(s -> s.startsWith("fr:")), seen.toString());
        }
    }

    @Test
    void aDidYouMeanBecomesAQuickFixThatChecksClean() throws Exception {
        LspProject p = new LspProject(dir);
        String text = LspProject.CAMPAIGN.replace("where country = \"FR\"", "where countyr = \"FR\"");
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, text);
            JsonNode diagnostics = c.diagnostics(uri, 1);
            assertEquals(1, diagnostics.size(), diagnostics.toString());
            JsonNode range = diagnostics.get(0).path("range");
            JsonNode actions = c.result("textDocument/codeAction", Map.of("textDocument", Map.of("uri", uri), "range", range,
                    "context", Map.of("diagnostics", diagnostics)));
            assertTrue(actions.size() >= 1, actions.toString());
            JsonNode edit = actions.get(0).path("edit").path("changes").path(uri).get(0);
            assertEquals("country", edit.path("newText").asText(), actions.toString());
            String fixed = apply(text, edit);
            SourceFile after = new SourceFile("campaign.camp", p.campaign, fixed);
            assertFalse(Frontend.check(after).hasErrors(), Frontend.check(after).diagnostics().toString());
        }
    }

    @Test
    void formattingIsCampFmtAsOneEditAndNothingForBrokenText() throws Exception {
        LspProject p = new LspProject(dir);
        String messy = LspProject.CAMPAIGN.replace("activity fr: build loyal", "activity   fr:    build    loyal");
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, messy);
            c.diagnostics(uri, 1);
            Map<String, Object> params = Map.of("textDocument", Map.of("uri", uri), "options", Map.of("tabSize", 2, "insertSpaces", true));
            JsonNode edits = c.result("textDocument/formatting", params);
            assertEquals(1, edits.size(), edits.toString());
            String formatted = apply(messy, edits.get(0));
            assertEquals(Formatter.format(SourceFile.of("x.camp", messy)).text(), formatted);
            assertTrue(formatted.contains("activity fr:"), formatted);

            c.changeAll(uri, 2, formatted);
            c.diagnostics(uri, 2);
            assertEquals(0, c.result("textDocument/formatting", params).size(), "formatted text needs no edit");

            c.changeAll(uri, 3, "activity x: build {");
            c.diagnostics(uri, 3);
            assertEquals(0, c.result("textDocument/formatting", params).size(), "text that does not parse is never rewritten");
        }
    }

    private static List<String> labels(JsonNode result) {
        JsonNode items = result.isArray() ? result : result.path("items");
        List<String> labels = new ArrayList<>();
        items.forEach(i -> labels.add(i.path("label").asText()));
        return labels;
    }

    /** Applies one LSP text edit (positions in UTF-16, as Java strings count) to a text. */
    private static String apply(String text, JsonNode edit) {
        JsonNode r = edit.path("range");
        int start = offset(text, r.path("start").path("line").asInt(), r.path("start").path("character").asInt());
        int end = offset(text, r.path("end").path("line").asInt(), r.path("end").path("character").asInt());
        return text.substring(0, start) + edit.path("newText").asText() + text.substring(end);
    }

    private static int offset(String text, int line, int character) {
        int at = 0;
        for (int l = 0; l < line; l++) {
            at = text.indexOf('\n', at) + 1;
        }
        return Math.min(text.length(), at + character);
    }
}
