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
        footer = {
            "",
            "Exit codes: 0 ok, 1 errors in scripts, 2 usage or unreadable file, 3 run failed, 4 internal error.",
            "",
            "Examples:",
            "  camp check samples/*.camp",
            "  camp explain --stage ast samples/spring_promo.camp"})
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        camp.run.NativeLibraries.cleanInBackground();
        if (args.length > 0 && OPENS_A_DATABASE.contains(args[0])) {
            camp.run.NativeLibraries.loadInBackground();
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** The commands that open a database (DuckDB's library is loaded while they parse and check). */
    private static final java.util.Set<String> OPENS_A_DATABASE = java.util.Set.of("run", "resume", "test", "scheduler", "runs",
            "tasks", "logs", "status", "report", "preview", "pause", "stop", "purge");

    /** The subcommands, in the order the help lists them. */
    private static final java.util.List<Class<?>> COMMANDS = java.util.List.of(InitCommand.class, CheckCommand.class,
            FmtCommand.class, TestCommand.class, RunCommand.class, ResumeCommand.class, ControlCommands.Pause.class,
            ControlCommands.Stop.class, ScheduleCommand.class, SchedulerCommand.class, StatusCommand.class, ReportCommand.class,
            SqlCommand.class, DiffCommand.class, GraphCommand.class, ExplainCommand.class, LspCommand.class,
            RunsCommand.class, TasksCommand.class, LogsCommand.class, PreviewCommand.class, PurgeCommand.class,
            picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class);

    /**
     * The command line for these arguments. Building the model of every subcommand (picocli
     * reflects over each) costs about a quarter of a second at start, so a command line that
     * names a subcommand gets that one only, {@code camp --version} none; the help, completion, a
     * mistyped or no command get all.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return cli; // the version alone needs no subcommand
        }
        Class<?> only = args.length == 0 ? null : named(args[0]);
        for (Class<?> command : COMMANDS) {
            if (only == null || command == only) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    private static Class<?> named(String name) {
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c != null && (c.name().equals(name) || java.util.Arrays.asList(c.aliases()).contains(name))) {
                boolean needsAll = command == CommandLine.HelpCommand.class || command == picocli.AutoComplete.GenerateCompletion.class;
                return needsAll ? null : command;
            }
        }
        return null;
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args);
        versionEverywhere(cli);
        HelpLayout.apply(cli);
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
        cli.setParameterExceptionHandler((ex, line) -> {
            // one line that says what is wrong and where to read more, not the whole help
            CommandLine failed = ex.getCommandLine();
            err.println("camp: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try 'camp " + (failed == null || failed == cli ? "" : failed.getCommandName() + " ") + "--help' for more.");
            return ExitCodes.USAGE;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** {@code camp} alone: the help, on stderr since no command ran, and the usage exit code. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    /** The project's version, as the build wrote it into {@code camp/version.properties} (or the jar's manifest). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"camp " + version()};
        }

        static String version() {
            try (java.io.InputStream in = Main.class.getResourceAsStream("/camp/version.properties")) {
                if (in != null) {
                    java.util.Properties p = new java.util.Properties();
                    p.load(in);
                    String v = p.getProperty("version", "");
                    if (!v.isBlank() && !v.startsWith("${")) {
                        return v;
                    }
                }
            } catch (java.io.IOException e) {
                // fall through to the manifest
            }
            String v = Main.class.getPackage().getImplementationVersion();
            return v == null ? "dev" : v;
        }
    }

    /** Every subcommand answers -V/--version with camp's version (picocli does not inherit the provider). */
    private static void versionEverywhere(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().versionProvider() == null) {
                sub.getCommandSpec().versionProvider(new Version());
            }
            versionEverywhere(sub);
        }
    }
}
