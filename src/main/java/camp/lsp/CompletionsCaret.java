package camp.lsp;

import camp.source.SourceFile;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Where the caret is, read from the tokens before it: in code, in a string, in a comment; the
 * word being typed; and the tokens of the statement the caret is in, from its keyword.
 *
 * <p>Only the current statement is lexed: its keyword starts a line at column 0 in a formatted
 * file, so the text is searched backwards for such a line, and the whole text before the caret is
 * lexed only when that line may lie inside a comment or a text block, or there is none. The
 * statement's first token is then the last statement keyword at brace depth 0 that starts a line
 * and from which the grammar accepts the tokens up to the caret.
 */
final class CompletionsCaret {
    /** What the caret is in. */
    enum Place { CODE, STRING, TEXT_BLOCK, COMMENT, NUMBER }

    /** A token with absolute code-point offsets; {@code type} repaired as the syntax stage repairs it. */
    record Tok(int type, String text, int start, int end) {
        String name() {
            return type == CampLexer.QUOTED_IDENTIFIER && text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
        }
    }

    static final Set<Integer> STATEMENT_KEYWORDS = Set.of(CampLexer.CAMPAIGN, CampLexer.IMPORT, CampLexer.PARAM,
            CampLexer.ENTITY, CampLexer.AUDIENCE, CampLexer.ACTIVITY, CampLexer.FLOW, CampLexer.SCHEDULE, CampLexer.TEST);
    private static final List<String> STATEMENT_WORDS = List.of(
            "campaign", "import", "param", "entity", "audience", "activity", "flow", "schedule", "test");
    private static final int MAX_STARTS_TRIED = 4;

    final SourceFile text;
    final int caret;
    Place place = Place.CODE;
    /** Where the word being typed starts: the caret when there is none. */
    int wordStart;
    /** The statement's tokens before the word being typed (or before the string the caret is in). */
    final List<Tok> statement = new ArrayList<>();
    /** In a string or text block: the string's text from its opening quote(s) to the caret. */
    String stringSoFar = "";
    /** In a string or text block: the offset of its first character after the opening quote(s). */
    int stringContentStart;
    private CompletionsGrammar.Expected expected;

    private CompletionsCaret(SourceFile text, int caret) {
        this.text = text;
        this.caret = caret;
        this.wordStart = caret;
    }

    static CompletionsCaret at(SourceFile text, int caret) {
        CompletionsCaret c = new CompletionsCaret(text, caret);
        c.read();
        return c;
    }

    String word() {
        return text.slice(wordStart, caret);
    }

    /** The type of the last token before the word, or -1. */
    int previousType() {
        return statement.isEmpty() ? -1 : statement.get(statement.size() - 1).type;
    }

    /** The type of the token {@code back} tokens before the word (1 is the last), or -1. */
    int typeBack(int back) {
        int i = statement.size() - back;
        return i < 0 ? -1 : statement.get(i).type;
    }

    /** What the grammar takes at the caret after the statement's tokens. */
    CompletionsGrammar.Expected expected() {
        if (expected == null) {
            expected = CompletionsGrammar.after(types());
        }
        return expected;
    }

    List<Integer> types() {
        List<Integer> types = new ArrayList<>(statement.size());
        for (Tok t : statement) {
            types.add(t.type);
        }
        return types;
    }

    private void read() {
        String s = text.text();
        int caretChar = s.offsetByCodePoints(0, caret);
        int baseChar = statementLine(s, caretChar);
        int base = s.codePointCount(0, baseChar);
        CampLexer lexer = new CampLexer(CharStreams.fromString(s.substring(baseChar, caretChar)));
        lexer.removeErrorListeners();
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            all.add(t);
        }
        if (insideBlockComment(all)) {
            place = Place.COMMENT;
            return;
        }
        int textBlock = unclosedTextBlock(all);
        List<Token> code = textBlock >= 0 ? all.subList(0, textBlock) : all;
        Token last = code.isEmpty() ? null : code.get(code.size() - 1);
        boolean touches = last != null && base + last.getStopIndex() + 1 == caret && textBlock < 0;
        int end = code.size();
        if (textBlock >= 0) {
            place = Place.TEXT_BLOCK;
            stringContentStart = base + all.get(textBlock).getStartIndex() + 3;
            stringSoFar = text.slice(stringContentStart - 3, caret);
        } else if (touches) {
            int type = last.getType();
            if (type == CampLexer.LINE_COMMENT) {
                place = Place.COMMENT;
                return;
            }
            if (type == CampLexer.UNTERMINATED_STRING || type == CampLexer.SINGLE_QUOTED_STRING) {
                place = Place.STRING;
                stringContentStart = base + last.getStartIndex() + 1;
                stringSoFar = last.getText();
                end--;
            } else if (CodeActionsFlow.isName(type) || (type >= CampLexer.AND && type <= CampLexer.WHERE)) {
                wordStart = base + last.getStartIndex();
                end--;
            } else if (type == CampLexer.INTEGER || type == CampLexer.DECIMAL_NUMBER || type == CampLexer.DATE
                    || type == CampLexer.TIME || type == CampLexer.ORDINAL) {
                place = Place.NUMBER;
                return;
            }
        }
        List<Tok> tokens = new ArrayList<>();
        for (Token t : code.subList(0, end)) {
            Tok tok = repaired(t, base);
            if (tok != null) {
                tokens.add(tok);
            }
        }
        statement.addAll(tokens.subList(statementStart(tokens), tokens.size()));
    }

    /** The char index of the line where the caret's statement starts, or 0 to lex everything. */
    private static int statementLine(String s, int caretChar) {
        int line = s.lastIndexOf('\n', Math.max(0, caretChar - 1)) + 1;
        while (true) {
            if (startsStatement(s, line) && line < caretChar) {
                break;
            }
            if (line == 0) {
                return 0;
            }
            line = s.lastIndexOf('\n', line - 2) + 1;
        }
        // the line might be inside a block comment or a text block: then read from the top
        int quotes = 0;
        for (int i = s.indexOf("\"\"\""); i >= 0 && i < line; i = s.indexOf("\"\"\"", i + 3)) {
            quotes++;
        }
        int comment = s.lastIndexOf("/*", line);
        return quotes % 2 == 0 && (comment < 0 || s.lastIndexOf("*/", line) > comment) ? line : 0;
    }

    private static boolean startsStatement(String s, int at) {
        for (String word : STATEMENT_WORDS) {
            if (s.startsWith(word, at)) {
                int after = at + word.length();
                return after >= s.length() || !Character.isLetterOrDigit(s.charAt(after)) && s.charAt(after) != '_';
            }
        }
        return false;
    }

    /** Whether a '/*' before the caret is never closed (the lexer made no comment of it). */
    private static boolean insideBlockComment(List<Token> all) {
        for (int i = 0; i + 1 < all.size(); i++) {
            if (all.get(i).getType() == CampLexer.SLASH && all.get(i + 1).getType() == CampLexer.STAR
                    && all.get(i + 1).getStartIndex() == all.get(i).getStopIndex() + 1) {
                return true;
            }
        }
        return false;
    }

    /** The index of the token where a '"""' that is never closed begins, or -1. */
    private static int unclosedTextBlock(List<Token> all) {
        for (int i = 0; i + 1 < all.size(); i++) {
            Token t = all.get(i);
            if (t.getType() == CampLexer.STRING && t.getText().equals("\"\"")
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1 && all.get(i + 1).getText().startsWith("\"")) {
                return i;
            }
        }
        return -1;
    }

    /** A default-channel token as the parser sees it after the syntax stage's repairs; null for what it drops. */
    private static Tok repaired(Token t, int base) {
        if (t.getChannel() != Token.DEFAULT_CHANNEL) {
            return null;
        }
        int type = switch (t.getType()) {
            case CampLexer.UNTERMINATED_STRING, CampLexer.SINGLE_QUOTED_STRING, CampLexer.TYPOGRAPHIC_STRING -> CampLexer.STRING;
            case CampLexer.DOUBLE_AMPERSAND -> CampLexer.AND;
            case CampLexer.DOUBLE_BAR -> CampLexer.OR;
            case CampLexer.DOUBLE_EQUALS -> CampLexer.EQ;
            case CampLexer.UNEXPECTED_CHAR -> -1;
            default -> t.getType();
        };
        return type < 0 ? null : new Tok(type, t.getText(), base + t.getStartIndex(), base + t.getStopIndex() + 1);
    }

    /**
     * The index of the statement's first token: the last statement keyword at depth 0 that starts
     * a line and from which the grammar accepts the rest; the last such keyword when none is
     * accepted (a syntax error before the caret), 0 when there is none.
     */
    private int statementStart(List<Tok> tokens) {
        List<Integer> candidates = new ArrayList<>();
        int depth = 0;
        int lastLine = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Tok t = tokens.get(i);
            int line = text.line(t.start);
            if (depth == 0 && line != lastLine && STATEMENT_KEYWORDS.contains(t.type)) {
                candidates.add(i);
            }
            lastLine = line;
            if (t.type == CampLexer.LBRACE || t.type == CampLexer.LPAREN) {
                depth++;
            } else if ((t.type == CampLexer.RBRACE || t.type == CampLexer.RPAREN) && depth > 0) {
                depth--;
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        for (int k = candidates.size() - 1, tried = 0; k >= 0 && tried < MAX_STARTS_TRIED; k--, tried++) {
            int start = candidates.get(k);
            List<Integer> types = new ArrayList<>();
            for (Tok t : tokens.subList(start, tokens.size())) {
                types.add(t.type);
            }
            CompletionsGrammar.Expected e = CompletionsGrammar.after(types, true);
            if (e != null) {
                expected = e;
                return start;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
