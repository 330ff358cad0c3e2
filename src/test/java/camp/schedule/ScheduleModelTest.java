package camp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleModelTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final List<LocalTime> NINE = List.of(LocalTime.of(9, 0));

    @Test
    void specRejectsAnInvertedPeriodAndNegativeRuns() {
        Frequency daily = new Frequency.Daily(NINE, Set.of());
        assertThrows(IllegalArgumentException.class,
                () -> new ScheduleSpec(daily, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 1, 31), null, UTC));
        assertThrows(IllegalArgumentException.class, () -> new ScheduleSpec(daily, null, null, -1, UTC));
        assertThrows(NullPointerException.class, () -> new ScheduleSpec(daily, null, null, null, null));
        assertThrows(NullPointerException.class, () -> new ScheduleSpec(null, null, null, null, UTC));
        // a one-day period is fine
        new ScheduleSpec(daily, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1), 0, UTC);
    }

    @Test
    void frequenciesRejectWhatCouldNeverLaunchOrLoop() {
        assertThrows(IllegalArgumentException.class, () -> new Frequency.Daily(List.of(), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frequency.Every(Duration.ZERO, null, null, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frequency.Every(Duration.ofSeconds(59), null, null, Set.of()));
        assertThrows(NullPointerException.class, () -> new Frequency.Every(null, null, null, Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new Frequency.Weekly(0, EnumSet.of(DayOfWeek.MONDAY), NINE));
        assertThrows(IllegalArgumentException.class, () -> new Frequency.Weekly(1, Set.of(), NINE));
        assertThrows(IllegalArgumentException.class,
                () -> new Frequency.Monthly(new MonthDays.LastDay(), List.of(), Set.of()));
        assertThrows(NullPointerException.class, () -> new Frequency.Once(null));
    }

    @Test
    void monthDaysRejectOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> new MonthDays.DayNumbers(List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> new MonthDays.DayNumbers(List.of(32)));
        assertThrows(IllegalArgumentException.class, () -> new MonthDays.DayNumbers(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new MonthDays.NthWeekday(0, DayOfWeek.MONDAY));
        assertThrows(IllegalArgumentException.class, () -> new MonthDays.NthWeekday(6, DayOfWeek.MONDAY));
        assertThrows(NullPointerException.class, () -> new MonthDays.LastWeekday(null));
        new MonthDays.DayNumbers(List.of(1, 31));
        new MonthDays.NthWeekday(5, DayOfWeek.SUNDAY);
    }

    @Test
    void recordsCopyTheirCollections() {
        List<LocalTime> times = new ArrayList<>(NINE);
        Set<DayOfWeek> days = new HashSet<>(Set.of(DayOfWeek.MONDAY));
        Frequency.Daily daily = new Frequency.Daily(times, days);
        times.add(LocalTime.NOON);
        days.add(DayOfWeek.TUESDAY);
        assertEquals(NINE, daily.times());
        assertEquals(Set.of(DayOfWeek.MONDAY), daily.days());
        assertThrows(UnsupportedOperationException.class, () -> daily.days().add(DayOfWeek.FRIDAY));
        assertThrows(UnsupportedOperationException.class, () -> daily.times().add(LocalTime.MIDNIGHT));

        Set<Month> months = EnumSet.of(Month.JANUARY);
        Frequency.Monthly monthly = new Frequency.Monthly(new MonthDays.LastDay(), NINE, months);
        months.add(Month.APRIL);
        assertEquals(Set.of(Month.JANUARY), monthly.months());
        assertThrows(UnsupportedOperationException.class, () -> monthly.months().clear());
    }

    @Test
    void equalityDoesNotDependOnTheSetImplementation() {
        assertEquals(new Frequency.Daily(NINE, Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)),
                new Frequency.Daily(NINE, EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.MONDAY)));
        assertEquals(new Frequency.Every(Duration.ofHours(2), null, null, Set.of()),
                new Frequency.Every(Duration.ofMinutes(120), null, null, EnumSet.noneOf(DayOfWeek.class)));
    }
}
