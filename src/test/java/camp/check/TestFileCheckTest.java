package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Campaign test files as {@code camp check} sees them: every mistake a diagnostic at its line and
 * column with its code and message (a missing campaign, an unknown entity, an undeclared column, a
 * value of the wrong type, an unknown port or param...), and a good file resolved to typed values.
 */
class TestFileCheckTest {
    @TempDir
    static Path temp;
    static Path samples;

    @BeforeAll
    static void copySamples() {
        samples = temp.resolve("samples");
        Cases.copySamples(samples);
    }

    private static final String HEAD = "campaign \"spring_promo.camp\"\nat 2026-03-10 09:00\n";

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no campaign", "at 2026-03-10\nexpect tiers.gold count = 1\n",
                        List.of("1:1 E0801 a test file starts by naming its campaign: campaign \"FILE.camp\"")),
                Arguments.of("missing campaign", "campaign \"sprng_promo.camp\"\n",
                        List.of("1:10 E0105 file 'sprng_promo.camp' does not exist | did you mean 'spring_promo.camp'?")),
                Arguments.of("a library", "campaign \"retail.camp\"\nat 2026-03-10\nexpect x count = 1\n",
                        List.of("1:10 E0107 'retail.camp' has no campaign statement: it is a library and cannot be run")),
                Arguments.of("unknown entity", HEAD + "fixture profile {\n  id\n  1\n}\nexpect tiers.gold count = 0\n",
                        List.of("3:9 E0201 unknown entity 'profile' | did you mean 'profiles'?")),
                Arguments.of("the delivery history", HEAD + "fixture deliveries {\n  id\n}\nexpect tiers.gold count = 0\n",
                        List.of("3:9 E0201 unknown entity 'deliveries' | the delivery history starts empty in a test: a test's campaign has sent nothing yet")),
                Arguments.of("undeclared column", HEAD + "fixture profiles {\n  id, emial\n  1, \"a@example.com\"\n}\nexpect tiers.gold count = 0\n",
                        List.of("4:7 E0204 'profiles' has no attribute or link 'emial' | did you mean 'email'?")),
                Arguments.of("wrong types", HEAD + "fixture profiles {\n  id, loyalty_points, created_at, email_opt_in, email\n"
                        + "  1, \"many\", \"2026-01-01\", 1, 42\n}\nexpect tiers.gold count = 0\n",
                        List.of("5:6 E0807 'loyalty_points' is int, and \"many\" is text | write a number without quotes",
                                "5:14 E0807 'created_at' is timestamp, and \"2026-01-01\" is text | write a timestamp without quotes: 2026-03-10 09:00",
                                "5:28 E0807 'email_opt_in' is bool, and 1 is a whole number",
                                "5:31 E0807 'email' is text, and 42 is a whole number | write text in double quotes: \"42\"")),
                Arguments.of("row width", HEAD + "fixture profiles {\n  id, email\n  1\n  2, \"b\", 3\n}\nexpect tiers.gold count = 0\n",
                        List.of("5:3 E0804 this row has 1 value, and the fixture's header names 2 columns",
                                "6:3 E0804 this row has 3 values, and the fixture's header names 2 columns")),
                Arguments.of("no key", HEAD + "fixture stores {\n  name, city\n  \"x\", \"y\"\n}\nexpect tiers.gold count = 0\n",
                        List.of("4:3 E0805 the fixture of 'stores' must give its key 'store_id'")),
                Arguments.of("duplicate and null keys", HEAD + "fixture stores {\n  store_id, name\n  1, \"a\"\n  1, \"b\"\n  null, \"c\"\n}\n"
                        + "expect tiers.gold count = 0\n",
                        List.of("6:3 E0806 key 1 appears twice in the fixture of 'stores'",
                                "7:3 E0807 the key 'store_id' of a record cannot be null")),
                Arguments.of("two fixtures of one entity", HEAD + "fixture stores {\n  store_id\n}\nfixture stores {\n  store_id\n}\n"
                        + "expect tiers.gold count = 0\n",
                        List.of("6:9 E0102 fixture 'stores' is already defined")),
                Arguments.of("csv file missing", HEAD + "fixture purchases from csv \"fixtures/nope.csv\"\nexpect tiers.gold count = 0\n",
                        List.of("3:28 E0105 file 'fixtures/nope.csv' does not exist")),
                Arguments.of("csv header", HEAD + "fixture stores from csv \"data/profiles.csv\"\nexpect tiers.gold count = 0\n",
                        List.of("3:25 E0808 13 columns of data/profiles.csv are not attributes of 'stores': 'id', 'email', 'phone', 'push_token', "
                                + "'first_name' and 8 more | its attributes: store_id, name, city, country, opened_on")),
                Arguments.of("unknown activity and port", HEAD + "expect tier.gold count = 1\nexpect tiers.golden count = 1\nexpect done count = 0\n",
                        List.of("3:8 E0206 unknown activity 'tier' | did you mean 'tiers'?",
                                "4:14 E0207 split 'tiers' has no output port 'golden' (its ports: gold, silver, others) | did you mean 'gold'?",
                                "5:8 E0207 end 'done' has no output port 'out' (its ports: none: it ends the flow)")),
                Arguments.of("unknown column of a port", HEAD + "expect tiers.gold rows {\n  id, spend_90d\n  1, 2\n}\n",
                        List.of("4:7 E0216 'spend_90d' is not a column of the rows reaching 'tiers.gold' | did you mean 'spent_90d'?")),
                Arguments.of("expected value of the wrong type", HEAD + "expect tiers.gold rows {\n  id, spent_90d\n  1, \"lots\"\n}\n",
                        List.of("5:6 E0807 'spent_90d' is decimal, and \"lots\" is text | write a number without quotes")),
                Arguments.of("params", HEAD + "param gold_spnd = 100\nparam silver_spend = \"high\"\nexpect tiers.gold count = 0\n",
                        List.of("3:7 E0215 unknown param 'gold_spnd' | did you mean 'gold_spend'?",
                                "4:22 E0807 param 'silver_spend' is decimal, and \"high\" is text | write a number without quotes")),
                Arguments.of("no logical time", "campaign \"spring_promo.camp\"\ntest \"t\" {\n  expect tiers.gold count = 0\n}\n",
                        List.of("2:6 E0803 test 't' has no logical time: write 'at YYYY-MM-DD HH:MM' at the top of the file or in the test")),
                Arguments.of("two tests of one name, and one expecting nothing", HEAD
                        + "test \"a\" {\n  expect tiers.gold count = 0\n}\ntest \"a\" {\n  expect tiers.gold count = 0\n}\ntest \"b\" {\n}\n",
                        List.of("6:6 E0102 test 'a' is already defined",
                                "9:6 W0810 test 'b' expects nothing: add 'expect ACTIVITY.PORT count = N'")),
                Arguments.of("syntax: a row that runs on", HEAD + "fixture stores {\n  store_id, name\n  1, \"a\" 2\n}\nexpect tiers.gold count = 0\n",
                        List.of("5:10 E0001 expected ',' between the values of a row, or a new line after it, found '2'")),
                Arguments.of("syntax: a count without comparison", HEAD + "expect tiers.gold count 1\nexpect tiers.gold count = 1\n",
                        List.of("3:25 E0001 expected a comparison (=, !=, <, <=, >, >=) after 'count', found '1'")),
                Arguments.of("syntax: a test not closed", HEAD + "test \"a\" {\n  expect tiers.gold count = 0\ntest \"b\" {\n  expect tiers.gold count = 0\n}\n",
                        List.of("5:1 E0001 'test' belongs at the top of the file, not inside a test; is a '}' missing?",
                                "3:1 E0001 test 'a' is not closed: '}' expected")),
                Arguments.of("syntax: a stray word", HEAD + "expectt tiers.gold count = 0\nexpect tiers.gold count = 0\n",
                        List.of("3:1 E0001 expected campaign, at, param, fixture, expect or test, found 'expectt'")),
                Arguments.of("the campaign's own errors", "campaign \"broken.camp\"\nat 2026-03-10\nexpect a count = 1\n",
                        List.of("broken.camp 2:21 E0202 unknown entity or audience 'profile'",
                                "1:10 E0802 campaign 'broken.camp' has an error; camp check it and fix them first")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void everyMistakeIsADiagnosticAtItsLineAndColumn(String name, String text, List<String> expected) throws IOException {
        Files.writeString(samples.resolve("broken.camp"), "campaign \"b\"\nactivity a:   build profile\nflow {\n  a\n}\n");
        Path file = samples.resolve("case.camptest");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        CheckedTests checked = TestChecker.check(file, "case.camptest");
        List<String> actual = checked.diagnostics().stream().map(TestFileCheckTest::shown).toList();
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), text);
        if (expected.stream().anyMatch(e -> e.contains(" E"))) {
            assertTrue(checked.tests().isEmpty(), "a file with errors has no test to run");
        }
    }

    private static String shown(Diagnostic d) {
        String where = d.fileName().equals("case.camptest") ? "" : d.fileName() + " ";
        return where + d.line() + ":" + d.column() + " " + d.code().id() + " " + d.message() + (d.help() == null ? "" : " | " + d.help());
    }

    @Test
    void theSampleResolvesToTypedFixturesParamsAndExpectations() throws IOException {
        CheckedTests checked = TestChecker.check(samples.resolve("spring_promo.camptest"), "spring_promo.camptest");
        assertEquals(List.of(), checked.diagnostics());
        assertEquals(3, checked.tests().size());
        CheckedTests.Case first = checked.tests().get(0);
        assertEquals("the tiers of a small market", first.name());
        assertEquals(LocalDateTime.of(2026, 3, 10, 9, 0), first.at());
        CheckedTests.Fixture profiles = first.fixtures().get("profiles");
        assertEquals(14, profiles.rows().size());
        List<Object> ann = profiles.rows().get(0);
        assertEquals(List.of(1L, "ann@example.com", "Ann", "FR", true, 900L, LocalDateTime.of(2024, 1, 5, 10, 0), 1L), ann);
        assertEquals(null, profiles.rows().get(13).get(2), "null is a value of any column");
        assertNotNull(first.fixtures().get("purchases").csv());
        assertEquals(LocalDate.of(2019, 4, 1), first.fixtures().get("stores").rows().get(0).get(4));
        CheckedTests.Rows gold = (CheckedTests.Rows) first.expectations().get(4);
        assertEquals("tiers.gold", gold.shown());
        assertEquals(new BigDecimal("350.00"), gold.rows().get(0).get(2), "an int or decimal literal of a decimal column");
        CheckedTests.Count optins = (CheckedTests.Count) first.expectations().get(0);
        assertEquals("optins.out", optins.shown(), "an activity alone is its default port");
        CheckedTests.Case second = checked.tests().get(1);
        assertEquals(Map.of("gold_spend", "300.00"), second.params());
        assertEquals(first.fixtures().keySet(), second.fixtures().keySet(), "the file's fixtures are every test's");
        assertEquals(LocalDateTime.of(2026, 9, 1, 9, 0), checked.tests().get(2).at(), "a test's own time");
    }

    @Test
    void mutatedTestFilesNeverCrashTheChecker() throws IOException {
        String seed = Files.readString(samples.resolve("spring_promo.camptest"));
        Random random = new Random(20_261_205L);
        String[] insertions = {"{", "}", "\"", "\"\"\"", ",", "\n", "expect ", "fixture ", "test \"x\" {", "-", "2026-13-45", "99:99",
            "null", "`", "/*", ".", "count", "rows {", "from csv \"", "9999999999999999999999"};
        for (int i = 0; i < 400; i++) {
            StringBuilder text = new StringBuilder(seed);
            for (int m = 0; m < 1 + random.nextInt(4); m++) {
                int at = random.nextInt(text.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> text.insert(at, insertions[random.nextInt(insertions.length)]);
                    case 1 -> text.delete(at, Math.min(text.length(), at + 1 + random.nextInt(20)));
                    default -> text.setLength(at);
                }
            }
            SourceFile source = new SourceFile("mutant.camptest", samples.resolve("mutant.camptest"), text.toString());
            CheckedTests checked = TestChecker.check(source);
            for (Diagnostic d : checked.diagnostics()) {
                assertFalse(d.code() == Code.INTERNAL, () -> "mutant " + text + "\n" + d.message());
                assertTrue(d.span() == null || d.span().start() <= d.span().end(), d.toString());
            }
        }
    }
}
