package camp.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camp.cli.Main;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp lsp} in a real editor: Debian's Neovim, headless, with its built-in LSP client (the
 * configuration the README gives for Neovim 0.7 to 0.9), opens a copy of a sample with a typo,
 * receives the diagnostic that {@code camp check} gives, asks for a hover and a completion, types
 * the fix and sees the diagnostic cleared. The client side is {@code nvim-lsp.lua}; what the client
 * saw comes back as JSON.
 *
 * <p>Skipped when {@code nvim} is not on the PATH, unless {@code -Dcamp.requireEditors=true}, which
 * makes that a failure (CI installs Debian's {@code neovim} and sets it).
 */
class NeovimLspTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 180;

    @Test
    void neovimsClientGetsDiagnosticsHoverCompletionAndTheClearedDiagnostic(@TempDir Path temp) throws Exception {
        Optional<Path> nvim = onPath("nvim");
        if (nvim.isEmpty()) {
            if (Boolean.parseBoolean(System.getProperty("camp.requireEditors"))) {
                fail("nvim is not on the PATH, and camp.requireEditors is true");
            }
            assumeTrue(false, "nvim is not on the PATH: the Neovim test is skipped (-Dcamp.requireEditors=true makes this a failure)");
        }
        Path project = temp.resolve("project");
        camp.check.Cases.copySamples(project);
        Path file = project.resolve("spring_promo.camp");
        String text = Files.readString(file).replace("sum(purchases.amount where", "sum(purchases.amout where");
        Files.writeString(file, text);

        JsonNode expected = JSON.readTree(check(file)).path("diagnostics");
        assertEquals(1, expected.size(), "the broken copy has one error: " + expected);

        int[] hover = find(text, "activity buyers:", "activity ".length());
        int[] complete = find(text, "upper(trim(country))", "upper(trim(co".length());
        int[] fix = find(text, "purchases.amout", "purchases.amou".length());
        Path out = temp.resolve("nvim.json");
        List<String> server = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "lsp");
        ProcessBuilder builder = new ProcessBuilder(nvim.get().toString(), "--headless", "--clean",
                "-c", "luafile " + Path.of("src/test/resources/camp/editors/nvim-lsp.lua").toAbsolutePath())
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(temp.resolve("nvim.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("CAMP_NVIM_OUT", out.toString());
        env.put("CAMP_NVIM_FILE", file.toString());
        env.put("CAMP_NVIM_CMD", JSON.writeValueAsString(server));
        env.put("CAMP_NVIM_HOVER_LINE", String.valueOf(hover[0]));
        env.put("CAMP_NVIM_HOVER_COL", String.valueOf(hover[1]));
        env.put("CAMP_NVIM_COMPLETE_LINE", String.valueOf(complete[0]));
        env.put("CAMP_NVIM_COMPLETE_COL", String.valueOf(complete[1]));
        env.put("CAMP_NVIM_FIX_LINE", String.valueOf(fix[0]));
        env.put("CAMP_NVIM_FIX_COL", String.valueOf(fix[1]));
        env.put("CAMP_NVIM_FIX_TEXT", "n");
        env.put("HOME", temp.toString());                 // no user configuration, no shada in the real home
        env.put("XDG_STATE_HOME", temp.resolve("state").toString());
        Process p = builder.start();
        try {
            assertTrue(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "nvim did not finish: " + log(temp));
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.exists(out), "nvim wrote no result: " + log(temp));
        JsonNode seen = JSON.readTree(Files.readString(out));
        assertTrue(seen.path("failure").isMissingNode(), seen.path("failure").asText() + "\n" + log(temp));
        assertEquals("[\"attached\",\"diagnostics\",\"hover\",\"completion\",\"cleared\"]", seen.path("steps").toString(), seen.toString());

        // the diagnostic camp check gives, at the same place (Neovim counts lines and columns from 0)
        JsonNode got = seen.path("diagnostics");
        assertEquals(1, got.size(), got.toString());
        JsonNode want = expected.get(0);
        assertEquals(want.path("code").asText(), got.get(0).path("code").asText());
        assertEquals(want.path("message").asText(), got.get(0).path("message").asText());
        assertEquals(want.path("line").asInt() - 1, got.get(0).path("line").asInt());
        assertEquals(want.path("column").asInt() - 1, got.get(0).path("col").asInt());
        assertEquals(want.path("endColumn").asInt() - 1, got.get(0).path("end_col").asInt());
        assertEquals(1, got.get(0).path("severity").asInt(), "an error");
        assertEquals("camp", got.get(0).path("source").asText());

        String hoverText = seen.path("hover").asText();
        assertTrue(hoverText.contains("activity buyers: build"), seen.toString());
        assertTrue(hoverText.contains("`out`: `profiles`"), hoverText);

        List<String> labels = new ArrayList<>();
        seen.path("completion").forEach(l -> labels.add(l.asText()));
        assertTrue(labels.contains("country") && labels.contains("loyalty_points"), labels.toString());
        assertTrue(labels.contains("lower") && labels.contains("gold_spend"), "functions and params too: " + labels);

        assertEquals(0, seen.path("after_fix").size(), seen.toString());
    }

    /** camp check --format json of a file, in this JVM. */
    private static String check(Path file) {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"check", "--format", "json", file.toString()}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true));
        assertEquals(1, code, out.toString());
        return out.toString();
    }

    /** The 0-based line and column of {@code offset} characters into the first occurrence of {@code needle}. */
    private static int[] find(String text, String needle, int offset) {
        int at = text.indexOf(needle);
        assertTrue(at >= 0, needle);
        at += offset;
        int line = 0;
        int start = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                start = i + 1;
            }
        }
        return new int[] {line, at - start};
    }

    private static String log(Path temp) throws IOException {
        Path log = temp.resolve("nvim.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }


    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
