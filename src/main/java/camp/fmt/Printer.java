package camp.fmt;

import camp.fmt.Structure.Block;
import camp.fmt.Structure.Member;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * Writes the tokens of a file again, deciding only the whitespace between them: a line break and
 * an indentation, or spaces. Token and comment texts are copied unchanged.
 *
 * <p>Each gap between two tokens is one of: structural (a statement, a block member or a closing
 * brace starts a line at its indentation), joined (the two tokens stay on one line), or kept (a
 * line break stays where the author put one). A line the author broke keeps its indentation
 * relative to the token it was aligned under: it moves by as much as the nearest token at or left
 * of its start on the lines above moved, and never further left than its construct's continuation
 * indentation. Comments keep their attachment: one that started its line still does, one that
 * ended its line still does, and a comment at the end of a line keeps its column when the code
 * before it leaves room.
 */
final class Printer {
    /** Statements that always have a blank line before and after them, even beside one of their kind. */
    private static final Set<String> ALWAYS_APART = Set.of("Campaign", "Entity", "Flow", "Schedule");

    private final List<Token> tokens;
    private final Structure s;
    private final String newline;
    private final StringBuilder out = new StringBuilder();
    private int column;
    /** The tokens and comments of each output line of the current statement: {original column, shift}. */
    private final List<List<int[]>> lines = new ArrayList<>();
    private String statementKind;
    /** How far the last token or comment placed moved right (negative: left) on its line. */
    private int lastShift;

    private Printer(List<Token> tokens, Structure s, String newline) {
        this.tokens = tokens;
        this.s = s;
        this.newline = newline;
    }

    static String print(List<Token> tokens, Structure s, String newline) {
        return new Printer(tokens, s, newline).run();
    }

    /** What the gap before a token is. */
    private enum Kind {
        START, STATEMENT, MEMBER, CLOSE, END, JOIN, KEEP;

        boolean structural() {
            return this != JOIN && this != KEEP;
        }
    }

    /** A gap: its kind, the indentation of the token after it and of the comments on lines of their own in it. */
    private record Gap(Kind kind, int indent, int commentIndent, boolean blankLine) {
        static Gap of(Kind kind) {
            return new Gap(kind, 0, 0, false);
        }
    }

    private String run() {
        lines.add(new ArrayList<>());
        int previous = -1;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.getType() == Token.EOF) {
                gap(previous, i, Gap.of(Kind.END));
                break;
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL || s.dropped[i]) {
                continue;
            }
            gap(previous, i, gapBefore(previous, i));
            previous = i;
        }
        if (out.length() > 0) {
            out.append(newline);
        }
        return out.toString();
    }

    private Gap gapBefore(int a, int b) {
        if (a < 0) {
            statementKind = s.statementKind[b];
            return Gap.of(Kind.START);
        }
        String kind = s.statementKind[b];
        if (kind != null) {
            boolean blank = !kind.equals(statementKind) || ALWAYS_APART.contains(kind);
            statementKind = kind;
            return new Gap(Kind.STATEMENT, 0, 0, blank);
        }
        Member m = s.memberStarts[b];
        if (m != null && m.block.multiLine) {
            return new Gap(Kind.MEMBER, m.block.memberIndent(), m.block.memberIndent(), false);
        }
        Block closed = s.closes[b];
        if (closed != null && closed.multiLine) {
            return new Gap(Kind.CLOSE, closed.indent, closed.memberIndent(), false);
        }
        return Gap.of(s.joinBefore[b] ? Kind.JOIN : Kind.KEEP);
    }

    /** Writes the comments between tokens a and b, then b (not the end of the file), each after its whitespace. */
    private void gap(int a, int b, Gap gap) {
        List<Integer> items = new ArrayList<>();
        for (int i = a + 1; i < b; i++) {
            if (isComment(i)) {
                items.add(i);
            }
        }
        items.add(b);
        int k = items.size() - 1;
        int[] breaks = new int[k + 1];
        for (int i = 0; i <= k; i++) {
            breaks[i] = newlinesBetween(i == 0 ? a : items.get(i - 1), items.get(i));
        }
        boolean[] newLine = lineBreaks(gap.kind(), breaks);
        boolean firstBreak = true;
        for (int i = 0; i < k || i == k && gap.kind() != Kind.END; i++) {
            int item = items.get(i);
            if (newLine[i]) {
                newLine(blankLines(gap, i, k, breaks[i], a, b, firstBreak), gap.kind() == Kind.STATEMENT && firstBreak);
                firstBreak = false;
                int indent = gap.kind().structural() ? (i < k ? gap.commentIndent() : gap.indent())
                        : s.clauseStart[b] ? s.continuationIndent[b] : continuation(item, b);
                spaces(indent);
            } else if (column > 0) {
                // a comment that ended its line (and still does) keeps its place there
                boolean endedLine = i < k && (breaks[i + 1] > 0 || i + 1 == k && gap.kind() == Kind.END);
                spaces(spacing(i == 0 ? a : -1, item, i < k, endedLine));
            }
            place(item);
        }
    }

    /**
     * Which of the k + 1 gaps around k comments break the line. Around comments, the author's line
     * breaks stay (that is what keeps a comment on its own line or at the end of its line); a
     * structural break with none of them goes just before the token. Without comments the gap's
     * kind decides.
     */
    private static boolean[] lineBreaks(Kind kind, int[] breaks) {
        int k = breaks.length - 1;
        boolean[] newLine = new boolean[k + 1];
        boolean any = false;
        for (int i = 0; i <= k; i++) {
            newLine[i] = k == 0 ? kind.structural() || kind == Kind.KEEP && breaks[i] > 0 : breaks[i] > 0;
            any |= newLine[i];
        }
        if (kind == Kind.END) {
            newLine[k] = false;
        } else if (k > 0 && kind.structural() && !any) {
            newLine[k] = true;
        }
        return newLine;
    }

    /** The spaces between two things on one line; {@code a} is -1 when it is a comment. */
    private int spacing(int a, int item, boolean isComment, boolean endedLine) {
        if (isComment) {
            if (endedLine) {
                // at the end of a line: in its column, or as far from the code as it was if the code moved left
                int original = tokens.get(item).getCharPositionInLine();
                return Math.max(1, Math.min(original, original + lastShift) - column);
            }
            return a >= 0 && s.noSpaceAfter[a] ? 0 : 1;
        }
        if (s.padTo[item] >= 0) {
            return Math.max(1, s.padTo[item] - column);
        }
        if (a < 0) {
            return s.noSpaceBefore[item] ? 0 : 1;
        }
        Block open = s.opens[a];
        if (open != null) {
            return s.closes[item] == open ? 0 : 1;
        }
        if (s.closes[item] != null) {
            return 1;
        }
        return s.noSpaceBefore[item] || s.noSpaceAfter[a] ? 0 : 1;
    }

    /** Blank lines: at most one, kept between statements and block members, required between statements of different kinds. */
    private int blankLines(Gap gap, int i, int k, int breaks, int a, int b, boolean firstBreak) {
        if (!gap.kind().structural()) {
            return 0;
        }
        if (i == 0 && a >= 0 && s.opens[a] != null || i == k && s.closes[b] != null) {
            return 0;
        }
        if (gap.blankLine() && firstBreak) {
            return 1;
        }
        return Math.min(1, Math.max(0, breaks - 1));
    }

    /** The indentation of a line the author broke: moved as the token it was aligned under moved. */
    private int continuation(int item, int b) {
        int original = tokens.get(item).getCharPositionInLine();
        return Math.max(s.continuationIndent[b], original + anchorShift(original));
    }

    private int anchorShift(int originalColumn) {
        for (int line = lines.size() - 2; line >= 0; line--) {
            int[] best = null;
            for (int[] placed : lines.get(line)) {
                if (placed[0] <= originalColumn && (best == null || placed[0] >= best[0])) {
                    best = placed;
                }
            }
            if (best != null) {
                return best[1];
            }
        }
        return 0;
    }

    private void place(int item) {
        Token t = tokens.get(item);
        lines.get(lines.size() - 1).add(new int[] {t.getCharPositionInLine(), column - t.getCharPositionInLine()});
        String text = t.getText();
        out.append(text);
        int lastBreak = text.lastIndexOf('\n');
        // what follows a text of several lines on its last line has not moved
        lastShift = lastBreak < 0 ? column - t.getCharPositionInLine() : 0;
        column = lastBreak < 0 ? column + StructureBuilder.width(text) : StructureBuilder.width(text.substring(lastBreak + 1));
    }

    private void newLine(int blankLines, boolean newStatement) {
        if (out.length() > 0) {
            out.append(newline.repeat(1 + blankLines));
        }
        column = 0;
        if (newStatement) {
            lines.clear();
        }
        lines.add(new ArrayList<>());
    }

    private void spaces(int n) {
        out.append(" ".repeat(Math.max(0, n)));
        column += Math.max(0, n);
    }

    private boolean isComment(int i) {
        int type = tokens.get(i).getType();
        return type == CampLexer.LINE_COMMENT || type == CampLexer.BLOCK_COMMENT;
    }

    private int newlinesBetween(int a, int b) {
        int count = 0;
        for (int i = Math.max(0, a + 1); i < b; i++) {
            Token t = tokens.get(i);
            if (t.getType() == CampLexer.WS) {
                count += (int) t.getText().chars().filter(ch -> ch == '\n').count();
            }
        }
        return count;
    }
}
