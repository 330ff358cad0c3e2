package camp.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog of diagnostics stays trustworthy: every code is unique, well formed, of the
 * severity its letter says, and reported somewhere (a code nothing reports is a promise the
 * tools do not keep).
 */
class CodeTest {
    @Test
    void codesAreUniqueAndWellFormed() {
        Set<String> ids = new HashSet<>();
        for (Code c : Code.values()) {
            assertTrue(ids.add(c.id()), "code " + c.id() + " is used twice");
            assertTrue(c.id().matches("[EW]0\\d{3}"), c + ": " + c.id());
            assertEquals(c.id().startsWith("W") ? Severity.WARNING : Severity.ERROR, c.severity(), c.toString());
        }
    }

    @Test
    void everyCodeIsReportedSomewhere() throws IOException {
        StringBuilder sources = new StringBuilder();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/camp"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("Code.java"))::iterator) {
                sources.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        List<String> unused = new ArrayList<>();
        for (Code c : Code.values()) {
            if (!sources.toString().matches("(?s).*\\bCode\\." + c.name() + "\\b.*")) {
                unused.add(c.id() + " " + c.name());
            }
        }
        assertEquals(List.of(), unused, "codes that nothing reports");
    }

    @Test
    void onlyTheInternalCodeIsABug() {
        for (Code c : Code.values()) {
            assertEquals(c.id().startsWith("E09"), c.kind() == Code.Kind.INTERNAL, c.toString());
        }
        assertEquals(Code.Kind.EXTERNAL, Code.SQL_FAILED.kind(), "a statement the database refused is not the user's mistake");
    }
}
