package camp.cli;

import camp.check.Checked;
import camp.run.Times;
import camp.schedule.LaunchCalendar;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp schedule FILE}: the next launch times of a campaign's schedule (§8). */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Preview the next launch times of a campaign's schedule, in its time zone and in UTC."},
        footer = {"", "Examples:", "  camp schedule samples/loyalty_monthly.camp",
            "  camp schedule samples/spring_promo.camp --after \"2026-03-01 00:00\" --count 20"})
final class ScheduleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .camp campaign.")
    Path file;

    @Option(names = "--after", paramLabel = "TIME", description = "Show launches after this time (default: now).")
    String after;

    @Option(names = "--count", defaultValue = "10", description = "How many launches (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checked checked = ExplainCommand.checkOrReport(file, err);
        if (checked == null) {
            return ExitCodes.SCRIPT_ERRORS;
        }
        if (checked.plan().schedule() == null) {
            out.println("no schedule: the campaign runs once, as soon as it is launched");
            return ExitCodes.OK;
        }
        ZoneId zone = checked.plan().schedule().zone();
        Instant from;
        try {
            from = after == null ? Instant.now() : Times.parse(after, zone);
        } catch (IllegalArgumentException e) {
            err.println("camp: --after " + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<ZonedDateTime> launches = new LaunchCalendar().next(checked.plan().schedule(), from, Math.max(1, count));
        if (launches.isEmpty()) {
            out.println("no launch after " + from + ": the schedule has ended");
            return ExitCodes.OK;
        }
        DateTimeFormatter local = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ROOT);
        for (ZonedDateTime t : launches) {
            out.println(local.format(t) + " " + zone + "   (" + t.toInstant() + ")");
        }
        return ExitCodes.OK;
    }
}
