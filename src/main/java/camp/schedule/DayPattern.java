package camp.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The wall-clock slots that a recurring frequency produces for one "nominal" day, before time-zone
 * resolution; slots of a day are distinct and ascending, and lie on that day (or, for an {@link Frequency.Every}
 * window crossing midnight, on the next day).
 */
abstract class DayPattern {

    /** The slots of {@code day}, ascending and distinct. */
    abstract List<LocalDateTime> slots(LocalDate day);

    /** The number of slots of {@code day}. */
    int count(LocalDate day) {
        return slots(day).size();
    }

    /** The last slot of {@code day}, or null when it has none. */
    LocalDateTime last(LocalDate day) {
        List<LocalDateTime> s = slots(day);
        return s.isEmpty() ? null : s.get(s.size() - 1);
    }

    /** How many days after the nominal day its slots may fall on (0, or 1 for a window crossing midnight). */
    int spanDays() {
        return 0;
    }

    /** The pattern of a recurring frequency; {@code weeklyAnchor} is the Monday weeks are counted from. */
    static DayPattern of(Frequency frequency, LocalDate weeklyAnchor) {
        if (frequency instanceof Frequency.Daily d) {
            return new AtTimes(d.times()) {
                @Override
                boolean on(LocalDate day) {
                    return dayIn(d.days(), day);
                }
            };
        }
        if (frequency instanceof Frequency.Every e) {
            return new Stepped(e);
        }
        if (frequency instanceof Frequency.Weekly w) {
            return new AtTimes(w.times()) {
                @Override
                boolean on(LocalDate day) {
                    if (!w.days().contains(day.getDayOfWeek())) {
                        return false;
                    }
                    if (weeklyAnchor == null || w.everyWeeks() == 1) {
                        return true;
                    }
                    long weeks = ChronoUnit.DAYS.between(weeklyAnchor, monday(day)) / 7;
                    return Math.floorMod(weeks, (long) w.everyWeeks()) == 0;
                }
            };
        }
        if (frequency instanceof Frequency.Monthly m) {
            return new AtTimes(m.times()) {
                @Override
                boolean on(LocalDate day) {
                    return (m.months().isEmpty() || m.months().contains(day.getMonth())) && matches(m.days(), day);
                }
            };
        }
        throw new IllegalArgumentException("not a recurring frequency: " + frequency);
    }

    static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    static boolean dayIn(Set<DayOfWeek> days, LocalDate day) {
        return days.isEmpty() || days.contains(day.getDayOfWeek());
    }

    static boolean matches(MonthDays days, LocalDate date) {
        if (days instanceof MonthDays.DayNumbers n) {
            return n.days().contains(date.getDayOfMonth());
        }
        if (days instanceof MonthDays.NthWeekday n) {
            return date.getDayOfWeek() == n.day() && (date.getDayOfMonth() - 1) / 7 + 1 == n.n();
        }
        if (days instanceof MonthDays.LastWeekday l) {
            return date.getDayOfWeek() == l.day() && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
        if (days instanceof MonthDays.LastDay) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
        throw new IllegalArgumentException("unknown month days: " + days);
    }

    /** Fixed times of day on the days a predicate selects. */
    abstract static class AtTimes extends DayPattern {
        private final List<LocalTime> times;

        AtTimes(List<LocalTime> times) {
            this.times = List.copyOf(new TreeSet<>(times));
        }

        abstract boolean on(LocalDate day);

        @Override
        List<LocalDateTime> slots(LocalDate day) {
            if (!on(day)) {
                return List.of();
            }
            List<LocalDateTime> out = new ArrayList<>(times.size());
            for (LocalTime t : times) {
                out.add(day.atTime(t));
            }
            return out;
        }

        @Override
        int count(LocalDate day) {
            return on(day) ? times.size() : 0;
        }

        @Override
        LocalDateTime last(LocalDate day) {
            return on(day) ? day.atTime(times.get(times.size() - 1)) : null;
        }
    }

    /** {@code every N} slots inside a daily window. */
    static final class Stepped extends DayPattern {
        private final Frequency.Every every;
        private final long stepNanos;
        private final boolean overnight;

        Stepped(Frequency.Every every) {
            this.every = every;
            this.stepNanos = every.step().toNanos();
            this.overnight = every.windowStart() != null && every.windowEnd() != null
                    && every.windowEnd().isBefore(every.windowStart());
        }

        @Override
        int spanDays() {
            return overnight ? 1 : 0;
        }

        private LocalDateTime start(LocalDate day) {
            return day.atTime(every.windowStart() == null ? LocalTime.MIDNIGHT : every.windowStart());
        }

        /** Slots are start + k * step for k in [0, count). */
        @Override
        int count(LocalDate day) {
            if (!dayIn(every.days(), day)) {
                return 0;
            }
            LocalDateTime start = start(day);
            if (every.windowEnd() == null) {
                // end of day, exclusive
                long span = Duration.between(start, day.plusDays(1).atStartOfDay()).toNanos();
                return span <= 0 ? 0 : (int) ((span - 1) / stepNanos + 1);
            }
            LocalDateTime end = (overnight ? day.plusDays(1) : day).atTime(every.windowEnd());
            long span = Duration.between(start, end).toNanos();
            return span < 0 ? 0 : (int) (span / stepNanos + 1);
        }

        @Override
        List<LocalDateTime> slots(LocalDate day) {
            int n = count(day);
            List<LocalDateTime> out = new ArrayList<>(n);
            LocalDateTime start = start(day);
            for (int k = 0; k < n; k++) {
                out.add(start.plusNanos(k * stepNanos));
            }
            return out;
        }

        @Override
        LocalDateTime last(LocalDate day) {
            int n = count(day);
            return n == 0 ? null : start(day).plusNanos((n - 1) * stepNanos);
        }
    }
}
