package camp.cli;

import camp.run.Control;
import camp.run.Interpreter;
import camp.run.RunStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp pause RUN} and {@code camp stop RUN}, from any process. */
final class ControlCommands {
    private ControlCommands() {
    }

    static int apply(CommandLine.Model.CommandSpec spec, String run, Path db, Control.Command command) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path database = db;
        String verb = command == Control.Command.STOP ? "stop" : "pause";
        try {
            RunStatus status = Interpreter.control(run, database, command);
            out.println("run " + run + " " + status);
            return ExitCodes.OK;
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("in use by another camp process")) {
                err.println("camp: " + e.getMessage());
                return ExitCodes.USAGE;
            }
        }
        try {
            Control.request(database, run, command);
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            err.println("camp: cannot write the " + verb + " request: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        out.println(command == Control.Command.STOP
                ? "stop requested: the running process stops the run before its next task or batch of messages"
                : "pause requested: the running task finishes, then the run pauses (camp resume " + run + " continues it)");
        return ExitCodes.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pause a run: no new task starts; the running one finishes. camp resume continues it."},
            footer = {"", "Example:", "  camp pause 20260310T080000Z"})
    static final class Pause implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
        String run;

        @CommandLine.Mixin
        DatabaseOption database;

        @Override
        public Integer call() {
            return apply(spec, run, database.path, Control.Command.PAUSE);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop a run for good: no new task starts, and a channel stops between batches of messages.",
                "A stopped run cannot be resumed."},
            footer = {"", "Example:", "  camp stop 20260310T080000Z"})
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
        String run;

        @CommandLine.Mixin
        DatabaseOption database;

        @Override
        public Integer call() {
            return apply(spec, run, database.path, Control.Command.STOP);
        }
    }
}
