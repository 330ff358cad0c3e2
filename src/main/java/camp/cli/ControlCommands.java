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

    static int apply(CommandLine.Model.CommandSpec spec, String run, Path db, Control.Command command, FormatOption output) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = output.json();
        Path database = db;
        String verb = command == Control.Command.STOP ? "stop" : "pause";
        try {
            RunStatus status = Interpreter.control(run, database, command);
            return done(out, json, run, verb, status.label(), true, "run " + run + " " + status);
        } catch (IllegalArgumentException e) {
            return Json.error(out, err, json, ExitCodes.USAGE, e.getMessage());
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("in use by another camp process")) {
                return Json.error(out, err, json, ExitCodes.USAGE, e.getMessage());
            }
        }
        try {
            Control.request(database, run, command);
        } catch (IllegalArgumentException e) {
            return Json.error(out, err, json, ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            return Json.error(out, err, json, ExitCodes.USAGE, "cannot write the " + verb + " request: " + e.getMessage());
        }
        return done(out, json, run, verb, null, false, command == Control.Command.STOP
                ? "stop requested: the running process stops the run before its next task or batch of messages"
                : "pause requested: the running task finishes, then the run pauses (camp resume " + run + " continues it)");
    }

    /** What pause or stop did: at once (the run was not going on), or as a request to the process running it. */
    private static int done(PrintWriter out, boolean json, String run, String verb, String status, boolean applied, String text) {
        if (json) {
            var o = Json.object();
            o.put("run", run);
            o.put("requested", verb);
            o.put("applied", applied);
            o.put("status", status);
            o.put("message", text);
            out.println(Json.write(o));
        } else {
            out.println(text);
        }
        return ExitCodes.OK;
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = {"Pause a run: no new task starts; the running one finishes. camp resume continues it."},
            footer = {"", "With --format json, one object on stdout: {\"run\",\"requested\":\"pause\",\"applied\",\"status\",\"message\"}:",
                "applied is true when the run was not going on and is now paused (status says so), false when",
                "the request was left for the process running it. An error is {\"error\",\"exitCode\",\"meaning\"}.",
                "", "Example:", "  camp pause 20260310T080000Z"})
    static final class Pause implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
        String run;

        @CommandLine.Mixin
        DatabaseOption database;

        @CommandLine.Mixin
        SchemaOption schemaPrefix;

        @CommandLine.Mixin
        FormatOption output;

        @Override
        public Integer call() {
            return apply(spec, run, database.path(), Control.Command.PAUSE, output);
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Stop a run for good: no new task starts, and a channel stops between batches of messages.",
                "A stopped run cannot be resumed."},
            footer = {"", "With --format json, one object on stdout: {\"run\",\"requested\":\"stop\",\"applied\",\"status\",\"message\"}",
                "(see camp pause --help). An error is {\"error\",\"exitCode\",\"meaning\"}.",
                "", "Example:", "  camp stop 20260310T080000Z"})
    static final class Stop implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "RUN", description = "The run id (see camp runs).")
        String run;

        @CommandLine.Mixin
        DatabaseOption database;

        @CommandLine.Mixin
        SchemaOption schemaPrefix;

        @CommandLine.Mixin
        FormatOption output;

        @Override
        public Integer call() {
            return apply(spec, run, database.path(), Control.Command.STOP, output);
        }
    }
}
