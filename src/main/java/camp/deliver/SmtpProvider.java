package camp.deliver;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sends e-mail messages through an SMTP server (Jakarta Mail with Angus Mail), on one connection
 * opened by {@link #connect} and kept for the whole run: a campaign of many messages must not pay a
 * connection, a TLS handshake and a login per message, and servers throttle clients that reconnect.
 *
 * <p>Why {@code connect} opens and logs in at once: an unreachable server, a refused login or a
 * failed TLS handshake is then reported, in one sentence naming the server (never the password),
 * before any message is sent, instead of as a failure of the first recipient.
 *
 * <p>How the server's replies are read. A 5xx reply to a message (a recipient refused with 550, a
 * message refused with 554) is a {@linkplain DeliveryException#permanent() permanent} failure of that
 * message: sending it again would fail again, so the message is recorded as failed and the run goes
 * on. A 4xx reply, a 421 and a dropped connection are temporary: the provider reconnects if it must and
 * tries again, waiting {@code firstBackoff}, then twice that, and so on, up to {@code maxAttempts}
 * attempts; past them the server is taken as broken and the failure is not permanent (the task fails,
 * to be resumed later). A 5xx reply to the sender ({@code MAIL FROM}) or a 530 (login required) is not
 * the message's fault either: it would refuse every message, so it is not permanent.
 *
 * <p>Duplicates. A message the server has accepted (its 250 reply after the data) is never sent
 * again by this provider. The provider keeps no set of keys of its own: across crashes the
 * interpreter's ledger says what was sent, and every message carries the stable Message-ID
 * {@code <messageKey@camp>}. A message in flight when the connection drops (its data sent, the reply
 * lost) or when the process dies may therefore be sent again, on the retry or on resume, always with
 * the same Message-ID, which lets receiving systems and the operator recognise the duplicate. Each
 * accepted message is handed over for good, so {@link #flush()} has nothing to do.
 *
 * <p>An HTML message goes out as {@code multipart/alternative}: a plain-text part derived from the HTML
 * (for clients and filters that read text) followed by the HTML as given, both UTF-8. One instance is
 * used by one thread.
 */
public final class SmtpProvider implements DeliveryProvider {
    private static final String CHARSET = "UTF-8";
    private static final Pattern CODED_REPLY = Pattern.compile("^([1-5][0-9][0-9])[ -]");

    // the plain-text part of an HTML message
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<!--.*?-->|<(head|style|script)\\b.*?</\\1\\s*>");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\s[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</?(?:div|tr|li)\\b[^>]*>");
    private static final Pattern PARAGRAPH = Pattern.compile("(?i)</?(?:p|h[1-6]|table|ul|ol|blockquote)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("<[/!?]?[a-zA-Z][^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,9});");
    private static final Map<String, String> ENTITIES = Map.ofEntries(
            entry("amp", "&"), entry("lt", "<"), entry("gt", ">"), entry("quot", "\""), entry("apos", "'"),
            entry("nbsp", "\u00a0"), entry("copy", "\u00a9"), entry("reg", "\u00ae"), entry("trade", "\u2122"),
            entry("euro", "\u20ac"), entry("hellip", "\u2026"), entry("mdash", "\u2014"), entry("ndash", "\u2013"),
            entry("laquo", "\u00ab"), entry("raquo", "\u00bb"), entry("lsquo", "\u2018"), entry("rsquo", "\u2019"),
            entry("ldquo", "\u201c"), entry("rdquo", "\u201d"), entry("bull", "\u2022"), entry("middot", "\u00b7"));

    private final SmtpSettings settings;
    private final Sleeper sleeper;
    private final Session session;
    private final String protocol;
    /** The open connection, or null once it was found gone (the next attempt opens a new one). */
    private Transport transport;
    /** A send failed on the open connection: check it still answers (one NOOP) before using it again. */
    private boolean suspect;
    private int reconnects;
    private boolean closed;

    private SmtpProvider(SmtpSettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
        this.protocol = settings.security() == SmtpSettings.Security.SMTPS ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(settings, protocol));
    }

    /**
     * Opens and authenticates the connection to the server, so that a server that cannot be reached,
     * a refused login or a TLS failure stops the task before anything is sent.
     *
     * @param settings the server, its protection, login, default From, timeouts and retries
     * @param sleeper waits between attempts ({@link Sleeper#REAL} in use)
     * @return a provider with its connection open
     * @throws DeliveryException (not permanent) with one sentence naming the server and the cause
     */
    public static SmtpProvider connect(SmtpSettings settings, Sleeper sleeper) throws DeliveryException {
        requireNonNull(settings, "settings is null");
        requireNonNull(sleeper, "sleeper is null");
        SmtpProvider provider = new SmtpProvider(settings, sleeper);
        try {
            provider.transport = provider.open();
        } catch (ConnectFailure failure) {
            throw new DeliveryException(provider.safe(failure.getMessage()), provider.traceable(failure.getCause()));
        }
        return provider;
    }

    /**
     * Sends one message on the open connection, trying again on a temporary reply or a dropped
     * connection, and returns once the server has accepted it.
     *
     * @throws DeliveryException permanent when the server refused this message (5xx) or its address is
     *     not an e-mail address; not permanent when there is no usable From address, or when the server
     *     refused the sender, asked for a login or did not take the message within the attempts
     */
    @Override
    public void send(Message message) throws DeliveryException {
        requireNonNull(message, "message is null");
        if (closed) {
            throw new IllegalStateException("the SMTP provider for " + describe() + " is closed");
        }
        InternetAddress from = from(message);
        InternetAddress[] to = {recipient(message)};
        MimeMessage mime = mime(message, from, to[0]);
        int max = settings.maxAttempts();
        String last = "";
        Exception lastError = null;
        for (int attempt = 1; attempt <= max; attempt++) {
            if (attempt > 1) {
                pause(backoff(attempt - 1), message.messageKey());
            }
            try {
                connection().sendMessage(mime, to);
                return; // accepted: handed over for good, never sent again
            } catch (ConnectFailure failure) {
                if (!failure.retryable) {
                    throw new DeliveryException(safe(failure.getMessage()), traceable(failure.getCause()));
                }
                last = failure.getMessage();
                lastError = failure;
            } catch (MessagingException | IllegalStateException e) {
                Outcome outcome = outcome(e, message, from);
                switch (outcome.kind) {
                    case PERMANENT -> {
                        suspect = true;
                        throw new DeliveryException(outcome.text, true);
                    }
                    case BROKEN -> {
                        suspect = true;
                        throw new DeliveryException(outcome.text, traceable(e));
                    }
                    case DROPPED -> drop();
                    case TEMPORARY -> suspect = true;
                }
                last = outcome.text;
                lastError = e;
            }
        }
        throw new DeliveryException(safe(describe() + " did not take message " + message.messageKey() + " after " + max
                + (max == 1 ? " attempt: " : " attempts: ") + last), traceable(lastError));
    }

    /** Does nothing: every message {@link #send} returned from was accepted by the server, and so handed over. */
    @Override
    public void flush() {
    }

    /** Closes the connection, without waiting for the server's goodbye; closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        drop();
    }

    /** How many times the connection was opened again after a drop: 0 while the first connection serves. */
    public int reconnects() {
        return reconnects;
    }

    /** The server as it may be shown in logs and errors, {@code smtp://host:port}, with no login or password. */
    public String describe() {
        return settings.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    // -- the connection ------------------------------------------------------------------------------------

    private static Properties properties(SmtpSettings s, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.setProperty(p + "host", s.host());
        props.setProperty(p + "port", Integer.toString(s.port()));
        long millis = Math.min(s.timeout().toMillis(), Integer.MAX_VALUE);
        if (millis > 0) {
            props.setProperty(p + "connectiontimeout", Long.toString(millis));
            props.setProperty(p + "timeout", Long.toString(millis));
            props.setProperty(p + "writetimeout", Long.toString(millis));
        }
        switch (s.security()) {
            case STARTTLS_REQUIRED -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "true");
            }
            case STARTTLS_OPTIONAL -> {
                props.setProperty(p + "starttls.enable", "true");
                props.setProperty(p + "starttls.required", "false");
            }
            default -> {
                // SMTPS is TLS from the first byte (the smtps protocol); OFF is plain text
            }
        }
        if (s.user() != null) {
            props.setProperty(p + "auth", "true");
        }
        if (s.trust() != null) {
            // a trusted host's certificate is accepted whatever it says, so checking its name adds nothing
            props.setProperty(p + "ssl.trust", s.trust());
            props.setProperty(p + "ssl.checkserveridentity", "false");
        }
        props.setProperty(p + "quitwait", "false");
        return props;
    }

    /** The open connection, opened again if it was dropped or no longer answers after a failure. */
    private Transport connection() throws ConnectFailure {
        if (transport != null && suspect) {
            suspect = false;
            if (!transport.isConnected()) { // a NOOP, only after a failed send
                drop();
            }
        }
        if (transport == null) {
            transport = open();
            reconnects++;
        }
        return transport;
    }

    private Transport open() throws ConnectFailure {
        Transport t;
        try {
            t = session.getTransport(protocol);
        } catch (NoSuchProviderException e) {
            throw new ConnectFailure("cannot connect to " + describe() + ": this installation has no " + protocol
                    + " support (" + oneLine(e.getMessage()) + ")", e, false);
        }
        try {
            t.connect(settings.host(), settings.port(), settings.user(), settings.password());
            return t;
        } catch (MessagingException e) {
            closeQuietly(t);
            throw connectFailure(e);
        }
    }

    private void drop() {
        if (transport != null) {
            closeQuietly(transport);
            transport = null;
        }
        suspect = false;
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException | RuntimeException e) {
            // the connection is gone either way
        }
    }

    /** What went wrong while connecting, in one sentence, and whether trying again later may help. */
    private ConnectFailure connectFailure(MessagingException e) {
        String server = describe();
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof AuthenticationFailedException) {
            String user = settings.user() == null ? "" : settings.user();
            if (settings.user() != null && settings.password() == null) {
                return new ConnectFailure(server + " needs a password for user '" + user + "' and none was given", e, false);
            }
            if (message.startsWith("No authentication mechanisms")) {
                return new ConnectFailure(server + " offers no login method that camp can use for user '" + user + "'", e, false);
            }
            String reply = reply(message);
            return new ConnectFailure(server + " refused the login of user '" + user + "' ("
                    + (reply.isEmpty() || !Character.isDigit(reply.charAt(0)) ? "login failed" : reply) + ")", e, false);
        }
        if (find(e, SSLException.class) != null || find(e, CertificateException.class) != null) {
            return new ConnectFailure("TLS with " + server + " failed: " + tlsReason(e), e, false);
        }
        if (message.startsWith("STARTTLS is required")) {
            return new ConnectFailure(server + " does not offer STARTTLS, which ?starttls=required asks for", e, false);
        }
        if (message.startsWith("Got bad greeting")) {
            int at = message.indexOf("response: ");
            String reply = at < 0 ? oneLine(message) : reply(message.substring(at + "response: ".length()));
            return new ConnectFailure(server + " refused the connection (" + reply + ")", e, reply.startsWith("4"));
        }
        if (find(e, UnknownHostException.class) != null) {
            return new ConnectFailure("cannot connect to " + server + ": unknown host " + settings.host(), e, true);
        }
        if (find(e, ConnectException.class) != null) {
            return new ConnectFailure("cannot connect to " + server + ": connection refused", e, true);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            String hint = settings.port() == 465 && settings.security() != SmtpSettings.Security.SMTPS
                    ? " (port 465 usually wants smtps://)" : "";
            return new ConnectFailure("cannot connect to " + server + ": no answer within " + duration(settings.timeout()) + hint,
                    e, true);
        }
        IOException io = find(e, IOException.class);
        if (io != null) {
            return new ConnectFailure("cannot connect to " + server + ": " + plain(io), e, true);
        }
        return new ConnectFailure("cannot connect to " + server + ": " + oneLine(message), e, false);
    }

    /** The reason of a TLS failure in words an operator can act on. */
    private String tlsReason(Throwable e) {
        CertificateException certificate = find(e, CertificateException.class);
        String text = deepestMessage(e);
        if (certificate != null && certificate.getMessage() != null && certificate.getMessage().startsWith("No ")) {
            return "the server's certificate is not for " + settings.host() + " (" + oneLine(certificate.getMessage()) + ")";
        }
        if (certificate != null || text.contains("PKIX") || text.contains("certification path")) {
            return "the server's certificate is not trusted (self-signed, or from an authority this Java does not know)";
        }
        if (text.contains("Unsupported or unrecognized SSL message") || text.contains("plaintext connection")) {
            return "the server does not speak TLS on this port";
        }
        return text.isEmpty() ? "the handshake failed" : text;
    }

    // -- the message ---------------------------------------------------------------------------------------

    private InternetAddress from(Message m) throws DeliveryException {
        String from = m.from() != null ? m.from() : settings.defaultFrom();
        if (from == null || from.isBlank()) {
            throw new DeliveryException("no From address: give the e-mail activity a from, or set [smtp] from in camp.toml", false);
        }
        try {
            return address(from);
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new DeliveryException(safe("the From address '" + oneLine(from) + "' is not an e-mail address: fix "
                    + (m.from() != null ? "the from of activity " + m.activity() : "[smtp] from in camp.toml")), false);
        }
    }

    private static InternetAddress recipient(Message m) throws DeliveryException {
        try {
            return address(m.address());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new DeliveryException("not an e-mail address: '" + oneLine(m.address()) + "'", true);
        }
    }

    /**
     * One address, strictly parsed, with a domain and in ASCII (this provider does not ask servers for
     * SMTPUTF8); a display name is kept and encoded as MIME requires.
     */
    private static InternetAddress address(String text) throws AddressException, UnsupportedEncodingException {
        InternetAddress parsed = new InternetAddress(text.strip(), true);
        String address = parsed.getAddress();
        if (parsed.isGroup() || address == null || address.indexOf('@') < 1 || address.endsWith("@")
                || !address.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new AddressException("not an e-mail address", text);
        }
        return parsed.getPersonal() == null ? new InternetAddress(address) : new InternetAddress(address, parsed.getPersonal(), CHARSET);
    }

    private MimeMessage mime(Message m, InternetAddress from, InternetAddress to) throws DeliveryException {
        try {
            MimeMessage mime = new KeyedMimeMessage(session, "<" + m.messageKey() + "@camp>");
            mime.setFrom(from);
            mime.setRecipient(jakarta.mail.Message.RecipientType.TO, to);
            if (m.subject() != null) {
                mime.setSubject(oneLine(m.subject()), CHARSET); // a line break in a value must not start a header
            }
            mime.setSentDate(new Date());
            mime.setHeader("X-Camp-Message-Key", header("X-Camp-Message-Key", m.messageKey()));
            mime.setHeader("X-Camp-Campaign", header("X-Camp-Campaign", m.campaign()));
            mime.setHeader("X-Camp-Run", header("X-Camp-Run", m.runId()));
            mime.setHeader("X-Camp-Activity", header("X-Camp-Activity", m.activity()));
            if (m.html()) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(plainText(m.body()), CHARSET, "plain");
                MimeBodyPart html = new MimeBodyPart();
                html.setText(m.body(), CHARSET, "html");
                MimeMultipart alternative = new MimeMultipart("alternative");
                alternative.addBodyPart(text);
                alternative.addBodyPart(html);
                mime.setContent(alternative);
            } else {
                mime.setText(m.body(), CHARSET, "plain");
            }
            mime.saveChanges();
            return mime;
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryException(safe("cannot write message " + m.messageKey() + " as e-mail: " + oneLine(e.getMessage())), e);
        }
    }

    private static String header(String name, String value) throws UnsupportedEncodingException {
        return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(oneLine(value), CHARSET, null));
    }

    /** A MimeMessage whose Message-ID is the one given, which Jakarta Mail would otherwise replace with a random one. */
    private static final class KeyedMimeMessage extends MimeMessage {
        private final String messageId;

        KeyedMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    // -- the server's replies ------------------------------------------------------------------------------

    private enum Kind {
        /** This message was refused: record it as failed and go on. */
        PERMANENT,
        /** Try again on the same connection after a wait. */
        TEMPORARY,
        /** The connection is gone: open a new one and try again after a wait. */
        DROPPED,
        /** The server refuses every message (sender, login): stop the task. */
        BROKEN
    }

    private record Outcome(Kind kind, String text) {
    }

    /** What a failed send means, from the server's reply code when there is one. */
    private Outcome outcome(Exception e, Message m, InternetAddress from) {
        if (e instanceof IllegalStateException) {
            return new Outcome(Kind.DROPPED, "the connection was closed");
        }
        int code = -2;
        String reply = "";
        boolean sender = false;
        int depth = 0;
        for (Throwable t = e; t != null && code == -2 && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                reply = a.getMessage();
            } else if (t instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
                reply = s.getMessage();
                sender = true;
            } else if (t instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
                reply = s.getMessage();
                sender = s.getCommand() != null && s.getCommand().toUpperCase(Locale.ROOT).startsWith("MAIL FROM");
            }
        }
        if (code == -2) {
            IOException io = find(e, IOException.class);
            if (io != null) {
                return new Outcome(Kind.DROPPED, "the connection failed: " + plain(io));
            }
            Matcher coded = CODED_REPLY.matcher(e.getMessage() == null ? "" : e.getMessage());
            if (!coded.find()) {
                return new Outcome(Kind.BROKEN, safe(describe() + " could not take message " + m.messageKey() + ": "
                        + oneLine(e.getMessage())));
            }
            code = Integer.parseInt(coded.group(1));
            reply = e.getMessage();
        }
        String line = safe(reply(reply));
        if (code == -1 || code == 0) {
            return new Outcome(Kind.DROPPED, "the server closed the connection");
        }
        if (code == 421) {
            return new Outcome(Kind.DROPPED, line);
        }
        if (code >= 400 && code <= 499) {
            return new Outcome(Kind.TEMPORARY, line);
        }
        if (code == 530) {
            return new Outcome(Kind.BROKEN, describe() + " asks for a login before it takes mail (" + line
                    + "): give camp the SMTP user and password");
        }
        if (sender && code >= 500 && code <= 599) {
            return new Outcome(Kind.BROKEN, safe(describe() + " refused the sender " + from.getAddress() + " (" + line + ")"));
        }
        if (code >= 500 && code <= 599) {
            return new Outcome(Kind.PERMANENT, line);
        }
        return new Outcome(Kind.BROKEN, describe() + " answered message " + m.messageKey() + " with " + line);
    }

    private Duration backoff(int failures) {
        return settings.firstBackoff().multipliedBy(1L << Math.min(failures - 1, 30));
    }

    private void pause(Duration duration, String key) throws DeliveryException {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting to send message " + key + " to " + describe() + " again", e);
        }
    }

    /**
     * A server reply on one line: the lines of a multi-line reply joined, their repeated code dropped
     * ({@code 550-5.1.1 a / 550 5.1.1 b} gives {@code 550 5.1.1 a b}), runs of spaces collapsed.
     */
    private static String reply(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String line : text.strip().split("\\r?\\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            if (b.length() == 0) {
                b.append(l.matches("^\\d{3}-.*") ? l.substring(0, 3) + " " + l.substring(4) : l);
            } else {
                String rest = l.replaceFirst("^\\d{3}[ -]?", "").replaceFirst("^\\d\\.\\d{1,3}\\.\\d{1,3} ", "");
                b.append(' ').append(rest.strip());
            }
        }
        return b.toString().replaceAll("\\s+", " ").strip();
    }

    // -- text helpers --------------------------------------------------------------------------------------

    /** Never lets the password into a message, whatever a server echoes. */
    private String safe(String text) {
        String password = settings.password();
        return password == null || password.isEmpty() || text == null ? text : text.replace(password, "****");
    }

    /** The cause to attach to an exception, or none when a server's text in it repeats the password. */
    private Throwable traceable(Throwable cause) {
        String password = settings.password();
        if (password == null || password.isEmpty()) {
            return cause;
        }
        int depth = 0;
        for (Throwable t = cause; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null && t.getMessage().contains(password)) {
                return null;
            }
        }
        return cause;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String plain(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no answer in time";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : oneLine(message).toLowerCase(Locale.ROOT);
    }

    private static String duration(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String deepestMessage(Throwable e) {
        String text = "";
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                text = oneLine(t.getMessage());
            }
        }
        return text;
    }

    // -- the plain-text part of an HTML message ------------------------------------------------------------

    /**
     * The text of an HTML body, for the plain-text part: what a reader sees, without tags, with the
     * entities decoded (last, so that an escaped {@code &lt;b&gt;} shows as {@code <b>}), a line break
     * for each {@code <br>} and line-level element, a blank line between paragraphs, and a link's
     * address after its text.
     */
    private static String plainText(String html) {
        String s = INVISIBLE.matcher(html).replaceAll("");
        s = s.replaceAll("\\s+", " "); // HTML shows any run of white space as one space
        s = LINK.matcher(s).replaceAll(r -> Matcher.quoteReplacement(link(r.group(2), r.group(3))));
        s = BREAK.matcher(s).replaceAll("\n");
        s = PARAGRAPH.matcher(s).replaceAll("\n\n");
        s = TAG.matcher(s).replaceAll("");
        s = decode(s);
        s = s.replaceAll(" *\n *", "\n").replaceAll(" {2,}", " ");
        return s.replaceAll("\n{3,}", "\n\n").strip();
    }

    /** A link's text followed by its address, both still HTML (decoded with the rest); the address alone for an image. */
    private static String link(String href, String inner) {
        String url = decode(href.strip());
        String text = inner.strip();
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return text;
        }
        String visible = decode(TAG.matcher(text).replaceAll("")).strip();
        if (visible.isEmpty()) {
            return href.strip();
        }
        return visible.equals(url) || url.endsWith("//" + visible) ? text : text + " (" + href.strip() + ")";
    }

    private static String decode(String text) {
        return ENTITY.matcher(text).replaceAll(r -> Matcher.quoteReplacement(entity(r.group(1), r.group())));
    }

    private static String entity(String name, String whole) {
        if (name.charAt(0) != '#') {
            return ENTITIES.getOrDefault(name, whole);
        }
        boolean hex = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X');
        int codePoint = Integer.parseInt(name.substring(hex ? 2 : 1), hex ? 16 : 10);
        boolean valid = codePoint > 0 && codePoint <= Character.MAX_CODE_POINT
                && (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE);
        return valid ? new String(Character.toChars(codePoint)) : whole;
    }

    /** A failure to connect: its sentence, and whether a later attempt may succeed (a refused login will not). */
    private static final class ConnectFailure extends Exception {
        private static final long serialVersionUID = 1L;

        private final boolean retryable;

        ConnectFailure(String message, Throwable cause, boolean retryable) {
            super(message, cause);
            this.retryable = retryable;
        }
    }
}
