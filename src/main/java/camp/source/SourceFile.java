package camp.source;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * The text of one .camp file and the one place where offsets become lines and columns.
 *
 * <p>Offsets are code-point indexes, as ANTLR counts them. People see 1-based lines and
 * columns in code points; the language server sees 0-based lines and UTF-16 columns.
 */
public final class SourceFile {
    private final String name;
    private final Path path;
    private final String text;
    private final int[] codePoints;
    private final int[] lineStarts;

    public SourceFile(String name, Path path, String text) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.path = path;
        this.text = Objects.requireNonNull(text, "text is null");
        this.codePoints = text.codePoints().toArray();
        int[] starts = new int[16];
        int count = 0;
        starts[count++] = 0;
        for (int i = 0; i < codePoints.length; i++) {
            if (codePoints[i] == '\n') {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
        }
        this.lineStarts = Arrays.copyOf(starts, count);
    }

    public static SourceFile of(String name, String text) {
        return new SourceFile(name, null, text);
    }

    /** The name shown in diagnostics (the path as the user gave it). */
    public String name() {
        return name;
    }

    /** The file on disk, or null for text that came from elsewhere (tests, the editor). */
    public Path path() {
        return path;
    }

    public String text() {
        return text;
    }

    public int length() {
        return codePoints.length;
    }

    /** 1-based line of a code-point offset. */
    public int line(int offset) {
        int o = clamp(offset);
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= o) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** 1-based column of a code-point offset, counted in code points. */
    public int column(int offset) {
        int o = clamp(offset);
        return o - lineStarts[line(o) - 1] + 1;
    }

    /** 0-based UTF-16 column of a code-point offset, as the language server protocol counts. */
    public int utf16Column(int offset) {
        int o = clamp(offset);
        int start = lineStarts[line(o) - 1];
        int units = 0;
        for (int i = start; i < o; i++) {
            units += Character.charCount(codePoints[i]);
        }
        return units;
    }

    /** The code-point offset of a 0-based line and UTF-16 column (the inverse of the above). */
    public int offsetOfUtf16(int line0, int utf16Column) {
        if (line0 >= lineStarts.length) {
            return codePoints.length;
        }
        int i = lineStarts[Math.max(0, line0)];
        int units = 0;
        while (i < codePoints.length && codePoints[i] != '\n' && units < utf16Column) {
            units += Character.charCount(codePoints[i]);
            i++;
        }
        return i;
    }

    public int lineCount() {
        return lineStarts.length;
    }

    /** The text of a 1-based line without its line break. */
    public String lineText(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : codePoints.length;
        if (end > start && codePoints[end - 1] == '\r') {
            end--;
        }
        return new String(codePoints, start, Math.max(0, end - start));
    }

    /** The text between two code-point offsets. */
    public String slice(int start, int end) {
        int s = clamp(start);
        int e = Math.max(s, clamp(end));
        return new String(codePoints, s, e - s);
    }

    private int clamp(int offset) {
        return Math.max(0, Math.min(offset, codePoints.length));
    }

    @Override
    public String toString() {
        return name;
    }
}
