package camp.fmt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the parse tree says about each token of a file, for the {@link Printer}: where statements,
 * blocks and block members start, which gaps are kept on one line, which tokens take no space
 * beside them, and the columns that alignment asks for. Arrays are indexed by the token's index in
 * the full token stream (comments and whitespace included).
 */
final class Structure {
    /**
     * The furthest column (0-based) where activity bodies start; before it, bodies start two spaces
     * after the longest {@code activity NAME:} of the file. The samples disagree: their bodies start
     * at 0-based column 20 (renewal), 21 (birthday, spring_promo, welcome), 22 (the other five) or
     * 24 (winback). 22 is the majority, and "longest header + 2, at most 22" gives 22 in those five.
     */
    static final int MAX_ACTIVITY_COLUMN = 22;

    /** The statement that starts at a token, by kind (the parse tree's label, e.g. "Activity"); else null. */
    final String[] statementKind;
    /** The gap before this token is never a line break (unless a comment forces one). */
    final boolean[] joinBefore;
    /** No space between this token and the one before it on the same line. */
    final boolean[] noSpaceBefore;
    /** No space between this token and the one after it on the same line. */
    final boolean[] noSpaceAfter;
    /** Tokens left out of the output: the optional {@code ;} between chains of a flow. */
    final boolean[] dropped;
    /** The block a {@code {} opens, or a {@code }} closes. */
    final Block[] opens;
    final Block[] closes;
    /** The block member that starts at a token. */
    final Member[] memberStarts;
    /** The column a token is padded to when it follows another on its line (alignment), or -1. */
    final int[] padTo;
    /**
     * The token starts a clause of its statement or activity ({@code where}, an option of a build
     * or a schedule, the message of an alert...): a line that starts with it is indented by
     * exactly {@link #continuationIndent}, as in the samples, not aligned under what is above.
     */
    final boolean[] clauseStart;
    /** The least indentation of a line that continues the construct this token is in. */
    final int[] continuationIndent;
    /** The column where every activity body of the file starts. */
    int activityColumn;

    Structure(int tokenCount) {
        statementKind = new String[tokenCount];
        joinBefore = new boolean[tokenCount];
        noSpaceBefore = new boolean[tokenCount];
        noSpaceAfter = new boolean[tokenCount];
        dropped = new boolean[tokenCount];
        opens = new Block[tokenCount];
        closes = new Block[tokenCount];
        memberStarts = new Member[tokenCount];
        padTo = new int[tokenCount];
        clauseStart = new boolean[tokenCount];
        Arrays.fill(padTo, -1);
        continuationIndent = new int[tokenCount];
    }

    /** How the members of a block are aligned. */
    enum Alignment {
        /** Nothing is aligned (entity members, columns of a load, channel options). */
        NONE,
        /** The token after {@code name:} (split segments, test branches). */
        AFTER_COLON,
        /** The {@code =} after the name (enrich columns). */
        EQUALS,
        /** The first {@code ->} of chains that start at the same activity (flow). */
        FIRST_ARROW
    }

    /** A pair of braces and what is between them. */
    static final class Block {
        final int open;
        final int close;
        final boolean topLevel;
        final Alignment alignment;
        final List<Member> members = new ArrayList<>();
        /** One member per line, the braces on lines of their own; else everything on one line. */
        boolean multiLine;
        /** The indentation of the line with the closing brace; members are 2 further. */
        int indent;

        Block(int open, int close, boolean topLevel, Alignment alignment) {
            this.open = open;
            this.close = close;
            this.topLevel = topLevel;
            this.alignment = alignment;
        }

        int memberIndent() {
            return indent + 2;
        }
    }

    /** One member of a block: an attribute, a segment, a column, a channel option, a chain... */
    static final class Member {
        final Block block;
        final int first;
        final int last;
        /** The token aligned with the same token of the other members of its group, or -1. */
        int alignToken = -1;
        /** The width of the member's text before {@code alignToken}, as the canonical layout writes it. */
        int alignWidth;
        /** Members align only with neighbours of the same key (flow: the first activity); null: no alignment. */
        String alignKey;
        /** A blank line separates this member from the one before it (alignment groups end there). */
        boolean blankBefore;

        Member(Block block, int first, int last) {
            this.block = block;
            this.first = first;
            this.last = last;
        }
    }
}
