package camp.cli;

import camp.check.Checked;
import camp.ir.Plan;
import camp.run.Times;
import camp.schedule.LaunchCalendar;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp schedule FILE}: the next launch times of a campaign's schedule (§8). */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Preview the next launch times of a campaign's schedule, in its time zone and in UTC.",
            "A local time that a daylight-saving change skips moves forward by the gap; one that happens twice",
            "launches once, at its first occurrence."},
        footer = {"",
            "With --format json, one object on stdout:",
            "  {\"campaign\",\"timezone\",\"launches\":[\"2026-03-29T03:30:00+02:00\", ...]}",
            "every launch an ISO-8601 time with its offset in the campaign's zone.",
            "",
            "Exit codes: 0 ok (also when the schedule has no more launches), 1 errors in the script,",
            "2 usage or an unreadable file.",
            "",
            "Examples:",
            "  camp schedule samples/loyalty_monthly.camp",
            "  camp schedule samples/spring_promo.camp --from \"2026-03-02 09:00\" --count 20",
            "  camp schedule samples/welcome.camp --format json | jq -r '.launches[]'"})
final class ScheduleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .camp campaign.")
    Path file;

    @CommandLine.ArgGroup(exclusive = true)
    Start start;

    /** Where the launches start: --from (a launch at that time is listed) or --after (it is not). */
    static final class Start {
        @Option(names = "--from", paramLabel = "TIME", description = "Launches at or after this time (default: now).")
        String from;

        @Option(names = "--after", paramLabel = "TIME", description = "Launches strictly after this time.")
        String after;
    }

    @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "How many launches (default: ${DEFAULT-VALUE}).")
    int count;

    @CommandLine.Mixin
    FormatOption output;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 1) {
            err.println("camp: --count must be 1 or more, not " + count);
            return ExitCodes.USAGE;
        }
        Checked checked = ExplainCommand.checkOrReport(file, err);
        if (checked == null) {
            return ExitCodes.SCRIPT_ERRORS;
        }
        Plan plan = checked.plan();
        ZoneId zone = ZoneId.of(plan.timezone());
        Instant after;
        try {
            if (start != null && start.from != null) {
                after = Times.parse(start.from, zone).minusMillis(1);
            } else if (start != null && start.after != null) {
                after = Times.parse(start.after, zone);
            } else {
                after = Instant.now();
            }
        } catch (IllegalArgumentException e) {
            err.println("camp: " + (start.from != null ? "--from " : "--after ") + e.getMessage());
            return ExitCodes.USAGE;
        }
        List<ZonedDateTime> launches = plan.schedule() == null ? List.of() : new LaunchCalendar().next(plan.schedule(), after, count);
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("campaign", plan.campaign());
            root.put("timezone", plan.timezone());
            ArrayNode list = root.putArray("launches");
            launches.forEach(t -> list.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)));
            if (plan.schedule() == null) {
                root.put("note", "no schedule: the campaign runs once, as soon as it is launched");
            }
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        if (plan.schedule() == null) {
            out.println("no schedule: the campaign runs once, as soon as it is launched");
            return ExitCodes.OK;
        }
        if (launches.isEmpty()) {
            out.println("no launch after " + after.plusMillis(start != null && start.from != null ? 1 : 0) + ": the schedule has ended");
            return ExitCodes.OK;
        }
        for (ZonedDateTime t : launches) {
            out.println(LOCAL.format(t) + " " + zone + "   (" + t.toInstant() + ")");
        }
        return ExitCodes.OK;
    }
}
