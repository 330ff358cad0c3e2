package camp.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample and every valid test case formats: idempotent, the same AST, the same tokens, every
 * comment kept in its place. The samples are the canonical layout: formatting them changes only
 * spaces inside lines (never a line break), and the samples that follow the majority's choices
 * are not changed at all.
 */
class FormatterRoundTripTest {
    private static final Pattern ACTIVITY = Pattern.compile("^(activity \\S+:)( +)\\S", Pattern.MULTILINE);

    static Stream<Path> files() {
        List<Path> all = new ArrayList<>(Cases.campFiles(Cases.projectRoot().resolve("samples")));
        all.addAll(Cases.campFiles(Cases.resources("valid")));
        return all.stream();
    }

    static Stream<Path> samples() {
        return Cases.campFiles(Cases.projectRoot().resolve("samples")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void formatsKeepingMeaningAndComments(Path file) {
        String text = Cases.read(file);
        String formatted = FmtAssertions.formatsWell(file.getFileName().toString(), text);
        assertTrue(formatted.endsWith("\n") && !formatted.endsWith("\n\n"), "one line break at the end");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void samplesChangeOnlySpacesInsideLines(Path sample) {
        String text = Cases.read(sample);
        String formatted = FmtAssertions.formatsWell(sample.getFileName().toString(), text);
        List<String> before = text.lines().map(FormatterRoundTripTest::squeezed).toList();
        List<String> after = formatted.lines().map(FormatterRoundTripTest::squeezed).toList();
        assertEquals(before, after, "the samples' line breaks and blank lines are the canonical layout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void activityBodiesStartInOneColumnAtMost23(Path sample) {
        String formatted = FmtAssertions.formatsWell(sample.getFileName().toString(), Cases.read(sample));
        Matcher m = ACTIVITY.matcher(formatted);
        int longest = 0;
        List<int[]> headers = new ArrayList<>();
        while (m.find()) {
            headers.add(new int[] {m.group(1).length(), m.group(2).length()});
            longest = Math.max(longest, m.group(1).length());
        }
        int column = Math.min(22, longest + 2);
        for (int[] h : headers) {
            assertEquals(Math.max(column, h[0] + 1), h[0] + h[1], "the body column of " + sample.getFileName());
        }
    }

    @Test
    void samplesThatFollowTheMajorityAreUnchanged() {
        for (String name : List.of("partner_leads.camp", "payday_flash.camp", "retail.camp")) {
            String text = Cases.read(Cases.projectRoot().resolve("samples").resolve(name));
            assertEquals(text, FmtAssertions.formatsWell(name, text), name + " is already in the canonical layout");
        }
    }

    /** The line without its indentation and with each run of spaces as one (strings here have no double spaces). */
    private static String squeezed(String line) {
        return line.strip().replaceAll(" +", " ");
    }
}
