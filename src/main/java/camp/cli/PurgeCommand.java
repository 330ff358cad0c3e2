package camp.cli;

import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunStatus;
import camp.run.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp purge RUN...}: drops the worktables of finished runs; their runs, tasks and logs stay. */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = {"Drop the worktables of finished runs to give their space back; the runs, tasks, logs, saved",
            "audiences and delivery history stay. A purged run can no longer be previewed or resumed.",
            "With --older-than, every finished run that ended longer ago than that."},
        footer = {"", "With --format json, one object on stdout: {\"purged\":[RUN...],\"bytesBefore\",\"bytesAfter\",\"bytesFree\"}:",
            "the database file (and its write-ahead log) before and after, and with --no-compact the bytes free",
            "inside it (null when compacted). An error is {\"error\",\"exitCode\",\"meaning\"}.",
            "", "Examples:", "  camp purge 20260310T080000Z", "  camp purge --older-than 30d",
            "  camp purge --db data/crm.duckdb 20260310T080000Z 20260311T080000Z"})
final class PurgeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "The run ids (see camp runs).")
    List<String> runs = List.of();

    @picocli.CommandLine.Option(names = "--older-than", paramLabel = "DURATION",
            description = "Every finished run that ended longer ago than this (30d, 12h, 2w).")
    String olderThan;

    @picocli.CommandLine.Option(names = "--compact", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Rewrite the database without the space the purged worktables held, giving it back to the disk",
                "(default; --no-compact only frees it inside the file for the next runs)."})
    boolean compact;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @CommandLine.Mixin
    FormatOption output;

    /** What the purge did, for --format json. */
    private final com.fasterxml.jackson.databind.node.ObjectNode report = Json.object();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = this.database.path();
        boolean json = output.json();
        if (runs.isEmpty() == (olderThan == null)) {
            return Json.error(out, err, json, ExitCodes.USAGE, "name the runs to purge, or give --older-than (not both)");
        }
        java.time.Duration age;
        try {
            age = olderThan == null ? null : Durations.parse(olderThan);
        } catch (IllegalArgumentException e) {
            return Json.error(out, err, json, ExitCodes.USAGE, "--older-than " + e.getMessage());
        }
        boolean server = Database.isConnectionFile(database);
        long before = server ? 0 : fileBytes(database);
        try (Connection c = Database.openExisting(database)) {
            Store store = new Store(c);
            if (server) {
                before = serverBytes(database, c);
            }
            List<String> chosen = age == null ? runs : store.purgeable(java.time.Instant.now().minus(age));
            var purged = report.putArray("purged");
            if (age != null && chosen.isEmpty() && !json) {
                out.println("no finished run with worktables ended more than " + olderThan + " ago");
            }
            for (String run : chosen) {
                var row = store.run(run);
                if (row.isEmpty()) {
                    return Json.error(out, err, json, ExitCodes.USAGE, "no run '" + run + "' in " + database + " (see camp runs)");
                }
                RunStatus status = row.get().status();
                if (status == RunStatus.RUNNING || status == RunStatus.WAITING || status == RunStatus.PAUSED) {
                    return Json.error(out, err, json, ExitCodes.USAGE, "run '" + run + "' is " + status + "; stop it before purging it");
                }
                store.purge(run, store.runSchema(run));
                store.log(run, null, "info", "worktables purged");
                purged.add(run);
                if (!json) {
                    out.println("purged the worktables of " + run);
                }
            }
            report.put("bytesBefore", before);
            if (!chosen.isEmpty() && server) {
                // a server gives the files of dropped tables back at once
                long after = serverBytes(database, c);
                report.put("bytesAfter", after);
                report.put("bytesFree", 0);
                if (!json) {
                    out.println("the database is " + bytes(after) + " (it was " + bytes(before) + ": "
                            + bytes(Math.max(0, before - after)) + " given back)");
                }
            } else if (!chosen.isEmpty()) {
                space(c, database, before, json ? new PrintWriter(java.io.Writer.nullWriter()) : out);
            } else {
                report.put("bytesAfter", before);
                report.putNull("bytesFree");
            }
            if (json) {
                out.println(Json.write(report));
            }
            return ExitCodes.OK;
        } catch (SQLException e) {
            return Json.error(out, err, json, ExitCodes.USAGE, e.getMessage());
        }
    }

    /**
     * Gives the space of the dropped worktables back: a checkpoint writes the database without
     * them, so that the file shrinks where its end was freed and the rest is free inside it for the
     * next runs; says how much.
     */
    private void space(Connection c, Path database, long before, PrintWriter out) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            if (compact) {
                // a copy of what is left, written block after block, then put in the file's place
                Path copy = database.resolveSibling(database.getFileName() + ".compact");
                deleteQuietly(copy);
                deleteQuietly(Path.of(copy + ".wal"));
                String name;
                try (ResultSet r = s.executeQuery("SELECT current_database()")) {
                    r.next();
                    name = r.getString(1);
                }
                s.execute("ATTACH '" + copy.toAbsolutePath().toString().replace("'", "''") + "' AS camp_compacted");
                s.execute("COPY FROM DATABASE \"" + name.replace("\"", "\"\"") + "\" TO camp_compacted");
                s.execute("DETACH camp_compacted");
                c.close();
                try {
                    Files.move(copy, database, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (java.io.IOException e) {
                    deleteQuietly(copy);
                    throw new SQLException("cannot put the compacted copy in place of " + database + ": " + e.getMessage(), e);
                }
                long after = fileBytes(database);
                report.put("bytesAfter", after);
                report.putNull("bytesFree");
                out.println("the database file is " + bytes(after) + " (it was " + bytes(before) + ": "
                        + bytes(Math.max(0, before - after)) + " given back to the disk)");
                return;
            }
            long free = 0;
            try (ResultSet r = s.executeQuery("SELECT free_blocks * block_size FROM pragma_database_size()")) {
                if (r.next()) {
                    free = r.getLong(1);
                }
            }
            report.put("bytesAfter", fileBytes(database));
            report.put("bytesFree", free);
            out.println("the database file is " + bytes(fileBytes(database)) + " (it was " + bytes(before) + "); " + bytes(free)
                    + " inside it are free for the next runs (without --no-compact, camp purge gives them back to the disk)");
        }
    }

    /** The size of the server's database (of a Spark run's warehouse folder), in bytes. */
    private static long serverBytes(Path database, Connection c) throws SQLException {
        if (Database.isSparkFile(database)) {
            return Database.sparkWarehouseBytes(database);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_database_size(current_database())")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // ATTACH reports a file it cannot write
        }
    }

    /** The database file and its write-ahead log, in bytes. */
    private static long fileBytes(Path database) {
        long total = 0;
        for (Path f : List.of(database, Path.of(database + ".wal"))) {
            try {
                total += Files.exists(f) ? Files.size(f) : 0;
            } catch (java.io.IOException e) {
                // a file that vanished counts for nothing
            }
        }
        return total;
    }

    static String bytes(long n) {
        if (n < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", n / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
    }
}
