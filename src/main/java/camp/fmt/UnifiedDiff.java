package camp.fmt;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line ({@code diff -u} with 3 lines of context), for
 * {@code camp fmt --diff}. The lines between the common start and end are compared by longest
 * common subsequence; a middle too large for that (more than {@value #MAX_CELLS} line pairs) is
 * shown as removed and added as a whole, which is still a correct diff.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    private static final long MAX_CELLS = 4_000_000;

    private UnifiedDiff() {
    }

    private enum Op { SAME, DELETE, INSERT }

    private record Edit(Op op, int oldLine, int newLine) {
    }

    /** The diff from {@code before} to {@code after}, or "" when they are equal. */
    public static String of(String oldName, String newName, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        String[] a = lines(before);
        String[] b = lines(after);
        List<Edit> edits = edits(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.SAME) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // a hunk goes on while the next change is within twice the context
            while (end < edits.size()) {
                int same = 0;
                while (end + same < edits.size() && edits.get(end + same).op() == Op.SAME) {
                    same++;
                }
                if (end + same >= edits.size() || same > 2 * CONTEXT) {
                    end = Math.min(edits.size(), end + Math.min(same, CONTEXT));
                    break;
                }
                end += same + 1;
            }
            hunk(out, edits.subList(start, end), a, b);
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Edit> hunk, String[] a, String[] b) {
        int oldStart = -1;
        int newStart = -1;
        int oldCount = 0;
        int newCount = 0;
        for (Edit e : hunk) {
            if (e.op() != Op.INSERT) {
                oldStart = oldStart < 0 ? e.oldLine() : oldStart;
                oldCount++;
            }
            if (e.op() != Op.DELETE) {
                newStart = newStart < 0 ? e.newLine() : newStart;
                newCount++;
            }
        }
        out.append("@@ -").append(range(oldStart < 0 ? hunk.get(0).oldLine() : oldStart + 1, oldCount))
                .append(" +").append(range(newStart < 0 ? hunk.get(0).newLine() : newStart + 1, newCount)).append(" @@\n");
        for (Edit e : hunk) {
            switch (e.op()) {
                case SAME -> line(out, ' ', a, e.oldLine());
                case DELETE -> line(out, '-', a, e.oldLine());
                case INSERT -> line(out, '+', b, e.newLine());
            }
        }
    }

    private static String range(int start, int count) {
        return count == 1 ? String.valueOf(start) : start + "," + count;
    }

    private static void line(StringBuilder out, char mark, String[] lines, int index) {
        String line = lines[index];
        if (line.endsWith("\n")) {
            out.append(mark).append(line, 0, line.length() - 1).append("\n\\ No newline at end of file\n");
        } else {
            out.append(mark).append(line).append('\n');
        }
    }

    /** The lines of a text; a last line without a line break keeps a '\n' at its end, so that it differs from one with. */
    private static String[] lines(String text) {
        if (text.isEmpty()) {
            return new String[0];
        }
        boolean broken = text.endsWith("\n");
        String[] lines = (broken ? text.substring(0, text.length() - 1) : text).split("\n", -1);
        if (!broken) {
            lines[lines.length - 1] += "\n";
        }
        return lines;
    }

    /** The edit script: the common start, the middle by longest common subsequence, the common end. */
    private static List<Edit> edits(String[] a, String[] b) {
        int prefix = 0;
        while (prefix < a.length && prefix < b.length && a[prefix].equals(b[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length - prefix && suffix < b.length - prefix
                && a[a.length - 1 - suffix].equals(b[b.length - 1 - suffix])) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            edits.add(new Edit(Op.SAME, i, i));
        }
        middle(edits, a, b, prefix, a.length - suffix, prefix, b.length - suffix);
        for (int i = suffix; i > 0; i--) {
            edits.add(new Edit(Op.SAME, a.length - i, b.length - i));
        }
        return edits;
    }

    private static void middle(List<Edit> edits, String[] a, String[] b, int a0, int a1, int b0, int b1) {
        int n = a1 - a0;
        int m = b1 - b0;
        if ((long) n * m > MAX_CELLS) {
            for (int i = a0; i < a1; i++) {
                edits.add(new Edit(Op.DELETE, i, b0));
            }
            for (int j = b0; j < b1; j++) {
                edits.add(new Edit(Op.INSERT, a1, j));
            }
            return;
        }
        // lcs[i][j]: the longest common subsequence of a[a0 + i..] and b[b0 + j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a[a0 + i].equals(b[b0 + j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a[a0 + i].equals(b[b0 + j])) {
                edits.add(new Edit(Op.SAME, a0 + i++, b0 + j++));
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                edits.add(new Edit(Op.DELETE, a0 + i++, b0 + j));
            } else {
                edits.add(new Edit(Op.INSERT, a0 + i, b0 + j++));
            }
        }
    }
}
