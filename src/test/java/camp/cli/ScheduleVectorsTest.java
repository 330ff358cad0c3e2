package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import camp.CampProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp schedule} against launch times worked out by hand from the calendar and the
 * daylight-saving rules of each zone (LANGUAGE.md §8), in text and in JSON, for every form of
 * schedule. The machine's own zone is set to one far from every campaign's (in this JVM, and
 * with {@code TZ} for the processes), so that nothing leans on it.
 */
class ScheduleVectorsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far from every campaign's zone, with a 45-minute offset: a leak of the machine's zone shows. */
    private static final String MACHINE_ZONE = "Pacific/Chatham";
    private static TimeZone saved;

    @TempDir
    static Path dir;

    @BeforeAll
    static void machineZone() {
        saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(MACHINE_ZONE));
    }

    @AfterAll
    static void restore() {
        TimeZone.setDefault(saved);
    }

    /** A campaign with this schedule (the lines after "schedule"). */
    private static Path campaign(String name, String schedule) {
        Path file = dir.resolve(name + ".camp");
        try {
            Files.writeString(file, """
                    campaign "%s"
                    entity profiles key id from table "profiles" {
                      id: int
                      email: text
                    }
                    activity everyone: build profiles
                    activity done: end
                    flow { everyone -> done }
                    schedule %s
                    """.formatted(name, schedule), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private record Result(int code, String out, String err) {
    }

    private static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The launches in JSON: the campaign's zone, and each launch with its offset. */
    private static void assertLaunches(String name, String schedule, String zone, String from, int count, String... expected)
            throws IOException {
        Path file = campaign(name, schedule);
        Result r = camp("schedule", file.toString(), "--from", from, "--count", String.valueOf(count), "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode root = JSON.readTree(r.out());
        assertEquals(name, root.get("campaign").asText());
        assertEquals(zone, root.get("timezone").asText());
        List<String> launches = new ArrayList<>();
        root.get("launches").forEach(l -> launches.add(l.asText()));
        assertEquals(List.of(expected), launches, schedule);
    }

    @Test
    void once() throws IOException {
        assertLaunches("once", "once at 2026-03-01 09:00\n  timezone \"Europe/Paris\"", "Europe/Paris", "2026-01-01 00:00", 10,
                "2026-03-01T09:00:00+01:00");
        assertLaunches("once_after", "once at 2026-03-01 09:00\n  timezone \"Europe/Paris\"", "Europe/Paris", "2026-03-01 09:01", 10);
    }

    @Test
    void dailyOnWeekdaysAcrossTheSpringChangeInParis() throws IOException {
        // Europe/Paris goes from +01:00 to +02:00 on Sunday 2026-03-29
        assertLaunches("daily_weekdays", "daily at 12:00, 09:00 on mon..fri\n  timezone \"Europe/Paris\"", "Europe/Paris",
                "2026-03-27 10:00", 4,
                "2026-03-27T12:00:00+01:00", "2026-03-30T09:00:00+02:00", "2026-03-30T12:00:00+02:00", "2026-03-31T09:00:00+02:00");
    }

    @Test
    void fromIsInclusiveInTheCampaignZone() throws IOException {
        // 2026-05-05 08:30 is read in the campaign's zone (UTC here), not the machine's
        assertLaunches("half_hourly", "every 30 minutes between 08:00 and 09:00", "UTC", "2026-05-05 08:30", 3,
                "2026-05-05T08:30:00Z", "2026-05-05T09:00:00Z", "2026-05-06T08:00:00Z");
        assertLaunches("half_hourly_instant", "every 30 minutes between 08:00 and 09:00", "UTC", "2026-05-05T08:30:00Z", 1,
                "2026-05-05T08:30:00Z");
    }

    @Test
    void everyTwoHoursOnWeekendsAcrossTheSpringChangeInNewYork() throws IOException {
        // America/New_York goes from -05:00 to -04:00 on Sunday 2026-03-08 at 02:00
        assertLaunches("weekend_hours", "every 2 hours between 08:00 and 20:00 on sat, sun\n  timezone \"America/New_York\"",
                "America/New_York", "2026-03-07 19:00", 3,
                "2026-03-07T20:00:00-05:00", "2026-03-08T08:00:00-04:00", "2026-03-08T10:00:00-04:00");
    }

    @Test
    void everyOtherWeekCountsFromTheWeekOfFrom() throws IOException {
        // 2026-01-05 is a Monday; the weeks of 01-12 and 01-26 are skipped
        assertLaunches("fortnightly", "weekly every 2 weeks on mon, thu at 10:00\n  from 2026-01-05", "UTC", "2026-01-01 00:00", 5,
                "2026-01-05T10:00:00Z", "2026-01-08T10:00:00Z", "2026-01-19T10:00:00Z", "2026-01-22T10:00:00Z",
                "2026-02-02T10:00:00Z");
    }

    @Test
    void monthlyForms() throws IOException {
        assertLaunches("days", "monthly on day 1, 15 at 08:00\n  timezone \"America/New_York\"", "America/New_York",
                "2026-10-20 00:00", 3,
                "2026-11-01T08:00:00-05:00", "2026-11-15T08:00:00-05:00", "2026-12-01T08:00:00-05:00");
        assertLaunches("quarterly", "monthly on 2nd tue at 10:00 in jan, apr, jul, oct\n  timezone \"Europe/Paris\"", "Europe/Paris",
                "2026-01-01 00:00", 4,
                "2026-01-13T10:00:00+01:00", "2026-04-14T10:00:00+02:00", "2026-07-14T10:00:00+02:00", "2026-10-13T10:00:00+02:00");
        // February 2026 ends on a Saturday
        assertLaunches("last_friday", "monthly on last fri at 17:00", "UTC", "2026-02-01 00:00", 2,
                "2026-02-27T17:00:00Z", "2026-03-27T17:00:00Z");
        assertLaunches("last_day", "monthly on last day at 18:00", "UTC", "2028-02-01 00:00", 2,
                "2028-02-29T18:00:00Z", "2028-03-31T18:00:00Z");
        // day 31 only in the months that have one
        assertLaunches("day_31", "monthly on day 31 at 06:00", "UTC", "2026-04-01 00:00", 2,
                "2026-05-31T06:00:00Z", "2026-07-31T06:00:00Z");
    }

    @Test
    void validityPeriodAndMaxRuns() throws IOException {
        assertLaunches("bounded", "daily at 09:00\n  from 2026-06-01\n  until 2026-06-03\n  max 2 runs", "UTC", "2026-05-01 00:00", 10,
                "2026-06-01T09:00:00Z", "2026-06-02T09:00:00Z");
        assertLaunches("until", "daily at 09:00\n  from 2026-06-01\n  until 2026-06-03\n  timezone \"Asia/Tokyo\"", "Asia/Tokyo",
                "2026-05-01 00:00", 10,
                "2026-06-01T09:00:00+09:00", "2026-06-02T09:00:00+09:00", "2026-06-03T09:00:00+09:00");
    }

    @Test
    void parisSkippedAndRepeatedHours() throws IOException {
        // 2026-03-29: 02:00-03:00 does not exist, 02:30 runs at 03:30; 2026-10-25: 02:00-03:00 happens twice, 02:30 runs once
        assertLaunches("paris_spring", "daily at 02:30\n  timezone \"Europe/Paris\"", "Europe/Paris", "2026-03-28 00:00", 3,
                "2026-03-28T02:30:00+01:00", "2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00");
        assertLaunches("paris_autumn", "daily at 02:30\n  timezone \"Europe/Paris\"", "Europe/Paris", "2026-10-24 00:00", 3,
                "2026-10-24T02:30:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00");
        // every 30 minutes on the autumn day: 02:00 and 02:30 once each, at their first occurrence
        assertLaunches("paris_autumn_half_hours", "every 30 minutes between 01:30 and 03:00\n  timezone \"Europe/Paris\"",
                "Europe/Paris", "2026-10-25 00:00", 4,
                "2026-10-25T01:30:00+02:00", "2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T03:00:00+01:00");
    }

    @Test
    void newYorkSkippedAndRepeatedHours() throws IOException {
        // 2026-03-08: 02:00-03:00 does not exist; 2026-11-01: 01:00-02:00 happens twice
        assertLaunches("ny_spring", "daily at 02:30\n  timezone \"America/New_York\"", "America/New_York", "2026-03-07 12:00", 2,
                "2026-03-08T03:30:00-04:00", "2026-03-09T02:30:00-04:00");
        assertLaunches("ny_autumn", "daily at 01:30\n  timezone \"America/New_York\"", "America/New_York", "2026-10-31 12:00", 2,
                "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00");
    }

    @Test
    void lordHoweHalfHourChanges() throws IOException {
        // Australia/Lord_Howe: +11:00 in summer, +10:30 in winter; on 2026-04-05 01:30-02:00 happens twice,
        // on 2026-10-04 02:00-02:30 does not exist (02:15 runs at 02:45, 30 minutes later)
        assertLaunches("lord_howe_april", "daily at 01:45\n  timezone \"Australia/Lord_Howe\"", "Australia/Lord_Howe",
                "2026-04-04 00:00", 3,
                "2026-04-04T01:45:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30");
        assertLaunches("lord_howe_october", "daily at 02:15\n  timezone \"Australia/Lord_Howe\"", "Australia/Lord_Howe",
                "2026-10-03 00:00", 3,
                "2026-10-03T02:15:00+10:30", "2026-10-04T02:45:00+11:00", "2026-10-05T02:15:00+11:00");
    }

    @Test
    void textShowsTheLocalTimeAndTheInstant() {
        Path file = campaign("text_paris", "daily at 02:30\n  timezone \"Europe/Paris\"");
        Result r = camp("schedule", file.toString(), "--from", "2026-03-28 00:00", "--count", "2");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                Sat 2026-03-28 02:30 Europe/Paris   (2026-03-28T01:30:00Z)
                Sun 2026-03-29 03:30 Europe/Paris   (2026-03-29T01:30:00Z)
                """, r.out());
        Result after = camp("schedule", file.toString(), "--after", "2026-03-28 02:30", "--count", "1");
        assertEquals("Sun 2026-03-29 03:30 Europe/Paris   (2026-03-29T01:30:00Z)\n", after.out(), "--after is exclusive");
        Result ended = camp("schedule", campaign("text_once", "once at 2026-03-01 09:00").toString(), "--from", "2026-04-01 00:00");
        assertEquals(0, ended.code());
        assertEquals("no launch after 2026-04-01T00:00:00Z: the schedule has ended\n", ended.out());
    }

    @Test
    void badArgumentsAreOneLine() {
        Path file = campaign("bad_args", "daily at 09:00");
        Result both = camp("schedule", file.toString(), "--from", "2026-01-01 00:00", "--after", "2026-01-01 00:00");
        assertEquals(2, both.code());
        Result count = camp("schedule", file.toString(), "--count", "0");
        assertEquals(2, count.code());
        assertEquals("camp: --count must be 1 or more, not 0\n", count.err());
        Result time = camp("schedule", file.toString(), "--from", "yesterday");
        assertEquals(2, time.code());
        assertEquals(1, time.err().lines().count(), time.err());
    }

    /** The same vectors from a process whose TZ is yet another zone: the launcher's JVM reads TZ. */
    @Test
    void aProcessWithAnotherTzGivesTheSameLaunches() throws Exception {
        Path file = campaign("tz_process", "daily at 02:30\n  timezone \"Europe/Paris\"");
        for (String tz : List.of("Asia/Kolkata", "America/Los_Angeles")) {
            CampProcess json = CampProcess.camp("schedule", file.toString(), "--from", "2026-10-24 00:00", "--count", "3", "--format", "json")
                    .env("TZ", tz);
            assertEquals(0, json.run(60), json::toString);
            JsonNode root = JSON.readTree(json.output());
            assertEquals("[\"2026-10-24T02:30:00+02:00\",\"2026-10-25T02:30:00+02:00\",\"2026-10-26T02:30:00+01:00\"]",
                    root.get("launches").toString(), tz);
            CampProcess text = CampProcess.camp("schedule", file.toString(), "--from", "2026-03-29 00:00", "--count", "1").env("TZ", tz);
            assertEquals(0, text.run(60));
            assertEquals("Sun 2026-03-29 03:30 Europe/Paris   (2026-03-29T01:30:00Z)\n", text.output(), tz);
        }
    }
}
