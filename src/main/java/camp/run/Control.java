package camp.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Commands to a run from another process (§9: pause, stop). The running process holds the
 * DuckDB file, so the command is a file beside it, {@code control/<run>.pause} or
 * {@code .stop}, which the interpreter reads before each task and between batches of messages.
 * A request names a run that is in progress (its event log says so), applies to that run only,
 * and is removed when the run starts and when it ends, whatever ends it.
 */
public final class Control {
    /** How camp names runs: the logical time in UTC, with {@code -2}, {@code -3}... for a second run of that time. */
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}T\\d{6}Z(-\\d{1,9})?");

    private Control() {
    }

    public enum Command { PAUSE, STOP }

    /** Whether a text is a run id (never a path: no separator, no dot can pass). */
    public static boolean isRunId(String text) {
        return text != null && RUN_ID.matcher(text).matches();
    }

    /** Refuses what is not a run id, with the form run ids take. */
    public static String requireRunId(String text) {
        if (!isRunId(text)) {
            throw new IllegalArgumentException("'" + text + "' is not a run id: run ids look like 20260310T080000Z"
                    + " (see camp runs)");
        }
        return text;
    }

    static Path file(Path db, String run, Command command) {
        return Database.sideFolder(db, "control").resolve(requireRunId(run) + "." + command.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * Asks the process that runs a run to pause or stop it. The run must be in progress: its
     * event log exists and has not ended.
     */
    public static void request(Path db, String run, Command command) throws IOException {
        requireRunId(run);
        if (!EventLog.inProgress(db, run)) {
            throw new IllegalArgumentException("run '" + run + "' is not in progress in the process that holds " + db
                    + " (see camp runs once it is free)");
        }
        Path f = file(db, run, command);
        Files.createDirectories(f.getParent());
        Files.writeString(f, command.name() + "\n");
    }

    /** The command waiting for this run, stop first. */
    public static Optional<Command> pending(Path db, String run) {
        if (Files.exists(file(db, run, Command.STOP))) {
            return Optional.of(Command.STOP);
        }
        if (Files.exists(file(db, run, Command.PAUSE))) {
            return Optional.of(Command.PAUSE);
        }
        return Optional.empty();
    }

    public static void clear(Path db, String run) {
        for (Command c : Command.values()) {
            try {
                Files.deleteIfExists(file(db, run, c));
            } catch (IOException ignored) {
                // a leftover command file is read again next time, which is what was asked
            }
        }
    }
}
