package camp.lsp;

import camp.check.Checked;
import camp.ir.Audience;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.source.SourceFile;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.eclipse.lsp4j.SemanticTokensLegend;

/**
 * Semantic highlighting: every token of a document with what it is, in the protocol's relative
 * encoding (for each token: line delta, start delta, length, type, modifiers; UTF-16 columns).
 *
 * <p>The lexer says what is a keyword, a string, a number, a comment or an operator; the parse
 * tree ({@link SemanticTokensNames}) refines each name by the place it stands in: entity
 * ({@code class}), audience ({@code interface}), activity ({@code method}), param
 * ({@code parameter}), attribute, link or column ({@code property}), function
 * ({@code function}, {@code defaultLibrary}), type, port, segment, day or month
 * ({@code enumMember}), with {@code declaration} where the name is defined. A keyword used as a
 * name is highlighted as that name. A string's {@code {{placeholders}}} are {@code macro} tokens
 * of their own. Tokens over several lines (text blocks, block comments) are split at each line,
 * for editors without multi-line token support; an unterminated comment or text block runs to the
 * end of the file, as the syntax stage reads it.
 *
 * <p>A pure function of the text (and of the last check, which says which names are audiences
 * and params); it never throws: on a failure it returns no tokens.
 */
public final class SemanticTokens {
    /** The token types, in legend order. */
    public static final List<String> TYPES = List.of("keyword", "string", "number", "comment", "operator", "type", "class",
            "interface", "method", "parameter", "property", "function", "enumMember", "macro", "variable");
    /** The modifiers, in legend order (bit 0 first). */
    public static final List<String> MODIFIERS = List.of("declaration", "defaultLibrary", "readonly");

    static final int KEYWORD = 0;
    static final int STRING = 1;
    static final int NUMBER = 2;
    static final int COMMENT = 3;
    static final int OPERATOR = 4;
    static final int TYPE = 5;
    static final int CLASS = 6;
    static final int INTERFACE = 7;
    static final int METHOD = 8;
    static final int PARAMETER = 9;
    static final int PROPERTY = 10;
    static final int FUNCTION = 11;
    static final int ENUM_MEMBER = 12;
    static final int MACRO = 13;
    static final int VARIABLE = 14;

    static final int DECLARATION = 1;
    static final int DEFAULT_LIBRARY = 2;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?\\}\\}");

    private final SourceFile text;
    private final String s;
    private final List<int[]> out = new ArrayList<>();
    /** The last position computed: code-point offset, char index, 0-based line and UTF-16 column. */
    private int cursorOffset;
    private int cursorChar;
    private int cursorLine = -1;
    private int cursorColumn;

    private SemanticTokens(SourceFile text) {
        this.text = text;
        this.s = text.text();
    }

    public static SemanticTokensLegend legend() {
        return new SemanticTokensLegend(TYPES, MODIFIERS);
    }

    /** The tokens of {@code text}, encoded as the protocol's {@code textDocument/semanticTokens/full} data. */
    public static List<Integer> encode(SourceFile text, Checked lastChecked) {
        if (text == null) {
            return List.of();
        }
        try {
            return compute(text, lastChecked);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** As {@link #encode}, letting a failure out (for tests, which must see it). */
    static List<Integer> compute(SourceFile text, Checked lastChecked) {
        SemanticTokens t = new SemanticTokens(text);
        t.tokens(lastChecked);
        return t.relative();
    }

    private void tokens(Checked lastChecked) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(s));
        lexer.removeErrorListeners();
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            all.add(t);
        }
        Map<Integer, int[]> names = SemanticTokensNames.classify(all, known(lastChecked, all));
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            int type = t.getType();
            int start = t.getStartIndex();
            if (type == CampLexer.SLASH && i + 1 < all.size() && all.get(i + 1).getType() == CampLexer.STAR
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1) {
                // an unterminated block comment: the rest of the file
                span(start, text.length(), COMMENT, 0);
                return;
            }
            if (type == CampLexer.STRING && t.getText().equals("\"\"") && i + 1 < all.size()
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1 && all.get(i + 1).getText().startsWith("\"")) {
                // an unterminated text block: the rest of the file
                string(start, s.substring(charAt(start)));
                return;
            }
            int[] name = names.get(start);
            if (name != null) {
                span(start, t.getStopIndex() + 1, name[0], name[1]);
                continue;
            }
            int kind = lexical(type);
            if (kind == STRING) {
                string(start, t.getText());
            } else if (kind >= 0) {
                span(start, t.getStopIndex() + 1, kind, 0);
            }
        }
    }

    /** The kind of a token from the lexer alone, or -1 for what is not highlighted (punctuation, spaces, names). */
    private static int lexical(int type) {
        if (type >= CampLexer.AND && type <= CampLexer.YEARS) {
            return KEYWORD;
        }
        switch (type) {
            case CampLexer.STRING, CampLexer.LONG_STRING, CampLexer.UNTERMINATED_STRING, CampLexer.SINGLE_QUOTED_STRING,
                    CampLexer.TYPOGRAPHIC_STRING:
                return STRING;
            case CampLexer.INTEGER, CampLexer.DECIMAL_NUMBER, CampLexer.DATE, CampLexer.TIME, CampLexer.ORDINAL:
                return NUMBER;
            case CampLexer.LINE_COMMENT, CampLexer.BLOCK_COMMENT:
                return COMMENT;
            case CampLexer.ARROW, CampLexer.DOTDOT, CampLexer.NE, CampLexer.LE, CampLexer.GE, CampLexer.EQ, CampLexer.LT,
                    CampLexer.GT, CampLexer.PLUS, CampLexer.MINUS, CampLexer.STAR, CampLexer.SLASH, CampLexer.PERCENT,
                    CampLexer.DOUBLE_AMPERSAND, CampLexer.DOUBLE_BAR, CampLexer.DOUBLE_EQUALS:
                return OPERATOR;
            default:
                return -1;
        }
    }

    /** Names whose kind the place alone does not tell: audiences and params, as checked and as declared. */
    private static SemanticTokensNames.Known known(Checked checked, List<Token> all) {
        Set<String> audiences = new HashSet<>();
        Set<String> params = new HashSet<>();
        Set<String> rowNames = new HashSet<>();
        Plan plan = checked == null ? null : checked.plan();
        if (plan != null) {
            for (Audience a : plan.audiences().values()) {
                audiences.add(a.name());
            }
            params.addAll(plan.params().keySet());
            for (Entity e : plan.entities().values()) {
                rowNames.addAll(e.attributes().keySet());
                rowNames.addAll(e.links().keySet());
            }
        }
        if (checked != null) {
            for (Map<String, Shape> ports : checked.ports().values()) {
                for (Shape shape : ports.values()) {
                    if (shape != null) {
                        rowNames.addAll(shape.columns().keySet());
                    }
                }
            }
        }
        return new SemanticTokensNames.Known(audiences, params, rowNames);
    }

    /** A string token: split at line breaks, each {{placeholder}} a token of its own. */
    private void string(int start, String tokenText) {
        int offset = start;
        int from = 0;
        while (from <= tokenText.length()) {
            int newline = tokenText.indexOf('\n', from);
            int end = newline < 0 ? tokenText.length() : newline;
            String line = tokenText.substring(from, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            placeholders(offset, line);
            if (newline < 0) {
                break;
            }
            offset += tokenText.codePointCount(from, newline + 1);
            from = newline + 1;
        }
    }

    private void placeholders(int start, String line) {
        Matcher m = PLACEHOLDER.matcher(line);
        int done = 0;
        while (m.find()) {
            piece(start, line, done, m.start(), STRING);
            piece(start, line, m.start(), m.end(), MACRO);
            done = m.end();
        }
        piece(start, line, done, line.length(), STRING);
    }

    /** The chars [from, to) of a one-line piece of text that starts at code-point offset {@code start}. */
    private void piece(int start, String line, int from, int to, int kind) {
        if (to <= from) {
            return;
        }
        int at = start + line.codePointCount(0, from);
        add(at, to - from, kind, 0);
    }

    /** A token of code points [start, end), split at line breaks. */
    private void span(int start, int end, int kind, int modifiers) {
        int from = charAt(start);
        int to = s.offsetByCodePoints(from, end - start);
        int offset = start;
        int i = from;
        while (i < to) {
            int newline = s.indexOf('\n', i);
            int lineEnd = newline < 0 || newline >= to ? to : newline;
            int visibleEnd = lineEnd > i && s.charAt(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
            if (visibleEnd > i) {
                add(offset, visibleEnd - i, kind, modifiers);
            }
            if (lineEnd >= to) {
                break;
            }
            offset += s.codePointCount(i, lineEnd + 1);
            i = lineEnd + 1;
        }
    }

    /** Records a one-line token at a code-point offset, {@code length} UTF-16 units long. */
    private void add(int offset, int length, int kind, int modifiers) {
        int line = text.line(offset) - 1;
        int column;
        if (line == cursorLine && offset >= cursorOffset) {
            int c = s.offsetByCodePoints(cursorChar, offset - cursorOffset);
            column = cursorColumn + (c - cursorChar);
            cursorChar = c;
        } else {
            column = text.utf16Column(offset);
            cursorChar = charAt(offset);
        }
        cursorOffset = offset;
        cursorLine = line;
        cursorColumn = column;
        out.add(new int[] {line, column, length, kind, modifiers});
    }

    /** The char index of a code-point offset; offsets are asked in increasing order, so this walks forward. */
    private int charAt(int offset) {
        if (offset < walkOffset) {
            walkOffset = 0;
            walkChar = 0;
        }
        walkChar = s.offsetByCodePoints(walkChar, offset - walkOffset);
        walkOffset = offset;
        return walkChar;
    }

    private int walkOffset;
    private int walkChar;

    private List<Integer> relative() {
        out.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<Integer> data = new ArrayList<>(out.size() * 5);
        int line = 0;
        int column = 0;
        int lastEnd = -1;
        int lastLine = -1;
        for (int[] t : out) {
            if (t[0] == lastLine && t[1] < lastEnd) {
                continue; // overlapping tokens are not allowed: keep the first
            }
            data.add(t[0] - line);
            data.add(t[0] == line ? t[1] - column : t[1]);
            data.add(t[2]);
            data.add(t[3]);
            data.add(t[4]);
            line = t[0];
            column = t[1];
            lastLine = t[0];
            lastEnd = t[1] + t[2];
        }
        return data;
    }

    /** For tests: the decoded tokens, as (line, column, length, type, modifiers) rows. */
    static List<int[]> decode(List<Integer> data) {
        List<int[]> rows = new ArrayList<>();
        int line = 0;
        int column = 0;
        for (int i = 0; i + 4 < data.size(); i += 5) {
            line += data.get(i);
            column = data.get(i) == 0 ? column + data.get(i + 1) : data.get(i + 1);
            rows.add(new int[] {line, column, data.get(i + 2), data.get(i + 3), data.get(i + 4)});
        }
        return rows;
    }
}
