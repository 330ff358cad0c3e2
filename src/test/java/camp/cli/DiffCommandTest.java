package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.check.Cases;
import camp.cli.RunFixture.Result;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp diff} on {@code src/test/resources/diff/old.camp} (a copy of the spring promo) and
 * {@code new.camp} (its gold threshold raised, an SMS to the silver tier added, the saved gold
 * audience removed), over a copy of the samples' data: the text output pinned in
 * {@code old-new.txt}, every count checked against plain dry runs of each version, the Markdown
 * and JSON outputs, a broken version, the user's database left as it was, and the command as a
 * process of its own.
 */
class DiffCommandTest {
    static final String AT = "2026-03-10 09:00";

    @TempDir
    Path temp;

    RunFixture fixture;
    Path oldFile;
    Path newFile;

    @BeforeEach
    void copyTheVersionsBesideTheSamples() throws Exception {
        fixture = new RunFixture(temp);
        oldFile = Files.copy(Cases.resources("diff").resolve("old.camp"), fixture.sample("old.camp"));
        newFile = Files.copy(Cases.resources("diff").resolve("new.camp"), fixture.sample("new.camp"));
    }

    private Result diff(String... options) {
        return diff(oldFile, newFile, options);
    }

    /**
     * {@code camp diff OLD NEW OPTIONS...} in this process; without {@code --db}, over an empty
     * database, so that a state database in the working folder (the default) plays no part.
     */
    private Result diff(Path old, Path neu, String... options) {
        List<String> args = new ArrayList<>(List.of("diff", old.toString(), neu.toString()));
        args.addAll(List.of(options));
        if (!args.contains("--db")) {
            args.addAll(List.of("--db", empty().toString()));
        }
        return RunFixture.camp(args.toArray(String[]::new));
    }

    private Path empty() {
        Path file = temp.resolve("empty.duckdb");
        if (!Files.exists(file)) {
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())) {
                assertTrue(c.isValid(1));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        }
        return file;
    }

    @Test
    void theTextOutputIsPinned() {
        Result r = diff("--at", AT);
        assertEquals(0, r.code(), r::toString);
        assertEquals("", r.err(), r::toString);
        String shown = r.out().replace(fixture.samples + "/", "");
        Cases.assertGolden(Cases.resources("diff").resolve("old-new.txt"), shown);
    }

    @Test
    void everyCountIsWhatAPlainDryRunOfEachVersionCounts() {
        JsonNode diff = diff("--at", AT, "--format", "json").json();
        JsonNode before = RunFixture.camp("run", oldFile.toString(), "--dry-run", "--format", "json", "--at", AT,
                "--db", temp.resolve("old.duckdb").toString()).json();
        JsonNode after = RunFixture.camp("run", newFile.toString(), "--dry-run", "--format", "json", "--at", AT,
                "--db", temp.resolve("new.duckdb").toString()).json();
        assertEquals("completed", before.get("status").asText());
        assertEquals("completed", after.get("status").asText());
        Map<String, Long> fromDiffBefore = new LinkedHashMap<>();
        Map<String, Long> fromDiffAfter = new LinkedHashMap<>();
        for (JsonNode a : diff.get("activities")) {
            for (JsonNode p : a.get("ports")) {
                String key = a.get("activity").asText() + "." + p.get("port").asText();
                if (!p.get("before").isNull()) {
                    fromDiffBefore.put(key, p.get("before").asLong());
                }
                if (!p.get("after").isNull()) {
                    fromDiffAfter.put(key, p.get("after").asLong());
                }
            }
        }
        assertEquals(ports(before), fromDiffBefore);
        assertEquals(ports(after), fromDiffAfter);
        // the messages of each channel: the 'sent' ports of its activities
        Map<String, Long> sent = new LinkedHashMap<>();
        for (JsonNode m : diff.get("messages")) {
            sent.put(m.get("channel").asText(), m.get("after").asLong());
        }
        long email = ports(after).entrySet().stream().filter(e -> e.getKey().endsWith("_mail.sent")).mapToLong(Map.Entry::getValue).sum();
        assertEquals(Map.of("email", email, "sms", ports(after).get("silver_sms.sent")), sent);
    }

    /** activity.port to count, from camp run --format json. */
    private static Map<String, Long> ports(JsonNode run) {
        Map<String, Long> out = new LinkedHashMap<>();
        run.get("activities").properties().forEach(a -> a.getValue().get("outputs").properties()
                .forEach(p -> out.put(a.getKey() + "." + p.getKey(), p.getValue().asLong())));
        return out;
    }

    @Test
    void jsonSaysWhatChangedAndByHowMuch() {
        JsonNode d = diff("--at", AT, "--format", "json").json();
        assertEquals("2026-03-10T08:00:00Z", d.get("at").asText());
        assertEquals("Europe/Paris", d.get("timezone").asText());
        assertEquals("{\"added\":1,\"removed\":1,\"changed\":1,\"unchanged\":11}", d.get("changes").toString());
        assertTrue(d.get("summary").asText().startsWith("1 activity changed, 1 added, 1 removed; email `gold_mail`: 40 \u2192 35 (-5)"),
                d.get("summary").asText());
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        d.get("activities").forEach(a -> byName.put(a.get("activity").asText(), a));
        JsonNode tiers = byName.get("tiers");
        assertEquals("changed", tiers.get("change").asText());
        assertEquals("[\"sql\"]", tiers.get("aspects").toString());
        JsonNode gold = tiers.get("ports").get(0);
        assertEquals("gold", gold.get("port").asText());
        assertEquals(40, gold.get("before").asLong());
        assertEquals(35, gold.get("after").asLong());
        assertEquals(-5, gold.get("difference").asLong());
        assertEquals(-12.5, gold.get("percent").asDouble());
        assertEquals("added", byName.get("silver_sms").get("change").asText());
        assertTrue(byName.get("silver_sms").get("old").isNull());
        assertTrue(byName.get("silver_sms").get("ports").get(0).get("before").isNull());
        assertEquals("removed", byName.get("keep_gold").get("change").asText());
        assertEquals("save audience", byName.get("keep_gold").get("old").get("kind").asText());
        // an activity whose counts change only because of what comes before it is unchanged
        assertEquals("unchanged", byName.get("gold_mail").get("change").asText());
        // the removed activity sits where it was, after gold_mail
        assertEquals(List.of("optins", "buyers", "reachable", "unique", "enriched", "tiers", "gold_mail", "silver_mail", "silver_sms",
                "others_mail", "keep_gold", "any_failed", "mail_alert", "done"), List.copyOf(byName.keySet()));
        JsonNode sms = d.get("messages").get(1);
        assertEquals("{\"channel\":\"sms\",\"before\":0,\"after\":12,\"difference\":12,\"percent\":null,\"complete\":true}", sms.toString());
    }

    @Test
    void markdownIsAPullRequestComment() {
        Result r = diff("--at", AT, "--format", "markdown");
        assertEquals(0, r.code(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertEquals("**`" + newFile + "`**: 1 activity changed, 1 added, 1 removed; email `gold_mail`: 40 &rarr; 35 (-5); "
                + "sms `silver_sms`: 0 &rarr; 12 (+12); email `others_mail`: 74 &rarr; 79 (+5)", lines.get(0));
        assertTrue(lines.contains("| activity | change | port | before | after | difference |"), r.out());
        assertTrue(lines.contains("| `tiers` | changed (sql) | gold | 40 | 35 | -5 (-12.5%) |"), r.out());
        assertTrue(lines.contains("| `silver_sms` | added | sent |  | 12 |  |"), r.out());
        assertTrue(lines.contains("| `keep_gold` | removed | out | 40 |  |  |"), r.out());
        assertTrue(lines.contains("| sms | 0 | 12 | +12 |"), r.out());
        // what neither changed nor counts differently is folded away
        assertTrue(lines.contains("<details><summary>9 activities unchanged, with the same counts</summary>"), r.out());
        assertTrue(lines.contains("| `optins` | build | out | 202 |"), r.out());
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("| `optins` | unchanged")), r.out());
    }

    @Test
    void aBrokenNewVersionExitsOneWithItsDiagnostic() throws Exception {
        Files.writeString(newFile, Files.readString(newFile).replace("build recent_buyers", "build recent_buyer"));
        Result r = diff("--at", AT);
        assertEquals(1, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains(newFile + ":34:28: error[E0202]: unknown entity or audience 'recent_buyer'"), r.err());
        assertTrue(r.err().contains("= help: did you mean 'recent_buyers'?"), r.err());
        assertTrue(r.err().contains("nothing was run"), r.err());
        JsonNode json = diff("--at", AT, "--format", "json").json();
        assertEquals(1, json.get("errors").asInt());
        assertEquals("E0202", json.get("diagnostics").get(0).get("code").asText());
        String markdown = diff("--at", AT, "--format", "markdown").out();
        assertTrue(markdown.startsWith("**camp diff**: `" + newFile + "` does not check (1 error"), markdown);
        assertTrue(markdown.contains("```text\n" + newFile + ":34:28: error[E0202]"), markdown);
    }

    @Test
    void theUsersDatabaseIsReadAndNeverWritten() throws Exception {
        // a real run records the incremental history of 'optins': a day later it picks none of the same profiles again
        assertEquals(0, fixture.run("spring_promo.camp", "--at", AT).code());
        String fingerprint = fingerprint(fixture.db);
        long runs = fixture.count("SELECT count(*) FROM camp_state.runs");
        JsonNode withHistory = diff("--at", "2026-03-11 09:00", "--db", fixture.db.toString(), "--format", "json").json();
        JsonNode fresh = diff("--at", "2026-03-11 09:00", "--format", "json").json();
        long picked = withHistory.get("activities").get(0).get("ports").get(0).get("after").asLong();
        long pickedFresh = fresh.get("activities").get(0).get("ports").get(0).get("after").asLong();
        assertTrue(picked < pickedFresh, picked + " profiles picked again despite the history, of " + pickedFresh);
        assertEquals(fingerprint, fingerprint(fixture.db), "the database file is unchanged");
        assertEquals(runs, fixture.count("SELECT count(*) FROM camp_state.runs"));
        assertFalse(Files.exists(Path.of(fixture.db + ".wal")));
    }

    @Test
    void withoutDbTheRunsReadTheDatabaseCampRunWouldUse() throws Exception {
        // the project's camp.toml names the database that a real run fills; the diff reads its history
        Path toml = fixture.samples.resolve("camp.toml");
        Files.writeString(toml, Files.readString(toml).replace("[run]", "db = \"../state/camp.duckdb\"\n\n[run]"));
        assertEquals(0, RunFixture.camp("run", fixture.sample("spring_promo.camp").toString(), "--at", AT).code());
        assertTrue(Files.isRegularFile(fixture.db), "camp run wrote the camp.toml's db");
        JsonNode project = RunFixture.camp("diff", oldFile.toString(), newFile.toString(), "--at", "2026-03-11 09:00",
                "--format", "json").json();
        JsonNode explicit = diff("--at", "2026-03-11 09:00", "--db", fixture.db.toString(), "--format", "json").json();
        JsonNode fresh = diff("--at", "2026-03-11 09:00", "--format", "json").json();
        long picked = project.get("activities").get(0).get("ports").get(0).get("after").asLong();
        assertEquals(explicit.get("activities").get(0).get("ports").get(0).get("after").asLong(), picked);
        assertTrue(picked < fresh.get("activities").get(0).get("ports").get(0).get("after").asLong(), "the history was read");
    }

    private static String fingerprint(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)))
                + " " + Files.getLastModifiedTime(file);
    }

    @Test
    void oldIsReadInNewsPlaceUnlessAskedOtherwise() throws Exception {
        // an old version taken out of the repository into another folder: its import is NEW's
        Path elsewhere = Files.createDirectories(temp.resolve("base"));
        Path old = Files.copy(oldFile, elsewhere.resolve("spring_promo.camp"));
        Result r = diff(old, newFile, "--at", AT);
        assertEquals(0, r.code(), r::toString);
        Result inPlace = diff(old, newFile, "--at", AT, "--old-in-place");
        assertEquals(1, inPlace.code(), inPlace::toString);
        assertTrue(inPlace.err().contains("error[E0103]: cannot read imported file 'retail.camp'"), inPlace.err());
    }

    @Test
    void usageErrorsExitTwo() {
        Result unknownParam = diff("--at", AT, "--param", "gold_spnd=300");
        assertEquals(2, unknownParam.code(), unknownParam::toString);
        assertTrue(unknownParam.err().contains("did you mean 'gold_spend'?"), unknownParam.err());
        Result missing = diff(oldFile, temp.resolve("nope.camp"));
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        assertEquals(2, diff("--db", temp.resolve("none.duckdb").toString()).code());
        assertEquals(2, diff("--at", "yesterday").code());
        Result help = RunFixture.camp("diff", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("Examples:") && help.out().contains("--format markdown"), help.out());
    }

    @Test
    void aParamGivenToBothVersionsChangesNothingBetweenThem() {
        JsonNode d = diff("--at", AT, "--param", "gold_spend=1000", "--format", "json").json();
        // with the same threshold in both, only the added and removed activities differ
        assertEquals("{\"added\":1,\"removed\":1,\"changed\":0,\"unchanged\":12}", d.get("changes").toString());
    }

    @Test
    void aWaitHoldsTheActivitiesAfterItUnlessTheDiffRunsThroughWaits() throws Exception {
        Files.writeString(newFile, Files.readString(newFile)
                .replace("activity done:       end", "activity done:       end\nactivity later:      wait 3 days")
                .replace("tiers.others -> others_mail", "tiers.others -> later -> others_mail"));
        // a logical time far ahead, so that the wait's time has not come by the wall clock
        JsonNode held = diff("--at", "2099-03-10 09:00", "--format", "json").json();
        assertEquals("waiting", held.get("new").get("status").asText());
        JsonNode mail = activity(held, "others_mail");
        assertEquals("pending", mail.get("new").get("status").asText());
        assertTrue(mail.get("ports").get(0).get("after").isNull(), mail.toString());
        JsonNode email = held.get("messages").get(0);
        assertFalse(email.get("complete").asBoolean());
        assertTrue(email.get("difference").isNull());
        assertTrue(diff("--at", "2099-03-10 09:00").out().contains("the dry run of " + newFile + " is waiting"));

        JsonNode through = diff("--at", "2099-03-10 09:00", "--through-waits", "--format", "json").json();
        assertEquals("completed", through.get("new").get("status").asText());
        assertEquals("done", activity(through, "others_mail").get("new").get("status").asText());
        assertTrue(through.get("messages").get(0).get("complete").asBoolean());
    }

    @Test
    void aFailingDryRunExitsThreeAndTheDiffIsPrintedAllTheSame() throws Exception {
        // a placeholder without default, and profiles without a favorite store: the task fails at run time
        Files.writeString(newFile, Files.readString(newFile).replace("{{store_name | default \"your nearest Maison Nord\"}}",
                "{{store_name}}"));
        Result r = diff("--at", AT);
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("error[E0703]: activity 'others_mail' failed"), r.err());
        assertFalse(r.err().contains("camp resume"), "the run is in a throwaway copy: nothing to resume\n" + r.err());
        assertTrue(r.out().contains("the dry run of " + newFile + " failed: task 'others_mail' failed: "), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("others_mail +changed \\(message\\) +email +sent +74 +\\(failed\\)")), r.out());
    }

    @Test
    void aSourceTheDatabaseLacksRefusesTheRunsWithTheirDiagnostic() throws Exception {
        Path tabled = fixture.write("tabled.camp", "campaign \"t\"\nentity p key id from table \"crm_profiles\" { id: int }\n"
                + "activity a: build p\nactivity e: end\nflow { a -> e }\n");
        Result r = diff(tabled, tabled, "--at", AT, "--format", "json");
        assertEquals(ExitCodes.RUN_FAILED, r.code(), r::toString);
        assertEquals("E0704", r.json().get("diagnostics").get(0).get("code").asText(), r::toString);
        assertTrue(r.err().contains("crm_profiles"), r.err());
    }

    private static JsonNode activity(JsonNode diff, String name) {
        for (JsonNode a : diff.get("activities")) {
            if (a.get("activity").asText().equals(name)) {
                return a;
            }
        }
        throw new AssertionError("no activity " + name + " in " + diff);
    }

    @Test
    void theCommandRunsAsAProcessOfItsOwn() throws Exception {
        CampProcess p = CampProcess.camp("diff", "old.camp", "new.camp", "--at", AT, "--format", "markdown").in(fixture.samples);
        int code = p.run(120);
        assertEquals(0, code, p::toString);
        assertTrue(p.output().startsWith("**`new.camp`**: 1 activity changed, 1 added, 1 removed; email `gold_mail`: 40 &rarr; 35 (-5)"),
                p::toString);
        assertFalse(Files.exists(fixture.samples.resolve(".camp")), "no database was created in the working folder");
    }
}
