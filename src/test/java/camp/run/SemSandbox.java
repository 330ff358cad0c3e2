package camp.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A scratch directory for the semantics tests: a copy of samples/retail.camp, samples/data,
 * samples/templates and the test resources of src/test/resources/semantics, so that campaigns
 * written beside them resolve their relative paths; plus one fresh DuckDB file and outbox.
 */
final class SemSandbox implements AutoCloseable {
    static final Path SAMPLES = Path.of("samples");
    static final Path RESOURCES = Path.of("src/test/resources/semantics");

    final Path dir;
    final Path db;
    final Path outbox;

    private SemSandbox(Path dir) {
        this.dir = dir;
        this.db = dir.resolve("camp.duckdb");
        this.outbox = dir.resolve("outbox.jsonl");
    }

    static SemSandbox create() {
        try {
            Path dir = Files.createTempDirectory("camp-sem-");
            copyTree(SAMPLES, dir);
            copyTree(SAMPLES.resolve("data"), dir.resolve("data"));
            copyTree(SAMPLES.resolve("templates"), dir.resolve("templates"));
            if (Files.isDirectory(RESOURCES)) {
                copyTree(RESOURCES, dir);
            }
            return new SemSandbox(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the files (not the folders) of a folder. */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, to.resolve(f.getFileName().toString()));
                }
            }
        }
    }

    /** Writes a file (a campaign, a CSV) into the sandbox and returns its path. */
    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    RunResult run(String file, String at, Map<String, String> params, boolean dryRun) {
        try {
            return Interpreter.run(new RunOptions(dir.resolve(file), db, Instant.parse(at), params, dryRun, outbox, null));
        } catch (SQLException | IOException e) {
            throw new AssertionError("camp run of " + file + " threw " + e, e);
        }
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
