package camp.cli;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.DiagnosticRenderer;
import camp.ir.Plan;
import camp.project.Project;
import camp.run.Database;
import camp.run.DuckDbQueries;
import camp.run.Interpreter;
import camp.run.RunOptions;
import camp.run.RunResult;
import camp.run.Times;
import camp.schedule.ScheduleSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp run FILE}: runs a campaign now (or at --at), one task per activity. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Run a campaign: every activity becomes a task over the database, each transition a worktable with its exact count.",
            "Progress goes to stderr as it happens; the summary (or, with --format json, one JSON object) to stdout."},
        footer = {
            "",
            "The database holds the source tables (entities 'from table') and the run state: runs, tasks,",
            "logs, worktables, saved audiences, incremental history, the delivery ledger.",
            "Default: $CAMP_DB, else db in the campaign's camp.toml, else .camp/camp.duckdb beside that",
            "camp.toml, else .camp/camp.duckdb in the current folder: one database per project.",
            "Messages go to a file outbox, one JSON line each (default: outbox/RUN.jsonl beside the database).",
            "",
            "With --format json, one object on stdout:",
            "  {\"run\",\"campaign\",\"status\",\"dryRun\",\"error\",",
            "   \"activities\":{NAME:{\"kind\",\"status\",\"input\",\"outputs\":{PORT:N},\"error\"}},",
            "   \"tasks\":[...]}",
            "tasks lists the same tasks in plan order, each as camp tasks --format json describes it",
            "(activity, kind, status, startedAt, endedAt, durationMs, input, outputs, error, line,",
            "column). Script errors: {\"diagnostics\":[...]} as camp check --format json gives them.",
            "",
            "Exit codes: 0 completed or waiting, 1 errors in the script, 2 usage, 3 the run failed, 4 internal error.",
            "",
            "Examples:",
            "  camp run samples/spring_promo.camp",
            "  camp run samples/spring_promo.camp --at \"2026-03-10 09:00\" --dry-run",
            "  camp run campaign.camp --db data/crm.duckdb --param min_points=800 --format json",
            "  CAMP_SMTP_USER=camp CAMP_SMTP_PASSWORD=... \\",
            "    camp run campaign.camp --provider email=smtp://mail.example.com:587"})
final class RunCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .camp campaign to run.")
    Path file;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--at", paramLabel = "TIME", description = "The run's logical time, what now() is: 2026-03-10T09:00:00Z or "
            + "\"2026-03-10 09:00\" in the campaign's time zone (default: now).")
    String at;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets a param (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "Run everything except save audience and channels, which report what they would do.")
    boolean dryRun;

    @Option(names = "--test", description = {"A dry run whose channels really send, to the campaign's test audience only: each test",
        "profile gets one message of each channel, rendered as a real recipient's. Test messages count for no cap."})
    boolean test;

    @Option(names = "--outbox", paramLabel = "PATH", description = "The file outbox of every channel (default: outbox/DATABASE/RUN.jsonl beside the database).")
    Path outbox;

    @CommandLine.Mixin
    ProviderOption delivery;

    @CommandLine.Mixin
    FormatOption output;

    @CommandLine.Mixin
    VerboseOption verbosity;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("camp: cannot read '" + file + "': no such file");
            return ExitCodes.USAGE;
        }
        Checked checked;
        try {
            checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
        } catch (IOException e) {
            err.println("camp: cannot read '" + file + "': " + e.getMessage());
            return ExitCodes.USAGE;
        }
        DiagnosticRenderer renderer = new DiagnosticRenderer(verbosity.verbose);
        checked.diagnostics().forEach(d -> err.print(renderer.render(d)));
        if (checked.hasErrors()) {
            return Reports.scriptErrors(output.format, out, checked.diagnostics());
        }
        Instant instant = null;
        String atText = at;
        String atSource = "--at";
        if (atText == null) {
            try {
                Project project = Project.of(file);
                if (project.runAt() != null) {
                    atText = project.runAt();
                    atSource = project.config() + " ([run] at)";
                }
            } catch (Project.ConfigException e) {
                // the run reports an unreadable camp.toml at its line
            }
        }
        if (atText != null) {
            try {
                ZoneId zone = ZoneId.of(checked.plan() == null ? "UTC" : checked.plan().timezone());
                instant = Times.parse(atText, zone);
            } catch (IllegalArgumentException e) {
                err.println("camp: " + atSource + " " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (at == null) {
                err.println("camp: logical time " + atText + " from " + atSource + "; --at sets another");
            }
        }
        warnOutsideSchedule(checked.plan(), instant == null ? Instant.now() : instant, err);
        Path database = this.database.forCampaign(file);
        ProgressPrinter progress = new ProgressPrinter(err, !output.json());
        if (test && checked.plan().testAudience() == null) {
            err.println("camp: " + file + " has no test audience: add `test audience = profiles where ...` to send a test run");
            return ExitCodes.USAGE;
        }
        RunOptions options = new RunOptions(file, database, instant, params, dryRun, outbox, progress).withProviders(delivery.providers)
                .withTest(test);
        RunResult result;
        try {
            result = Interpreter.run(options, checked);
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (Database.Unavailable e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (SQLException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.RUN_FAILED;
        } catch (IOException e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int code = Reports.result(result, output.format, out, err, renderer);
        if (result.run() != null && !output.json()) {
            String db = this.database.hintFor(database);
            err.println("camp: its tasks and log: camp tasks " + result.run() + db + "; camp logs " + result.run() + db);
        }
        return code;
    }

    /**
     * A warning when the logical time falls outside the campaign's schedule ({@code from} and
     * {@code until} are its validity period; a {@code once} schedule's is the day of its launch): the run goes ahead, since an ad hoc run may be meant,
     * but a run on a date the campaign is not valid for is seldom what was wanted.
     */
    static void warnOutsideSchedule(Plan plan, Instant at, PrintWriter err) {
        if (plan == null || plan.schedule() == null) {
            return;
        }
        ScheduleSpec schedule = plan.schedule();
        java.time.LocalDate day = at.atZone(schedule.zone()).toLocalDate();
        String when = "the logical time " + at.atZone(schedule.zone()).toLocalDateTime().toString().replace('T', ' ') + " (" + schedule.zone() + ")";
        if (schedule.frequency() instanceof camp.schedule.Frequency.Once once && !day.equals(once.at().toLocalDate())) {
            String launch = once.at().toString().replace('T', ' ');
            err.println("camp: warning: " + when + " is " + (day.isBefore(once.at().toLocalDate()) ? "before" : "after")
                    + " the campaign's only launch (schedule once at " + launch + "); the run goes ahead: --at sets another time");
        } else if (schedule.from() != null && day.isBefore(schedule.from())) {
            err.println("camp: warning: " + when + " is before the campaign's schedule starts (from " + schedule.from()
                    + "); the run goes ahead: --at sets another time");
        } else if (schedule.until() != null && day.isAfter(schedule.until())) {
            err.println("camp: warning: " + when + " is after the campaign's schedule ended (until " + schedule.until()
                    + "); the run goes ahead: --at sets another time");
        }
    }
}
