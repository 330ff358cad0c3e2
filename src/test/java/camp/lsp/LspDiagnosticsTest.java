package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Diagnostic;
import camp.run.DuckDbQueries;
import camp.source.SourceFile;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diagnostics as you type: the same as camp check's, cleared when fixed, and importers checked again. */
class LspDiagnosticsTest {
    @TempDir
    Path dir;

    /** What camp check reports for a text, in the protocol's terms: line:character-line:character code severity message. */
    private static List<String> checkOf(Path path, String name, String text) {
        Checked checked = Frontend.check(new SourceFile(name, path, text), DuckDbQueries.INSTANCE);
        List<String> out = new ArrayList<>();
        for (Diagnostic d : checked.diagnostics()) {
            var f = d.span().file();
            out.add((f.line(d.span().start()) - 1) + ":" + f.utf16Column(d.span().start()) + "-" + (f.line(d.span().end()) - 1) + ":"
                    + f.utf16Column(d.span().end()) + " " + d.code().id() + " " + (d.isError() ? 1 : 2) + " " + d.message());
        }
        return out;
    }

    private static List<String> published(JsonNode diagnostics) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : diagnostics) {
            JsonNode r = d.path("range");
            out.add(r.path("start").path("line").asInt() + ":" + r.path("start").path("character").asInt() + "-"
                    + r.path("end").path("line").asInt() + ":" + r.path("end").path("character").asInt() + " " + d.path("code").asText()
                    + " " + d.path("severity").asInt() + " " + d.path("message").asText());
            assertEquals("camp", d.path("source").asText());
        }
        return out;
    }

    @Test
    void brokenFileGetsCheckDiagnosticsAndTheyClearWhenFixed() throws Exception {
        LspProject p = new LspProject(dir);
        // a name with characters beyond the BMP before an error: columns count UTF-16 units in the protocol
        String broken = LspProject.CAMPAIGN.replace("build loyal where", "build loyl where")
                .replace("import \"lib.camp\"\n", "import \"lib.camp\"\nparam `é🎉x`: int = \"ten\"\n");
        p.write("campaign.camp", broken);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, broken);
            JsonNode diagnostics = c.diagnostics(uri, 1);
            List<String> expected = checkOf(p.campaign, "campaign.camp", broken);
            assertEquals(2, expected.size(), expected.toString());
            assertEquals(expected, published(diagnostics));
            assertTrue(expected.get(0).startsWith("3:20-3:25 E0301 1 the default of param"), expected.toString());
            assertTrue(expected.get(1).startsWith("5:19-5:23 E0202 1 unknown entity or audience 'loyl'"), expected.toString());
            // the help of camp check goes with the diagnostic
            assertEquals("help: did you mean 'loyal'?", diagnostics.get(1).path("relatedInformation").get(0).path("message").asText());

            int[] at = LspProject.find(broken, "loyl", 3);
            c.change(uri, 2, at[0], at[1], at[0], at[1], "a");
            assertEquals(1, c.diagnostics(uri, 2).size());
            int[] ten = LspProject.find(broken, "\"ten\"", 0);
            c.change(uri, 3, ten[0], ten[1], ten[0], ten[1] + 5, "10");
            assertEquals(List.of(), published(c.diagnostics(uri, 3)));
        }
    }

    @Test
    void aCampaignTestFileGetsTheDiagnosticsOfCampCheckForTests() throws Exception {
        java.nio.file.Path project = dir.resolve("samples");
        camp.check.Cases.copySamples(project);
        java.nio.file.Path file = project.resolve("spring_promo.camptest");
        String good = java.nio.file.Files.readString(file);
        String broken = good.replaceFirst("expect tiers\\.gold rows \\{", "expect tiers.golden rows {");
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(project.toUri().toString());
            String uri = file.toUri().toString();
            c.open(uri, broken);
            List<String> published = published(c.diagnostics(uri, 1));
            List<String> expected = new ArrayList<>();
            for (Diagnostic d : camp.check.TestChecker.check(new SourceFile("spring_promo.camptest", file, broken)).diagnostics()) {
                var f = d.span().file();
                expected.add((f.line(d.span().start()) - 1) + ":" + f.utf16Column(d.span().start()) + "-" + (f.line(d.span().end()) - 1)
                        + ":" + f.utf16Column(d.span().end()) + " " + d.code().id() + " " + (d.isError() ? 1 : 2) + " " + d.message());
            }
            assertEquals(1, expected.size(), expected.toString());
            assertTrue(expected.get(0).contains("E0207 1 split 'tiers' has no output port 'golden'"), expected.toString());
            assertEquals(expected, published, "not the diagnostics of a .camp file: the test file's own");
            int[] at = LspProject.find(broken, "golden", 0);
            c.change(uri, 2, at[0], at[1], at[0], at[1] + 6, "gold");
            assertEquals(List.of(), published(c.diagnostics(uri, 2)), "fixed: no diagnostic");
            // the features of campaigns have nothing to say in a test file, and fail on none of it
            for (String what : List.of("tiers", "fixture", "profiles", "350.00")) {
                int[] p = LspProject.find(good, what, 1);
                c.result("textDocument/hover", LspClient.at(uri, p[0], p[1]));
                c.result("textDocument/completion", LspClient.at(uri, p[0], p[1]));
                c.result("textDocument/definition", LspClient.at(uri, p[0], p[1]));
            }
            c.result("textDocument/documentSymbol", java.util.Map.of("textDocument", java.util.Map.of("uri", uri)));
            c.result("textDocument/semanticTokens/full", java.util.Map.of("textDocument", java.util.Map.of("uri", uri)));
            c.result("textDocument/formatting", java.util.Map.of("textDocument", java.util.Map.of("uri", uri),
                    "options", java.util.Map.of("tabSize", 2, "insertSpaces", true)));
        }
    }

    @Test
    void diagnosticsOfEveryKindAreCampChecks() throws Exception {
        LspProject p = new LspProject(dir);
        String text = """
                campaign "Kinds"
                import "lib.camp"
                import "missing.camp"
                param limit: int = "ten"
                activity a: build profiles where country = 3 and unknown_thing > 1
                activity b: split { x: loyalty_points > 10 }
                activity c: wait 0 days
                flow { a -> b
                """;
        Path file = p.write("kinds.camp", text);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            c.open(p.uri(file), text);
            assertEquals(checkOf(file, "kinds.camp", text), published(c.diagnostics(p.uri(file), 1)));
        }
    }

    @Test
    void importingDocumentIsCheckedAgainWhenTheImportedOneChanges() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String campaign = p.uri(p.campaign);
            String library = p.uri(p.library);
            c.open(campaign, LspProject.CAMPAIGN);
            c.open(library, LspProject.LIBRARY);
            assertEquals(List.of(), published(c.diagnostics(campaign, 1)));
            assertEquals(List.of(), published(c.diagnostics(library, 1)));
            c.clear();
            // the library renames its audience, unsaved: the campaign loses it
            int[] at = LspProject.find(LspProject.LIBRARY, "audience loyal", "audience ".length());
            c.change(library, 2, at[0], at[1], at[0], at[1] + "loyal".length(), "faithful");
            JsonNode broken = c.await("textDocument/publishDiagnostics",
                    d -> d.path("uri").asText().equals(campaign) && d.path("diagnostics").size() > 0).path("diagnostics");
            assertEquals("E0202", broken.get(0).path("code").asText());
            assertEquals("unknown entity or audience 'loyal'", broken.get(0).path("message").asText());
            c.clear();
            c.change(library, 3, at[0], at[1], at[0], at[1] + "faithful".length(), "loyal");
            c.await("textDocument/publishDiagnostics", d -> d.path("uri").asText().equals(campaign) && d.path("diagnostics").isEmpty());
        }
    }

    @Test
    void aLibraryChangedOnDiskIsReadAgain() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            // the server asks to be told of changed files
            JsonNode registration = c.await("client/registerCapability", r -> true);
            assertEquals("workspace/didChangeWatchedFiles", registration.path("registrations").get(0).path("method").asText());
            String campaign = p.uri(p.campaign);
            c.open(campaign, LspProject.CAMPAIGN);
            assertEquals(0, c.diagnostics(campaign, 1).size());
            c.clear();
            p.write("lib.camp", LspProject.LIBRARY.replace("audience loyal", "audience faithful"));
            c.notify("workspace/didChangeWatchedFiles", java.util.Map.of("changes",
                    List.of(java.util.Map.of("uri", p.uri(p.library), "type", 2))));
            JsonNode d = c.await("textDocument/publishDiagnostics",
                    n -> n.path("uri").asText().equals(campaign) && n.path("diagnostics").size() > 0).path("diagnostics");
            assertEquals("unknown entity or audience 'loyal'", d.get(0).path("message").asText());
        }
    }

    @Test
    void errorsOfAnImportedFileShowOnItsImport() throws Exception {
        LspProject p = new LspProject(dir);
        p.write("lib.camp", LspProject.LIBRARY.replace("loyalty_points >= min_points", "loyalty_pts >= min_points"));
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String campaign = p.uri(p.campaign);
            c.open(campaign, LspProject.CAMPAIGN);
            JsonNode d = c.diagnostics(campaign, 1);
            assertEquals(1, d.size(), d.toString());
            assertEquals("E0203", d.get(0).path("code").asText());
            assertTrue(d.get(0).path("message").asText().startsWith("lib.camp:22:33: error[E0203]: unknown name 'loyalty_pts'"),
                    d.toString());
            assertEquals(2, d.get(0).path("range").path("start").path("line").asInt());
        }
    }

    @Test
    void onlyTheLatestVersionIsPublished() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, LspProject.CAMPAIGN);
            int[] at = LspProject.find(LspProject.CAMPAIGN, "country", 0);
            // a burst of edits: each makes the text valid or not; only the last one's diagnostics may stay
            for (int v = 2; v <= 40; v++) {
                c.change(uri, v, at[0], at[1], at[0], at[1] + 7, v % 2 == 0 ? "countrx" : "country");
            }
            c.change(uri, 41, at[0], at[1], at[0], at[1] + 7, "countrx");
            JsonNode last = c.diagnostics(uri, 41);
            assertTrue(last.size() > 0);
            Thread.sleep(300);
            List<JsonNode> all = c.notifications("textDocument/publishDiagnostics");
            int previous = 0;
            for (JsonNode n : all) {
                int version = n.path("params").path("version").asInt();
                assertTrue(version >= previous, "versions published in order: " + all);
                previous = version;
            }
            assertEquals(41, previous);
        }
    }

    @Test
    void closingClearsTheDiagnostics() throws Exception {
        LspProject p = new LspProject(dir);
        try (LspClient c = LspClient.inProcess()) {
            c.initialize(p.rootUri());
            String uri = p.uri(p.campaign);
            c.open(uri, "campaign \"x\"\nactivity a: build nothing\n");
            assertTrue(c.diagnostics(uri, 1).size() > 0);
            c.clear();
            c.close(uri);
            c.await("textDocument/publishDiagnostics", d -> d.path("uri").asText().equals(uri) && d.path("diagnostics").isEmpty());
        }
    }
}
