package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's main job as a newcomer meets it: a run without {@code --at} happens at the logical
 * time the samples' camp.toml sets (inside the spring promo's schedule), a second run that selects
 * nobody new says why, and a run outside a campaign's schedule is warned about.
 */
class FirstRunTest {
    private static final String SPRING_AT = "2026-03-10 09:00";
    private static final String PICKED = " rows left out by incremental history (picked by an earlier run of the last 30 days)";

    @TempDir
    Path temp;

    private static long port(RunFixture.Result r, String activity, String port) {
        return r.json().path("activities").path(activity).path("outputs").path(port).asLong(-1);
    }

    @Test
    void aRunWithoutAtHappensAtTheLogicalTimeOfTheSamplesCampToml() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result r = fx.run("spring_promo.camp", "--format", "json");
        assertEquals(0, r.code(), r::toString);
        assertEquals("20260310T080000Z", r.json().path("run").asText(), "09:00 in Paris is 08:00 UTC");
        assertTrue(r.err().contains("camp: logical time 2026-03-10 09:00 from " + fx.samples.resolve("camp.toml") + " ([run] at); --at sets another"),
                r.err());
        assertEquals(40, port(r, "tiers", "gold"), "the spring sale's gold tier, not an empty audience");
        RunFixture.Result given = fx.run("spring_promo.camp", "--at", "2026-03-11 09:00", "--dry-run", "--format", "json");
        assertEquals("20260311T080000Z", given.json().path("run").asText(), "--at wins");
        assertFalse(given.err().contains("[run] at"), given.err());
    }

    @Test
    void aSecondRunSaysHowManyRowsIncrementalHistoryLeftOut() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result first = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, first.code(), first::toString);
        long picked = port(first, "optins", "out");
        assertTrue(picked > 0, first::toString);
        assertFalse(fx.withDb("logs", first.json().path("run").asText()).out().contains("left out by incremental"),
                "the first run leaves nobody out");

        RunFixture.Result second = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        assertEquals(0, port(second, "optins", "out"), "everybody was picked by the first run");
        String logs = fx.withDb("logs", second.json().path("run").asText(), "--activity", "optins").out();
        assertTrue(logs.contains("[optins] " + picked + PICKED), logs);

        // in text, the progress line says it too
        RunFixture.Result third = fx.run("spring_promo.camp", "--at", SPRING_AT);
        assertTrue(third.err().contains("(" + picked + " left out by incremental history (see camp logs))"), third.err());
    }

    @Test
    void incrementalOnAnAttributeCountsTheRowsNotNewerThanThePreviousRun() {
        String t1 = "2026-03-10 09:00";
        String t2 = "2026-03-10 11:00";
        RunFixture fresh = new RunFixture(temp.resolve("fresh"));
        RunFixture.Result all = fresh.run("welcome.camp", "--at", t2, "--dry-run", "--format", "json");
        assertEquals(0, all.code(), all::toString);
        String build = "newcomers";
        long everybody = port(all, build, "out");

        RunFixture fx = new RunFixture(temp.resolve("twice"));
        RunFixture.Result first = fx.run("welcome.camp", "--at", t1, "--format", "json");
        assertEquals(0, first.code(), first::toString);
        RunFixture.Result second = fx.run("welcome.camp", "--at", t2, "--format", "json");
        assertEquals(0, second.code(), second::toString);
        long newer = port(second, build, "out");
        String logs = fx.withDb("logs", second.json().path("run").asText(), "--activity", build).out();
        String label = " rows left out by incremental history (created_at not after the previous run's logical time)";
        long leftOut = everybody - newer;
        assertTrue(leftOut > 0, "the first run's members are left out of the second: " + everybody + " vs " + newer);
        assertTrue(logs.contains("[" + build + "] " + leftOut + label), "newer + left out = everybody the build matches:\n" + logs);
    }

    @Test
    void aRunOutsideItsCampaignsScheduleIsWarned() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result after = fx.run("spring_promo.camp", "--at", "2026-04-01 09:00", "--dry-run");
        assertEquals(0, after.code(), after::toString);
        assertTrue(after.err().contains("camp: warning: the logical time 2026-04-01 09:00 (Europe/Paris) is after the campaign's"
                + " schedule ended (until 2026-03-27); the run goes ahead: --at sets another time"), after.err());
        RunFixture.Result before = fx.run("spring_promo.camp", "--at", "2026-02-27 09:00", "--dry-run");
        assertTrue(before.err().contains("is before the campaign's schedule starts (from 2026-03-02)"), before.err());
        RunFixture.Result inside = fx.run("spring_promo.camp", "--at", SPRING_AT, "--dry-run");
        assertFalse(inside.err().contains("warning"), inside.err());
    }

    @Test
    void aRunOfAOneOffCampaignOnAnotherDayThanItsLaunchIsWarned() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result later = fx.run("blackfriday.camp", "--at", "2026-11-25 09:00", "--dry-run");
        assertEquals(0, later.code(), later::toString);
        assertTrue(later.err().contains("camp: warning: the logical time 2026-11-25 09:00 (Europe/Paris) is after the campaign's only"
                + " launch (schedule once at 2026-11-24 09:00); the run goes ahead: --at sets another time"), later.err());
        RunFixture.Result earlier = fx.run("blackfriday.camp", "--at", "2026-11-20 09:00", "--dry-run");
        assertTrue(earlier.err().contains("is before the campaign's only launch (schedule once at 2026-11-24 09:00)"), earlier.err());
        RunFixture.Result onTheDay = fx.run("blackfriday.camp", "--at", "2026-11-24 15:00", "--dry-run");
        assertFalse(onTheDay.err().contains("warning"), onTheDay.err());
    }
}
