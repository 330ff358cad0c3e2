package camp.cli;

import camp.diag.Suggestions;
import camp.run.Database;
import camp.run.StateSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only access to the run state for the inspection commands ({@code runs}, {@code tasks},
 * {@code logs}, {@code preview}): opening the file with readable errors, looking up a run, and
 * the one place where identifiers read from the database are quoted for SQL.
 *
 * <p>Values never reach SQL by concatenation: they are bound parameters. Identifiers (worktable
 * names come from the worktables state table) go through {@link #quoteIdentifier} only.
 */
final class RunState {
    private RunState() {
    }

    /** The state tables, quoted: the schema name comes from {@link StateSchema#SCHEMA}. */
    static final String RUNS = stateTable("runs");
    static final String TASKS = stateTable("tasks");
    static final String LOGS = stateTable("logs");
    static final String WORKTABLES = stateTable("worktables");

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

    /** A run as the inspection commands need it. */
    record Run(String id, String campaign, String status) {
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
        try (PreparedStatement s = c.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'runs'")) {
            s.setString(1, StateSchema.SCHEMA);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    close(c);
                    throw new Failure(db + " holds no camp run state (no table " + StateSchema.SCHEMA
                            + ".runs); was it made by camp run?");
                }
            }
        } catch (SQLException e) {
            close(c);
            throw new Failure("cannot read " + db + ": " + firstLine(e.getMessage()));
        }
        return c;
    }

    /** The run with this id, or a failure naming the database and suggesting a close id. */
    static Run requireRun(Connection c, Path db, String runId) throws Failure, SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, campaign, status FROM " + RUNS + " WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    return new Run(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
        }
        String hint = Suggestions.didYouMean(runId, strings(c, "SELECT run_id FROM " + RUNS, List.of()));
        throw new Failure("no run '" + runId + "' in " + db + " (see camp runs)" + (hint == null ? "" : "; " + hint));
    }

    /** The first column of every row of a query with bound string parameters. */
    static List<String> strings(Connection c, String sql, List<String> parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    /** A SQL identifier in double quotes, inner double quotes doubled. */
    static String quoteIdentifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String stateTable(String name) {
        return quoteIdentifier(StateSchema.SCHEMA) + "." + quoteIdentifier(name);
    }

    /**
     * Re-quotes a possibly qualified table name as stored in the state tables, e.g.
     * {@code "run_x"."tiers__gold"} or {@code run_x.tiers__gold}: each part, quoted or bare, is
     * parsed and then quoted again with {@link #quoteIdentifier}.
     */
    static String quoteQualifiedName(String stored) throws Failure {
        List<String> parts = splitQualifiedName(stored);
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(quoteIdentifier(part));
        }
        return b.toString();
    }

    static List<String> splitQualifiedName(String stored) throws Failure {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = stored.length();
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < n && stored.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw new Failure("malformed table name in the run state: " + stored);
                    }
                    char ch = stored.charAt(i++);
                    if (ch == '"') {
                        if (i < n && stored.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(ch);
                    }
                }
            } else {
                while (i < n && stored.charAt(i) != '.') {
                    part.append(stored.charAt(i++));
                }
            }
            if (part.length() == 0) {
                throw new Failure("malformed table name in the run state: " + stored);
            }
            parts.add(part.toString());
            if (i >= n) {
                return parts;
            }
            if (stored.charAt(i) != '.') {
                throw new Failure("malformed table name in the run state: " + stored);
            }
            i++;
        }
    }

    /** A TIMESTAMPTZ column as an ISO instant in UTC ({@code 2026-03-10T09:00:01Z}), or null. */
    static String instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant().toString();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Integer nullableInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
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
