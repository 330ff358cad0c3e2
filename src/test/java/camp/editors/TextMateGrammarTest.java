package camp.editors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import camp.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the tests of the VS Code extension (editors/vscode/test, with Node's test runner) as part of
 * the build, so that its TextMate grammar cannot drift from the lexer: this test first writes the
 * ANTLR tokens of every .camp file of the repository, as {@code camp explain --stage tokens} prints
 * them with this build's code, into a folder that the Node cross-check reads (CAMP_TOKENS_DIR).
 *
 * <p>Skipped when {@code node} is not on the PATH or editors/vscode/node_modules is missing
 * ({@code npm ci --prefix editors/vscode} installs it), unless {@code -Dcamp.requireEditors=true},
 * which makes either a failure (CI sets it).
 */
class TextMateGrammarTest {
    private static final long TIMEOUT_MINUTES = 5;

    @Test
    void editorTestsPassAgainstThisBuildsLexer(@TempDir Path temp) throws Exception {
        Path root = projectRoot();
        Path editor = root.resolve("editors").resolve("vscode");
        Optional<Path> node = onPath("node");
        String missing = node.isEmpty() ? "node is not on the PATH"
                : !Files.isDirectory(editor.resolve("node_modules").resolve("vscode-textmate"))
                        ? "editors/vscode/node_modules is missing (npm ci --prefix editors/vscode installs it)"
                        : null;
        if (missing != null) {
            if (Boolean.parseBoolean(System.getProperty("camp.requireEditors"))) {
                fail(missing + ", and camp.requireEditors is true");
            }
            assumeTrue(false, missing + ": the editor grammar tests are skipped (-Dcamp.requireEditors=true makes this a failure)");
        }

        Path tokens = temp.resolve("tokens");
        List<Path> files = campFiles(root);
        assertTrue(files.size() > 50, "only " + files.size() + " .camp files found under " + root);
        for (Path file : files) {
            dumpTokens(root, file, tokens);
        }

        List<String> command = new ArrayList<>(List.of(node.get().toString(), "--test", "--test-reporter=spec"));
        try (Stream<Path> tests = Files.list(editor.resolve("test"))) {
            tests.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".test.js")).sorted()
                    .forEach(n -> command.add("test/" + n));
        }
        Path log = temp.resolve("node.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(editor.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("CAMP_TOKENS_DIR", tokens.toString());
        builder.environment().remove("CAMP_JAR");
        builder.environment().remove("CAMP_UPDATE_SNAPSHOTS");
        builder.environment().put("NO_COLOR", "1");
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("the editor tests did not finish in " + TIMEOUT_MINUTES + " minutes:\n" + read(log));
        }
        String output = read(log);
        assertEquals(0, process.exitValue(),
                () -> "the editor tests failed (" + String.join(" ", command) + " in editors/vscode):\n" + output);
        Matcher skipped = Pattern.compile("(?m)^\\S* ?skipped (\\d+)$").matcher(output);
        assertTrue(skipped.find() && skipped.group(1).equals("0"),
                () -> "some editor tests were skipped, or the summary is missing:\n" + output);
        System.out.println("editors/vscode: " + output.lines().filter(l -> l.matches("^\\S* ?(tests|pass|fail) \\d+$"))
                .map(l -> l.replaceAll("^\\S* ?", "")).collect(Collectors.joining(", ")));
    }

    /** Writes FILE's tokens to {@code tokens/RELATIVE_PATH.tokens}, as {@code camp explain --stage tokens} prints them. */
    private static void dumpTokens(Path root, Path file, Path tokens) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"explain", "--stage", "tokens", file.toString()},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, () -> "camp explain --stage tokens " + file + " failed:\n" + err);
        Path target = tokens.resolve(root.relativize(file).toString() + ".tokens");
        Files.createDirectories(target.getParent());
        Files.writeString(target, out.toString(), StandardCharsets.UTF_8);
    }

    /** Every .camp file of the repository, outside target, node_modules and hidden folders and files. */
    private static List<Path> campFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".camp") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String name = part.toString();
                            if (name.startsWith(".") || name.equals("node_modules") || name.equals("target")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        }
    }

    /** The project root: Surefire runs the tests there, and sets {@code basedir} too. */
    private static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        return (basedir == null || basedir.isBlank() ? Path.of("") : Path.of(basedir)).toAbsolutePath();
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : windows ? List.of(program + ".exe", program + ".cmd") : List.of(program)) {
                Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toAbsolutePath());
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }
}
