package camp.schedule;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** How often a schedule launches, as resolved from a {@code schedule} statement (§8). */
public sealed interface Frequency
        permits Frequency.Once, Frequency.Daily, Frequency.Every, Frequency.Weekly, Frequency.Monthly {

    /** {@code once at DATE TIME}: a single launch at a local date-time of the schedule's zone. */
    record Once(LocalDateTime at) implements Frequency {
        public Once {
            requireNonNull(at, "at is null");
        }
    }

    /**
     * {@code daily at TIMES [on DAYS]}: every listed time of every listed weekday; an empty {@code days}
     * means every day.
     */
    record Daily(List<LocalTime> times, Set<DayOfWeek> days) implements Frequency {
        public Daily {
            times = nonEmptyTimes(times);
            days = daySet(days);
        }
    }

    /**
     * {@code every N minutes|hours [between A and B] [on DAYS]}: wall-clock slots A, A+N, … up to and
     * including B on each listed weekday (empty {@code days}: every day).
     *
     * <p>Without a window the slots restart at each local midnight: 00:00, N, 2N, … while before 24:00
     * (every 7 hours: 00:00, 07:00, 14:00, 21:00, then 00:00 the next day). With only a start the slots run
     * from it to the end of the day; with only an end they run from 00:00 to it. An end earlier than the
     * start means a window that crosses midnight: the slots run from A on the day (which is the day the
     * {@code days} filter looks at) to B on the next day. The step must be at least one minute; a step of a
     * day or more gives one launch a day, at the window start.
     */
    record Every(Duration step, LocalTime windowStart, LocalTime windowEnd, Set<DayOfWeek> days)
            implements Frequency {
        public Every {
            requireNonNull(step, "step is null");
            if (step.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException("step must be at least one minute: " + step);
            }
            days = daySet(days);
        }
    }

    /**
     * {@code weekly [every N weeks] on DAYS at TIMES}: weeks start on Monday and are counted from the week
     * of {@code from}, or of the first launch when there is no {@code from}.
     */
    record Weekly(int everyWeeks, Set<DayOfWeek> days, List<LocalTime> times) implements Frequency {
        public Weekly {
            if (everyWeeks < 1) {
                throw new IllegalArgumentException("everyWeeks must be at least 1: " + everyWeeks);
            }
            days = daySet(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("a weekly schedule needs at least one day");
            }
            times = nonEmptyTimes(times);
        }
    }

    /** {@code monthly on DAYS at TIMES [in MONTHS]}: an empty {@code months} means every month. */
    record Monthly(MonthDays days, List<LocalTime> times, Set<Month> months) implements Frequency {
        public Monthly {
            requireNonNull(days, "days is null");
            times = nonEmptyTimes(times);
            requireNonNull(months, "months is null");
            months = Collections.unmodifiableSet(
                    months.isEmpty() ? EnumSet.noneOf(Month.class) : EnumSet.copyOf(months));
        }
    }

    private static List<LocalTime> nonEmptyTimes(List<LocalTime> times) {
        List<LocalTime> copy = List.copyOf(requireNonNull(times, "times is null"));
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("at least one time of day is required");
        }
        return copy;
    }

    private static Set<DayOfWeek> daySet(Set<DayOfWeek> days) {
        requireNonNull(days, "days is null");
        return Collections.unmodifiableSet(
                days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days));
    }
}
