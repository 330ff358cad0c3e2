package camp.cli;

import camp.run.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The databases of {@code camp diff}'s two dry runs: one throwaway copy of the user's database
 * per version, in a temporary folder that {@link #close} removes, so that both versions read the
 * same source tables and run state (incremental history, saved audiences, delivery history for
 * caps) and nothing is written to the user's file. Without a database to copy, each version
 * starts from an empty one, as a first run would.
 *
 * <p>The copies are taken byte for byte (the file and its write-ahead log) while a read-only
 * connection holds the file, so that no process writes it meanwhile; the copy is as large as the
 * file, worktables of earlier runs included.
 */
final class DiffDatabases implements AutoCloseable {
    private final Path folder;
    private final Path source;

    private DiffDatabases(Path folder, Path source) {
        this.folder = folder;
        this.source = source;
    }

    /** A temporary folder for the copies of {@code source}, or for empty databases when it is null. */
    static DiffDatabases of(Path source) throws IOException {
        return new DiffDatabases(Files.createTempDirectory("camp-diff-"), source);
    }

    /** A fresh database for one version: a copy of the source, or a new file. */
    Path database(String version) throws IOException, SQLException {
        Path copy = folder.resolve(version).resolve("camp.duckdb");
        Files.createDirectories(copy.getParent());
        if (source == null) {
            return copy;
        }
        Path wal = Path.of(source + ".wal");
        Connection lock;
        try {
            lock = readOnly(source);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("WAL")) {
                throw e;
            }
            // a log that DuckDB can replay only by writing: a process ended without closing the file
            // and none holds it now; the copy replays it when it is opened
            copy(source, copy, wal);
            return copy;
        }
        try {
            copy(source, copy, wal);
        } finally {
            lock.close();
        }
        return copy;
    }

    private static void copy(Path source, Path copy, Path wal) throws IOException {
        Files.copy(source, copy);
        if (Files.exists(wal)) {
            Files.copy(wal, Path.of(copy + ".wal"));
        }
    }

    /** A read-only connection: it keeps writers out while the file is copied, and never writes it. */
    private static Connection readOnly(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock") || m.contains("Conflicting")) {
                throw new InUse("the database " + file + " is in use by another process; camp diff copies it, and can do so"
                        + " only while nothing writes it (" + firstLine(m) + ")", e);
            }
            throw e;
        }
    }

    /** The database is held by a process that writes it: it cannot be copied now. Nothing was read or written. */
    static final class InUse extends SQLException {
        private static final long serialVersionUID = 1L;

        InUse(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Whether a database file exists where {@code --db} or the default says. */
    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    /**
     * The database the runs read: the one given, else the one {@code camp run NEW} would use
     * ({@code CAMP_DB}, else NEW's project's, else the current folder's) when it exists, else none.
     */
    static Path source(Path given, Path campaign) {
        if (given != null) {
            return given;
        }
        String env = System.getenv(DatabaseOption.ENV);
        if (env != null && !env.isBlank()) {
            return exists(Path.of(env)) ? Path.of(env) : null;
        }
        try {
            Path fromProject = camp.project.Project.of(campaign).defaultDatabase();
            if (fromProject != null) {
                return exists(fromProject) ? fromProject : null;
            }
        } catch (camp.project.Project.ConfigException e) {
            // an unreadable camp.toml: the check of NEW reports it; the current folder's default here
        }
        return exists(Database.DEFAULT_PATH) ? Database.DEFAULT_PATH : null;
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder: what is left, the system cleans
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
