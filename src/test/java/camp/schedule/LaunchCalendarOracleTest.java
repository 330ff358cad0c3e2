package camp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Compares {@link LaunchCalendar} with a brute-force oracle on random schedules in zones with awkward
 * transitions (half-hour shifts, transitions at midnight, a skipped calendar day), with and without the
 * day-skipping shortcut.
 */
class LaunchCalendarOracleTest {
    static final List<ZoneId> ZONES = List.of("UTC", "Europe/Paris", "America/Chicago", "Australia/Lord_Howe",
            "Pacific/Apia", "America/Havana", "America/Santiago", "America/Sao_Paulo", "Asia/Tehran")
            .stream().map(ZoneId::of).toList();
    static final List<LocalDate> ORIGINS = List.of(LocalDate.of(2011, 12, 20), LocalDate.of(2018, 10, 1),
            LocalDate.of(2026, 3, 1), LocalDate.of(2026, 10, 20), LocalDate.of(2028, 2, 1));

    final Random random = new Random(20260301);
    final LaunchCalendar calendar = new LaunchCalendar();

    @Test
    void randomSchedulesMatchTheOracle() {
        for (int round = 0; round < 600; round++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            LocalDate origin = ORIGINS.get(random.nextInt(ORIGINS.size()));
            LocalDate from = origin.plusDays(random.nextInt(20));
            LocalDate until = random.nextBoolean() ? null : from.plusDays(random.nextInt(200));
            Integer maxRuns = random.nextInt(3) == 0 ? null : random.nextInt(400);
            Frequency f = randomFrequency();
            ScheduleSpec spec = new ScheduleSpec(f, from, until, maxRuns, zone);
            String label = round + ": " + spec;

            List<Instant> all = oracle(spec, from.minusDays(2), from.plusDays(800));
            Instant after = from.minusDays(1).atStartOfDay(zone).toInstant()
                    .plus(Duration.ofMinutes(random.nextInt(60 * 24 * 120)));
            int count = 1 + random.nextInt(40);
            List<Instant> expected = all.stream().filter(x -> x.isAfter(after)).limit(count).toList();
            if (expected.size() < count && (until == null || !until.isBefore(from.plusDays(790)))
                    && (maxRuns == null || maxRuns > all.size())) {
                continue; // the oracle's horizon is too short to know
            }
            for (boolean skip : new boolean[] {true, false}) {
                List<Instant> got = LaunchCalendar.next(spec, after, count, skip).stream()
                        .map(ZonedDateTime::toInstant).toList();
                assertEquals(expected, got, label + " after " + after + " skip " + skip);
            }
            Instant now = after.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 200)));
            Optional<Instant> latest = all.stream().filter(x -> x.isAfter(after) && !x.isAfter(now))
                    .reduce((a, b) -> b);
            if (!now.isAfter(from.plusDays(790).atStartOfDay(zone).toInstant())) {
                for (boolean skip : new boolean[] {true, false}) {
                    assertEquals(latest, LaunchCalendar.latestAtOrBefore(spec, after, now, skip)
                            .map(ZonedDateTime::toInstant), label + " (" + after + ", " + now + "] skip " + skip);
                }
            }
        }
    }

    @Test
    void withoutFromTheSeriesStartsAfterTheQuery() {
        for (int round = 0; round < 300; round++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            Frequency f = randomFrequency();
            if (f instanceof Frequency.Weekly w && w.everyWeeks() > 1) {
                continue; // its week parity depends on the first launch, covered by LaunchCalendarTest
            }
            LocalDate origin = ORIGINS.get(random.nextInt(ORIGINS.size()));
            Instant after = origin.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(random.nextInt(60 * 24 * 30)));
            LocalDate until = random.nextBoolean() ? null : origin.plusDays(random.nextInt(300));
            Integer maxRuns = random.nextBoolean() ? null : random.nextInt(50);
            ScheduleSpec spec = new ScheduleSpec(f, null, until, maxRuns, zone);
            ScheduleSpec wide = new ScheduleSpec(f, origin.minusDays(3), until, null, zone);
            List<Instant> all = oracle(wide, origin.minusDays(3), origin.plusDays(800)).stream()
                    .filter(x -> x.isAfter(after)).limit(maxRuns == null ? Long.MAX_VALUE : maxRuns).toList();
            int count = 1 + random.nextInt(40);
            List<Instant> expected = all.stream().limit(count).toList();
            if (expected.size() < count && until == null && (maxRuns == null || all.size() < maxRuns)) {
                continue;
            }
            assertEquals(expected, calendar.next(spec, after, count).stream().map(ZonedDateTime::toInstant).toList(),
                    round + ": " + spec + " after " + after);
            Instant now = after.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 200)));
            assertEquals(all.stream().filter(x -> !x.isAfter(now)).reduce((a, b) -> b),
                    calendar.latestAtOrBefore(spec, after, now).map(ZonedDateTime::toInstant),
                    round + ": " + spec + " (" + after + ", " + now + "]");
        }
    }

    @Test
    void walkingWithNextAfterGivesTheSameSeries() {
        for (int round = 0; round < 100; round++) {
            ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
            LocalDate from = ORIGINS.get(random.nextInt(ORIGINS.size()));
            ScheduleSpec spec = new ScheduleSpec(randomFrequency(), from, null, 30 + random.nextInt(30), zone);
            Instant after = from.minusDays(3).atStartOfDay(zone).toInstant();
            List<ZonedDateTime> batch = calendar.next(spec, after, 100);
            List<ZonedDateTime> walked = new ArrayList<>();
            Optional<ZonedDateTime> z = calendar.nextAfter(spec, after);
            while (z.isPresent() && walked.size() < 100) {
                walked.add(z.get());
                z = calendar.nextAfter(spec, z.get().toInstant());
            }
            assertEquals(batch, walked, spec.toString());
            for (int k = 1; k < batch.size(); k++) {
                assertTrue(batch.get(k - 1).isBefore(batch.get(k)), spec.toString());
            }
        }
    }

    Frequency randomFrequency() {
        switch (random.nextInt(5)) {
            case 0:
                return new Frequency.Daily(randomTimes(), randomDays(true));
            case 1: {
                Duration step = random.nextBoolean() ? Duration.ofMinutes(5 + random.nextInt(90))
                        : Duration.ofHours(1 + random.nextInt(8));
                LocalTime a = random.nextInt(3) == 0 ? null : randomTime();
                LocalTime b = random.nextInt(3) == 0 ? null : randomTime();
                return new Frequency.Every(step, a, b, randomDays(true));
            }
            case 2:
                return new Frequency.Weekly(1 + random.nextInt(3), randomDays(false), randomTimes());
            default: {
                MonthDays days = switch (random.nextInt(4)) {
                    case 0 -> new MonthDays.DayNumbers(List.of(1 + random.nextInt(31), 1 + random.nextInt(31)));
                    case 1 -> new MonthDays.NthWeekday(1 + random.nextInt(5), DayOfWeek.of(1 + random.nextInt(7)));
                    case 2 -> new MonthDays.LastWeekday(DayOfWeek.of(1 + random.nextInt(7)));
                    default -> new MonthDays.LastDay();
                };
                Set<Month> months = EnumSet.noneOf(Month.class);
                if (random.nextBoolean()) {
                    for (int k = 0; k < 4; k++) {
                        months.add(Month.of(1 + random.nextInt(12)));
                    }
                }
                return new Frequency.Monthly(days, randomTimes(), months);
            }
        }
    }

    LocalTime randomTime() {
        // favour the hours where transitions happen
        int hour = random.nextBoolean() ? random.nextInt(4) : random.nextInt(24);
        return LocalTime.of(hour, random.nextInt(4) * 15);
    }

    List<LocalTime> randomTimes() {
        List<LocalTime> times = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            times.add(randomTime());
        }
        return times;
    }

    Set<DayOfWeek> randomDays(boolean allowEmpty) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        int n = allowEmpty ? random.nextInt(4) : 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            days.add(DayOfWeek.of(1 + random.nextInt(7)));
        }
        return days;
    }

    /** All launches of a spec that has a {@code from}, nominal days in [first, last], the run limit applied. */
    static List<Instant> oracle(ScheduleSpec spec, LocalDate first, LocalDate last) {
        TreeSet<Instant> set = new TreeSet<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (LocalDateTime slot : naiveSlots(spec, d)) {
                ZonedDateTime z = ZonedDateTime.of(slot, spec.zone());
                LocalDate date = z.toLocalDate();
                if (date.isBefore(spec.from()) || spec.until() != null && date.isAfter(spec.until())) {
                    continue;
                }
                set.add(z.toInstant());
            }
        }
        List<Instant> all = new ArrayList<>(set);
        return spec.maxRuns() == null || spec.maxRuns() >= all.size() ? all : all.subList(0, spec.maxRuns());
    }

    static List<LocalDateTime> naiveSlots(ScheduleSpec spec, LocalDate d) {
        List<LocalDateTime> out = new ArrayList<>();
        Frequency f = spec.frequency();
        if (f instanceof Frequency.Daily daily) {
            if (daily.days().isEmpty() || daily.days().contains(d.getDayOfWeek())) {
                daily.times().forEach(t -> out.add(d.atTime(t)));
            }
        } else if (f instanceof Frequency.Every every) {
            if (every.days().isEmpty() || every.days().contains(d.getDayOfWeek())) {
                LocalTime a = every.windowStart() == null ? LocalTime.MIDNIGHT : every.windowStart();
                LocalDateTime start = d.atTime(a);
                if (every.windowEnd() == null) {
                    for (LocalDateTime t = start; t.isBefore(d.plusDays(1).atStartOfDay()); t = t.plus(every.step())) {
                        out.add(t);
                    }
                } else {
                    LocalDateTime end = every.windowEnd().isBefore(a) && every.windowStart() != null
                            ? d.plusDays(1).atTime(every.windowEnd()) : d.atTime(every.windowEnd());
                    for (LocalDateTime t = start; !t.isAfter(end); t = t.plus(every.step())) {
                        out.add(t);
                    }
                }
            }
        } else if (f instanceof Frequency.Weekly weekly) {
            LocalDate week0 = spec.from().minusDays(spec.from().getDayOfWeek().getValue() - 1);
            LocalDate monday = d.minusDays(d.getDayOfWeek().getValue() - 1);
            long weeks = ChronoUnit.WEEKS.between(week0, monday);
            if (weekly.days().contains(d.getDayOfWeek()) && weeks % weekly.everyWeeks() == 0) {
                weekly.times().forEach(t -> out.add(d.atTime(t)));
            }
        } else if (f instanceof Frequency.Monthly monthly) {
            boolean monthOk = monthly.months().isEmpty() || monthly.months().contains(d.getMonth());
            boolean dayOk;
            MonthDays md = monthly.days();
            if (md instanceof MonthDays.DayNumbers n) {
                dayOk = n.days().contains(d.getDayOfMonth());
            } else if (md instanceof MonthDays.NthWeekday n) {
                int seen = 0;
                for (LocalDate x = d.withDayOfMonth(1); !x.isAfter(d); x = x.plusDays(1)) {
                    if (x.getDayOfWeek() == n.day()) {
                        seen++;
                    }
                }
                dayOk = d.getDayOfWeek() == n.day() && seen == n.n();
            } else if (md instanceof MonthDays.LastWeekday l) {
                dayOk = d.getDayOfWeek() == l.day() && d.plusWeeks(1).getMonth() != d.getMonth();
            } else {
                dayOk = d.plusDays(1).getDayOfMonth() == 1;
            }
            if (monthOk && dayOk) {
                monthly.times().forEach(t -> out.add(d.atTime(t)));
            }
        }
        return out;
    }
}
