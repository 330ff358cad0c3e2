package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test cases that live as files: where the project and its folders are, how a case's
 * diagnostics are rendered, and the golden-file assertion that
 * {@code -Dcamp.updateGoldens=true} rewrites instead of comparing (then review the diff).
 */
public final class Cases {
    private Cases() {
    }

    /** The project root: Surefire runs the tests there, and sets {@code basedir} too. */
    public static Path projectRoot() {
        String basedir = System.getProperty("basedir");
        Path root = basedir == null || basedir.isBlank() ? Path.of("").toAbsolutePath() : Path.of(basedir);
        assertTrue(Files.isDirectory(root.resolve("src/test/resources")), "not the project root: " + root);
        return root;
    }

    /** A folder of src/test/resources (the sources, so that goldens are rewritten in place). */
    /**
     * A copy of the bundled samples (campaigns, camp.toml, data, templates) in {@code to}, without
     * what running them leaves in the working copy: the run state of {@code samples/.camp} (a
     * developer who tried the README's main job has one) and generated campaigns.
     */
    public static void copySamples(Path to) {
        Path from = projectRoot().resolve("samples");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(f);
                String first = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
                if (first.equals(".camp") || first.startsWith(".large") || first.startsWith(".readme-example-")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path resources(String folder) {
        return projectRoot().resolve("src/test/resources").resolve(folder);
    }

    /** The .camp files directly in a folder (not in its subfolders, which hold helpers), sorted. */
    public static List<Path> campFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".camp") && Files.isRegularFile(p))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Checks a file with a display name relative to its folder, as {@code camp check} run there shows it. */
    public static Checked check(Path file) {
        try {
            return Frontend.check(file, file.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text {@code camp check} prints for these diagnostics, without the summary line. */
    public static String render(List<Diagnostic> diagnostics) {
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        StringBuilder out = new StringBuilder();
        diagnostics.forEach(d -> out.append(renderer.render(d)));
        return out.toString();
    }

    public static boolean updatingGoldens() {
        return "true".equals(System.getProperty("camp.updateGoldens"));
    }

    /** Asserts that a golden file holds {@code actual}, or rewrites it when updating goldens. */
    public static void assertGolden(Path golden, String actual) {
        try {
            if (updatingGoldens()) {
                if (!Files.exists(golden) || !Files.readString(golden, StandardCharsets.UTF_8).equals(actual)) {
                    Files.createDirectories(golden.getParent());
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                }
                return;
            }
            assertTrue(Files.exists(golden), "missing golden file " + golden
                    + "; create it with: mvn test -Dcamp.updateGoldens=true, then review it");
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual,
                    "output differs from " + golden + " (if the change is intended: -Dcamp.updateGoldens=true, then review the diff)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
