package camp.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.source.SourceFile;
import camp.source.Span;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Offsets to lines and columns, the one place where they are computed: offsets and columns
 * count code points (as ANTLR and people do), {@code utf16Column} counts UTF-16 units (as the
 * language server protocol does); CRLF, tabs and characters outside the BMP included.
 */
class SourceFileTest {
    private static final String PARTY = "\uD83C\uDF89"; // one code point, two UTF-16 units

    @Test
    void linesAndColumnsOfPlainText() {
        SourceFile f = SourceFile.of("a.camp", "ab\ncd\n\nef");
        assertEquals(4, f.lineCount());
        assertEquals(9, f.length());
        int[][] expected = {{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}, {2, 3}, {3, 1}, {4, 1}, {4, 2}, {4, 3}};
        for (int offset = 0; offset < expected.length; offset++) {
            assertEquals(expected[offset][0], f.line(offset), "line of " + offset);
            assertEquals(expected[offset][1], f.column(offset), "column of " + offset);
        }
        assertEquals("ab", f.lineText(1));
        assertEquals("", f.lineText(3));
        assertEquals("ef", f.lineText(4));
        assertEquals("", f.lineText(0));
        assertEquals("", f.lineText(5));
    }

    @Test
    void crlfCountsAsOneLineBreakAndIsNotShown() {
        SourceFile f = SourceFile.of("crlf.camp", "ab\r\ncd\r\n");
        assertEquals(3, f.lineCount());
        assertEquals(3, f.column(2), "the \\r is the third character of line 1");
        assertEquals(1, f.line(3), "the \\n ends line 1");
        assertEquals(2, f.line(4));
        assertEquals(1, f.column(4));
        assertEquals("ab", f.lineText(1));
        assertEquals("cd", f.lineText(2));
        assertEquals("", f.lineText(3));
        assertEquals(0, f.utf16Column(4));
        assertEquals(4, f.offsetOfUtf16(1, 0));
    }

    @Test
    void aTabIsOneColumn() {
        SourceFile f = SourceFile.of("tab.camp", "\t\tx");
        assertEquals(3, f.column(2));
        assertEquals(2, f.utf16Column(2));
    }

    @Test
    void columnsCountCodePointsAndUtf16ColumnsCountUnits() {
        String text = PARTY + "x\n" + PARTY + PARTY + "y\u00E9z";
        SourceFile f = SourceFile.of("emoji.camp", text);
        assertEquals(8, f.length(), "code points, not chars: " + text.length());
        // line 1: [party, x, \n]
        assertEquals(2, f.column(1));
        assertEquals(2, f.utf16Column(1));
        // line 2: [party, party, y, e-acute, z]
        assertEquals(2, f.line(5));
        assertEquals(3, f.column(5), "y is the third character of line 2");
        assertEquals(4, f.utf16Column(5), "and the fifth UTF-16 unit (0-based 4)");
        assertEquals(4, f.column(6));
        assertEquals(5, f.utf16Column(6));
        assertEquals(5, f.column(7));
        assertEquals(6, f.utf16Column(7), "an e-acute is one unit");
        assertEquals(PARTY + PARTY + "y\u00E9z", f.lineText(2));
        assertEquals(PARTY + "y", f.slice(4, 6));
    }

    @Test
    void utf16ColumnsMapBackToOffsets() {
        SourceFile f = SourceFile.of("emoji.camp", "a" + PARTY + "b\n" + PARTY + "c");
        for (int offset = 0; offset <= f.length(); offset++) {
            int line0 = f.line(offset) - 1;
            assertEquals(offset, f.offsetOfUtf16(line0, f.utf16Column(offset)), "round trip of " + offset);
        }
        assertEquals(3, f.offsetOfUtf16(0, 99), "past the end of a line: the line's end");
        assertEquals(f.length(), f.offsetOfUtf16(9, 0), "past the last line: the end of the file");
    }

    @Test
    void offsetsOutsideTheFileAreClamped() {
        SourceFile f = SourceFile.of("short.camp", "ab\nc");
        assertEquals(2, f.line(99));
        assertEquals(2, f.column(99));
        assertEquals(1, f.line(-5));
        assertEquals(1, f.column(-5));
        assertEquals("b\nc", f.slice(1, 99));
        assertEquals("", f.slice(3, 1));
    }

    @Test
    void anEmptyFileHasOneEmptyLine() {
        SourceFile f = SourceFile.of("empty.camp", "");
        assertEquals(1, f.lineCount());
        assertEquals(0, f.length());
        assertEquals(1, f.line(0));
        assertEquals(1, f.column(0));
        assertEquals("", f.lineText(1));
    }

    @Test
    void spansTakeTheirPositionsFromTheFile() {
        SourceFile f = SourceFile.of("s.camp", "x\n" + PARTY + "abc\n");
        Span s = Span.of(f, 3, 6);
        assertEquals(2, s.line());
        assertEquals(2, s.column());
        assertEquals(2, s.endLine());
        assertEquals(5, s.endColumn());
        assertEquals("abc", s.text());
        assertEquals("s.camp:2:2", s.toString());
        assertEquals(s, Span.of(f, 3, 1).to(s), "Span.of never makes an inverted span");
    }

    // ------------------------------------------------------------ through the front end

    @Test
    void diagnosticPositionsAfterCrlfTabsAndEmoji() {
        String text = "campaign \"" + PARTY + PARTY + "\"\r\n\tparam x: int = nope\r\n";
        Checked checked = Frontend.check(SourceFile.of("pos.camp", text));
        Diagnostic d = checked.diagnostics().stream().filter(x -> x.code() == Code.NOT_CONSTANT).findFirst().orElseThrow();
        assertEquals(2, d.line());
        assertEquals(17, d.column(), "tab (1) + 'param x: int = ' (15) before 'nope'");
        assertEquals(21, d.endColumn());
        String rendered = new DiagnosticRenderer(false).render(d);
        List<String> lines = rendered.lines().toList();
        assertEquals("2 |  param x: int = nope", lines.get(2), "the tab is shown as one space and the \\r not at all");
        assertEquals("  |                 ^^^^", lines.get(3));

        String emoji = "campaign \"x\"\nparam " + PARTY + ": int\n";
        Diagnostic e = Frontend.check(SourceFile.of("emoji.camp", emoji)).diagnostics().stream()
                .filter(x -> x.code() == Code.UNEXPECTED_CHARACTER).findFirst().orElseThrow();
        assertEquals(2, e.line());
        assertEquals(7, e.column());
        assertEquals(8, e.endColumn(), "one code point wide");
        assertEquals(6, e.span().file().utf16Column(e.span().start()));
    }

    @Test
    void aByteOrderMarkIsDroppedAndInvalidUtf8Reported() {
        byte[] bom = "\uFEFFcampaign \"x\"".getBytes(StandardCharsets.UTF_8);
        SourceReader.Read read = SourceReader.decode("bom.camp", null, bom);
        assertEquals(List.of(), read.diagnostics());
        assertEquals("campaign \"x\"", read.source().text());
        assertEquals(1, read.source().column(0));

        byte[] latin1 = "campaign \"caf\u00E9\"".getBytes(StandardCharsets.ISO_8859_1);
        SourceReader.Read bad = SourceReader.decode("latin1.camp", null, latin1);
        assertEquals(1, bad.diagnostics().size());
        assertEquals(Code.INVALID_UTF8, bad.diagnostics().get(0).code());
        assertEquals("the file is not valid UTF-8 text (first bad byte at offset 13)", bad.diagnostics().get(0).message());
        assertTrue(bad.source().text().startsWith("campaign \"caf"), "the text is still decoded, with a replacement character");
    }
}
