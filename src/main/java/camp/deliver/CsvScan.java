package camp.deliver;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the records of a CSV file as {@link CsvReader} does, byte by byte and without decoding
 * them: where each starts, how many fields it has, and its raw bytes. It lets DuckDB's reader do
 * the reading of a {@code load csv} while camp keeps its own line numbers and the raw text of the
 * lines it rejects.
 *
 * <p>It also notices what the two readers could read differently, and then says why
 * ({@link #incompatibility()}): a line that ends with a lone CR, a quote inside an unquoted field or
 * after spaces (which camp reads leniently), text or spaces after a closing quote, a quote never
 * closed, a control character, bytes that are not UTF-8, a record over {@value #MAX_RECORD} bytes.
 * The caller then reads the file with {@link CsvLoader} instead.
 */
public final class CsvScan implements Closeable {
    /** Records longer than this are left to camp's reader (DuckDB's has a line size limit). */
    public static final int MAX_RECORD = 1_000_000;

    private static final int EOF = -1;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long line = 1;

    private byte[] raw = new byte[1024];
    private int rawLength;
    private long start;
    private int fields;
    private boolean multiLine;
    private boolean skippedBlank;
    private String incompatibility;
    /** UTF-8: continuation bytes still expected, and the range allowed for the next one. */
    private int continuation;
    private int low = 0x80;
    private int high = 0xBF;

    private CsvScan(InputStream in) {
        this.in = in;
    }

    /** Opens a file (a leading byte-order mark is skipped). */
    public static CsvScan open(Path file) throws IOException {
        CsvScan scan = new CsvScan(Files.newInputStream(requireNonNull(file, "file is null")));
        try {
            if (scan.read() == 0xEF) {
                if (scan.read() == 0xBB && scan.read() == 0xBF) {
                    return scan;
                }
            }
        } catch (IOException e) {
            scan.close();
            throw e;
        }
        scan.close();
        return new CsvScan(Files.newInputStream(file));
    }

    /** Moves to the next record that is not blank; false at the end of the file. */
    public boolean next() throws IOException {
        while (readRecord()) {
            if (!blank()) {
                return true;
            }
            skippedBlank = true;
        }
        return false;
    }

    /** The physical line the current record starts on (1-based). */
    public long line() {
        return start;
    }

    /** How many fields the current record has. */
    public int fields() {
        return fields;
    }

    /** Whether the current record spans several lines (a quoted field holds a line break). */
    public boolean multiLine() {
        return multiLine;
    }

    /** Whether a blank line was skipped so far. */
    public boolean skippedBlank() {
        return skippedBlank;
    }

    /** The current record as written, without its final line break. */
    public String raw() {
        return new String(raw, 0, rawLength, StandardCharsets.UTF_8);
    }

    /** Why DuckDB's reader could read this file otherwise than camp's, from what was scanned so far; null if nothing. */
    public String incompatibility() {
        return incompatibility;
    }

    private boolean readRecord() throws IOException {
        int c = read();
        if (c == EOF) {
            return false;
        }
        start = line;
        rawLength = 0;
        fields = 0;
        multiLine = false;
        int state = FIELD_START;
        while (c != EOF) {
            if (c == '\n' || c == '\r') {
                int second = EOF;
                if (c == '\r') {
                    second = read();
                    if (second != '\n') {
                        unread(second);
                        second = EOF;
                        incompatible("a line that ends with a lone carriage return");
                    }
                }
                line++;
                if (state != QUOTED) {
                    break;
                }
                multiLine = true;
                append(c);
                if (second != EOF) {
                    append(second);
                }
                c = read();
                continue;
            }
            append(c);
            if (c >= 0x80 || continuation > 0) {
                utf8(c);
            } else if (c < 0x20 && c != '\t') {
                incompatible("a control character (byte " + c + ")");
            }
            switch (state) {
                case FIELD_START -> {
                    if (c == ',') {
                        fields++;
                    } else if (c == '"') {
                        state = QUOTED;
                    } else {
                        state = UNQUOTED;
                    }
                }
                case UNQUOTED -> {
                    if (c == ',') {
                        fields++;
                        state = FIELD_START;
                    } else if (c == '"') {
                        incompatible("a quote inside an unquoted field");
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = QUOTE_IN_QUOTED;
                    }
                }
                default -> { // QUOTE_IN_QUOTED
                    if (c == '"') {
                        state = QUOTED;
                    } else if (c == ',') {
                        fields++;
                        state = FIELD_START;
                    } else {
                        incompatible("text or spaces after a closing quote");
                    }
                }
            }
            c = read();
        }
        if (state == QUOTED) {
            incompatible("a quote that is never closed");
        }
        if (continuation > 0) {
            incompatible("bytes that are not UTF-8");
        }
        fields++;
        if (rawLength > MAX_RECORD) {
            incompatible("a record longer than " + MAX_RECORD + " bytes");
        }
        return true;
    }

    /** A record CsvReader skips: one unquoted field of spaces only, on one line. */
    private boolean blank() {
        if (fields != 1 || multiLine) {
            return false;
        }
        for (int i = 0; i < rawLength; i++) {
            byte b = raw[i];
            if (b == ' ' || b == '\t') {
                continue;
            }
            if (b >= 0) {
                return false;
            }
            return raw().isBlank(); // other white space, as Java sees it
        }
        return true;
    }

    private void utf8(int c) {
        if (continuation > 0) {
            if (c < low || c > high) {
                incompatible("bytes that are not UTF-8");
                continuation = 0;
                return;
            }
            continuation--;
            low = 0x80;
            high = 0xBF;
            return;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            continuation = 1;
        } else if (c == 0xE0) {
            continuation = 2;
            low = 0xA0;
        } else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) {
            continuation = 2;
        } else if (c == 0xED) {
            continuation = 2;
            high = 0x9F;
        } else if (c == 0xF0) {
            continuation = 3;
            low = 0x90;
        } else if (c >= 0xF1 && c <= 0xF3) {
            continuation = 3;
        } else if (c == 0xF4) {
            continuation = 3;
            high = 0x8F;
        } else {
            incompatible("bytes that are not UTF-8");
        }
    }

    private void incompatible(String why) {
        if (incompatibility == null) {
            incompatibility = why + " near line " + line;
        }
    }

    private void append(int c) {
        if (rawLength == raw.length) {
            if (raw.length > MAX_RECORD) {
                return; // the record is too long for DuckDB's reader anyway: it goes to camp's
            }
            raw = java.util.Arrays.copyOf(raw, raw.length * 2);
        }
        raw[rawLength++] = (byte) c;
    }

    private int pushedBack = EOF - 1;

    private int read() throws IOException {
        if (pushedBack != EOF - 1) {
            int c = pushedBack;
            pushedBack = EOF - 1;
            return c;
        }
        if (position == limit) {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return EOF;
            }
            position = 0;
            limit = n;
        }
        return buffer[position++] & 0xFF;
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
