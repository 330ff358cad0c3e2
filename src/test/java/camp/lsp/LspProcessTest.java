package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code camp lsp} as an editor starts it: a process of its own, the protocol on its stdin and stdout. */
class LspProcessTest {
    @TempDir
    Path dir;

    @Test
    void campLspServesDiagnosticsOverStdio() throws Exception {
        LspProject p = new LspProject(dir);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "camp.cli.Main", "lsp", "--stdio"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectError(dir.resolve("stderr.log").toFile()).start();
        try (LspClient c = new LspClient(process.getInputStream(), process.getOutputStream())) {
            JsonNode init = c.initialize(p.rootUri());
            assertEquals(2, init.path("capabilities").path("textDocumentSync").path("change").asInt(), init.toString());
            assertEquals("camp", init.path("serverInfo").path("name").asText());
            String uri = p.uri(p.campaign);
            String broken = LspProject.CAMPAIGN.replace("build loyal", "build loyl");
            c.open(uri, broken);
            JsonNode d = c.diagnostics(uri, 1);
            assertEquals(1, d.size(), d.toString());
            assertEquals("E0202", d.get(0).path("code").asText());
            assertEquals(4, d.get(0).path("range").path("start").path("line").asInt());
            int[] at = LspProject.find(broken, "loyl", 3);
            c.change(uri, 2, at[0], at[1], at[0], at[1], "a");
            assertEquals(0, c.diagnostics(uri, 2).size());
            c.result("shutdown", null);
            c.notify("exit", null);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "camp lsp ended after exit");
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }
}
