package camp.fmt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.ast.CampFile;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.Parsed;
import camp.syntax.Syntax;
import camp.syntax.antlr.CampLexer;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The invariants of formatting, asserted independently of the formatter's own checks: the output
 * parses to the same AST (compared field by field, spans aside), has the same tokens (strings byte
 * for byte; flow semicolons may go), the same comments with the same attachment (a comment that
 * started its line still does, one that ended its line still does, each before the same token),
 * and formatting it again changes nothing.
 */
final class FmtAssertions {
    private FmtAssertions() {
    }

    /** Formats a text that must parse, asserts every invariant, and returns the formatted text. */
    static String formatsWell(String name, String text) {
        Formatted first = Formatter.format(SourceFile.of(name, text));
        assertTrue(first.ok(), () -> name + " should format, but: " + first.diagnostics());
        String formatted = first.text();
        assertSameAst(name, text, formatted);
        assertEquals(tokens(text), tokens(formatted), name + ": the tokens changed");
        assertCommentsKept(name, text, formatted);
        Formatted second = Formatter.format(SourceFile.of(name, formatted));
        assertEquals(formatted, second.text(), name + ": formatting the formatted text changed it again");
        return formatted;
    }

    static void assertSameAst(String name, String before, String after) {
        Parsed a = Syntax.parse(SourceFile.of(name, before));
        Parsed b = Syntax.parse(SourceFile.of(name, after));
        assertTrue(!b.hasErrors(), () -> name + ": the formatted text does not parse: " + b.diagnostics() + "\n" + after);
        String difference = difference(a.file(), b.file(), "file");
        if (difference != null) {
            fail(name + ": the syntax tree changed at " + difference + "\n" + after);
        }
    }

    /** Where two AST values differ (a path), or null when they are equal apart from spans. */
    static String difference(Object a, Object b, String path) {
        if (a == b) {
            return null;
        }
        if (a == null || b == null || a.getClass() != b.getClass()) {
            return path + ": " + a + " vs " + b;
        }
        if (a instanceof CampFile fa) {
            String d = difference(fa.statements(), ((CampFile) b).statements(), path + ".statements");
            return d != null ? d : difference(fa.broken(), ((CampFile) b).broken(), path + ".broken");
        }
        if (a instanceof Record) {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (c.getType() == Span.class || c.getType() == SourceFile.class) {
                    continue;
                }
                String d = difference(get(c, a), get(c, b), path + "." + c.getName());
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (a instanceof List<?> la) {
            List<?> lb = (List<?>) b;
            if (la.size() != lb.size()) {
                return path + ": " + la.size() + " items vs " + lb.size();
            }
            for (int i = 0; i < la.size(); i++) {
                if (!(la.get(i) instanceof Span)) {
                    String d = difference(la.get(i), lb.get(i), path + "[" + i + "]");
                    if (d != null) {
                        return d;
                    }
                }
            }
            return null;
        }
        return a.equals(b) ? null : path + ": " + a + " vs " + b;
    }

    private static Object get(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The significant tokens as "TYPE text", without the semicolons that may separate flow chains. */
    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : lex(text)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != Token.EOF && t.getType() != CampLexer.SEMICOLON) {
                out.add(CampLexer.VOCABULARY.getSymbolicName(t.getType()) + " " + t.getText());
            }
        }
        return out;
    }

    /** A comment, where it is: whether it starts and ends its line, and how many tokens come before it. */
    record Placed(String text, boolean startsLine, boolean endsLine, int tokensBefore) {
    }

    static List<Placed> comments(String text) {
        List<Token> all = lex(text);
        List<Placed> out = new ArrayList<>();
        boolean lineHasContent = false;
        int tokensBefore = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            int type = t.getType();
            if (type == CampLexer.WS) {
                if (t.getText().indexOf('\n') >= 0) {
                    lineHasContent = false;
                }
                continue;
            }
            if (type == CampLexer.LINE_COMMENT || type == CampLexer.BLOCK_COMMENT) {
                int j = i + 1;
                if (all.get(j).getType() == CampLexer.WS && all.get(j).getText().indexOf('\n') < 0) {
                    j++;
                }
                Token next = all.get(j);
                boolean endsLine = next.getType() == Token.EOF || next.getType() == CampLexer.WS && next.getText().indexOf('\n') >= 0;
                out.add(new Placed(t.getText(), !lineHasContent, endsLine, tokensBefore));
            } else if (type != Token.EOF && type != CampLexer.SEMICOLON) {
                tokensBefore++;
            }
            lineHasContent = true;
        }
        return out;
    }

    /** Every comment is kept, in order, before the same token, on its own line or at the end of its line if it was. */
    static void assertCommentsKept(String name, String before, String after) {
        List<Placed> a = comments(before);
        List<Placed> b = comments(after);
        assertEquals(a.stream().map(Placed::text).toList(), b.stream().map(Placed::text).toList(), name + ": the comments changed");
        for (int i = 0; i < a.size(); i++) {
            Placed was = a.get(i);
            Placed is = b.get(i);
            String what = name + ": comment " + was.text() + " ";
            assertEquals(was.tokensBefore(), is.tokensBefore(), what + "moved to another token");
            if (was.startsLine()) {
                assertTrue(is.startsLine(), what + "was on a line of its own, and no longer is\n" + after);
            }
            if (was.endsLine()) {
                assertTrue(is.endsLine(), what + "ended its line, and no longer does\n" + after);
            }
        }
    }

    private static List<Token> lex(String text) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            out.add(t);
            if (t.getType() == Token.EOF) {
                return out;
            }
        }
    }
}
