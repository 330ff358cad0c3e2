package camp.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Commands to a run from another process (§9: pause, stop). The running process holds the
 * DuckDB file, so the command is a file beside it, {@code control/<run>.pause} or
 * {@code .stop}, which the interpreter reads before each task and between batches of messages.
 */
public final class Control {
    private Control() {
    }

    public enum Command { PAUSE, STOP }

    static Path file(Path db, String run, Command command) {
        Path parent = db.toAbsolutePath().getParent();
        return (parent == null ? Path.of(".") : parent).resolve("control")
                .resolve(run + "." + command.name().toLowerCase(java.util.Locale.ROOT));
    }

    public static void request(Path db, String run, Command command) throws IOException {
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
