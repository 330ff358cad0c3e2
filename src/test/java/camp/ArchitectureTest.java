package camp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline is the architecture: each package may import only the packages its
 * package-info names, so that the compiler stages stay free of JDBC, picocli and LSP4J, and the
 * stages after the checker read the plan, never the AST. A violation names the file and the
 * import.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/camp");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[\\w*]+;", Pattern.MULTILINE);
    /** A fully qualified use of a camp type in code, as in {@code camp.ast.AstPrinter.print(...)}. */
    private static final Pattern QUALIFIED = Pattern.compile("\\bcamp\\.([a-z]+(?:\\.antlr)?)\\.[A-Z]");

    /** What each package may import, of camp's packages and of the libraries that matter. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("types", Set.of()),
            Map.entry("source", Set.of()),
            Map.entry("diag", Set.of("source")),
            Map.entry("ast", Set.of("source", "types")),
            Map.entry("syntax", Set.of("ast", "source", "types", "diag", "syntax.antlr", "antlr")),
            Map.entry("schedule", Set.of()),
            Map.entry("ir", Set.of("types", "source", "schedule")),
            Map.entry("project", Set.of("source", "jackson")),
            Map.entry("check", Set.of("syntax", "ast", "ir", "diag", "types", "source", "schedule", "project", "re2j")),
            Map.entry("sql", Set.of("ir", "types", "source")),
            Map.entry("deliver", Set.of("types", "diag", "jackson", "mail")),
            Map.entry("run", Set.of("ir", "sql", "check", "project", "deliver", "diag", "types", "source", "jdbc", "jackson")),
            Map.entry("scheduler", Set.of("check", "ir", "run", "schedule", "diag", "source", "jackson", "jdbc")),
            Map.entry("fmt", Set.of("syntax", "syntax.antlr", "ast", "source", "diag", "antlr")),
            Map.entry("lsp", Set.of("check", "syntax", "syntax.antlr", "ast", "ir", "sql", "fmt", "run", "project", "schedule", "diag",
                    "source", "types", "antlr", "lsp4j", "jdbc", "jackson")),
            Map.entry("graph", Set.of("ir", "types", "source", "elk")),
            Map.entry("cli", Set.of("check", "syntax", "ir", "sql", "run", "scheduler", "project", "schedule", "diag", "source", "types",
                    "fmt", "lsp", "graph", "picocli", "jackson", "jdbc")),
            Map.entry("bench", Set.of("check", "run", "sql", "cli", "lsp", "jdbc")));

    /** The group an imported package belongs to: a camp package, a library, or null for the JDK's own. */
    private static String group(String pkg) {
        if (pkg.startsWith("camp.")) {
            String rest = pkg.substring("camp.".length());
            return rest.startsWith("syntax.antlr") ? "syntax.antlr" : rest.split("\\.")[0];
        }
        if (pkg.startsWith("java.sql") || pkg.startsWith("org.duckdb") || pkg.startsWith("org.postgresql")) {
            return "jdbc";
        }
        if (pkg.startsWith("picocli")) {
            return "picocli";
        }
        if (pkg.startsWith("org.antlr")) {
            return "antlr";
        }
        if (pkg.startsWith("com.fasterxml.jackson")) {
            return "jackson";
        }
        if (pkg.startsWith("com.github.jknack")) {
            return "handlebars";
        }
        if (pkg.startsWith("com.google.re2j")) {
            return "re2j";
        }
        if (pkg.startsWith("jakarta.mail") || pkg.startsWith("org.eclipse.angus")) {
            return "mail";
        }
        if (pkg.startsWith("org.eclipse.elk") || pkg.startsWith("org.eclipse.emf")) {
            return "elk";
        }
        if (pkg.startsWith("org.eclipse.lsp4j")) {
            return "lsp4j";
        }
        return null;
    }

    @Test
    void everyPackageImportsOnlyWhatItsStageMay() throws IOException {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(MAIN)) {
            for (Path file : (Iterable<Path>) all.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String pkg = MAIN.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> allowed = ALLOWED.get(pkg);
                assertTrue(allowed != null, "package camp." + pkg + " has no rule in ArchitectureTest: say what it may import");
                files.merge(pkg, 1, Integer::sum);
                String text = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = IMPORT.matcher(text);
                while (m.find()) {
                    String group = group(m.group(1));
                    if (group != null && !group.equals(pkg) && !allowed.contains(group)) {
                        violations.add(MAIN.relativize(file) + " imports " + m.group(1) + " (" + group + ")");
                    }
                }
                String code = text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "").replaceAll("(?m)^(package|import) .*$", "");
                Matcher q = QUALIFIED.matcher(code);
                while (q.find()) {
                    String group = group("camp." + q.group(1));
                    if (!group.equals(pkg) && !allowed.contains(group)) {
                        violations.add(MAIN.relativize(file) + " uses camp." + q.group(1) + " by its full name");
                    }
                }
            }
        }
        assertTrue(files.size() >= ALLOWED.size() - 1, "the packages were found: " + files);
        assertEquals(List.of(), violations, "imports that cross the pipeline the wrong way");
    }
}
