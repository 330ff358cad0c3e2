package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever the editor sends, the server answers what it can and goes on. */
class LspRobustnessTest {
    @TempDir
    Path dir;

    /** The server still works: a hover on a valid campaign answers. */
    private static void stillAnswers(LspClient c, LspProject p) throws Exception {
        String uri = p.uri(p.campaign);
        c.open(uri, LspProject.CAMPAIGN);
        int[] at = LspProject.find(LspProject.CAMPAIGN, "country", 1);
        JsonNode h = c.result("textDocument/hover", LspClient.at(uri, at[0], at[1]));
        assertTrue(h.path("contents").path("value").asText().contains("profiles.country"), h.toString());
    }

    @Test
    void requestBeforeInitializeIsRefusedThenTheServerWorks() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            JsonNode early = c.request("textDocument/hover", LspClient.at(p.uri(p.campaign), 0, 0));
            assertEquals(-32002, early.path("error").path("code").asInt(), early.toString());
            c.open(p.uri(p.campaign), "this is dropped before initialize");
            c.initialize(p.rootUri());
            stillAnswers(c, p);
            assertEquals(0, c.shutdownAndExit());
        }
    }

    @Test
    void junkOnTheWireIsSurvived() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            byte[] junk = new byte[4096];
            new Random(7).nextBytes(junk);
            c.sendRaw("Content-Length: 12\r\n\r\n{not json!!}".getBytes(StandardCharsets.UTF_8));
            c.sendRaw("Content-Length: 2\r\n\r\n[]".getBytes(StandardCharsets.UTF_8));
            // a wrong length (one byte too many: it eats into the next message's header)
            c.sendRaw("Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":1234}".getBytes(StandardCharsets.UTF_8));
            c.sendRaw("Content-Length: 30\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"x".getBytes(StandardCharsets.UTF_8));
            c.sendRaw(junk);
            // a request whose params have the wrong shape, and an unknown method
            c.send(LspClient.JSON.createObjectNode().put("jsonrpc", "2.0").put("id", 1000).put("method", "textDocument/hover")
                    .put("params", "not an object"));
            JsonNode unknown = c.request("camp/noSuchMethod", Map.of());
            assertTrue(unknown.has("error"), unknown.toString());
            JsonNode badPosition = c.request("textDocument/hover",
                    Map.of("textDocument", Map.of("uri", p.uri(p.campaign)), "position", Map.of("line", "x")));
            assertTrue(badPosition.has("error") || badPosition.path("result").isNull(), badPosition.toString());
            stillAnswers(c, p);
            assertEquals(0, c.shutdownAndExit());
        }
    }

    @Test
    void binaryGarbageBetweenMessagesIsSurvived() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            byte[] junk = new byte[2048];
            new Random(11).nextBytes(junk);
            c.sendRaw(junk);
            c.sendRaw("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            stillAnswers(c, p);
        }
    }

    @Test
    void hostileDocumentsAreChecked() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            // a 50,000-character line
            String huge = "campaign \"x\"\naudience a = profiles where " + "loyalty_points + ".repeat(3_000) + "1 > 2\n";
            assertTrue(huge.lines().mapToInt(String::length).max().getAsInt() > 50_000);
            String hugeUri = p.uri(p.write("huge.camp", "import \"lib.camp\"\n" + huge));
            c.open(hugeUri, "import \"lib.camp\"\n" + huge);
            c.diagnostics(hugeUri, 1);
            JsonNode far = c.result("textDocument/hover", LspClient.at(hugeUri, 2, 49_990));
            assertTrue(far == null || far.isNull() || far.path("contents").path("value").asText().contains("loyalty_points"));
            // nesting as deep as the parser takes, and deeper
            for (int depth : new int[] {1_900, 5_000}) {
                String deep = "import \"lib.camp\"\naudience a = profiles where " + "(".repeat(depth) + "loyalty_points > 1"
                        + ")".repeat(depth) + "\n";
                String deepUri = p.uri(dir.resolve("deep" + depth + ".camp"));
                c.open(deepUri, deep);
                c.diagnostics(deepUri, 1);
                c.result("textDocument/hover", LspClient.at(deepUri, 1, 27 + depth + 3));
                c.result("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", deepUri)));
            }
            // binary junk as a document
            byte[] bytes = new byte[3000];
            new Random(3).nextBytes(bytes);
            String junk = new String(bytes, StandardCharsets.ISO_8859_1) + "\u0000\uFFFF\uD800";
            String junkUri = p.uri(dir.resolve("junk.camp"));
            c.open(junkUri, junk);
            assertTrue(c.diagnostics(junkUri, 1).size() > 0);
            // half-typed statements, a missing import and an import cycle
            p.write("a.camp", "import \"b.camp\"\nparam x: int = 1\n");
            p.write("b.camp", "import \"a.camp\"\nparam y: int = 2\n");
            String half = "campaign \"half\"\nimport \"a.camp\"\nimport \"nowhere.camp\"\nactivity a: build profiles where (\nactivity b: split {\n";
            String halfUri = p.uri(p.write("half.camp", half));
            c.open(halfUri, half);
            JsonNode d = c.diagnostics(halfUri, 1);
            String codes = d.toString();
            assertTrue(codes.contains("E0103") && codes.contains("E0104"), codes);
            c.result("textDocument/hover", LspClient.at(halfUri, 3, 30));
            c.result("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", halfUri)));
            stillAnswers(c, p);
        }
    }

    @Test
    void impossiblePositionsAndUnknownDocumentsGetEmptyAnswers() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            for (int[] pos : new int[][] {{1_000_000, 0}, {0, 1_000_000}, {-1, -1}, {3, Integer.MAX_VALUE}}) {
                JsonNode h = c.result("textDocument/hover", LspClient.at(uri, pos[0], pos[1]));
                assertTrue(h == null || h.isNull(), h == null ? "" : h.toString());
                assertEquals(0, c.result("textDocument/definition", LspClient.at(uri, pos[0], pos[1])).size());
            }
            // a change far outside the text is clamped to its end
            c.change(uri, 2, 500, 3, 900, 1, "\n// appended\n");
            assertEquals(0, c.diagnostics(uri, 2).size());
            for (String unknown : new String[] {"file:///no/such/file.camp", "untitled:Untitled-1", "not a uri at all", "http://x/y.camp"}) {
                JsonNode h = c.result("textDocument/hover", LspClient.at(unknown, 0, 0));
                assertTrue(h == null || h.isNull());
                assertEquals(0, c.result("textDocument/documentSymbol", Map.of("textDocument", Map.of("uri", unknown))).size());
                assertEquals(0, c.result("textDocument/references", Map.of("textDocument", Map.of("uri", unknown),
                        "position", Map.of("line", 0, "character", 0), "context", Map.of("includeDeclaration", true))).size());
            }
            // notifications out of order: a change and a close of documents never opened, a second open
            c.change("file:///never/opened.camp", 5, 0, 0, 0, 0, "x");
            c.close("file:///never/opened.camp");
            c.open(uri, LspProject.CAMPAIGN.replace("loyal", "nobody"));
            c.await("textDocument/publishDiagnostics", d -> d.path("uri").asText().equals(uri) && d.path("version").asInt() == 1
                    && d.path("diagnostics").size() > 0);
            stillAnswers(c, p);
        }
    }

    @Test
    void exitWithoutShutdownIsCodeOne() throws Exception {
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(null);
            c.notify("exit", null);
            assertEquals(1, c.server().awaitExit());
        }
    }
}
