package camp.schedule;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Computes the launch times of a {@link ScheduleSpec}: the next launches after an instant, the most
 * recent missed launch, and the shortest interval between launches.
 *
 * <p>The class is stateless and thread-safe. The rules it implements:
 * <ul>
 * <li>Slots are wall-clock times in the spec's zone, resolved as
 *     {@link ZonedDateTime#of(java.time.LocalDateTime, java.time.ZoneId)} does: a time in a daylight-saving
 *     gap moves forward by the gap (02:30 on a day that skips 02:00–03:00 launches at 03:30), a time that
 *     happens twice launches once, at its first occurrence. Slots that resolve to the same instant launch
 *     once.</li>
 * <li>A launch is inside the validity period when its local date lies in [{@code from}, {@code until}],
 *     both inclusive.</li>
 * <li>The series of launches starts at {@code from} when there is one. Without {@code from} ("from now")
 *     it starts with the first launch strictly after the {@code after} argument: {@code maxRuns} then
 *     counts from that launch, and {@code weekly every N weeks} counts weeks from the week of that launch.
 *     A caller that walks a schedule step by step ({@code nextAfter} of the previous launch) must therefore
 *     resolve {@code from} (e.g. to the activation date) to keep run counting and biweekly parity stable.</li>
 * <li>{@code every N} slots: see {@link Frequency.Every}; day numbers a month lacks (31 in April, 29 to 31
 *     in February) give no launch that month; {@code 5th mon} gives no launch in a month with four
 *     Mondays; {@code every N weeks} counts Monday-started weeks, and the week of {@code from} is week 0
 *     even when its launch days fall before {@code from}.</li>
 * <li>Every search is bounded: a walk ends after {@value #MAX_IDLE_DAYS} consecutive days without a launch
 *     (more than the eight years between two 29 Februaries around 2100) or after {@value #MAX_SCAN_DAYS}
 *     days in all (counting runs from a {@code from} more than ~500 years back), and returns what it found.</li>
 * </ul>
 */
public final class LaunchCalendar {
    /** A walk gives up after this many consecutive days without a launch. */
    public static final int MAX_IDLE_DAYS = 5_000;
    /** A walk gives up after looking at this many days. */
    public static final int MAX_SCAN_DAYS = 200_000;
    /** The warning threshold of §8: a schedule launching more often than this deserves a warning. */
    public static final Duration FREQUENT = Duration.ofMinutes(15);

    /** {@link #shortestGap} looks at this many launches at most. */
    static final int GAP_SAMPLE_LAUNCHES = 3_000;
    /** {@link #shortestGap} looks at this many days at most. */
    static final int GAP_SCAN_DAYS = 12_000;
    /** Where {@link #shortestGap} starts when the spec has neither {@code from} nor {@code until}. */
    static final LocalDate GAP_REFERENCE = LocalDate.of(2026, 1, 1);

    private static final Instant MIN_INSTANT = LaunchCursor.MIN_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant MAX_INSTANT = LaunchCursor.MAX_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);

    /** A calendar; it holds no state, so one instance can be shared. */
    public LaunchCalendar() {
    }

    /**
     * The next {@code count} launches strictly after {@code after}, ascending, in the spec's zone; fewer when
     * the schedule ends first ({@code until}, {@code maxRuns}, a one-off launch, or a search bound).
     *
     * <p>{@code maxRuns} counts launches from {@code from} when the spec has one (launches at or before
     * {@code after} use up runs), otherwise from the first launch after {@code after}.
     *
     * @throws IllegalArgumentException when {@code count} is negative
     */
    public List<ZonedDateTime> next(ScheduleSpec spec, Instant after, int count) {
        return next(spec, after, count, true);
    }

    /** The first launch strictly after {@code after}, as {@link #next} counts it. */
    public Optional<ZonedDateTime> nextAfter(ScheduleSpec spec, Instant after) {
        List<ZonedDateTime> one = next(spec, after, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /**
     * The most recent launch in ({@code after}, {@code now}], for catching up after downtime: however many
     * slots were missed, the scheduler runs this one launch. Empty when no launch falls in that interval or
     * {@code now} is not after {@code after}. {@code maxRuns} is counted as in {@link #next}: when the run
     * limit is reached inside the interval, the answer is the last allowed launch.
     */
    public Optional<ZonedDateTime> latestAtOrBefore(ScheduleSpec spec, Instant after, Instant now) {
        return latestAtOrBefore(spec, after, now, true);
    }

    /**
     * The smallest interval between two consecutive launches, measured on the wall clock (daylight-saving
     * shifts are ignored, so the answer describes the schedule as written, not an accident of one night), or
     * empty when the schedule has fewer than two launches.
     *
     * <p>It looks at up to {@value #GAP_SAMPLE_LAUNCHES} launches (at least two days of an every-minute
     * schedule) starting at {@code from}, else one year before {@code until}, else 2026-01-01, honouring
     * {@code until} and {@code maxRuns}. Compare the answer with {@link #FREQUENT} for the §8 warning.
     */
    public Optional<Duration> shortestGap(ScheduleSpec spec) {
        requireNonNull(spec, "spec is null");
        if (spec.frequency() instanceof Frequency.Once) {
            return Optional.empty();
        }
        LocalDate ref = LaunchCursor.clamp(spec.from() != null ? spec.from()
                : spec.until() != null ? LaunchCursor.clamp(spec.until()).minusDays(366) : GAP_REFERENCE);
        if (spec.until() != null && ref.isAfter(spec.until())) {
            return Optional.empty(); // only for dates beyond what any schedule uses
        }
        ScheduleSpec wall = new ScheduleSpec(spec.frequency(), ref, spec.until(), spec.maxRuns(), ZoneOffset.UTC);
        LaunchCursor cursor = cursor(wall, ref.minusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), GAP_SCAN_DAYS);
        if (cursor == null) {
            return Optional.empty();
        }
        Duration min = null;
        ZonedDateTime prev = null;
        for (int i = 0; i < GAP_SAMPLE_LAUNCHES; i++) {
            ZonedDateTime z = cursor.next();
            if (z == null) {
                break;
            }
            if (prev != null) {
                Duration d = Duration.between(prev, z);
                if (min == null || d.compareTo(min) < 0) {
                    min = d;
                }
            }
            prev = z;
        }
        return Optional.ofNullable(min);
    }

    /** {@link #next}, with the day-skipping shortcut switchable for tests. */
    static List<ZonedDateTime> next(ScheduleSpec spec, Instant after, int count, boolean skip) {
        requireNonNull(spec, "spec is null");
        requireNonNull(after, "after is null");
        if (count < 0) {
            throw new IllegalArgumentException("count is negative: " + count);
        }
        if (count == 0) {
            return List.of();
        }
        if (spec.frequency() instanceof Frequency.Once once) {
            return once(spec, once).filter(z -> z.toInstant().isAfter(after)).map(List::of).orElse(List.of());
        }
        LaunchCursor cursor = cursor(spec, after, MAX_SCAN_DAYS);
        if (cursor == null) {
            return List.of();
        }
        if (skip) {
            cursor.skipUpTo(after);
        }
        List<ZonedDateTime> out = new ArrayList<>(Math.min(count, 1024));
        while (out.size() < count) {
            ZonedDateTime z = cursor.next();
            if (z == null) {
                break;
            }
            if (z.toInstant().isAfter(after)) {
                out.add(z);
            }
        }
        return List.copyOf(out);
    }

    /** {@link #latestAtOrBefore}, with the day-skipping shortcut switchable for tests. */
    static Optional<ZonedDateTime> latestAtOrBefore(ScheduleSpec spec, Instant after, Instant now, boolean skip) {
        requireNonNull(spec, "spec is null");
        requireNonNull(after, "after is null");
        requireNonNull(now, "now is null");
        if (!now.isAfter(after)) {
            return Optional.empty();
        }
        if (spec.frequency() instanceof Frequency.Once once) {
            return once(spec, once).filter(z -> z.toInstant().isAfter(after) && !z.toInstant().isAfter(now));
        }
        LaunchCursor cursor = cursor(spec, after, MAX_SCAN_DAYS);
        if (cursor == null) {
            return Optional.empty();
        }
        if (skip) {
            cursor.skipUpTo(now);
        }
        // the last launch passed at or before now, counting the launches the cursor skipped over
        while (true) {
            ZonedDateTime z = cursor.next();
            if (z == null || z.toInstant().isAfter(now)) {
                ZonedDateTime latest = z == null ? cursor.last() : cursor.previous();
                return Optional.ofNullable(latest).filter(l -> l.toInstant().isAfter(after));
            }
        }
    }

    /** The single launch of a one-off schedule, if it lies in the validity period. */
    private static Optional<ZonedDateTime> once(ScheduleSpec spec, Frequency.Once once) {
        ZonedDateTime at = ZonedDateTime.of(once.at(), spec.zone());
        LocalDate date = at.toLocalDate();
        if (spec.from() != null && date.isBefore(spec.from())
                || spec.until() != null && date.isAfter(spec.until())
                || spec.maxRuns() != null && spec.maxRuns() == 0) {
            return Optional.empty();
        }
        return Optional.of(at);
    }

    /**
     * A cursor over the series of a recurring schedule: from {@code from} when there is one (or close to
     * {@code after} when no run limit makes earlier launches count), else from the first launch after
     * {@code after}; null when the series is empty.
     */
    private static LaunchCursor cursor(ScheduleSpec spec, Instant after, int scanCap) {
        if (after.isAfter(MAX_INSTANT)) {
            return null;
        }
        Instant clamped = after.isBefore(MIN_INSTANT) ? MIN_INSTANT : after;
        LocalDate afterDay = LocalDate.ofInstant(clamped, spec.zone());
        LocalDate from = spec.from() == null ? null : LaunchCursor.clamp(spec.from());
        Instant exclusiveStart = from == null ? after : null;
        LocalDate start;
        if (from == null) {
            start = afterDay.minusDays(2);
        } else if (spec.maxRuns() == null && afterDay.minusDays(2).isAfter(from)) {
            start = afterDay.minusDays(2);
        } else {
            start = from.minusDays(1);
        }
        LocalDate anchor = null;
        if (spec.frequency() instanceof Frequency.Weekly weekly && weekly.everyWeeks() > 1) {
            if (from != null) {
                anchor = DayPattern.monday(from);
            } else {
                LaunchCursor probe = new LaunchCursor(DayPattern.of(weekly, null), spec.zone(), null, spec.until(),
                        exclusiveStart, start, scanCap, Long.MAX_VALUE);
                ZonedDateTime first = probe.next();
                if (first == null) {
                    return null;
                }
                anchor = DayPattern.monday(first.toLocalDate());
            }
        }
        return new LaunchCursor(DayPattern.of(spec.frequency(), anchor), spec.zone(), spec.from(), spec.until(),
                exclusiveStart, start, scanCap, spec.maxRuns() == null ? Long.MAX_VALUE : spec.maxRuns());
    }
}
