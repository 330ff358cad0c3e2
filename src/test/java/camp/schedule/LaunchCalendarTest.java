package camp.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LaunchCalendarTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    static final Set<DayOfWeek> ALL = Set.of();
    static final Set<DayOfWeek> WEEKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);

    final LaunchCalendar calendar = new LaunchCalendar();

    static Instant i(String s) {
        return Instant.parse(s);
    }

    static LocalTime t(String s) {
        return LocalTime.parse(s);
    }

    static LocalDate d(String s) {
        return LocalDate.parse(s);
    }

    static List<Instant> instants(List<ZonedDateTime> zs) {
        return zs.stream().map(ZonedDateTime::toInstant).toList();
    }

    static List<Instant> is(String... s) {
        return java.util.Arrays.stream(s).map(Instant::parse).toList();
    }

    static ScheduleSpec spec(Frequency f, ZoneId zone) {
        return new ScheduleSpec(f, null, null, null, zone);
    }

    static Frequency daily(String... times) {
        return new Frequency.Daily(java.util.Arrays.stream(times).map(LocalTime::parse).toList(), ALL);
    }

    static Frequency.Every every(Duration step, String start, String end) {
        return new Frequency.Every(step, start == null ? null : t(start), end == null ? null : t(end), ALL);
    }

    List<Instant> next(ScheduleSpec s, String after, int n) {
        List<ZonedDateTime> out = calendar.next(s, i(after), n);
        for (ZonedDateTime z : out) {
            assertEquals(s.zone(), z.getZone(), "launches are in the spec's zone");
        }
        return instants(out);
    }

    @Nested
    class Daily {
        @Test
        void weekdayFilterSkipsTheWeekend() {
            ScheduleSpec s = spec(new Frequency.Daily(List.of(t("09:00")), WEEKDAYS), UTC);
            // 2026-03-06 is a Friday
            assertEquals(is("2026-03-09T09:00:00Z", "2026-03-10T09:00:00Z", "2026-03-11T09:00:00Z"),
                    next(s, "2026-03-06T12:00:00Z", 3));
        }

        @Test
        void explicitDaysMonWedFri() {
            ScheduleSpec s = spec(new Frequency.Daily(List.of(t("09:00")),
                    EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)), UTC);
            assertEquals(is("2026-01-07T09:00:00Z", "2026-01-09T09:00:00Z", "2026-01-12T09:00:00Z"),
                    next(s, "2026-01-06T00:00:00Z", 3));
        }

        @Test
        void multipleTimesInAnyOrderAreLaunchedInOrder() {
            ScheduleSpec s = spec(daily("12:00", "09:00"), PARIS);
            // Paris is UTC+1 in January
            assertEquals(is("2026-01-05T11:00:00Z", "2026-01-06T08:00:00Z", "2026-01-06T11:00:00Z"),
                    next(s, "2026-01-05T08:00:00Z", 3));
        }

        @Test
        void strictlyAfter() {
            ScheduleSpec s = spec(daily("09:00"), UTC);
            assertEquals(is("2026-01-06T09:00:00Z"), next(s, "2026-01-05T09:00:00Z", 1));
            assertEquals(is("2026-01-05T09:00:00Z"), next(s, "2026-01-05T08:59:59.999Z", 1));
        }

        @Test
        void duplicateTimesLaunchOnce() {
            ScheduleSpec s = spec(daily("09:00", "09:00"), UTC);
            assertEquals(is("2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z"), next(s, "2026-01-05T00:00:00Z", 2));
        }

        @Test
        void zeroCountAndNextAfter() {
            ScheduleSpec s = spec(daily("09:00"), UTC);
            assertEquals(List.of(), next(s, "2026-01-05T00:00:00Z", 0));
            assertEquals(Optional.of(i("2026-01-05T09:00:00Z")),
                    calendar.nextAfter(s, i("2026-01-05T00:00:00Z")).map(ZonedDateTime::toInstant));
        }
    }

    @Nested
    class Every {
        @Test
        void every30MinutesBetween0800And1200IncludesBothEnds() {
            ScheduleSpec s = spec(every(Duration.ofMinutes(30), "08:00", "12:00"), UTC);
            List<Instant> got = next(s, "2026-01-05T00:00:00Z", 10);
            assertEquals(is("2026-01-05T08:00:00Z", "2026-01-05T08:30:00Z", "2026-01-05T09:00:00Z",
                    "2026-01-05T09:30:00Z", "2026-01-05T10:00:00Z", "2026-01-05T10:30:00Z", "2026-01-05T11:00:00Z",
                    "2026-01-05T11:30:00Z", "2026-01-05T12:00:00Z", "2026-01-06T08:00:00Z"), got);
            assertEquals(9, got.stream().filter(x -> x.isBefore(i("2026-01-06T00:00:00Z"))).count());
        }

        @Test
        void windowEndNotOnTheStepIsNotReached() {
            ScheduleSpec s = spec(every(Duration.ofMinutes(45), "08:00", "10:00"), UTC);
            assertEquals(is("2026-01-05T08:00:00Z", "2026-01-05T08:45:00Z", "2026-01-05T09:30:00Z",
                    "2026-01-06T08:00:00Z"), next(s, "2026-01-05T00:00:00Z", 4));
        }

        @Test
        void every2HoursCountsFromLocalMidnight() {
            ScheduleSpec s = spec(every(Duration.ofHours(2), null, null), PARIS);
            // 23:00 Paris = 22:00Z; next slots 00:00, 02:00 Paris on 2026-01-06
            assertEquals(is("2026-01-05T21:00:00Z", "2026-01-05T23:00:00Z", "2026-01-06T01:00:00Z"),
                    next(s, "2026-01-05T20:30:00Z", 3));
        }

        @Test
        void every2HoursBetween0800And2000OnWeekdays() {
            ScheduleSpec s = spec(new Frequency.Every(Duration.ofHours(2), t("08:00"), t("20:00"), WEEKDAYS), UTC);
            // Friday 2026-01-09 18:00, 20:00, then Monday 08:00
            assertEquals(is("2026-01-09T20:00:00Z", "2026-01-12T08:00:00Z", "2026-01-12T10:00:00Z"),
                    next(s, "2026-01-09T18:00:00Z", 3));
        }

        @Test
        void stepThatDoesNotDivideTheDayRestartsAtMidnight() {
            ScheduleSpec s = spec(every(Duration.ofHours(7), null, null), UTC);
            assertEquals(is("2026-01-05T14:00:00Z", "2026-01-05T21:00:00Z", "2026-01-06T00:00:00Z",
                    "2026-01-06T07:00:00Z"), next(s, "2026-01-05T10:00:00Z", 4));
        }

        @Test
        void windowAcrossMidnightBelongsToItsStartDay() {
            ScheduleSpec s = spec(new Frequency.Every(Duration.ofHours(1), t("22:00"), t("02:00"),
                    EnumSet.of(DayOfWeek.FRIDAY)), UTC);
            assertEquals(is("2026-01-09T22:00:00Z", "2026-01-09T23:00:00Z", "2026-01-10T00:00:00Z",
                    "2026-01-10T01:00:00Z", "2026-01-10T02:00:00Z", "2026-01-16T22:00:00Z"),
                    next(s, "2026-01-05T00:00:00Z", 6));
        }

        @Test
        void onlyWindowStartRunsToTheEndOfTheDay() {
            ScheduleSpec s = spec(every(Duration.ofHours(1), "22:00", null), UTC);
            assertEquals(is("2026-01-05T22:00:00Z", "2026-01-05T23:00:00Z", "2026-01-06T22:00:00Z"),
                    next(s, "2026-01-05T12:00:00Z", 3));
        }
    }

    @Nested
    class Weekly {
        final Frequency biweekly = new Frequency.Weekly(2, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                List.of(t("10:00")));

        @Test
        void every2WeeksCountsFromTheWeekOfFrom() {
            // from is Wednesday 2026-01-07: week 0 starts Monday 01-05 (its Monday is before from)
            ScheduleSpec s = new ScheduleSpec(biweekly, d("2026-01-07"), null, null, UTC);
            assertEquals(is("2026-01-08T10:00:00Z", "2026-01-19T10:00:00Z", "2026-01-22T10:00:00Z",
                    "2026-02-02T10:00:00Z", "2026-02-05T10:00:00Z"), next(s, "2025-12-01T00:00:00Z", 5));
            // the parity does not depend on where the query starts
            assertEquals(is("2026-02-02T10:00:00Z", "2026-02-05T10:00:00Z"), next(s, "2026-01-22T10:00:00Z", 2));
            assertEquals(is("2026-02-02T10:00:00Z"), next(s, "2026-01-25T00:00:00Z", 1));
        }

        @Test
        void every2WeeksWithoutFromCountsFromTheFirstLaunch() {
            ScheduleSpec s = spec(biweekly, UTC);
            // after Tuesday 2026-01-13: first launch Thursday 01-15, its week (Monday 01-12) is week 0
            assertEquals(is("2026-01-15T10:00:00Z", "2026-01-26T10:00:00Z", "2026-01-29T10:00:00Z",
                    "2026-02-09T10:00:00Z"), next(s, "2026-01-13T00:00:00Z", 4));
        }

        @Test
        void every2WeeksWithoutFromAndNoLaunchBeforeUntil() {
            ScheduleSpec s = new ScheduleSpec(biweekly, null, d("2026-01-14"), null, UTC);
            assertEquals(List.of(), next(s, "2026-01-13T00:00:00Z", 4));
        }

        @Test
        void every2WeeksCatchUp() {
            ScheduleSpec s = new ScheduleSpec(biweekly, d("2026-01-07"), null, null, UTC);
            assertEquals(Optional.of(i("2026-02-05T10:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-01-08T10:00:00Z"), i("2026-02-15T00:00:00Z")).map(ZonedDateTime::toInstant));
        }

        @Test
        void everyWeek() {
            ScheduleSpec s = spec(new Frequency.Weekly(1, EnumSet.of(DayOfWeek.SUNDAY), List.of(t("18:00"))), UTC);
            assertEquals(is("2026-01-11T18:00:00Z", "2026-01-18T18:00:00Z"), next(s, "2026-01-05T00:00:00Z", 2));
        }
    }

    @Nested
    class Monthly {
        @Test
        void dayOneAndFifteen() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.DayNumbers(List.of(1, 15)),
                    List.of(t("08:00")), Set.of()), UTC);
            assertEquals(is("2026-02-01T08:00:00Z", "2026-02-15T08:00:00Z", "2026-03-01T08:00:00Z"),
                    next(s, "2026-01-15T08:00:00Z", 3));
        }

        @Test
        void secondTuesdayInQuarterMonths() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.NthWeekday(2, DayOfWeek.TUESDAY),
                    List.of(t("10:00")), EnumSet.of(Month.JANUARY, Month.APRIL, Month.JULY, Month.OCTOBER)), PARIS);
            // Paris is +01:00 in January, +02:00 in April, July and mid-October
            assertEquals(is("2026-01-13T09:00:00Z", "2026-04-14T08:00:00Z", "2026-07-14T08:00:00Z",
                    "2026-10-13T08:00:00Z", "2027-01-12T09:00:00Z"), next(s, "2026-01-01T00:00:00Z", 5));
        }

        @Test
        void lastFriday() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.LastWeekday(DayOfWeek.FRIDAY),
                    List.of(t("17:00")), Set.of()), UTC);
            assertEquals(is("2026-01-30T17:00:00Z", "2026-02-27T17:00:00Z", "2026-03-27T17:00:00Z",
                    "2026-04-24T17:00:00Z", "2026-05-29T17:00:00Z"), next(s, "2026-01-01T00:00:00Z", 5));
        }

        @Test
        void lastDayInALeapFebruary() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.LastDay(), List.of(t("18:00")), Set.of()), UTC);
            assertEquals(is("2028-02-29T18:00:00Z", "2028-03-31T18:00:00Z", "2028-04-30T18:00:00Z"),
                    next(s, "2028-01-31T18:00:00Z", 3));
        }

        @Test
        void lastDayInAnOrdinaryFebruary() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.LastDay(), List.of(t("18:00")), Set.of()), UTC);
            assertEquals(is("2027-02-28T18:00:00Z", "2027-03-31T18:00:00Z"), next(s, "2027-01-31T18:00:00Z", 2));
        }

        @Test
        void fifthMondaySkipsMonthsWithFourMondays() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.NthWeekday(5, DayOfWeek.MONDAY),
                    List.of(t("09:00")), Set.of()), UTC);
            assertEquals(is("2026-03-30T09:00:00Z", "2026-06-29T09:00:00Z", "2026-08-31T09:00:00Z",
                    "2026-11-30T09:00:00Z"), next(s, "2026-01-01T00:00:00Z", 4));
        }

        @Test
        void day31SkipsShortMonths() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.DayNumbers(List.of(31)), List.of(t("08:00")),
                    Set.of()), UTC);
            assertEquals(is("2026-01-31T08:00:00Z", "2026-03-31T08:00:00Z", "2026-05-31T08:00:00Z",
                    "2026-07-31T08:00:00Z", "2026-08-31T08:00:00Z"), next(s, "2026-01-01T00:00:00Z", 5));
        }

        @Test
        void february29OnlyInLeapYearsEvenAcross2100() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.DayNumbers(List.of(29)), List.of(t("08:00")),
                    EnumSet.of(Month.FEBRUARY)), UTC);
            assertEquals(is("2028-02-29T08:00:00Z", "2032-02-29T08:00:00Z"), next(s, "2026-01-01T00:00:00Z", 2));
            // 2100 is not a leap year: eight years between launches
            assertEquals(is("2096-02-29T08:00:00Z", "2104-02-29T08:00:00Z"), next(s, "2095-01-01T00:00:00Z", 2));
        }

        @Test
        void impossibleDayEndsTheSearch() {
            ScheduleSpec s = spec(new Frequency.Monthly(new MonthDays.DayNumbers(List.of(30, 31)),
                    List.of(t("08:00")), EnumSet.of(Month.FEBRUARY)), UTC);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertEquals(List.of(), next(s, "2026-01-01T00:00:00Z", 3));
                assertEquals(Optional.empty(), calendar.latestAtOrBefore(s, i("2026-01-01T00:00:00Z"),
                        i("2060-01-01T00:00:00Z")));
                assertEquals(Optional.empty(), calendar.shortestGap(s));
            });
        }
    }

    @Nested
    class DaylightSaving {
        @Test
        void springForwardParis0230RunsAt0330() {
            ScheduleSpec s = spec(daily("02:30"), PARIS);
            List<ZonedDateTime> got = calendar.next(s, i("2026-03-28T12:00:00Z"), 2);
            assertEquals(is("2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"), instants(got));
            assertEquals(LocalDateTime.parse("2026-03-29T03:30"), got.get(0).toLocalDateTime());
            assertEquals(ZoneOffset.ofHours(2), got.get(0).getOffset());
        }

        @Test
        void springForwardChicago0230RunsAt0330() {
            ScheduleSpec s = spec(daily("02:30"), CHICAGO);
            List<ZonedDateTime> got = calendar.next(s, i("2026-03-07T12:00:00Z"), 2);
            assertEquals(is("2026-03-08T08:30:00Z", "2026-03-09T07:30:00Z"), instants(got));
            assertEquals(LocalDateTime.parse("2026-03-08T03:30"), got.get(0).toLocalDateTime());
        }

        @Test
        void fallBackChicago0130RunsOnceAtTheFirstOccurrence() {
            ScheduleSpec s = spec(daily("01:30"), CHICAGO);
            List<ZonedDateTime> got = calendar.next(s, i("2026-10-31T12:00:00Z"), 2);
            // 01:30 CDT (-05:00); the second 01:30 (CST, 07:30Z) is not a launch
            assertEquals(is("2026-11-01T06:30:00Z", "2026-11-02T07:30:00Z"), instants(got));
            assertEquals(ZoneOffset.ofHours(-5), got.get(0).getOffset());
            // asking from between the two occurrences does not launch the second one
            assertEquals(is("2026-11-02T07:30:00Z"), next(s, "2026-11-01T06:30:00Z", 1));
        }

        @Test
        void fallBackParis0230RunsOnceAtTheFirstOccurrence() {
            ScheduleSpec s = spec(daily("02:30"), PARIS);
            List<ZonedDateTime> got = calendar.next(s, i("2026-10-24T12:00:00Z"), 2);
            assertEquals(is("2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"), instants(got));
            assertEquals(ZoneOffset.ofHours(2), got.get(0).getOffset());
        }

        @Test
        void lordHoweHalfHourShift() {
            // DST starts 2026-10-04 02:00 -> 02:30 (+10:30 -> +11:00)
            ScheduleSpec spring = spec(daily("02:15"), LORD_HOWE);
            List<ZonedDateTime> got = calendar.next(spring, i("2026-10-03T12:00:00Z"), 2);
            assertEquals(is("2026-10-03T15:45:00Z", "2026-10-04T15:15:00Z"), instants(got));
            assertEquals(LocalDateTime.parse("2026-10-04T02:45"), got.get(0).toLocalDateTime());
            // DST ends 2026-04-05 02:00 -> 01:30 (+11:00 -> +10:30): 01:45 runs once, at +11:00
            ScheduleSpec fall = spec(daily("01:45"), LORD_HOWE);
            assertEquals(is("2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"), next(fall, "2026-04-03T20:00:00Z", 2));
            // "send at 09:00 local" keeps 09:00 on both sides of the shift
            ScheduleSpec nine = spec(daily("09:00"), LORD_HOWE);
            assertEquals(is("2026-04-03T22:00:00Z", "2026-04-04T22:30:00Z"), next(nine, "2026-04-03T12:00:00Z", 2));
        }

        @Test
        void twoTimesResolvingToTheSameInstantLaunchOnce() {
            // on 2026-03-29 in Paris, 02:30 becomes 03:30
            ScheduleSpec s = spec(daily("02:30", "03:30"), PARIS);
            assertEquals(is("2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z", "2026-03-30T01:30:00Z"),
                    next(s, "2026-03-28T12:00:00Z", 3));
        }

        @Test
        void resolvedGapTimeIsOrderedAfterLaterSlots() {
            // 02:30 -> 03:30 CDT comes after 03:00 CDT
            ScheduleSpec s = spec(daily("02:30", "03:00"), CHICAGO);
            assertEquals(is("2026-03-08T08:00:00Z", "2026-03-08T08:30:00Z", "2026-03-09T07:30:00Z"),
                    next(s, "2026-03-07T12:00:00Z", 3));
        }

        @Test
        void aSkippedCalendarDayLaunchesOnceNotTwice() {
            // Samoa skipped 2011-12-30: its 09:00 resolves to 2011-12-31 09:00, the next day's own slot
            ScheduleSpec s = spec(daily("09:00"), ZoneId.of("Pacific/Apia"));
            assertEquals(is("2011-12-29T19:00:00Z", "2011-12-30T19:00:00Z", "2011-12-31T19:00:00Z"),
                    next(s, "2011-12-29T00:00:00Z", 3));
        }

        @Test
        void hourlyOnSpringForwardDay() {
            ScheduleSpec s = spec(every(Duration.ofHours(1), "00:00", "04:00"), CHICAGO);
            // 00:00 CST, 01:00 CST, 02:00 -> 03:00 CDT (same as 03:00), 04:00 CDT
            assertEquals(is("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z",
                    "2026-03-08T09:00:00Z", "2026-03-09T05:00:00Z"), next(s, "2026-03-08T00:00:00Z", 5));
        }

        @Test
        void halfHourlyOnFallBackDayRunsRepeatedTimesOnce() {
            ScheduleSpec s = spec(every(Duration.ofMinutes(30), "00:00", "03:00"), CHICAGO);
            assertEquals(is("2026-11-01T05:00:00Z", "2026-11-01T05:30:00Z", "2026-11-01T06:00:00Z",
                    "2026-11-01T06:30:00Z", "2026-11-01T08:00:00Z", "2026-11-01T08:30:00Z", "2026-11-01T09:00:00Z",
                    "2026-11-02T06:00:00Z"), next(s, "2026-11-01T00:00:00Z", 8));
        }
    }

    @Nested
    class Once {
        final ScheduleSpec s = spec(new Frequency.Once(LocalDateTime.parse("2026-03-01T09:00")), PARIS);

        @Test
        void inTheFuture() {
            assertEquals(is("2026-03-01T08:00:00Z"), next(s, "2026-02-01T00:00:00Z", 5));
        }

        @Test
        void inThePastGivesNoLaunch() {
            assertEquals(List.of(), next(s, "2026-03-01T08:00:00Z", 5));
            assertEquals(Optional.empty(), calendar.nextAfter(s, i("2027-01-01T00:00:00Z")));
        }

        @Test
        void missedIsCaughtUp() {
            assertEquals(Optional.of(i("2026-03-01T08:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-02-01T00:00:00Z"), i("2026-03-05T00:00:00Z")).map(ZonedDateTime::toInstant));
            assertEquals(Optional.empty(),
                    calendar.latestAtOrBefore(s, i("2026-03-01T08:00:00Z"), i("2026-03-05T00:00:00Z")));
        }

        @Test
        void outsideTheValidityPeriod() {
            ScheduleSpec late = new ScheduleSpec(s.frequency(), d("2026-03-02"), null, null, PARIS);
            assertEquals(List.of(), next(late, "2026-01-01T00:00:00Z", 1));
        }
    }

    @Nested
    class Period {
        @Test
        void untilIsInclusive() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), null, d("2026-01-10"), null, UTC);
            assertEquals(is("2026-01-09T09:00:00Z", "2026-01-10T09:00:00Z"), next(s, "2026-01-08T12:00:00Z", 10));
            assertEquals(List.of(), next(s, "2026-01-10T09:00:00Z", 10));
        }

        @Test
        void untilIsALocalDate() {
            // 23:30 Chicago on 2026-01-10 is 05:30Z on the 11th, still inside "until 2026-01-10"
            ScheduleSpec s = new ScheduleSpec(daily("23:30"), null, d("2026-01-10"), null, CHICAGO);
            assertEquals(is("2026-01-11T05:30:00Z"), next(s, "2026-01-10T12:00:00Z", 10));
        }

        @Test
        void fromIsInclusive() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), d("2026-01-10"), null, null, UTC);
            assertEquals(is("2026-01-10T09:00:00Z", "2026-01-11T09:00:00Z"), next(s, "2026-01-01T00:00:00Z", 2));
        }

        @Test
        void maxRunsCountsFromFrom() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), d("2026-01-01"), null, 3, UTC);
            assertEquals(is("2026-01-01T09:00:00Z", "2026-01-02T09:00:00Z", "2026-01-03T09:00:00Z"),
                    next(s, "2025-12-01T00:00:00Z", 10));
            assertEquals(is("2026-01-03T09:00:00Z"), next(s, "2026-01-02T10:00:00Z", 10));
            assertEquals(List.of(), next(s, "2026-01-03T09:00:00Z", 10));
        }

        @Test
        void maxRunsWithoutFromCountsFromTheQuery() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), null, null, 2, UTC);
            assertEquals(is("2026-05-01T09:00:00Z", "2026-05-02T09:00:00Z"), next(s, "2026-04-30T12:00:00Z", 10));
        }

        @Test
        void maxRunsZeroGivesNothing() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), null, null, 0, UTC);
            assertEquals(List.of(), next(s, "2026-04-30T12:00:00Z", 10));
        }

        @Test
        void maxRunsFarFromFromIsCountedExactly() {
            // every minute since 2000-01-01; the run limit ends the schedule at 2026-01-01T00:01Z
            long minutes = ChronoUnit.MINUTES.between(LocalDateTime.parse("2000-01-01T00:00"),
                    LocalDateTime.parse("2026-01-01T00:00"));
            ScheduleSpec s = new ScheduleSpec(every(Duration.ofMinutes(1), null, null), d("2000-01-01"), null,
                    Math.toIntExact(minutes + 2), UTC);
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                assertEquals(is("2026-01-01T00:00:00Z", "2026-01-01T00:01:00Z"), next(s, "2025-12-31T23:59:30Z", 10));
                assertEquals(Optional.of(i("2026-01-01T00:01:00Z")), calendar.latestAtOrBefore(s,
                        i("2025-06-01T00:00:00Z"), i("2027-01-01T00:00:00Z")).map(ZonedDateTime::toInstant));
            });
        }
    }

    @Nested
    class CatchUp {
        @Test
        void severalMissedSlotsCollapseIntoTheLatest() {
            ScheduleSpec s = spec(every(Duration.ofHours(1), null, null), UTC);
            assertEquals(Optional.of(i("2026-01-05T13:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-01-05T08:00:00Z"), i("2026-01-05T13:20:00Z")).map(ZonedDateTime::toInstant));
        }

        @Test
        void nowOnASlotIncludesIt() {
            ScheduleSpec s = spec(daily("09:00"), UTC);
            assertEquals(Optional.of(i("2026-01-07T09:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-01-05T09:00:00Z"), i("2026-01-07T09:00:00Z")).map(ZonedDateTime::toInstant));
        }

        @Test
        void nothingMissed() {
            ScheduleSpec s = spec(daily("09:00"), UTC);
            assertEquals(Optional.empty(), calendar.latestAtOrBefore(s, i("2026-01-05T09:00:00Z"),
                    i("2026-01-06T08:59:00Z")));
            assertEquals(Optional.empty(), calendar.latestAtOrBefore(s, i("2026-01-05T09:00:00Z"),
                    i("2026-01-05T09:00:00Z")));
        }

        @Test
        void longDowntimeInADaylightSavingZone() {
            ScheduleSpec s = spec(every(Duration.ofMinutes(15), "08:00", "18:00"), PARIS);
            assertEquals(Optional.of(i("2027-07-01T16:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2020-01-01T00:00:00Z"), i("2027-07-01T19:00:00Z")).map(ZonedDateTime::toInstant));
        }

        @Test
        void runLimitReachedDuringDowntime() {
            // hourly from 00:00, ten runs: the last is 09:00
            ScheduleSpec s = new ScheduleSpec(every(Duration.ofHours(1), null, null), d("2026-01-05"), null, 10, UTC);
            assertEquals(Optional.of(i("2026-01-05T09:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-01-05T07:30:00Z"), i("2026-01-05T13:20:00Z")).map(ZonedDateTime::toInstant));
            assertEquals(Optional.empty(), calendar.latestAtOrBefore(s, i("2026-01-05T09:00:00Z"),
                    i("2026-01-06T13:20:00Z")));
        }

        @Test
        void untilCapsTheCatchUp() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), null, d("2026-01-10"), null, UTC);
            assertEquals(Optional.of(i("2026-01-10T09:00:00Z")), calendar.latestAtOrBefore(s,
                    i("2026-01-05T09:00:00Z"), i("2026-03-01T00:00:00Z")).map(ZonedDateTime::toInstant));
        }
    }

    @Nested
    class ShortestGap {
        @Test
        void every10Minutes() {
            assertEquals(Optional.of(Duration.ofMinutes(10)),
                    calendar.shortestGap(spec(every(Duration.ofMinutes(10), null, null), UTC)));
        }

        @Test
        void dailyAt0900And0905() {
            Optional<Duration> gap = calendar.shortestGap(spec(daily("09:00", "09:05"), PARIS));
            assertEquals(Optional.of(Duration.ofMinutes(5)), gap);
            assertTrue(gap.get().compareTo(LaunchCalendar.FREQUENT) < 0);
        }

        @Test
        void dayBoundaryOfAStepThatDoesNotDivideTheDay() {
            assertEquals(Optional.of(Duration.ofHours(3)),
                    calendar.shortestGap(spec(every(Duration.ofHours(7), null, null), UTC)));
        }

        @Test
        void dailyAndMonthly() {
            assertEquals(Optional.of(Duration.ofDays(1)), calendar.shortestGap(spec(daily("09:00"), CHICAGO)));
            assertEquals(Optional.of(Duration.ofDays(28)), calendar.shortestGap(spec(new Frequency.Monthly(
                    new MonthDays.LastDay(), List.of(t("18:00")), Set.of()), UTC)));
        }

        @Test
        void fewerThanTwoLaunches() {
            assertEquals(Optional.empty(),
                    calendar.shortestGap(spec(new Frequency.Once(LocalDateTime.parse("2026-03-01T09:00")), UTC)));
            assertEquals(Optional.empty(), calendar.shortestGap(
                    new ScheduleSpec(every(Duration.ofMinutes(5), null, null), null, null, 1, UTC)));
        }
    }

    @Nested
    class Bounds {
        @Test
        void extremeInstants() {
            ScheduleSpec s = spec(daily("09:00"), PARIS);
            assertEquals(List.of(), calendar.next(s, Instant.MAX, 3));
            assertEquals(1, calendar.next(s, Instant.MIN, 1).size());
            assertEquals(Optional.empty(), calendar.latestAtOrBefore(s, Instant.MAX.minusSeconds(1), Instant.MAX));
        }

        @Test
        void hugeCountIsBoundedByTheSchedule() {
            ScheduleSpec s = new ScheduleSpec(daily("09:00"), null, d("2026-12-31"), null, UTC);
            assertEquals(365, calendar.next(s, i("2025-12-31T12:00:00Z"), Integer.MAX_VALUE).size());
        }
    }
}
