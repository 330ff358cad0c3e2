package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bugs of the front end found while writing its test suites, each pinned by the test named
 * after it (Calcite's habit). The crashes found by the fuzzer are pinned in
 * {@link RobustnessTest#inputsCutShortAreSyntaxErrorsNotCrashes()}; the cascades and wrong
 * messages of single mistakes in the invalid cases ({@code // BUG:} lines there).
 */
class FrontendRegressionTest {
    private static final String PEOPLE = """
            campaign "Regression"
            entity people key id from table "people" {
              id: int
              email: text
            }
            """;

    private static List<Diagnostic> check(String text) {
        return Frontend.check(SourceFile.of("regression.camp", text)).diagnostics();
    }

    private static String errors(List<Diagnostic> diagnostics) {
        return Cases.render(diagnostics.stream().filter(Diagnostic::isError).toList());
    }

    /**
     * §5: {@code matches "re"} uses RE2 syntax (DuckDB's), but the checker compiles the pattern with
     * java.util.regex: valid RE2 such as a named group {@code (?P<name>...)} is rejected, and what
     * RE2 cannot run (look-around, back-references) is accepted and fails only at run time.
     */
    @Test
    void regularExpressionsAreCheckedWithRe2Syntax() {
        String ok = PEOPLE + """
                activity all: build people where email matches "^(?P<user>[a-z.]+)@example\\\\.com$"
                activity keep: save audience "k"
                flow { all -> keep }
                """;
        assertEquals("", errors(check(ok)), "(?P<name>...) is RE2's named group");
        for (String re2Rejects : List.of("^(?=a)", "(a)\\\\1", "(?<!x)y")) {
            String bad = PEOPLE + "activity all: build people where email matches \"" + re2Rejects + "\"\n"
                    + "activity keep: save audience \"k\"\nflow { all -> keep }\n";
            assertTrue(check(bad).stream().anyMatch(d -> d.code() == Code.INVALID_REGEX),
                    "RE2 has no look-around or back-reference: " + re2Rejects);
        }
    }

    /** W0609 rounds the shortest gap down to minutes: launches 1 second apart are "every 0 minutes". */
    @Test
    void theTooFrequentWarningNeverSaysEveryZeroMinutes() {
        String text = PEOPLE + """
                schedule weekly on mon..sun at 00:00, 23:59:59
                activity all: build people
                activity keep: save audience "k"
                flow { all -> keep }
                """;
        List<Diagnostic> warnings = check(text).stream().filter(d -> d.code() == Code.TOO_FREQUENT).toList();
        assertEquals(1, warnings.size(), Cases.render(check(text)));
        assertFalse(warnings.get(0).message().contains("every 0 minutes"), warnings.get(0).message());
    }

    /**
     * E0504's help says "it is not in the flow; add it" whenever no transition was built to the
     * activity, also when the flow names it: alone ({@code flow { a; done }}) or in a transition
     * that was rejected (an unknown port). FlowChecker computes the mentioned names and ignores them.
     */
    @Test
    void theUnreachableHelpDoesNotSayAnActivityOfTheFlowIsNotInTheFlow() {
        String alone = PEOPLE + """
                activity all: build people
                activity keep: save audience "k"
                activity done: end
                flow { all -> keep; done }
                """;
        String badPort = PEOPLE + """
                activity all: build people
                activity mail: email { subject "Hi" body "Hello" }
                activity done: end
                flow { all -> mail; mail.out -> done }
                """;
        for (String text : List.of(alone, badPort)) {
            for (Diagnostic d : check(text)) {
                if (d.code() == Code.UNREACHABLE) {
                    assertFalse(d.help() != null && d.help().startsWith("it is not in the flow"), Cases.render(List.of(d)));
                }
            }
        }
    }

    /**
     * E0003's span is '/*' plus the next character, so a file that ends with '/*' gets a span
     * past its end (an LSP range outside the document) and the caret covers 3 characters.
     */
    @Test
    void theUnterminatedCommentSpanIsTheTwoCharactersOfItsOpening() {
        for (String text : List.of("/*", "campaign \"x\" /* never closed\n")) {
            Diagnostic d = check(text).stream().filter(x -> x.code() == Code.UNTERMINATED_COMMENT).findFirst().orElseThrow();
            assertEquals(2, d.span().end() - d.span().start(), "the span of '/*' in " + text);
            assertTrue(d.span().end() <= d.span().file().length(), "inside the file");
        }
    }

    /**
     * An import path that the file system cannot represent (here a NUL character, on Windows
     * also ':' '*' '?' ...) throws InvalidPathException out of Frontend.followImports: E0900
     * instead of E0103 at the string. Checker.resolveFile already handles it for csv files.
     */
    @Test
    void anImportPathThatIsNotAPathIsReportedNotACrash() {
        List<Diagnostic> diagnostics = check("import \"shop\u0000.camp\"\n");
        assertFalse(diagnostics.stream().anyMatch(d -> d.code() == Code.INTERNAL), Cases.render(diagnostics));
        assertTrue(diagnostics.stream().anyMatch(d -> d.code() == Code.IMPORT_NOT_FOUND && d.column() == 8), Cases.render(diagnostics));
    }
}
