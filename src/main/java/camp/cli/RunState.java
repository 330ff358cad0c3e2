package camp.cli;

import camp.diag.Suggestions;
import camp.run.Database;
import camp.run.Store;
import camp.sql.StateSql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Read-only access to the run state for the inspection commands ({@code runs}, {@code tasks},
 * {@code logs}, {@code preview}): opening the file with readable errors and looking up a run.
 * Every read goes through the store of the run package ({@link Store}); nothing here writes SQL.
 */
final class RunState {
    private RunState() {
    }

    /** A user-facing failure: the message is printed after "camp: " and the command exits 2. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }

        /** Prints the message and returns the exit code for it. */
        int report(java.io.PrintWriter err) {
            err.println("camp: " + getMessage());
            return ExitCodes.USAGE;
        }
    }

    /**
     * A copy of a state file that a run holds, opened read-only: the file and its write-ahead log
     * as they are at this moment, in a temporary folder that goes when this is closed. What a
     * running run committed after its last checkpoint is in its log, so the copy shows it.
     */
    static final class Snapshot implements AutoCloseable {
        private final Path folder;
        private final Connection connection;

        private Snapshot(Path folder, Connection connection) {
            this.folder = folder;
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        @Override
        public void close() {
            if (connection != null) {
                RunState.close(connection);
            }
            if (folder == null) {
                return;
            }
            try (java.util.stream.Stream<Path> all = java.nio.file.Files.walk(folder)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // a leftover in the temporary folder is harmless
            }
        }
    }

    /** A snapshot of a state file that another process holds; fails as {@link #open} does when the copy cannot be read. */
    static Snapshot snapshot(Path db) throws Failure {
        Path folder = null;
        try {
            folder = java.nio.file.Files.createTempDirectory("camp-snapshot-");
            Path copy = folder.resolve(db.getFileName().toString());
            java.nio.file.Files.copy(db, copy);
            Path wal = db.resolveSibling(db.getFileName() + ".wal");
            if (java.nio.file.Files.exists(wal)) {
                java.nio.file.Files.copy(wal, folder.resolve(copy.getFileName() + ".wal"));
            }
            return new Snapshot(folder, open(copy));
        } catch (java.io.IOException | Failure e) {
            if (folder != null) {
                new Snapshot(folder, null).close();
            }
            throw e instanceof Failure f ? f : new Failure("cannot copy the database " + db + " that a run holds: " + e.getMessage());
        }
    }

    /**
     * The state file read-only, or, while a run holds it, a snapshot of it (saying so on stderr):
     * what the commands that read worktables use, since a run's event log does not hold rows.
     */
    static Snapshot openOrSnapshot(Path db, java.io.PrintWriter err) throws Failure {
        try {
            return new Snapshot(null, open(db));
        } catch (Failure f) {
            if (!LiveRun.inUse(f)) {
                throw f;
            }
            Snapshot s = snapshot(db);
            err.println("camp: " + db + " is in use by a run; showing a copy of it taken now");
            return s;
        }
    }

    /** Opens the state file read-only; fails with a readable message if it is missing, locked or not camp's. */
    static Connection open(Path db) throws Failure {
        Connection c;
        try {
            c = Database.openReadOnly(db);
        } catch (SQLException e) {
            String m = firstLine(e.getMessage());
            // Database words its own messages (missing file, locked by a run) with the path in them.
            throw new Failure(m.contains(db.toString()) ? m : "cannot open the database " + db + ": " + m);
        }
        try {
            if (!new Store(c).hasState()) {
                close(c);
                throw new Failure(db + " holds no camp run state (no table " + StateSql.SCHEMA
                        + ".runs); was it made by camp run?");
            }
        } catch (SQLException e) {
            close(c);
            throw new Failure("cannot read " + db + ": " + firstLine(e.getMessage()));
        }
        return c;
    }

    /** The run with this id, or a failure naming the database and suggesting a close id. */
    static Store.RunRow requireRun(Store store, Path db, String runId) throws Failure, SQLException {
        var run = store.run(runId);
        if (run.isPresent()) {
            return run.get();
        }
        String hint = Suggestions.didYouMean(runId, store.runIds());
        throw new Failure("no run '" + runId + "' in " + db + " (see camp runs)" + (hint == null ? "" : "; " + hint));
    }

    /** An instant as ISO text in UTC, or null. */
    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    /** An ISO instant cut to whole seconds, for text output; null stays null. */
    static String seconds(String instant) {
        return instant == null ? null : Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    /** Milliseconds between two ISO instants, or null if either is missing. */
    static Long millisBetween(String start, String end) {
        if (start == null || end == null) {
            return null;
        }
        return Duration.between(Instant.parse(start), Instant.parse(end)).toMillis();
    }

    /** A duration for people: 850ms, 4.2s, 3m04s, 2h05m. */
    static String durationText(Long millis) {
        if (millis == null) {
            return null;
        }
        long ms = Math.max(0, millis);
        if (ms < 1_000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(java.util.Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    /** Reports a failing read of the state tables (a file from another camp version, a purged worktable). */
    static int readError(java.io.PrintWriter err, Path db, SQLException e) {
        err.println("camp: cannot read the run state in " + db + ": " + firstLine(e.getMessage()));
        return ExitCodes.USAGE;
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String firstLine(String s) {
        String text = String.valueOf(s);
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // read-only connection: nothing to lose
        }
    }
}
