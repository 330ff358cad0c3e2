package camp.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code camp} command line: one subcommand per class, streams injected for tests. */
@Command(name = "camp", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Orchestrated marketing campaigns as code.",
            "",
            "Write a campaign as a .camp file, check it, see the exact audience of every step, then run it.",
            ""},
        subcommands = {CheckCommand.class, FmtCommand.class, RunCommand.class, ResumeCommand.class, ControlCommands.Pause.class,
            ControlCommands.Stop.class, ScheduleCommand.class, SchedulerCommand.class, StatusCommand.class, ReportCommand.class,
            SqlCommand.class, DiffCommand.class, ExplainCommand.class, LspCommand.class,
            RunsCommand.class, TasksCommand.class, LogsCommand.class, PreviewCommand.class, PurgeCommand.class,
            CommandLine.HelpCommand.class},
        footer = {
            "",
            "Exit codes: 0 ok, 1 errors in scripts, 2 usage or unreadable file, 3 run failed, 4 internal error.",
            "",
            "Examples:",
            "  camp check samples/*.camp",
            "  camp explain --stage ast samples/spring_promo.camp"})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            err.println("camp: internal error: " + ex);
            if (Boolean.getBoolean("camp.verbose") || java.util.Arrays.asList(args).contains("--verbose")) {
                ex.printStackTrace(err);
            } else {
                err.println("(run with --verbose for the stack trace)");
            }
            return ExitCodes.INTERNAL;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or "dev". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"camp " + (v == null ? "dev" : v)};
        }
    }
}
