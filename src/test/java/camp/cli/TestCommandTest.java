package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.check.Cases;
import camp.check.CheckedTests;
import camp.check.TestChecker;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code camp test}: the sample's tests pass with their output pinned, a failing file shows each
 * failure at its line with the rows that differ (output pinned), every report format is what its
 * readers take (JSON, JUnit XML parsed back, SARIF against the official schema, GitHub
 * annotations), and the counts a test sees equal those of a plain dry run over a real database
 * that holds the same rows.
 */
class TestCommandTest {
    @TempDir
    static Path temp;
    static Path samples;

    @BeforeAll
    static void copy() throws IOException {
        samples = temp.resolve("samples");
        Cases.copySamples(samples);
        for (String name : List.of("failing.camptest", "bad_purchases.csv")) {
            Files.copy(Cases.resources("camptest").resolve(name), samples.resolve(name));
        }
    }

    private static RunFixture.Result camp(String... args) {
        return RunFixture.camp(args);
    }

    /** The output with the temporary folder written as TEMP, so that it can be pinned. */
    private static String pinned(String text) {
        return text.replace(temp.toString(), "TEMP");
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = Cases.resources("camptest").resolve(name);
        if (Boolean.getBoolean("camp.updateGoldens")) {
            Files.writeString(Cases.projectRoot().resolve("src/test/resources/camptest").resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + name + " (-Dcamp.updateGoldens=true rewrites it)");
    }

    @Test
    void theSampleTestsPass() throws IOException {
        RunFixture.Result r = camp("test", "samples/spring_promo.camptest");
        assertEquals(0, r.code(), r.toString());
        assertEquals("", r.err());
        assertGolden("sample.txt", r.out());
    }

    @Test
    void aFailingFileShowsEveryFailureAtItsLineWithTheRowsThatDiffer() throws IOException {
        RunFixture.Result r = camp("test", samples.resolve("failing.camptest").toString());
        assertEquals(1, r.code(), r.toString());
        assertGolden("failing.txt", pinned(r.out()));
    }

    @Test
    void jsonGivesEveryTestItsStatusExpectationsAndCounts() {
        RunFixture.Result r = camp("test", "--format", "json", samples.resolve("failing.camptest").toString(),
                samples.resolve("spring_promo.camptest").toString());
        assertEquals(1, r.code(), r.toString());
        JsonNode json = r.json();
        assertEquals(6, json.get("tests").asInt());
        assertEquals(4, json.get("passed").asInt());
        assertEquals(2, json.get("failed").asInt());
        assertEquals(0, json.get("errors").asInt());
        JsonNode believed = json.get("files").get(0).get("tests").get(1);
        assertEquals("what the reviewer believed", believed.get("name").asText());
        assertEquals("failed", believed.get("status").asText());
        assertEquals(25, believed.get("line").asInt());
        JsonNode first = believed.get("expectations").get(0);
        assertEquals("unique.out", first.get("port").asText());
        assertEquals("count", first.get("kind").asText());
        assertEquals(false, first.get("passed").asBoolean());
        assertEquals("expected unique.out count = 2, found 3", first.get("message").asText());
        JsonNode rows = believed.get("expectations").get(2);
        assertEquals("rows", rows.get("kind").asText());
        assertEquals(List.of("  id | first_name", "- 4  | \"Dee\"", "+ 3  | \"Cy\"", "- expected and missing, + found and not expected"),
                texts(rows.get("details")));
        assertEquals(3, believed.get("counts").get("unique.out").asInt());
        JsonNode cannot = json.get("files").get(0).get("tests").get(2);
        assertEquals(0, cannot.get("expectations").size(), "a test whose fixture does not load holds no expectation");
        assertEquals("E0811", cannot.get("problems").get(0).get("code").asText());
        assertEquals(36, cannot.get("problems").get(0).get("line").asInt());
        JsonNode passed = json.get("files").get(1).get("tests").get(0).get("expectations").get(0);
        assertTrue(passed.get("message").isNull(), "a passed expectation has a null message");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void junitHasATestCasePerTestAndAnErrorPerFileThatCannotRun() throws Exception {
        Path broken = samples.resolve("broken.camptest");
        Files.writeString(broken, "campaign \"spring_promo.camp\"\nat 2026-03-10\nexpect tier.gold count = 1\n");
        RunFixture.Result r = camp("test", "--format", "junit", samples.resolve("failing.camptest").toString(), broken.toString());
        assertEquals(1, r.code(), r.toString());
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("2", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element failing = (Element) suites.item(0);
        NodeList cases = failing.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        assertEquals("the gold tier", ((Element) cases.item(0)).getAttribute("name"));
        assertEquals(0, ((Element) cases.item(0)).getElementsByTagName("failure").getLength());
        Element failure = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").endsWith("failing.camptest:26:3: expected unique.out count = 2, found 3 (and 2 more)"),
                failure.getAttribute("message"));
        assertEquals("E0809", failure.getAttribute("type"));
        assertTrue(failure.getTextContent().contains("+ 3  | \"Cy\""), "the rows that differ are in the failure's text");
        Element error = (Element) ((Element) suites.item(1)).getElementsByTagName("error").item(0);
        assertEquals("E0206", error.getAttribute("type"));
    }

    @Test
    void sarifIsValidAgainstTheOfficialSchemaAndPointsAtTheExpectations() throws Exception {
        SarifSchemaTest.loadSchema();
        RunFixture.Result r = camp("test", "--format", "sarif", samples.resolve("failing.camptest").toString());
        assertEquals(1, r.code(), r.toString());
        JsonNode log = RunFixture.MAPPER.readTree(r.out());
        assertEquals(List.of(), SarifSchemaTest.violations(log));
        JsonNode results = log.get("runs").get(0).get("results");
        assertEquals(4, results.size(), r.out());
        List<Integer> lines = new ArrayList<>();
        results.forEach(x -> lines.add(x.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt()));
        assertEquals(List.of(26, 27, 28, 36), lines);
        assertTrue(results.get(2).get("message").get("text").asText().contains("- 4  | \"Dee\""));
    }

    @Test
    void githubAnnotatesEveryFailure() {
        RunFixture.Result r = camp("test", "--format", "github", samples.resolve("failing.camptest").toString());
        assertEquals(1, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals(5, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("::error file=") && lines.get(0).contains(",line=26,col=3,"), lines.get(0));
        assertEquals("3 tests: 1 passed, 2 failed", lines.get(4));
    }

    @Test
    void aFileWithErrorsRunsNothingAndBadPathsAreUsageErrors() throws IOException {
        Path broken = samples.resolve("errors.camptest");
        Files.writeString(broken, "campaign \"spring_promo.camp\"\nat 2026-03-10\nfixture profiles {\n  id, emial\n  1, \"a\"\n}\n"
                + "expect tiers.gold count = 1\n");
        RunFixture.Result r = camp("test", broken.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("errors.camptest:4:7: error[E0204]: 'profiles' has no attribute or link 'emial'"), r.out());
        assertTrue(r.out().endsWith("0 tests: 0 passed, 0 failed; 1 error kept 1 file from running\n"), r.out());
        RunFixture.Result check = camp("check", broken.toString());
        assertEquals(1, check.code(), "camp check checks test files too");
        assertTrue(check.err().contains("errors.camptest:4:7: error[E0204]"), check.err());
        assertEquals(0, camp("check", "samples/spring_promo.camptest").code());

        RunFixture.Result missing = camp("test", samples.resolve("nope.camptest").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        Path empty = Files.createDirectories(temp.resolve("empty"));
        RunFixture.Result none = camp("test", empty.toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("no .camptest file under"), none.err());
    }

    @Test
    void aFolderIsSearchedAndHiddenFoldersAreSkipped() throws IOException {
        Path project = temp.resolve("folder");
        Cases.copySamples(project);
        Files.createDirectories(project.resolve(".camp"));
        Files.writeString(project.resolve(".camp/stale.camptest"), "not a test");
        RunFixture.Result r = camp("test", "--format", "json", project.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(1, r.json().get("files").size());
        assertEquals(3, r.json().get("tests").asInt());
    }

    /**
     * The counts of a test, held to a plain {@code camp run --dry-run} of the same campaign over a
     * real database whose tables hold the test's fixtures (its entities read as {@code table}
     * sources): every port of every test of the sample, in both.
     */
    @Test
    void theCountsOfATestAreThoseOfAPlainDryRunOverTheSameRows() throws Exception {
        Path project = temp.resolve("plain");
        Cases.copySamples(project);
        Path retail = project.resolve("retail.camp");
        String text = Files.readString(retail);
        for (String entity : List.of("profiles", "purchases", "stores", "subscriptions")) {
            text = text.replace("from csv \"data/" + entity + ".csv\"", "from table \"" + entity + "\"");
        }
        Files.writeString(retail, text);
        CheckedTests checked = TestChecker.check(samples.resolve("spring_promo.camptest"), "spring_promo.camptest");
        RunFixture.Result tests = camp("test", "--format", "json", samples.resolve("spring_promo.camptest").toString());
        assertEquals(0, tests.code(), tests.toString());
        int i = 0;
        for (CheckedTests.Case test : checked.tests()) {
            Path db = project.resolve("db" + i).resolve("camp.duckdb");
            Files.createDirectories(db.getParent());
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE profiles (id BIGINT, email VARCHAR, phone VARCHAR, push_token VARCHAR, first_name VARCHAR,"
                        + " last_name VARCHAR, country VARCHAR, city VARCHAR, birth_date DATE, created_at TIMESTAMP, loyalty_points BIGINT,"
                        + " email_opt_in BOOLEAN, sms_opt_in BOOLEAN, push_opt_in BOOLEAN, favorite_store_id BIGINT)");
                s.execute("CREATE TABLE purchases (purchase_id BIGINT, profile_id BIGINT, store_id BIGINT, amount DECIMAL(18,4),"
                        + " category VARCHAR, purchased_at TIMESTAMP, channel VARCHAR)");
                s.execute("CREATE TABLE stores (store_id BIGINT, name VARCHAR, city VARCHAR, country VARCHAR, opened_on DATE)");
                s.execute("CREATE TABLE subscriptions (subscription_id BIGINT, profile_id BIGINT, plan VARCHAR, status VARCHAR,"
                        + " started_on DATE, expires_on DATE, monthly_price DECIMAL(18,4), auto_renew BOOLEAN)");
                for (CheckedTests.Fixture f : test.fixtures().values()) {
                    String columns = String.join(", ", f.columns());
                    if (f.csv() != null) {
                        s.execute("INSERT INTO " + f.entity() + " (" + columns + ") SELECT " + columns + " FROM read_csv('" + f.csv()
                                + "', header = true)");
                        continue;
                    }
                    for (List<Object> row : f.rows()) {
                        s.execute("INSERT INTO " + f.entity() + " (" + columns + ") VALUES ("
                                + row.stream().map(TestCommandTest::literal).collect(Collectors.joining(", ")) + ")");
                    }
                }
            }
            List<String> args = new ArrayList<>(List.of("run", project.resolve("spring_promo.camp").toString(), "--dry-run", "--format", "json",
                    "--db", db.toString(), "--at", test.at().toLocalDate() + " " + test.at().toLocalTime()));
            test.params().forEach((k, v) -> args.add("--param=" + k + "=" + v));
            RunFixture.Result run = camp(args.toArray(String[]::new));
            assertEquals(0, run.code(), run.toString());
            Map<String, Long> plain = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> activities = run.json().get("activities").fields();
            while (activities.hasNext()) {
                Map.Entry<String, JsonNode> a = activities.next();
                a.getValue().get("outputs").fields().forEachRemaining(p -> plain.put(a.getKey() + "." + p.getKey(), p.getValue().asLong()));
            }
            Map<String, Long> inTest = new LinkedHashMap<>();
            tests.json().get("files").get(0).get("tests").get(i).get("counts").fields()
                    .forEachRemaining(p -> inTest.put(p.getKey(), p.getValue().asLong()));
            assertEquals(plain, inTest, test.name());
            assertTrue(plain.get("tiers.others") > 0 || i == 2, "the counts are not all zero");
            i++;
        }
    }

    private static String literal(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof String s) {
            return "'" + s.replace("'", "''") + "'";
        }
        if (v instanceof LocalDate || v instanceof LocalDateTime) {
            return "'" + v.toString().replace('T', ' ') + "'";
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return v.toString();
    }

    @Test
    void aSavedAudienceFixtureIsWhatBuildSavedAndInSavedRead() throws IOException {
        Path file = samples.resolve("loyalty.camptest");
        Files.writeString(file, """
                campaign "loyalty_monthly.camp"
                at 2026-03-10 09:00
                fixture profiles {
                  id, email, email_opt_in, loyalty_points, created_at, first_name
                  1, "a@example.com", true, 900, 2020-01-01 10:00, "A"
                  2, "b@example.com", true, 800, 2021-01-01 10:00, "B"
                  3, "c@example.com", true, 10, 2021-01-01 10:00, "C"
                }
                fixture saved "spring_gold_2026" {
                  id
                  1
                  3
                }
                expect spring_gold rows {
                  id
                  1
                  3
                }
                expect everyone count = 3
                """);
        RunFixture.Result r = camp("test", file.toString());
        assertEquals(0, r.code(), r.toString());
        Files.writeString(file, Files.readString(file).replace("saved \"spring_gold_2026\"", "saved \"spring_gold_2025\""));
        RunFixture.Result typo = camp("check", file.toString());
        assertEquals(1, typo.code());
        assertTrue(typo.err().contains("error[E0209]: unknown audience 'spring_gold_2025'") && typo.err().contains("did you mean 'spring_gold_2026'?"),
                typo.err());
    }

    @Test
    void theCommandLineAsAProcessRunsTheSamplesTests() throws Exception {
        CampProcess p = CampProcess.camp("test", "samples/").in(Cases.projectRoot());
        assertEquals(0, p.run(180), p.output());
        assertTrue(p.output().contains("PASS  the tiers of a small market"), p.output());
        assertTrue(p.output().contains("3 tests: 3 passed, 0 failed"), p.output());
    }
}
