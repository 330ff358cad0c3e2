package camp.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The golden SQL of an engine other than DuckDB: {@code camp sql FILE --at AT --engine ENGINE}
 * of every sample against {@code src/test/resources/golden-sql-ENGINE/NAME.sql}, rewritten with
 * {@code -Dcamp.updateGoldens=true}.
 */
final class EngineGoldens {
    static final String AT = "2026-11-24T09:00:00Z";

    private EngineGoldens() {
    }

    private static Path golden(String engine, Path file) {
        return Cases.resources("golden-sql-" + engine).resolve(file.getFileName().toString().replaceFirst("\\.camp$", ".sql"));
    }

    /** The sample's SQL is its golden file, and holds none of the {@code forbidden} syntax the engine lacks. */
    static void assertGolden(String engine, String name, Path file, String... forbidden) throws IOException {
        Path golden = golden(engine, file);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sql", file.toString(), "--at", AT, "--engine", engine}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, () -> "camp sql --engine " + engine + " " + file + " failed:\n" + err);
        String sql = out.toString();
        if (Boolean.getBoolean("camp.updateGoldens")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, sql, StandardCharsets.UTF_8);
        }
        assertTrue(Files.isRegularFile(golden), () -> "no golden file " + golden + "; run with -Dcamp.updateGoldens=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), sql, () -> "the " + name + " SQL of " + file.getFileName()
                + " changed; if that is intended, run with -Dcamp.updateGoldens=true and review the diff of " + golden);
        for (String syntax : forbidden) {
            assertFalse(sql.contains(syntax), () -> "no '" + syntax + "' in " + name + "'s SQL of " + file.getFileName());
        }
    }

    /** One golden file per sample campaign, and no stale ones. */
    static void assertOnePerSample(String engine) throws IOException {
        Set<String> expected = new TreeSet<>();
        GoldenSqlTest.campaigns().forEach(f -> expected.add(golden(engine, f).getFileName().toString()));
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.list(Cases.resources("golden-sql-" + engine))) {
            files.forEach(f -> found.add(f.getFileName().toString()));
        }
        if (!Boolean.getBoolean("camp.updateGoldens")) {
            assertEquals(expected, found, "one golden file per sample campaign, and no stale ones");
        }
    }
}
