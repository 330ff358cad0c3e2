package camp.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import camp.check.Cases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-written messy inputs and their canonical layout: {@code src/test/resources/fmt/NAME.in.camp}
 * formats to {@code NAME.out.camp} ({@code -Dcamp.updateGoldens=true} rewrites the outputs; review
 * the diff). Each output is itself formatted: formatting it changes nothing.
 */
class FormatterGoldenTest {
    static Stream<Path> inputs() throws java.io.IOException {
        try (Stream<Path> files = Files.list(Cases.resources("fmt"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".in.camp")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void formatsToItsGolden(Path input) {
        String name = input.getFileName().toString();
        String formatted = FmtAssertions.formatsWell(name, Cases.read(input));
        Path golden = input.resolveSibling(name.replace(".in.camp", ".out.camp"));
        Cases.assertGolden(golden, formatted);
        String expected = Cases.read(golden);
        assertEquals(expected, FmtAssertions.formatsWell(golden.getFileName().toString(), expected), "the golden output is formatted");
        assertFalse(expected.equals(Cases.read(input)), "a golden input shows something to format");
    }
}
