package camp.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small SMTP server for the delivery benchmark ({@link DeliveryBench}): it accepts every message,
 * keeps none, and counts what it was given. One thread accepts connections on 127.0.0.1, one
 * thread serves each connection; no TLS, no login, no pipelining (none is advertised).
 *
 * <p>Replies: 220 on connect; 250 to EHLO/HELO (EHLO lists 8BITMIME), MAIL, RCPT, RSET, NOOP and
 * the end of a message's data; 354 to DATA; 221 to QUIT; 503 to a command out of order (RCPT
 * before MAIL, DATA before RCPT); 502 to anything else (STARTTLS and AUTH included). The data is
 * read up to a line holding a single dot. Per accepted message it counts the message, its
 * recipients and its {@code Message-ID} header (folded lines joined); a Message-ID seen before is
 * counted as a duplicate, a message without one as such.
 *
 * <pre>java -cp target/camp.jar camp.bench.SmtpSink [PORT]    (prints the counts every 5 s; Ctrl-C stops it)</pre>
 */
public final class SmtpSink implements AutoCloseable {
    private static final byte[] CRLF = {'\r', '\n'};
    /** A longer line than this (SMTP allows 1,000 bytes) ends the connection with a 500. */
    private static final int MAX_LINE = 1 << 20;

    private final ServerSocket server;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong recipients = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong withoutId = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean closed;

    private SmtpSink(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::accept, "smtp-sink-accept");
        this.acceptor.setDaemon(true);
    }

    /** Starts a sink on 127.0.0.1; port 0 takes a free one ({@link #port()}). */
    public static SmtpSink start(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        SmtpSink sink = new SmtpSink(server);
        sink.acceptor.start();
        return sink;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages accepted (each answered 250 after its data). */
    public long messages() {
        return messages.get();
    }

    /** Distinct Message-ID headers among the accepted messages. */
    public long distinctMessageIds() {
        return messageIds.size();
    }

    /** Accepted messages whose Message-ID an earlier message had. */
    public long duplicateMessageIds() {
        return duplicates.get();
    }

    /** Accepted messages without a Message-ID header. */
    public long withoutMessageId() {
        return withoutId.get();
    }

    public long recipients() {
        return recipients.get();
    }

    public long connections() {
        return connections.get();
    }

    /** Bytes of message data received, as sent (line breaks and dot-stuffing included, the final dot line not). */
    public long dataBytes() {
        return bytes.get();
    }

    /** Connections that ended in an I/O error or with a line too long. */
    public long errors() {
        return errors.get();
    }

    /** The Message-IDs received, as written in the headers (e.g. {@code <key@camp>}). */
    public Set<String> messageIds() {
        return Set.copyOf(messageIds);
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    errors.incrementAndGet();
                }
                return;
            }
            connections.incrementAndGet();
            open.add(socket);
            Thread t = new Thread(() -> serve(socket), "smtp-sink-" + connections.get());
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 12);
            session(in, out);
        } catch (SocketException e) {
            if (!closed) {
                errors.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
        } finally {
            open.remove(socket);
        }
    }

    /** One SMTP session: commands until QUIT or the end of the stream. */
    private void session(InputStream in, OutputStream out) throws IOException {
        reply(out, "220 camp-bench-sink ESMTP ready");
        boolean mail = false;
        int rcpts = 0;
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        while (true) {
            if (!readLine(in, line)) {
                return; // the client went away
            }
            String command = line.toString(StandardCharsets.ISO_8859_1);
            String verb = (command.length() >= 4 ? command.substring(0, 4) : command).toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> {
                    mail = false;
                    rcpts = 0;
                    reply(out, "250-camp-bench-sink greets " + argument(command) + "\r\n250 8BITMIME");
                }
                case "HELO" -> {
                    mail = false;
                    rcpts = 0;
                    reply(out, "250 camp-bench-sink");
                }
                case "MAIL" -> {
                    if (!command.toUpperCase(Locale.ROOT).startsWith("MAIL FROM:")) {
                        reply(out, "501 5.5.4 syntax: MAIL FROM:<address>");
                    } else if (mail) {
                        reply(out, "503 5.5.1 sender already given");
                    } else {
                        mail = true;
                        rcpts = 0;
                        reply(out, "250 2.1.0 ok");
                    }
                }
                case "RCPT" -> {
                    if (!command.toUpperCase(Locale.ROOT).startsWith("RCPT TO:")) {
                        reply(out, "501 5.5.4 syntax: RCPT TO:<address>");
                    } else if (!mail) {
                        reply(out, "503 5.5.1 need MAIL before RCPT");
                    } else {
                        rcpts++;
                        reply(out, "250 2.1.5 ok");
                    }
                }
                case "DATA" -> {
                    if (!mail || rcpts == 0) {
                        reply(out, "503 5.5.1 need MAIL and RCPT before DATA");
                    } else {
                        reply(out, "354 end data with <CR><LF>.<CR><LF>");
                        String id = readData(in, line);
                        long n = messages.incrementAndGet();
                        recipients.addAndGet(rcpts);
                        if (id == null) {
                            withoutId.incrementAndGet();
                        } else if (!messageIds.add(id)) {
                            duplicates.incrementAndGet();
                        }
                        mail = false;
                        rcpts = 0;
                        reply(out, "250 2.0.0 ok: queued as " + n);
                    }
                }
                case "RSET" -> {
                    mail = false;
                    rcpts = 0;
                    reply(out, "250 2.0.0 ok");
                }
                case "NOOP" -> reply(out, "250 2.0.0 ok");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 command not implemented");
            }
        }
    }

    /** Reads the data up to the line with a single dot; returns the Message-ID header's value, or null. */
    private String readData(InputStream in, ByteArrayOutputStream line) throws IOException {
        boolean headers = true;
        StringBuilder header = null; // the header being read, while it may go on over folded lines
        String id = null;
        long size = 0;
        while (true) {
            if (!readLine(in, line)) {
                throw new IOException("the connection ended inside a message");
            }
            int n = line.size();
            byte[] b = n > 0 && n <= 2 ? line.toByteArray() : null;
            if (n == 1 && b[0] == '.') {
                break;
            }
            size += n + 2;
            if (headers) {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                if (text.startsWith("..")) {
                    text = text.substring(1);
                }
                if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t')) {
                    if (header != null) {
                        header.append(' ').append(text.strip());
                    }
                    continue;
                }
                if (header != null) {
                    id = header.toString().strip();
                    header = null;
                }
                if (text.isEmpty()) {
                    headers = false;
                } else if (text.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                    header = new StringBuilder(text.substring(11));
                }
            }
        }
        if (header != null) {
            id = header.toString().strip();
        }
        bytes.addAndGet(size);
        return id;
    }

    /** Reads one line without its CRLF (a bare LF also ends it) into {@code line}; false at the end of the stream. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        line.reset();
        while (true) {
            int c = in.read();
            if (c < 0) {
                return false;
            }
            if (c == '\n') {
                return true;
            }
            if (c == '\r') {
                in.mark(1);
                int next = in.read();
                if (next == '\n') {
                    return true;
                }
                if (next >= 0) {
                    in.reset();
                }
                line.write(c);
                continue;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("line longer than " + MAX_LINE + " bytes");
            }
            line.write(c);
        }
    }

    private static String argument(String command) {
        return command.length() > 5 ? command.substring(5).strip() : "";
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.write(CRLF);
        out.flush();
    }

    /** Runs a sink on PORT (default 2525) and prints its counts every 5 seconds until killed. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        SmtpSink sink = start(port);
        System.out.println("SMTP sink on 127.0.0.1:" + sink.port() + " (Ctrl-C stops it)");
        long last = -1;
        while (true) {
            Thread.sleep(5000);
            if (sink.messages() != last) {
                last = sink.messages();
                System.out.printf(Locale.ROOT, "%,d messages, %,d distinct Message-IDs, %,d duplicates, %,d connections%n",
                        sink.messages(), sink.distinctMessageIds(), sink.duplicateMessageIds(), sink.connections());
            }
        }
    }
}
