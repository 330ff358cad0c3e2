package camp.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The diff of {@code camp fmt --diff}, as {@code diff -u} prints it (the expected texts are GNU diff's). */
class UnifiedDiffTest {
    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", UnifiedDiff.of("a", "a", "x\n", "x\n"));
    }

    @Test
    void changesFarApartMakeSeparateHunksAndAMissingLastLineBreakIsMarked() {
        String before = IntStream.rangeClosed(1, 20).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        String after = before.replace("line 2\n", "line two\n").replace("line 15\n", "").replace("line 20\n", "line 20\nline 21");
        assertEquals("""
                --- a.camp
                +++ a.camp
                @@ -1,5 +1,5 @@
                 line 1
                -line 2
                +line two
                 line 3
                 line 4
                 line 5
                @@ -12,9 +12,9 @@
                 line 12
                 line 13
                 line 14
                -line 15
                 line 16
                 line 17
                 line 18
                 line 19
                 line 20
                +line 21
                \\ No newline at end of file
                """, UnifiedDiff.of("a.camp", "a.camp", before, after));
    }

    @Test
    void onlyTheLastLineBreakAdded() {
        assertEquals("--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
                UnifiedDiff.of("f", "f", "a\nb", "a\nb\n"));
    }

    @Test
    void fromAndToAnEmptyText() {
        assertEquals("--- f\n+++ f\n@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("f", "f", "", "a\nb\n"));
        assertEquals("--- f\n+++ f\n@@ -1 +0,0 @@\n-a\n", UnifiedDiff.of("f", "f", "a\n", ""));
    }
}
