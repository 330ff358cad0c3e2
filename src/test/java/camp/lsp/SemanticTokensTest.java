package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Checked;
import camp.check.Frontend;
import camp.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.SemanticTokensLegend;
import org.junit.jupiter.api.Test;

/** Semantic tokens, decoded back to (line, column, length, type, modifiers) and checked against the text. */
class SemanticTokensTest {
    private static final String TEXT = """
            campaign "Tokens 😀"   // the name has a surrogate pair
            import "shop.camp"

            entity people key id from table "people" {
              id: int
              email: text
            }

            activity all: build members where email is not null and count(orders) > 2
            /* a block
               comment */
            activity mail: email {
              subject "Hi {{first_name}}, 😀 {{shop.city | default \\"x\\"}}!"
              body \"\"\"<p>Hello {{first_name}},</p>
            <p>see you</p>\"\"\"
            }
            activity tiers: split { big: lower(email) = "😀" and points > min_points  rest: remainder }

            flow { all -> tiers; tiers.big -> mail }
            """;

    /** A decoded token, with the text it covers. */
    record Tok(int line, int column, int length, String type, int modifiers, String text) {
        boolean declaration() {
            return (modifiers & SemanticTokens.DECLARATION) != 0;
        }
    }

    static List<Tok> tokens(String text) {
        SourceFile source = SourceFile.of("tokens.camp", text);
        Checked checked = Frontend.check(new SourceFile("tokens.camp", CompletionsTest.DIR.resolve("tokens.camp"), text));
        List<Integer> data = SemanticTokens.compute(source, checked);
        assertWellFormed(source, data);
        List<String> lines = text.lines().toList();
        List<Tok> out = new ArrayList<>();
        for (int[] t : SemanticTokens.decode(data)) {
            String line = lines.get(t[0]);
            out.add(new Tok(t[0], t[1], t[2], SemanticTokens.TYPES.get(t[3]), t[4], line.substring(t[1], t[1] + t[2])));
        }
        return out;
    }

    static Tok at(List<Tok> tokens, int line, String text) {
        return tokens.stream().filter(t -> t.line() == line && t.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no token '" + text + "' on line " + line + ": "
                        + tokens.stream().filter(t -> t.line() == line).map(Tok::toString).collect(Collectors.joining("\n"))));
    }

    /**
     * The protocol's invariants: five numbers per token, in order, none overlapping, each on one
     * line and inside it (UTF-16 columns), types and modifiers in the legend.
     */
    static void assertWellFormed(SourceFile source, List<Integer> data) {
        assertEquals(0, data.size() % 5, "five numbers per token");
        List<String> lines = source.text().lines().toList();
        int previousLine = -1;
        int previousEnd = 0;
        for (int[] t : SemanticTokens.decode(data)) {
            assertTrue(t[0] >= previousLine, "tokens in order");
            if (t[0] == previousLine) {
                assertTrue(t[1] >= previousEnd, "tokens do not overlap at " + t[0] + ":" + t[1]);
            }
            assertTrue(t[2] > 0, "a token is not empty");
            String line = t[0] < lines.size() ? lines.get(t[0]) : "";
            assertTrue(t[1] + t[2] <= line.length(), "token " + t[0] + ":" + t[1] + "+" + t[2] + " is inside its line: " + line);
            assertTrue(t[3] >= 0 && t[3] < SemanticTokens.TYPES.size(), "a type of the legend");
            assertTrue(t[4] >= 0 && t[4] < 1 << SemanticTokens.MODIFIERS.size(), "modifiers of the legend");
            previousLine = t[0];
            previousEnd = t[1] + t[2];
        }
    }

    @Test
    void theLegendNamesEveryTypeAndModifier() {
        SemanticTokensLegend legend = SemanticTokens.legend();
        assertEquals(SemanticTokens.TYPES, legend.getTokenTypes());
        assertEquals(SemanticTokens.MODIFIERS, legend.getTokenModifiers());
        assertEquals("keyword", legend.getTokenTypes().get(SemanticTokens.KEYWORD));
        assertEquals("declaration", legend.getTokenModifiers().get(0));
    }

    @Test
    void keywordsNamesAndTheirDefinitions() {
        List<Tok> t = tokens(TEXT);
        assertEquals("keyword", at(t, 3, "entity").type());
        Tok people = at(t, 3, "people");
        assertEquals("class", people.type());
        assertTrue(people.declaration(), "an entity at its definition");
        assertEquals(7, people.column());
        assertEquals("keyword", at(t, 3, "key").type());
        assertEquals("string", at(t, 3, "\"people\"").type());
        Tok email = at(t, 5, "email");
        assertEquals("property", email.type(), "a keyword used as a name is that name");
        assertTrue(email.declaration());
        assertEquals("type", at(t, 5, "text").type());
        Tok all = at(t, 8, "all");
        assertEquals("method", all.type());
        assertTrue(all.declaration());
        assertEquals("interface", at(t, 8, "members").type(), "an audience");
        assertFalse(at(t, 8, "members").declaration());
        assertEquals("function", at(t, 8, "count").type());
        assertEquals("property", at(t, 8, "orders").type());
        assertEquals("number", at(t, 8, "2").type());
        assertEquals("operator", at(t, 8, ">").type());
        assertEquals("keyword", at(t, 8, "null").type());
        assertEquals("keyword", at(t, 11, "email").type(), "a channel kind is a keyword");
        assertEquals("parameter", at(t, 16, "min_points").type());
        assertEquals("enumMember", at(t, 16, "big").type());
        assertTrue(at(t, 16, "big").declaration());
        assertEquals("method", at(t, 18, "tiers").type());
        assertEquals("enumMember", at(t, 18, "big").type(), "a port");
        assertEquals("operator", at(t, 18, "->").type());
    }

    @Test
    void aStringWithPlaceholders() {
        List<Tok> t = tokens(TEXT);
        List<Tok> line = t.stream().filter(x -> x.line() == 12 && x.column() >= 10).toList();
        assertEquals(List.of("\"Hi ", "{{first_name}}", ", 😀 ", "{{shop.city | default \\\"x\\\"}}", "!\""),
                line.stream().map(Tok::text).toList());
        assertEquals(List.of("string", "macro", "string", "macro", "string"), line.stream().map(Tok::type).toList());
    }

    @Test
    void aTextBlockIsSplitAtEachLine() {
        List<Tok> t = tokens(TEXT);
        Tok first = at(t, 13, "\"\"\"<p>Hello ");
        assertEquals("string", first.type());
        assertEquals("macro", at(t, 13, "{{first_name}}").type());
        assertEquals(",</p>", at(t, 13, ",</p>").text());
        Tok second = at(t, 14, "<p>see you</p>\"\"\"");
        assertEquals("string", second.type());
        assertEquals(0, second.column());
    }

    @Test
    void commentsLineAndBlockSplitAtEachLine() {
        List<Tok> t = tokens(TEXT);
        assertEquals("comment", at(t, 0, "// the name has a surrogate pair").type());
        assertEquals("comment", at(t, 9, "/* a block").type());
        Tok second = at(t, 10, "   comment */");
        assertEquals("comment", second.type());
        assertEquals(0, second.column());
    }

    @Test
    void columnsAreUtf16AfterASurrogatePair() {
        List<Tok> t = tokens(TEXT);
        Tok name = at(t, 0, "\"Tokens 😀\"");
        assertEquals(9, name.column());
        assertEquals(11, name.length(), "😀 is two UTF-16 units");
        assertEquals(23, at(t, 0, "// the name has a surrogate pair").column(), "after the pair, columns count UTF-16 units");
        Tok and = at(t, 16, "and");
        assertEquals(TEXT.lines().toList().get(16).indexOf(" and ") + 1, and.column());
    }

    @Test
    void brokenTextIsStillHighlighted() {
        List<Tok> t = tokens("campaign \"x\"\nactivity a: build customers where (points > \nentity");
        assertEquals("keyword", at(t, 0, "campaign").type());
        assertEquals("method", at(t, 1, "a").type());
        assertEquals("keyword", at(t, 1, "where").type());
        List<Tok> open = tokens("campaign \"x\" /* never closed\nactivity a: build customers\n");
        assertEquals("comment", at(open, 1, "activity a: build customers").type(), "an unterminated comment runs to the end");
        List<Tok> block = tokens("campaign \"\"\"never\nclosed\n");
        assertEquals("string", at(block, 1, "closed").type());
    }

    @Test
    void nothingThrows() {
        assertEquals(List.of(), SemanticTokens.encode(null, null));
        assertEquals(List.of(), SemanticTokens.encode(SourceFile.of("e.camp", ""), null));
        SourceFile deep = SourceFile.of("deep.camp", "activity a: build x where " + "(".repeat(5000) + "\n\"\"\"");
        assertWellFormed(deep, SemanticTokens.encode(deep, null));
        SourceFile crlf = SourceFile.of("crlf.camp", "campaign \"x\"\r\n/* a\r\nb */\r\nactivity a: end\r\n");
        assertWellFormed(crlf, SemanticTokens.encode(crlf, null));
    }
}
