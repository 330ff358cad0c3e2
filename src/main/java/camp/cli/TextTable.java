package camp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table with a header row and columns padded to their widest cell, two spaces apart.
 * Cells are kept on one line (line breaks and tabs are shown as spaces) and null prints as empty;
 * trailing spaces are trimmed so the output diffs cleanly.
 *
 * <p>Why not picocli's {@code Help.TextTable}, which the help uses: its columns have widths fixed
 * before any row is added and its text is left-aligned, while a listing sizes each column to its
 * widest cell (a run id, an activity name) and right-aligns counts so that they read as numbers.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
    }

    TextTable(String... headers) {
        this(List.of(headers));
    }

    /** Right-aligns the given columns (numbers read better that way). */
    TextTable alignRight(int... columns) {
        for (int c : columns) {
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row; it must have one cell per header. */
    TextTable add(List<?> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.size() + " cells, table has " + headers.size() + " columns");
        }
        List<String> row = new ArrayList<>(cells.size());
        for (Object cell : cells) {
            row.add(cell == null ? "" : oneLine(cell.toString()));
        }
        rows.add(row);
        return this;
    }

    TextTable add(Object... cells) {
        return add(java.util.Arrays.asList(cells));
    }

    int rowCount() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                b.append(GAP);
            }
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            if (rightAligned[c]) {
                b.append(pad).append(cell);
            } else {
                b.append(cell).append(pad);
            }
        }
        return stripTrailing(b);
    }

    private static String stripTrailing(StringBuilder b) {
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }

    /** The first line of a text, cut to at most max characters with an ellipsis; null stays null. */
    static String firstLine(String text, int max) {
        if (text == null) {
            return null;
        }
        int nl = text.indexOf('\n');
        String first = nl < 0 ? text : text.substring(0, nl) + " ...";
        return first.length() <= max ? first : first.substring(0, Math.max(0, max - 3)) + "...";
    }

    private static String oneLine(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }
}
