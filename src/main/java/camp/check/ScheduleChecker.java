package camp.check;

import camp.ast.Name;
import camp.ast.ScheduleAst;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Suggestions;
import camp.schedule.Frequency;
import camp.schedule.LaunchCalendar;
import camp.schedule.MonthDays;
import camp.schedule.ScheduleSpec;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Checks a schedule statement (§8) and resolves it into a {@link ScheduleSpec}. */
final class ScheduleChecker {
    private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();
    private static final Map<String, Month> MONTHS = new LinkedHashMap<>();

    static {
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.name().toLowerCase(Locale.ROOT);
            DAYS.put(full.substring(0, 3), d);
            DAYS.put(full, d);
        }
        for (Month m : Month.values()) {
            String full = m.name().toLowerCase(Locale.ROOT);
            MONTHS.put(full.substring(0, 3), m);
            MONTHS.put(full, m);
        }
    }

    private final List<Diagnostic> diagnostics;
    private boolean ok = true;

    ScheduleChecker(List<Diagnostic> diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The resolved schedule (null when it had errors) and the zone name to run in. */
    record Result(ScheduleSpec spec, String zone) {
    }

    private void report(Diagnostic d) {
        if (d.isError()) {
            ok = false;
        }
        diagnostics.add(d);
    }

    Result check(Statement.Schedule s) {
        ZoneId zone = ZoneId.of("UTC");
        String zoneName = "UTC";
        if (s.timezone() != null) {
            try {
                zone = ZoneId.of(s.timezone());
                zoneName = s.timezone();
            } catch (RuntimeException e) {
                // the span is the string literal: the replacement is the suggestion quoted
                Diagnostic unknown = Diagnostic.at(s.timezoneSpan(), Code.UNKNOWN_TIMEZONE, s.timezone());
                report(Suggestions.closest(s.timezone(), new TreeSet<>(ZoneId.getAvailableZoneIds()))
                        .map(z -> unknown.withSuggestion(z, "\"" + z + "\""))
                        .orElse(unknown));
            }
        }
        if (s.from() != null && s.until() != null && s.from().date() != null && s.until().date() != null
                && s.from().date().isAfter(s.until().date())) {
            report(Diagnostic.at(s.until().span(), Code.FROM_AFTER_UNTIL, s.from().date(), s.until().date()));
        }
        if (s.from() != null && s.from().date() == null || s.until() != null && s.until().date() == null) {
            ok = false;
        }
        if (s.maxRuns() != null && s.maxRuns() < 1) {
            report(Diagnostic.at(s.maxRunsSpan(), Code.BAD_COUNT, "max runs", 1, s.maxRuns()));
        }
        Frequency frequency = frequency(s.frequency());
        if (!ok || frequency == null) {
            return new Result(null, zoneName);
        }
        ScheduleSpec spec;
        try {
            spec = new ScheduleSpec(frequency, s.from() == null ? null : s.from().date(),
                    s.until() == null ? null : s.until().date(), s.maxRuns() == null ? null : s.maxRuns().intValue(), zone);
        } catch (IllegalArgumentException e) {
            return new Result(null, zoneName);
        }
        LaunchCalendar calendar = new LaunchCalendar();
        // whether it can launch at all: judged from its own start, not from today
        java.time.Instant start = spec.from() == null ? java.time.Instant.EPOCH
                : spec.from().atStartOfDay(spec.zone()).toInstant().minusSeconds(1);
        if (calendar.nextAfter(spec, start).isEmpty()) {
            report(Diagnostic.at(s.frequency().span(), Code.SCHEDULE_NEVER));
            return new Result(spec, zoneName);
        }
        calendar.shortestGap(spec).ifPresent(gap -> {
            if (gap.compareTo(Duration.ofMinutes(15)) < 0) {
                report(Diagnostic.at(s.frequency().span(), Code.TOO_FREQUENT, human(gap)));
            }
        });
        return new Result(spec, zoneName);
    }

    private static String human(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            long seconds = d.getSeconds();
            return seconds == 1 ? "second" : seconds + " seconds";
        }
        return minutes == 1 ? "minute" : minutes + " minutes";
    }

    private Frequency frequency(ScheduleAst.Frequency f) {
        try {
            return frequencyOrNull(f);
        } catch (IllegalArgumentException e) {
            // a part the parser could not read (already reported) leaves the frequency incomplete
            return null;
        }
    }

    private Frequency frequencyOrNull(ScheduleAst.Frequency f) {
        if (f instanceof ScheduleAst.Once o) {
            return o.at() == null ? null : new Frequency.Once(o.at());
        }
        if (f instanceof ScheduleAst.Daily d) {
            List<LocalTime> times = times(d.times());
            Set<DayOfWeek> days = days(d.days());
            return times == null || days == null ? null : new Frequency.Daily(times, days);
        }
        if (f instanceof ScheduleAst.Every e) {
            Set<DayOfWeek> days = days(e.days());
            ChronoUnit unit = e.step().unit();
            if (unit != ChronoUnit.MINUTES && unit != ChronoUnit.HOURS) {
                report(Diagnostic.at(e.stepSpan(), Code.BAD_INTERVAL, "'every' takes minutes or hours; use daily, weekly or monthly for longer periods"));
                return null;
            }
            if (e.amount() < 1) {
                report(Diagnostic.at(e.stepSpan(), Code.BAD_COUNT, "the interval", 1, e.amount()));
                return null;
            }
            LocalTime start = e.windowStart() == null ? null : e.windowStart().time();
            LocalTime end = e.windowEnd() == null ? null : e.windowEnd().time();
            if (e.windowStart() != null && (start == null || end == null)) {
                return null;
            }
            if (start != null && end.isBefore(start)) {
                report(Diagnostic.at(e.windowEnd().span(), Code.WINDOW_ORDER, start, end));
                return null;
            }
            Duration step = e.step().approximate();
            return days == null ? null : new Frequency.Every(step, start, end, days);
        }
        if (f instanceof ScheduleAst.Weekly w) {
            int every = 1;
            if (w.every() != null) {
                if (w.every().unit() != ChronoUnit.WEEKS) {
                    report(Diagnostic.at(w.everySpan(), Code.BAD_INTERVAL, "a weekly schedule repeats every N weeks"));
                    return null;
                }
                if (w.every().amount() < 1 || w.every().amount() > 520) {
                    report(Diagnostic.at(w.everySpan(), Code.BAD_COUNT, "the number of weeks", 1, w.every().amount()));
                    return null;
                }
                every = (int) w.every().amount();
            }
            Set<DayOfWeek> days = days(w.days());
            List<LocalTime> times = times(w.times());
            return days == null || times == null || days.isEmpty() ? null : new Frequency.Weekly(every, days, times);
        }
        if (f instanceof ScheduleAst.Monthly m) {
            MonthDays days = monthDays(m.days());
            List<LocalTime> times = times(m.times());
            Set<Month> months = EnumSet.noneOf(Month.class);
            for (Name n : m.months()) {
                Month month = MONTHS.get(n.value().toLowerCase(Locale.ROOT));
                if (month == null) {
                    report(Diagnostic.at(n.span(), Code.UNKNOWN_MONTH, n.value())
                            .withDidYouMean(n.value(), MONTHS.keySet()));
                    return null;
                }
                months.add(month);
            }
            return days == null || times == null ? null : new Frequency.Monthly(days, times, months);
        }
        return null;
    }

    private MonthDays monthDays(ScheduleAst.MonthDays d) {
        if (d instanceof ScheduleAst.DayNumbers n) {
            List<Integer> days = new ArrayList<>();
            for (int i = 0; i < n.days().size(); i++) {
                long day = n.days().get(i);
                if (day < 1 || day > 31) {
                    report(Diagnostic.at(n.daySpans().get(i), Code.BAD_MONTH_DAY, day));
                    return null;
                }
                days.add((int) day);
            }
            return new MonthDays.DayNumbers(days);
        }
        ScheduleAst.Ordinal o = (ScheduleAst.Ordinal) d;
        String ord = o.ordinal().toLowerCase(Locale.ROOT);
        String day = o.day().value().toLowerCase(Locale.ROOT);
        if (ord.equals("last")) {
            if (day.equals("day")) {
                return new MonthDays.LastDay();
            }
            DayOfWeek w = weekday(o.day());
            return w == null ? null : new MonthDays.LastWeekday(w);
        }
        int n = switch (ord) {
            case "1st" -> 1;
            case "2nd" -> 2;
            case "3rd" -> 3;
            case "4th" -> 4;
            case "5th" -> 5;
            default -> 0;
        };
        if (n == 0) {
            report(Diagnostic.at(o.ordinalSpan(), Code.BAD_ORDINAL, o.ordinal()));
            return null;
        }
        if (day.equals("day")) {
            report(Diagnostic.at(o.day().span(), Code.BAD_INTERVAL, "'" + o.ordinal() + " day' is written 'day " + n + "'"));
            return null;
        }
        DayOfWeek w = weekday(o.day());
        return w == null ? null : new MonthDays.NthWeekday(n, w);
    }

    private DayOfWeek weekday(Name n) {
        DayOfWeek d = DAYS.get(n.value().toLowerCase(Locale.ROOT));
        if (d == null) {
            report(Diagnostic.at(n.span(), Code.UNKNOWN_WEEKDAY, n.value())
                    .withDidYouMean(n.value(), DAYS.keySet()));
        }
        return d;
    }

    private Set<DayOfWeek> days(List<ScheduleAst.DayRange> ranges) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (ScheduleAst.DayRange r : ranges) {
            DayOfWeek from = weekday(r.from());
            DayOfWeek to = r.to() == null ? from : weekday(r.to());
            if (from == null || to == null) {
                return null;
            }
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        return days;
    }

    private List<LocalTime> times(List<ScheduleAst.TimeValue> values) {
        List<LocalTime> times = new ArrayList<>();
        for (ScheduleAst.TimeValue v : values) {
            if (v.time() == null) {
                ok = false;
                return null;
            }
            times.add(v.time());
        }
        return times;
    }
}
