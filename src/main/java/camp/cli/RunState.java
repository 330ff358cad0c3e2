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
