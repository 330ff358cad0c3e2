package camp.deliver;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Splits CSV text into records, RFC 4180 style, one record at a time (the text is never held whole).
 *
 * <p>Separator comma, quote {@code "} with {@code ""} as the escaped quote; a quoted field may hold
 * commas and line breaks, and then its record spans several physical lines. A line ends with LF, CRLF
 * or a lone CR. A leading byte-order mark is skipped. Lenient where real exports are sloppy: spaces
 * around a quoted field are ignored and a quote inside an unquoted field is an ordinary character.
 * Text after a closing quote, or a quote that is never closed, makes the record {@link Record#problem()
 * malformed} instead of failing the whole read. Blank lines (nothing but spaces and tabs) are skipped.
 */
final class CsvReader implements Closeable {
    /**
     * One record: the physical line it starts on (1-based), its fields, which of them were quoted, its
     * raw text without the final line break, and the quoting problem that makes it unusable (or null).
     */
    record Record(long line, List<String> fields, BitSet quoted, String raw, String problem) {
        Record {
            fields = List.copyOf(fields);
            quoted = (BitSet) quoted.clone();
        }

        boolean isQuoted(int field) {
            return quoted.get(field);
        }
    }

    private enum State { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED, AFTER_QUOTED }

    private static final int EOF = -1;
    private static final int NOTHING = -2;

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private int pushedBack = NOTHING;
    /** The physical line of the next character to be read. */
    private long line = 1;

    CsvReader(Reader in) throws IOException {
        this.in = requireNonNull(in, "in is null");
        int first = read();
        if (first != '\uFEFF') {
            unread(first);
        }
    }

    /** The physical line the reader has reached (for messages about undecodable input). */
    long line() {
        return line;
    }

    /** The next non-blank record, or null at the end of the text. */
    Record next() throws IOException {
        while (true) {
            Record record = readRecord();
            if (record == null) {
                return null;
            }
            boolean blank = record.fields().size() == 1 && !record.isQuoted(0) && record.raw().isBlank()
                    && record.raw().indexOf('\n') < 0 && record.raw().indexOf('\r') < 0;
            if (!blank) {
                return record;
            }
        }
    }

    private Record readRecord() throws IOException {
        long start = line;
        StringBuilder raw = new StringBuilder();
        StringBuilder field = new StringBuilder();
        List<String> fields = new ArrayList<>();
        BitSet quoted = new BitSet();
        String problem = null;
        State state = State.FIELD_START;
        int c = read();
        if (c == EOF) {
            return null;
        }
        while (c != EOF) {
            if (c == '\n' || c == '\r') {
                String lineBreak = lineBreak(c);
                line++;
                if (state != State.QUOTED) {
                    break;
                }
                raw.append(lineBreak);
                field.append(lineBreak);
                c = read();
                continue;
            }
            raw.append((char) c);
            switch (state) {
                case FIELD_START, UNQUOTED -> {
                    if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (c == '"' && field.toString().isBlank()) {
                        field.setLength(0);
                        quoted.set(fields.size());
                        state = State.QUOTED;
                    } else {
                        field.append((char) c);
                        state = State.UNQUOTED;
                    }
                }
                case QUOTED -> {
                    if (c == '"') {
                        state = State.QUOTE_IN_QUOTED;
                    } else {
                        field.append((char) c);
                    }
                }
                case QUOTE_IN_QUOTED, AFTER_QUOTED -> {
                    if (c == '"' && state == State.QUOTE_IN_QUOTED) {
                        field.append('"');
                        state = State.QUOTED;
                    } else if (c == ',') {
                        fields.add(field.toString());
                        field.setLength(0);
                        state = State.FIELD_START;
                    } else if (c == ' ' || c == '\t') {
                        state = State.AFTER_QUOTED;
                    } else {
                        if (problem == null) {
                            problem = "field " + (fields.size() + 1) + " has text after its closing quote";
                        }
                        state = State.AFTER_QUOTED;
                    }
                }
            }
            c = read();
        }
        if (state == State.QUOTED && problem == null) {
            problem = "field " + (fields.size() + 1) + " opens a quote that is never closed";
        }
        fields.add(field.toString());
        return new Record(start, fields, quoted, raw.toString(), problem);
    }

    /** The line break that starts with {@code c}: CRLF is one break. */
    private String lineBreak(int c) throws IOException {
        if (c == '\r') {
            int next = read();
            if (next == '\n') {
                return "\r\n";
            }
            unread(next);
            return "\r";
        }
        return "\n";
    }

    private int read() throws IOException {
        if (pushedBack != NOTHING) {
            int c = pushedBack;
            pushedBack = NOTHING;
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
        return buffer[position++];
    }

    private void unread(int c) {
        pushedBack = c;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
