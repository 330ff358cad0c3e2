package camp.lsp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The editor's byte stream, passed on to LSP4J as well-formed messages only: each a
 * {@code Content-Length} header and a body that is one JSON object.
 *
 * <p>LSP4J reads headers line by line and trusts {@code Content-Length}: one wrong length, or
 * bytes that are not a message, and every later message is read from the wrong place, for good.
 * Here a header is found wherever {@code Content-Length:} appears (junk before it is skipped), and
 * a body that is not one JSON object is dropped; if the next header lies inside it (the length was
 * too long), reading starts again from there. So the server goes on after any garbage.
 */
final class FramedInput extends InputStream {
    private static final byte[] HEADER = "content-length:".getBytes(StandardCharsets.US_ASCII);
    private static final int LARGEST = 256 << 20;
    private static final JsonFactory JSON = new JsonFactory();

    private final InputStream in;
    private final Consumer<String> dropped;
    /** Bytes read ahead and given back (the rest of a body that held the next header). */
    private byte[] back = new byte[0];
    private int backAt;
    /** The current message, framed, and how much of it was read. */
    private byte[] frame = new byte[0];
    private int frameAt;

    FramedInput(InputStream in, Consumer<String> dropped) {
        // read in blocks: stdin unbuffered would cost a system call per byte
        this.in = new java.io.BufferedInputStream(in, 1 << 16);
        this.dropped = dropped;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (frameAt >= frame.length) {
            byte[] next = nextFrame();
            if (next == null) {
                return -1;
            }
            frame = next;
            frameAt = 0;
        }
        int n = Math.min(len, frame.length - frameAt);
        System.arraycopy(frame, frameAt, b, off, n);
        frameAt += n;
        return n;
    }

    @Override
    public int available() {
        return frame.length - frameAt;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private int next() throws IOException {
        if (backAt < back.length) {
            return back[backAt++] & 0xff;
        }
        return in.read();
    }

    private void giveBack(byte[] bytes, int from) {
        byte[] rest = new byte[bytes.length - from + back.length - backAt];
        System.arraycopy(bytes, from, rest, 0, bytes.length - from);
        System.arraycopy(back, backAt, rest, bytes.length - from, back.length - backAt);
        back = rest;
        backAt = 0;
    }

    /** The next well-formed message, framed; null at the end of the input. */
    private byte[] nextFrame() throws IOException {
        while (true) {
            int length = header();
            if (length < 0) {
                return null;
            }
            byte[] body = new byte[length];
            int read = 0;
            while (read < length) {
                int c = next();
                if (c < 0) {
                    return null;
                }
                body[read++] = (byte) c;
            }
            if (isObject(body)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(length + 32);
                out.write(("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                return out.toByteArray();
            }
            int inside = indexOfHeader(body);
            if (inside >= 0) {
                giveBack(body, inside);
            }
            dropped.accept("a message that is not a JSON object was dropped (" + length + " bytes"
                    + (inside >= 0 ? ", its length was wrong" : "") + ")");
        }
    }

    /** Skips to the next {@code Content-Length:} and reads its value and the rest of the headers; -1 at the end. */
    private int header() throws IOException {
        while (true) {
            int matched = 0;
            while (matched < HEADER.length) {
                int c = next();
                if (c < 0) {
                    return -1;
                }
                int lower = Character.toLowerCase((char) c);
                matched = lower == HEADER[matched] ? matched + 1 : lower == HEADER[0] ? 1 : 0;
            }
            long value = 0;
            int digits = 0;
            int c = next();
            while (c == ' ' || c == '\t') {
                c = next();
            }
            while (c >= '0' && c <= '9' && value <= LARGEST) {
                value = value * 10 + (c - '0');
                digits++;
                c = next();
            }
            if (digits == 0 || value > LARGEST || c < 0) {
                if (c < 0) {
                    return -1;
                }
                continue;
            }
            // the rest of the header lines, up to the empty line
            int newlines = c == '\n' ? 1 : 0;
            int last = c;
            while (newlines < 2) {
                c = next();
                if (c < 0) {
                    return -1;
                }
                if (c == '\n') {
                    newlines++;
                } else if (c != '\r') {
                    newlines = 0;
                }
                last = c;
            }
            return last == '\n' ? (int) value : -1;
        }
    }

    private static int indexOfHeader(byte[] body) {
        outer:
        for (int i = 0; i + HEADER.length <= body.length; i++) {
            for (int j = 0; j < HEADER.length; j++) {
                if (Character.toLowerCase((char) (body[i + j] & 0xff)) != HEADER[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Whether the bytes are exactly one JSON object (and nothing after it but whitespace). */
    private static boolean isObject(byte[] body) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
