package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Code;
import camp.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The golden test of {@code src/test/resources/invalid}: each {@code x.camp} holds one mistake
 * (a few hold several, to show recovery) and says in comments what it must produce:
 * {@code // expect-error: CODE LINE:COL message}. The case must produce exactly those errors
 * (and the warnings it lists); other warnings are not pinned. Beside it, {@code x.err} holds the
 * full text {@code camp check} prints, help lines included, so that a change of wording or of
 * caret is seen in review; {@code -Dcamp.updateGoldens=true} rewrites the {@code .err} files.
 * Helper files (libraries, templates, a csv) live in subfolders and are not cases.
 *
 * <p>Expectations state what a correct front end reports. Where it does not yet, the case fails
 * and a {@code // BUG: cascade, must not be reported: ...} line (a plain comment, so that line
 * numbers stay put) records what it wrongly reports besides; the {@code .err} file is the output
 * as it is today, to be regenerated once the bug is fixed.
 */
class InvalidCasesTest {
    static Path folder() {
        return Cases.resources("invalid");
    }

    static List<Path> cases() {
        return Cases.campFiles(folder());
    }

    @TestFactory
    Stream<DynamicNode> invalidCases() {
        return cases().stream().map(p -> {
            String name = p.getFileName().toString();
            Checked checked = Cases.check(p);
            return DynamicContainer.dynamicContainer(name, p.toUri(), Stream.of(
                    DynamicTest.dynamicTest("expected diagnostics", () -> assertExpectations(p, checked)),
                    DynamicTest.dynamicTest("golden text output", () -> assertRendered(p, checked))));
        });
    }

    static void assertExpectations(Path file, Checked checked) {
        String name = file.getFileName().toString();
        Expectations expected = Expectations.parse(name, Cases.read(file));
        assertFalse(expected.errors().isEmpty(), name + " has no '// expect-error:' line");
        assertTrue(expected.diagnostics().stream().allMatch(Expectations.Expected::hasPosition),
                name + ": every expectation needs LINE:COL and the message");
        for (Diagnostic d : checked.diagnostics()) {
            assertFalse(d.code() == Code.INTERNAL, name + " crashed the front end:\n" + Cases.render(List.of(d)));
        }
        assertEquals(expected.describeExpected(), expected.describeActual(checked.diagnostics()),
                name + ": the diagnostics differ from the expectations; the full output is\n" + Cases.render(checked.diagnostics()));
    }

    static void assertRendered(Path file, Checked checked) {
        String name = file.getFileName().toString();
        Path golden = file.resolveSibling(name.substring(0, name.length() - ".camp".length()) + ".err");
        Cases.assertGolden(golden, Cases.render(checked.diagnostics()));
    }

    @Test
    void thereAreEnoughCases() {
        assertTrue(cases().size() >= 45, "invalid cases: " + cases().size());
    }

    @Test
    void everyGoldenHasItsCase() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            List<String> orphans = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".err"))
                    .filter(n -> !Files.exists(folder().resolve(n.replaceAll("\\.err$", ".camp"))))
                    .toList();
            assertEquals(List.of(), orphans, "golden files without a case");
        }
    }

    @Test
    void expectationLinesAreParsedStrictly() {
        Expectations e = Expectations.parse("x.camp", String.join("\n",
                "// expect-error: E0201 12:10 unknown entity 'profils'",
                "// expect-error: E0104 lib/b.camp:2:8 import cycle: a.camp -> b.camp -> a.camp",
                "// expect-warning: W0508",
                "// BUG: cascade, must not be reported: E0206 3:4 unknown activity 'x'",
                "campaign \"x\""));
        assertEquals(3, e.diagnostics().size());
        assertEquals(new Expectations.Expected(camp.diag.Severity.ERROR, "E0201", "x.camp", 12, 10, "unknown entity 'profils'"),
                e.diagnostics().get(0));
        assertEquals("lib/b.camp", e.diagnostics().get(1).file());
        assertFalse(e.diagnostics().get(2).hasPosition());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Expectations.parse("x.camp", "// expect-error: W0508 1:1 wrong kind"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Expectations.parse("x.camp", "// expect-eror: E0201 1:1 typo"));
    }
}
