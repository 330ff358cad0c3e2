package camp.schedule;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.util.List;

/** The days of a month on which a {@link Frequency.Monthly} schedule launches. */
public sealed interface MonthDays
        permits MonthDays.DayNumbers, MonthDays.NthWeekday, MonthDays.LastWeekday, MonthDays.LastDay {

    /**
     * Days of the month by number, 1 to 31; a number the month does not have (31 in April, 30 in February)
     * gives no launch that month, it is not moved to the month's last day.
     */
    record DayNumbers(List<Integer> days) implements MonthDays {
        public DayNumbers {
            days = List.copyOf(requireNonNull(days, "days is null"));
            if (days.isEmpty()) {
                throw new IllegalArgumentException("at least one day of the month is required");
            }
            for (int d : days) {
                if (d < 1 || d > 31) {
                    throw new IllegalArgumentException("day of month outside 1..31: " + d);
                }
            }
        }
    }

    /** The n-th (1st to 5th) given weekday of the month; a month without a 5th one gives no launch. */
    record NthWeekday(int n, DayOfWeek day) implements MonthDays {
        public NthWeekday {
            requireNonNull(day, "day is null");
            if (n < 1 || n > 5) {
                throw new IllegalArgumentException("ordinal outside 1..5: " + n);
            }
        }
    }

    /** The last given weekday of the month (Quartz {@code 6L} for the last Friday). */
    record LastWeekday(DayOfWeek day) implements MonthDays {
        public LastWeekday {
            requireNonNull(day, "day is null");
        }
    }

    /** The last day of the month (28, 29, 30 or 31; Quartz {@code L}). */
    record LastDay() implements MonthDays {
    }
}
