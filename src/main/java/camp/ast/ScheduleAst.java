package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.DurationValue;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * The schedule as written (§8). Day and month names stay names here; the checker resolves them
 * (with suggestions) into a {@code camp.schedule.ScheduleSpec}.
 */
public final class ScheduleAst {
    private ScheduleAst() {
    }

    /** A time of day; {@code time} is null when the text was not a valid time (already reported). */
    public record TimeValue(LocalTime time, Span span) {
    }

    /** A date; {@code date} is null when the text was not a valid date (already reported). */
    public record DateValue(LocalDate date, Span span) {
    }

    /** A single day or a range {@code mon..fri}. */
    public record DayRange(Name from, Name to, Span span) {
        public DayRange {
            requireNonNull(from, "from is null");
        }
    }

    public sealed interface Frequency {
        Span span();
    }

    public record Once(LocalDateTime at, Span span) implements Frequency {
    }

    public record Daily(List<TimeValue> times, List<DayRange> days, Span span) implements Frequency {
        public Daily {
            times = List.copyOf(times);
            days = List.copyOf(days);
        }
    }

    /** {@code every N minutes|hours [between A and B] [on DAYS]}. */
    public record Every(long amount, DurationValue step, Span stepSpan, TimeValue windowStart, TimeValue windowEnd,
            List<DayRange> days, Span span) implements Frequency {
        public Every {
            requireNonNull(step, "step is null");
            days = List.copyOf(days);
        }
    }

    /** {@code weekly [every N weeks] on DAYS at TIMES}; {@code every} is null when not written. */
    public record Weekly(DurationValue every, Span everySpan, List<DayRange> days, List<TimeValue> times, Span span)
            implements Frequency {
        public Weekly {
            days = List.copyOf(days);
            times = List.copyOf(times);
        }
    }

    public sealed interface MonthDays {
        Span span();
    }

    public record DayNumbers(List<Long> days, List<Span> daySpans, Span span) implements MonthDays {
        public DayNumbers {
            days = List.copyOf(days);
            daySpans = List.copyOf(daySpans);
        }
    }

    /** {@code 2nd tue}, {@code last fri}, {@code last day}: {@code ordinal} is "2nd" or "last". */
    public record Ordinal(String ordinal, Span ordinalSpan, Name day, Span span) implements MonthDays {
        public Ordinal {
            requireNonNull(ordinal, "ordinal is null");
            requireNonNull(day, "day is null");
        }
    }

    public record Monthly(MonthDays days, List<TimeValue> times, List<Name> months, Span span) implements Frequency {
        public Monthly {
            requireNonNull(days, "days is null");
            times = List.copyOf(times);
            months = List.copyOf(months);
        }
    }
}
