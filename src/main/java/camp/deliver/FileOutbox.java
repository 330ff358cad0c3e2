package camp.deliver;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The default delivery provider: appends each message to a file as one line of JSON (JSON Lines), with
 * the fields of {@link Message} in declaration order (null ones written as null) and {@code sentAt}, the
 * wall-clock instant of the append in ISO-8601.
 *
 * <p>Exactly once: at open the outbox reads the message keys already in the file and never appends a key
 * twice, so a resume after a crash between writing and recording does not duplicate. A last line without
 * its line break is the trace of a crash in the middle of an append: it is cut off (at open, and before
 * every append) and its message, never reported as sent, is appended again when the run resumes. A
 * complete line that is not a JSON object with a {@code messageKey} is skipped and counted
 * ({@link #ignoredLines()}); it cannot hide a message that was recorded as sent, since such a message was
 * flushed whole.
 *
 * <p>Each append is a single positional write at the end of the file, under an exclusive file lock (so
 * outboxes of several processes, or several instances in this process, may share a file without
 * interleaving lines). Keys written by another instance after this one opened are not seen by it; the
 * interpreter's single writer per run is what keeps one run's keys in one instance. {@link #flush()}
 * forces the file to disk; the interpreter calls it before it records messages as sent.
 */
public final class FileOutbox implements DeliveryProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One monitor per file in this JVM: the JVM refuses two overlapping file locks of its own. */
    private static final ConcurrentHashMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;
    private final Clock clock;
    /** Lines sent since the last flush, not yet in the file. */
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
    private final FileChannel channel;
    private final Object monitor;
    private final Set<String> keys = new HashSet<>();
    /** The database whose messages this outbox writes and dedups, or null. */
    private final String database;
    private long ignoredLines;
    private boolean closed;
    /** Writes the queued lines into {@link #pending}. */
    private JsonGenerator generator;

    /** Opens (or creates, with its parent directories) an outbox file; sentAt uses the system clock. */
    public FileOutbox(Path file) throws DeliveryException {
        this(file, Clock.systemUTC());
    }

    /** Opens an outbox whose sentAt instants come from {@code clock}. */
    public FileOutbox(Path file, Clock clock) throws DeliveryException {
        this(file, clock, null);
    }

    /**
     * Opens an outbox that one database shares with others: each line says which database sent it
     * ({@code "database"}), and a key counts as sent only when a line of the same database (or of
     * none, as outboxes written without one) holds it. Two databases whose runs have the same id,
     * and so the same message keys, then never take each other's messages for their own.
     *
     * @param database the id of the database that sends, or null
     */
    public FileOutbox(Path file, Clock clock, String database) throws DeliveryException {
        this.file = requireNonNull(file, "file is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.database = database;
        FileChannel opened = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            this.monitor = MONITORS.computeIfAbsent(file.toRealPath(), p -> new Object());
            synchronized (monitor) {
                FileLock lock = opened.lock();
                try {
                    readKeys(opened);
                } finally {
                    lock.release();
                }
            }
            this.channel = opened;
        } catch (IOException e) {
            closeQuietly(opened);
            throw new DeliveryException("cannot open the outbox " + file + ": " + describe(e), e);
        }
    }

    /**
     * Queues the message unless its key is already in the outbox. Queued lines reach the file at
     * the next {@link #flush()} (or {@link #close()}), in one locked append: a message counts as
     * sent only once it has been flushed, which is when the interpreter records it.
     */
    @Override
    public void send(Message message) throws DeliveryException {
        requireNonNull(message, "message is null");
        synchronized (monitor) {
            ensureOpen();
            if (keys.contains(message.messageKey())) {
                return;
            }
            writeLine(message);
            keys.add(message.messageKey());
        }
    }

    /** Appends the queued lines and forces them to disk. */
    @Override
    public void flush() throws DeliveryException {
        synchronized (monitor) {
            ensureOpen();
            append();
            force();
        }
    }

    /** Appends the queued lines to the file, without forcing them to disk: {@link #sync()} does. */
    @Override
    public void push() throws DeliveryException {
        synchronized (monitor) {
            ensureOpen();
            append();
        }
    }

    /**
     * Forces what was appended to disk. It holds no lock (a file's channel may be forced while
     * another thread appends to it), so the next lines are written meanwhile; they may reach the
     * disk too, which loses nothing: a key in the file is never appended again.
     */
    @Override
    public void sync() throws DeliveryException {
        force();
    }

    /** Writes the queued lines at the end of the file, under the file lock, after cutting a partial last line. */
    private void append() throws DeliveryException {
        if (generator != null) {
            try {
                generator.flush();
            } catch (IOException e) {
                throw new DeliveryException("cannot write to the outbox " + file + ": " + e.getMessage(), e);
            }
        }
        if (pending.size() == 0) {
            return;
        }
        ByteBuffer lines = ByteBuffer.wrap(pending.toByteArray());
        try {
            FileLock lock = channel.lock();
            try {
                long end = cutPartialLine(channel);
                while (lines.hasRemaining()) {
                    channel.write(lines, end + lines.position());
                }
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw new DeliveryException("cannot append to the outbox " + file + ": " + describe(e), e);
        }
        pending.reset();
    }

    /** Nothing is in the file before a flush. */
    @Override
    public boolean sendsOnFlush() {
        return true;
    }

    /** Flushes and closes the file; closing twice is harmless. */
    @Override
    public void close() throws DeliveryException {
        synchronized (monitor) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                append();
                force();
            } finally {
                closeQuietly(channel);
            }
        }
    }

    /** Whether a message with this key is in the outbox (read at open or appended since). */
    public boolean contains(String messageKey) {
        synchronized (monitor) {
            return keys.contains(messageKey);
        }
    }

    /** How many complete lines of the file were not messages when it was opened. */
    public long ignoredLines() {
        synchronized (monitor) {
            return ignoredLines;
        }
    }

    public Path file() {
        return file;
    }

    /** Appends the message as one line of JSON to the queued lines (a streaming write: no tree, no copy). */
    private void writeLine(Message m) throws DeliveryException {
        try {
            JsonGenerator g = generator();
            g.writeStartObject();
            g.writeStringField("messageKey", m.messageKey());
            g.writeStringField("runId", m.runId());
            g.writeStringField("campaign", m.campaign());
            g.writeStringField("activity", m.activity());
            g.writeStringField("channel", m.channel());
            g.writeStringField("recipient", m.recipient());
            g.writeStringField("address", m.address());
            g.writeStringField("from", m.from());
            g.writeStringField("subject", m.subject());
            g.writeStringField("body", m.body()); // escapes line breaks: one message, one line
            g.writeStringField("title", m.title());
            g.writeBooleanField("html", m.html());
            g.writeStringField("sentAt", instant(Instant.now(clock)));
            if (database != null) {
                g.writeStringField("database", database);
            }
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            generator = null;
            throw new DeliveryException("cannot write message " + m.messageKey() + " as JSON: " + e.getMessage(), e);
        }
    }

    private long formattedSecond = Long.MIN_VALUE;
    private String formattedPrefix;

    /** {@code instant.toString()}, its date and time formatted once per second (formatting each one took a tenth of the sending). */
    String instant(Instant instant) {
        if (instant.getEpochSecond() != formattedSecond) {
            String whole = instant.with(java.time.temporal.ChronoField.NANO_OF_SECOND, 0).toString();
            formattedPrefix = whole.substring(0, whole.length() - 1); // without the Z
            formattedSecond = instant.getEpochSecond();
        }
        int nano = instant.getNano();
        if (nano == 0) {
            return formattedPrefix + "Z";
        }
        StringBuilder b = new StringBuilder(formattedPrefix.length() + 11).append(formattedPrefix).append('.');
        String digits = Integer.toString(1_000_000_000 + nano).substring(1);
        if (nano % 1_000_000 == 0) {
            b.append(digits, 0, 3);
        } else if (nano % 1000 == 0) {
            b.append(digits, 0, 6);
        } else {
            b.append(digits);
        }
        return b.append('Z').toString();
    }

    /** One generator for every line (making one per message cost a fifth of the sending); its bytes reach pending at a flush. */
    private JsonGenerator generator() throws IOException {
        if (generator == null) {
            generator = JSON.getFactory().createGenerator(pending);
            generator.setRootValueSeparator(null);
        }
        return generator;
    }

    /** Reads the keys of the complete lines and cuts off a partial last line. Called under the file lock. */
    private void readKeys(FileChannel in) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long size = in.size();
        long position = 0;
        while (position < size) {
            buffer.clear();
            int n = in.read(buffer, position);
            if (n < 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buffer.get(i);
                if (b == '\n') {
                    addKey(line.toByteArray());
                    line.reset();
                } else {
                    line.write(b);
                }
            }
            position += n;
        }
        cutPartialLine(in);
    }

    private void addKey(byte[] line) {
        if (new String(line, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode key = node == null ? null : node.get("messageKey");
            if (node != null && node.isObject() && key != null && key.isTextual()) {
                JsonNode owner = node.get("database");
                if (database == null || owner == null || owner.isNull() || database.equals(owner.asText())) {
                    keys.add(key.asText());
                }
                return;
            }
        } catch (IOException e) {
            // not JSON: counted below
        }
        ignoredLines++;
    }

    /**
     * Cuts the file back to its last line break when it does not end with one (a crash in the middle of
     * an append) and returns the size. Called under the file lock, so no live writer is mid-line.
     */
    private static long cutPartialLine(FileChannel channel) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        long end = size;
        while (end > 0) {
            int length = (int) Math.min(buffer.capacity(), end);
            buffer.clear().limit(length);
            long start = end - length;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, start + buffer.position()) < 0) {
                    throw new IOException("the file shrank while it was being read");
                }
            }
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    long complete = start + i + 1;
                    if (complete < size) {
                        channel.truncate(complete);
                    }
                    return complete;
                }
            }
            end = start;
        }
        if (size > 0) {
            channel.truncate(0);
        }
        return 0;
    }

    private void force() throws DeliveryException {
        try {
            channel.force(true);
        } catch (IOException e) {
            throw new DeliveryException("cannot flush the outbox " + file + ": " + describe(e), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the outbox " + file + " is closed");
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to save
            }
        }
    }
}
