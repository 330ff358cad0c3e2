package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.diag.Code;
import camp.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every script of {@code src/test/resources/valid} and every sample checks without an error.
 * A warning is allowed only when the file says so with a {@code // expect-warning: W0xxx} line,
 * one line per warning (so the warnings of a valid case are pinned too).
 */
class ValidCasesTest {
    static Path validFolder() {
        return Cases.resources("valid");
    }

    static List<Path> validCases() {
        return Cases.campFiles(validFolder());
    }

    static List<Path> samples() {
        return Cases.campFiles(Cases.projectRoot().resolve("samples"));
    }

    @TestFactory
    Stream<DynamicTest> validCasesHaveNoErrors() {
        return validCases().stream().map(p -> DynamicTest.dynamicTest("valid/" + p.getFileName(), p.toUri(), () -> assertValid(p)));
    }

    @TestFactory
    Stream<DynamicTest> samplesHaveNoErrors() {
        return samples().stream().map(p -> DynamicTest.dynamicTest("samples/" + p.getFileName(), p.toUri(), () -> assertValid(p)));
    }

    /**
     * The plan of every valid case, as {@code camp explain --stage ir} prints it, against
     * {@code valid/NAME.ir}: what the checker resolved each name to, each step's inputs, ports
     * and rows, and the aggregates that steps share.
     */
    @TestFactory
    Stream<DynamicTest> validCasesHaveTheirGoldenPlan() {
        return validCases().stream().map(p -> DynamicTest.dynamicTest("valid/" + p.getFileName() + " plan", p.toUri(), () -> {
            Checked checked = Cases.check(p);
            assertTrue(checked.plan() != null, p + " has a plan");
            Cases.assertGolden(p.resolveSibling(p.getFileName().toString().replaceFirst("\\.camp$", ".ir")),
                    camp.ir.IrPrinter.print(checked.plan()));
        }));
    }

    @Test
    void everyPlanGoldenBelongsToAValidCase() throws java.io.IOException {
        try (Stream<Path> files = java.nio.file.Files.list(validFolder())) {
            List<String> stale = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ir"))
                    .filter(n -> !java.nio.file.Files.exists(validFolder().resolve(n.replaceFirst("\\.ir$", ".camp")))).toList();
            assertEquals(List.of(), stale, "golden plans without their case");
        }
    }

    @Test
    void thereAreEnoughCasesAndSamples() {
        assertTrue(validCases().size() >= 25, "valid cases: " + validCases().size());
        assertTrue(samples().size() >= 5, "samples: " + samples().size());
    }

    static void assertValid(Path file) {
        Checked checked = Cases.check(file);
        List<Diagnostic> diagnostics = checked.diagnostics();
        String rendered = Cases.render(diagnostics);
        for (Diagnostic d : diagnostics) {
            if (d.code() == Code.INTERNAL || d.isError()) {
                fail(file.getFileName() + " should check without errors, got:\n" + rendered);
            }
        }
        Expectations expected = Expectations.parse(file.getFileName().toString(), Cases.read(file));
        List<String> expectedWarnings = new ArrayList<>(expected.warnings().stream().map(Expectations.Expected::code).sorted().toList());
        List<String> actualWarnings = new ArrayList<>(diagnostics.stream().map(d -> d.code().id()).sorted().toList());
        assertEquals(expectedWarnings, actualWarnings,
                file.getFileName() + ": warnings must each be listed as '// expect-warning: W0xxx'; got:\n" + rendered);
        assertTrue(expected.errors().isEmpty(), file.getFileName() + " is a valid case but expects errors");
        if (checked.plan() == null) {
            fail(file.getFileName() + ": a file without errors must have a plan");
        }
    }
}
