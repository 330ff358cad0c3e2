package camp.schedule;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A resolved {@code schedule} statement: a frequency, an optional validity period of inclusive local dates
 * ({@code from}, {@code until}; null means unbounded), an optional maximum number of runs (null: no limit)
 * and the zone launch times are computed in (the checker supplies UTC when none is written).
 *
 * <p>A launch belongs to the validity period when its local date in {@code zone} lies within
 * [{@code from}, {@code until}]. {@code maxRuns} counts launches from the first launch of the schedule,
 * see {@link LaunchCalendar}. {@code from} after {@code until} and a negative {@code maxRuns} are rejected;
 * {@code maxRuns} 0 gives no launch.
 */
public record ScheduleSpec(Frequency frequency, LocalDate from, LocalDate until, Integer maxRuns, ZoneId zone) {
    public ScheduleSpec {
        requireNonNull(frequency, "frequency is null");
        requireNonNull(zone, "zone is null");
        if (from != null && until != null && from.isAfter(until)) {
            throw new IllegalArgumentException("from " + from + " is after until " + until);
        }
        if (maxRuns != null && maxRuns < 0) {
            throw new IllegalArgumentException("maxRuns is negative: " + maxRuns);
        }
    }
}
