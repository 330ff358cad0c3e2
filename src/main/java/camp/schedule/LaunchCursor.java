package camp.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Map;
import java.util.TreeMap;

/**
 * Walks the launches of a recurring schedule in increasing instant order, one nominal day at a time,
 * resolving wall-clock slots in the zone and dropping duplicates; every walk is bounded.
 *
 * <p>Slots of a day are resolved and kept in a buffer until no later day can produce an earlier instant
 * (a local date-time resolves to at most 18 hours before or after its UTC reading), so launches come out
 * sorted even where daylight saving reorders them (02:30 on a spring-forward day resolves after 03:00).
 */
final class LaunchCursor {
    /** Dates outside this range are never scanned; java.time supports them but no schedule needs them. */
    static final LocalDate MIN_DATE = LocalDate.of(-100_000, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(100_000, 1, 1);

    private final DayPattern pattern;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final LocalDate from;
    private final LocalDate until;
    private final Instant exclusiveStart;
    private final int scanCap;
    private final long limit;
    private final TreeMap<Instant, ZonedDateTime> buffer = new TreeMap<>();

    private LocalDate day;
    private ZonedDateTime last;
    private ZonedDateTime previous;
    private long index;
    private int idle;
    private int scanned;
    private boolean finished;

    private Instant skipBound;
    private Instant cachedFrom;
    private Instant cachedNext;

    /**
     * @param from           launches whose local date is before it are dropped (nullable)
     * @param until          launches whose local date is after it are dropped, and the walk ends there (nullable)
     * @param exclusiveStart launches at or before it are dropped (nullable)
     * @param startDay       the first nominal day to look at
     * @param scanCap        the most days this cursor looks at
     * @param limit          the most launches this cursor passes (the run limit)
     */
    LaunchCursor(DayPattern pattern, ZoneId zone, LocalDate from, LocalDate until, Instant exclusiveStart,
            LocalDate startDay, int scanCap, long limit) {
        this.pattern = pattern;
        this.zone = zone;
        this.rules = zone.getRules();
        this.from = from;
        this.until = until;
        this.exclusiveStart = exclusiveStart;
        this.scanCap = scanCap;
        this.limit = limit;
        this.day = clamp(startDay);
    }

    static LocalDate clamp(LocalDate date) {
        return date.isBefore(MIN_DATE) ? MIN_DATE : date.isAfter(MAX_DATE) ? MAX_DATE.plusDays(1) : date;
    }

    /** The last launch passed (returned by {@link #next()} or skipped), or null. */
    ZonedDateTime last() {
        return last;
    }

    /** The launch passed just before the one {@link #next()} last returned, or null. */
    ZonedDateTime previous() {
        return previous;
    }

    /** The next launch, or null when the schedule ends (until, run limit) or a search bound is reached. */
    ZonedDateTime next() {
        while (true) {
            if (index >= limit) {
                return null;
            }
            if (!buffer.isEmpty() && (finished || buffer.firstKey().isBefore(floor(day)))) {
                Map.Entry<Instant, ZonedDateTime> e = buffer.pollFirstEntry();
                index++;
                previous = last;
                last = e.getValue();
                return last;
            }
            if (finished) {
                return null;
            }
            if (skipBound != null && buffer.isEmpty()) {
                skip();
            }
            step();
        }
    }

    /**
     * Lets {@link #next()} pass whole days whose launches are all at or before {@code bound} without
     * resolving them one by one, while no daylight-saving transition is near, the day lies inside the
     * validity period, and the run limit is not passed. Passed launches count towards
     * the run limit and the last of them is {@link #last()}, but {@link #next()} does not return them.
     */
    void skipUpTo(Instant bound) {
        this.skipBound = bound;
    }

    private void skip() {
        LocalDate lastDay = null;
        while (scanned < scanCap && idle < LaunchCalendar.MAX_IDLE_DAYS && !day.isAfter(MAX_DATE.minusDays(4))) {
            LocalDate endDay = day.plusDays(pattern.spanDays());
            if (from != null && day.isBefore(from)
                    || until != null && endDay.isAfter(until)
                    || exclusiveStart != null && !floor(day).isAfter(exclusiveStart)
                    || ceil(endDay.plusDays(1)).isAfter(skipBound)
                    || !clean(day, endDay)) {
                break;
            }
            int c = pattern.count(day);
            if (index + c > limit) {
                break;
            }
            index += c;
            if (c > 0) {
                lastDay = day;
                idle = 0;
            } else {
                idle++;
            }
            scanned++;
            day = day.plusDays(1);
        }
        if (lastDay != null) {
            last = ZonedDateTime.of(pattern.last(lastDay), zone);
        }
    }

    /** Resolves the slots of the current day into the buffer, or finishes the walk. */
    private void step() {
        if (scanned >= scanCap || idle >= LaunchCalendar.MAX_IDLE_DAYS || day.isAfter(MAX_DATE)
                || until != null && day.isAfter(until)) {
            finished = true;
            return;
        }
        boolean added = false;
        for (LocalDateTime slot : pattern.slots(day)) {
            ZonedDateTime z = ZonedDateTime.of(slot, zone);
            LocalDate date = z.toLocalDate();
            Instant instant = z.toInstant();
            if (from != null && date.isBefore(from)
                    || until != null && date.isAfter(until)
                    || exclusiveStart != null && !instant.isAfter(exclusiveStart)
                    || last != null && !instant.isAfter(last.toInstant())) {
                continue;
            }
            buffer.putIfAbsent(instant, z);
            added = true;
        }
        idle = added ? 0 : idle + 1;
        scanned++;
        day = day.plusDays(1);
    }

    /** No slot of a local date on or after {@code date} resolves to an instant before this one. */
    private static Instant floor(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.MAX);
    }

    /** Every slot of a local date before {@code date} resolves to an instant before this one. */
    private static Instant ceil(LocalDate date) {
        return date.atStartOfDay().toInstant(ZoneOffset.MIN);
    }

    /** Whether no offset transition falls anywhere near the slots of {@code first} to {@code lastDay}. */
    private boolean clean(LocalDate first, LocalDate lastDay) {
        if (rules.isFixedOffset()) {
            return true;
        }
        Instant lo = floor(first.minusDays(1));
        Instant next = nextTransitionAfter(lo);
        return next == null || next.isAfter(ceil(lastDay.plusDays(2)));
    }

    private Instant nextTransitionAfter(Instant t) {
        if (cachedFrom != null && !t.isBefore(cachedFrom) && (cachedNext == null || t.isBefore(cachedNext))) {
            return cachedNext;
        }
        ZoneOffsetTransition tr = rules.nextTransition(t);
        cachedFrom = t;
        cachedNext = tr == null ? null : tr.getInstant();
        return cachedNext;
    }
}
