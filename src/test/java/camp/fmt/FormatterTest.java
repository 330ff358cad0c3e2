package camp.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.syntax.Syntax;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layout rules one at a time, the public API, and the files that are not formatted. */
class FormatterTest {
    private static String fmt(String text) {
        return FmtAssertions.formatsWell("test.camp", text);
    }

    @Test
    void aFileWithSyntaxErrorsIsNotFormattedAndSaysWhy() {
        String text = "campaign \"x\"\nactivity a: build where\nactivity b: build people where name = \"x\n";
        SourceFile source = SourceFile.of("broken.camp", text);
        Formatted result = Formatter.format(source);
        assertFalse(result.ok());
        assertFalse(result.changed());
        assertNull(result.text());
        assertEquals(Syntax.parse(source).diagnostics(), result.diagnostics(), "the syntax diagnostics, as camp check has them");
        assertTrue(result.diagnostics().stream().anyMatch(Diagnostic::isError));
        assertEquals("broken.camp:2:19: error[E0001]: expected a name, found 'where'", result.diagnostics().get(0).headline());
    }

    @Test
    void theResultSaysWhetherTheTextChanged() {
        Formatted tidy = Formatter.format(SourceFile.of("a.camp", "campaign \"x\"\n"));
        assertTrue(tidy.ok());
        assertFalse(tidy.changed());
        assertEquals(List.of(), tidy.diagnostics());
        Formatted messy = Formatter.format(SourceFile.of("a.camp", "campaign   \"x\""));
        assertTrue(messy.changed());
        assertEquals("campaign \"x\"\n", messy.text());
    }

    @Test
    void emptyFilesAndFilesOfCommentsOnly() {
        assertEquals("", fmt(""));
        assertEquals("", fmt("  \n\n\t\n"));
        assertEquals("// only\n\n/* and this */\n", fmt("\n\n// only\n\n\n/* and this */   "));
    }

    @Test
    void statementsStartInColumnOneWithABlankLineBetweenKinds() {
        assertEquals("campaign \"x\"\n\nimport \"a.camp\"\nimport \"b.camp\"\n\nparam p: int = 1\n",
                fmt("  campaign \"x\" import \"a.camp\"\n      import \"b.camp\"\n\n\n\nparam p:int=1"));
        // the author's blank line between statements of one kind is kept, one at most
        assertEquals("param a: int = 1\n\nparam b: int = 2\nparam c: int = 3\n",
                fmt("param a: int = 1\n\n\n\nparam b: int = 2\nparam c: int = 3\n"));
    }

    @Test
    void spacesBetweenTokens() {
        assertEquals("audience a = people where f(x, -y) >= 2 * (z % 3) and d in (mon, tue) and p.q = 10\n",
                fmt("audience a=people where f( x ,- y )>=2*( z%3 )and d in( mon,tue )and p . q=10"));
        assertEquals("schedule daily at 09:00, 12:00 on mon..fri\n", fmt("schedule daily at 09:00 ,12:00 on mon .. fri"));
        assertEquals("activity s:  split { a: x > 1 limit 10% }\n", fmt("activity s: split{a:x>1 limit 10 %}"));
    }

    @Test
    void activityBodiesAlignTwoSpacesAfterTheLongestHeaderUpToColumn23() {
        assertEquals("activity a:    build people\nactivity bcd:  end\n", fmt("activity a: build people\nactivity bcd:end"));
        String longNames = fmt("activity a: build people\nactivity a_very_long_name: end\n");
        assertEquals("activity a:           build people\nactivity a_very_long_name: end\n", longNames);
    }

    @Test
    void blocksOfTwoMembersOrMoreGoOnePerLineAligned() {
        assertEquals("""
                activity s:  split {
                               gold:   points > 100
                               others: remainder
                             }
                activity t:  test { go: count > 0 }
                """, fmt("activity s: split { gold: points > 100 others: remainder }\nactivity t: test{go:count>0}"));
        assertEquals("""
                activity e:  enrich {
                               a     = 1
                               bcdef = 2
                             }
                """, fmt("activity e: enrich { a = 1 bcdef=2 }"));
        // a block the author wrote over several lines stays so, even with one member; an empty one closes
        assertEquals("""
                activity t:  test {
                               go: count > 0
                             }
                activity e:  enrich {}
                """, fmt("activity t: test {\n go: count > 0 }\nactivity e: enrich {\n\n}"));
    }

    @Test
    void flowChainsGoOnePerLineWithoutSemicolonsFirstArrowsAlignedPerActivity() {
        assertEquals("""
                flow {
                  a -> s
                  s.gold   -> m
                  s.silver -> n
                  m.failed -> x
                }
                """, fmt("flow { a -> s; s.gold -> m ; s.silver->n m.failed -> x }"));
        assertEquals("flow { a -> b }\n", fmt("flow{a->b;}"));
    }

    @Test
    void aBlankLineAcrossADroppedSemicolonEndsAnAlignmentGroup() {
        // found by the scrambled-whitespace test: the printer kept the blank line, the alignment did not see it
        assertEquals("flow {\n  a -> b\n  t.gold -> m\n\n  t.silver -> n\n}\n", fmt("flow { a -> b\n t.gold -> m\n;\n t.silver -> n }"));
    }

    @Test
    void deeplyNestedInputIsFormattedNotAStackOverflow() {
        int depth = Syntax.MAX_NESTING - 1;
        String text = "audience a = p where " + "(".repeat(depth) + "x" + ")".repeat(depth);
        assertEquals(text + "\n", Formatter.format(SourceFile.of("deep.camp", text)).text());
    }

    @Test
    void linesTheAuthorBrokeStayBrokenAndMoveWithWhatTheyWereAlignedUnder() {
        String formatted = fmt("""
                activity a: build people where x = 1
                                           and (y = 2
                                                or z = 3)
                activity long_enough_name: end
                """);
        assertEquals("""
                activity a:           build people where x = 1
                                                     and (y = 2
                                                          or z = 3)
                activity long_enough_name: end
                """, formatted);
        // a clause (where, an option) on a line of its own is indented 2 from the body
        assertEquals("""
                activity a:  build people
                               where x = 1
                                 and y = 2
                               skip empty
                """, fmt("activity a: build people\nwhere x = 1\n  and y = 2\n    skip empty\n"));
    }

    @Test
    void stringsAreKeptByteForByte() {
        String text = "activity m: email {\n  subject \"Tab\\there, \\\"quoted\\\"  and  \\\\\"\n"
                + "  body \"\"\"\n      <p>  indented   {{x}}</p>  \n\t\"\"\"\n}\n";
        String formatted = fmt(text);
        assertTrue(formatted.contains("subject \"Tab\\there, \\\"quoted\\\"  and  \\\\\"\n"), formatted);
        assertTrue(formatted.contains("body \"\"\"\n      <p>  indented   {{x}}</p>  \n\t\"\"\"\n"), formatted);
    }

    @Test
    void crlfFilesStayCrlfAndTabsBecomeSpaces() {
        String text = "campaign \"x\"\r\n\r\nactivity\ta:\tbuild people\r\n\t\twhere x = 1\r\n"
                + "activity b: email { body \"\"\"one\r\ntwo\"\"\" }\r\n";
        String formatted = fmt(text);
        // a line break inside a string does not make its block one of several lines
        assertEquals("campaign \"x\"\r\n\r\nactivity a:  build people\r\n               where x = 1\r\n"
                + "activity b:  email { body \"\"\"one\r\ntwo\"\"\" }\r\n", formatted);
    }

    @Test
    void trailingSpacesGoAndOneLineBreakEndsTheFile() {
        assertEquals("campaign \"x\"\n\nimport \"y\"\n", fmt("campaign \"x\"   \n\n\n\nimport \"y\"  \t\n\n\n"));
        // a comment is kept as it is written, its own trailing spaces too
        assertEquals("campaign \"x\" // c  \n", fmt("campaign \"x\" // c  "));
    }

    @Test
    void commentHeavyFileKeepsEveryCommentInPlace() {
        String input = Cases.read(Cases.resources("fmt").resolve("comments.in.camp"));
        String formatted = fmt(input);
        List<String> lines = formatted.lines().toList();
        // trailing comments aligned by the author keep their column when the code leaves room
        int column = input.lines().filter(l -> l.contains("// aligned")).findFirst().orElseThrow().indexOf("//");
        assertEquals(column, lines.stream().filter(l -> l.contains("// aligned")).findFirst().orElseThrow().indexOf("//"));
        assertEquals(column, lines.stream().filter(l -> l.contains("// keep their")).findFirst().orElseThrow().indexOf("//"));
        // a comment after a brace stays there; the member after it goes to its own line
        assertTrue(lines.contains("entity people key id from table \"people\" { /* after the brace */"), formatted);
        assertTrue(lines.contains("  id: int // the key"), formatted);
        // comments on their own lines, before a member, the closing brace and the next statement
        assertTrue(lines.contains("  // own line in a block"), formatted);
        assertTrue(lines.contains("  // before the closing brace"), formatted);
        assertEquals("// before import", lines.get(lines.indexOf("import \"shop.camp\"") - 1));
        assertEquals("// at the end", lines.get(lines.size() - 1));
        // a comment in a flow whose separator goes stays with the chain before it
        assertTrue(lines.contains("  all -> keep /* inline */ /* before the chain */"), formatted);
    }

    @Test
    void aCommentInEveryGapOfEverySample() {
        for (var sample : Cases.campFiles(Cases.projectRoot().resolve("samples"))) {
            String text = Cases.read(sample);
            StringBuilder commented = new StringBuilder();
            int n = 0;
            for (String line : text.split("\n", -1)) {
                // a block comment before every space of the code, a line comment after the code
                String code = line.contains("\"") || line.contains("//") || line.contains("*") ? line : line.replace(" ", " /*" + n++ + "*/ ");
                commented.append(code).append(line.isBlank() || line.contains("//") || line.contains("\"\"\"") ? "" : " // end " + n++).append('\n');
            }
            FmtAssertions.formatsWell(sample.getFileName().toString(), commented.toString());
        }
    }
}
