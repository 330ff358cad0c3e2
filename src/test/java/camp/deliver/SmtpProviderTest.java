package camp.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.deliver.SmtpSettings.Security;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP provider against a real SMTP server in this process (GreenMail), for what reaches the
 * inbox, and against a scripted fake server, for the replies GreenMail never gives (4xx, 5xx, 421) and
 * to count connections. Waits between attempts go to a recording sleeper, so the retries take no time.
 */
class SmtpProviderTest {
    private static final String PASSWORD = "s3cret-Pa55word";
    private static final Duration BACKOFF = Duration.ofMillis(100);
    private static final String LOCALHOST = "127.0.0.1";

    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = sleeps::add;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    // -- fixtures ------------------------------------------------------------------------------------------

    private GreenMail greenMail(ServerSetup setup) {
        GreenMail server = new GreenMail(setup);
        server.start();
        toClose.add(server::stop);
        return server;
    }

    private GreenMail greenMail() {
        return greenMail(ServerSetupTest.SMTP.dynamicPort().createCopy(LOCALHOST));
    }

    private FakeSmtp fake() throws IOException {
        FakeSmtp fake = new FakeSmtp();
        toClose.add(fake);
        return fake;
    }

    private static SmtpSettings settings(int port, Security security, String user, String password, String defaultFrom, String trust,
            int maxAttempts) {
        return new SmtpSettings(LOCALHOST, port, security, user, password, defaultFrom, trust, Duration.ofSeconds(5), maxAttempts,
                BACKOFF);
    }

    private static SmtpSettings plain(int port) {
        return settings(port, Security.OFF, null, null, "Boutique <shop@example.com>", null, 3);
    }

    private SmtpProvider connect(SmtpSettings settings) throws DeliveryException {
        SmtpProvider provider = SmtpProvider.connect(settings, sleeper);
        toClose.add(provider);
        return provider;
    }

    private static Message text(String key, String address, String from, String subject, String body) {
        return new Message(key, "run-7", "Soldes d'\u00e9t\u00e9", "gold_mail", "email", "p-" + key, address, from, subject, body, null,
                false);
    }

    private static Message html(String key, String address, String body) {
        return new Message(key, "run-7", "Spring sale", "gold_mail", "email", "p-" + key, address, null, "Hello", body, null, true);
    }

    private static MimeMessage received(GreenMail server, String key) throws Exception {
        for (MimeMessage m : server.getReceivedMessages()) {
            if (key.equals(m.getHeader("X-Camp-Message-Key", null))) {
                return m;
            }
        }
        throw new AssertionError("message " + key + " did not arrive");
    }

    private static List<String> keys(MimeMessage[] messages) throws Exception {
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : messages) {
            keys.add(m.getHeader("X-Camp-Message-Key", null));
        }
        return keys;
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int unusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOCALHOST))) {
            return s.getLocalPort();
        }
    }

    // -- what reaches the inbox ----------------------------------------------------------------------------

    @Test
    void headersFromTheMessageAndTheSettings() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        smtp.send(text("k1", "zoe@example.com", "Nouvelles <news@example.com>", "Zo\u00e9, ton cadeau \ud83c\udf81", "Bonjour"));
        smtp.send(text("k2", "max@example.com", null, "Plain subject", "Hi"));
        assertTrue(server.waitForIncomingEmail(5000, 2));

        MimeMessage first = received(server, "k1");
        assertEquals(List.of(new InternetAddress("news@example.com", "Nouvelles")), List.of(first.getFrom()));
        assertEquals("news@example.com", ((InternetAddress) first.getFrom()[0]).getAddress());
        assertEquals("zoe@example.com", ((InternetAddress) first.getRecipients(jakarta.mail.Message.RecipientType.TO)[0]).getAddress());
        assertEquals("Zo\u00e9, ton cadeau \ud83c\udf81", first.getSubject());
        assertTrue(first.getHeader("Subject", null).startsWith("=?UTF-8?"), first.getHeader("Subject", null));
        assertEquals("<k1@camp>", first.getMessageID());
        assertEquals("k1", first.getHeader("X-Camp-Message-Key", null));
        assertEquals("run-7", first.getHeader("X-Camp-Run", null));
        assertEquals("gold_mail", first.getHeader("X-Camp-Activity", null));
        String campaign = first.getHeader("X-Camp-Campaign", null);
        assertTrue(campaign.startsWith("=?UTF-8?"), "a non-ASCII header value is encoded: " + campaign);
        assertEquals("Soldes d'\u00e9t\u00e9", MimeUtility.decodeText(MimeUtility.unfold(campaign)));
        assertNotNull(first.getSentDate());

        MimeMessage second = received(server, "k2");
        InternetAddress from = (InternetAddress) second.getFrom()[0];
        assertEquals("shop@example.com", from.getAddress(), "the settings' From when the message has none");
        assertEquals("Boutique", from.getPersonal());
        assertEquals("<k2@camp>", second.getMessageID());
        assertEquals(0, smtp.reconnects());
    }

    @Test
    void aLineBreakInAValueDoesNotStartAHeader() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        smtp.send(text("k1", "zoe@example.com", null, "Hello\r\nBcc: evil@example.com", "Hi"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        MimeMessage m = received(server, "k1");
        assertNull(m.getHeader("Bcc"));
        assertEquals("Hello Bcc: evil@example.com", m.getSubject());
        assertEquals(1, server.getReceivedMessages().length, "nobody else got it");
    }

    @Test
    void anHtmlMessageIsAlternativeWithADerivedTextPartFirst() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        String body = "<html><head><style>p { color: red; }</style></head><body>\r\n"
                + "<h1>Bonjour Zo\u00e9</h1>\r\n"
                + "<p>Fish &amp; chips,<br>\r\n   \u00e0 demain.</p>\r\n"
                + "<!-- a comment --><p>Voir <a href=\"https://shop.example.com/?a=1&amp;b=2\">la   boutique</a>"
                + "&nbsp;! &#8364;5 &#x2713;</p>"
                + "\r\n\r\n\r\n<p></p><div>Fin</div>\r\n</body></html>";
        smtp.send(html("k1", "zoe@example.com", body));
        assertTrue(server.waitForIncomingEmail(5000, 1));

        MimeMessage m = received(server, "k1");
        assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        BodyPart text = parts.getBodyPart(0);
        BodyPart htmlPart = parts.getBodyPart(1);
        assertEquals("text/plain; charset=utf-8", text.getContentType().toLowerCase(Locale.ROOT));
        assertEquals("text/html; charset=utf-8", htmlPart.getContentType().toLowerCase(Locale.ROOT));
        assertEquals(body, htmlPart.getContent(), "the HTML arrives as given");
        // e-mail lines end in CRLF on the wire; the derived text was written with LF
        String derived = ((String) text.getContent()).replace("\r\n", "\n");
        assertEquals("Bonjour Zo\u00e9\n\nFish & chips,\n\u00e0 demain.\n\n"
                + "Voir la boutique (https://shop.example.com/?a=1&b=2)\u00a0! \u20ac5 \u2713\n\nFin", derived);
    }

    @Test
    void aTextMessageIsASinglePlainPart() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        String body = "Bonjour Zo\u00e9,\r\n<b>not a tag</b> &amp; not an entity.";
        smtp.send(text("k1", "zoe@example.com", null, "Hi", body));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        MimeMessage m = received(server, "k1");
        assertEquals("text/plain; charset=utf-8", m.getContentType().toLowerCase(Locale.ROOT));
        assertEquals(body, m.getContent());
    }

    @Test
    void anEscapedValueStaysEscapedInTheHtmlAndShowsAsTextInThePlainPart() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        // as rendered by the template for a first name of <b>Zoé</b>: the value was escaped
        String body = "<p>Bonjour &lt;b&gt;Zo\u00e9&lt;/b&gt;, votre code : {{promo}}</p>";
        smtp.send(html("k1", "zoe@example.com", body));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        MimeMultipart parts = (MimeMultipart) received(server, "k1").getContent();
        assertEquals("Bonjour <b>Zo\u00e9</b>, votre code : {{promo}}", parts.getBodyPart(0).getContent());
        assertEquals(body, parts.getBodyPart(1).getContent());
    }

    // -- one connection, and a new one when it drops ---------------------------------------------------------

    @Test
    void fiftyMessagesGoOverOneConnection() throws Exception {
        GreenMail server = greenMail();
        SmtpProvider smtp = connect(plain(server.getSmtp().getPort()));
        for (int i = 0; i < 50; i++) {
            smtp.send(text("k" + i, "r" + i + "@example.com", null, "Hi", "Hello " + i));
        }
        assertTrue(server.waitForIncomingEmail(5000, 50));
        assertEquals(50, new HashSet<>(keys(server.getReceivedMessages())).size());
        assertEquals(0, smtp.reconnects());
        assertEquals(List.of(), sleeps);
    }

    @Test
    void theFakeServerCountsOneConnectionForFiftyMessages() throws Exception {
        FakeSmtp fake = fake();
        SmtpProvider smtp = connect(plain(fake.port()));
        for (int i = 0; i < 50; i++) {
            smtp.send(text("k" + i, "r" + i + "@example.com", null, "Hi", "Hello " + i));
        }
        assertEquals(1, fake.connections.get());
        assertEquals(50, fake.accepted.size());
        assertEquals(50, new HashSet<>(fake.accepted).size());
    }

    @Test
    void aDroppedConnectionIsOpenedAgainAndNoMessageIsLostOrSentTwice() throws Exception {
        GreenMail first = greenMail();
        int port = first.getSmtp().getPort();
        SmtpProvider smtp = connect(plain(port));
        for (int i = 0; i < 5; i++) {
            smtp.send(text("k" + i, "r" + i + "@example.com", null, "Hi", "Hello " + i));
        }
        assertTrue(first.waitForIncomingEmail(5000, 5));
        List<String> before = keys(first.getReceivedMessages());
        first.stop(); // closes the provider's connection
        GreenMail second = greenMail(new ServerSetup(port, LOCALHOST, ServerSetup.PROTOCOL_SMTP));
        for (int i = 5; i < 10; i++) {
            smtp.send(text("k" + i, "r" + i + "@example.com", null, "Hi", "Hello " + i));
        }
        assertTrue(second.waitForIncomingEmail(5000, 5));
        List<String> after = keys(second.getReceivedMessages());

        assertEquals(1, smtp.reconnects());
        assertEquals(List.of(BACKOFF), sleeps, "one failed attempt, then a wait, then the new connection");
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        Collections.sort(all);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add("k" + i);
        }
        Collections.sort(expected);
        assertEquals(expected, all, "every message once, none twice");
    }

    @Test
    void a421ClosesTheConnectionAndTheMessageGoesOnANewOne() throws Exception {
        FakeSmtp fake = fake();
        fake.rcptReplies.add("421 4.3.2 closing, try again");
        SmtpProvider smtp = connect(plain(fake.port()));
        smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        assertEquals(List.of("<k1@camp>"), fake.accepted);
        assertEquals(2, fake.connections.get());
        assertEquals(1, smtp.reconnects());
        assertEquals(List.of(BACKOFF), sleeps);
    }

    @Test
    void aServerGoneForGoodFailsTheProviderAfterTheLastAttempt() throws Exception {
        GreenMail server = greenMail();
        int port = server.getSmtp().getPort();
        SmtpProvider smtp = connect(plain(port));
        server.stop();
        DeliveryException e = assertThrows(DeliveryException.class, () -> smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello")));
        assertFalse(e.permanent());
        assertEquals("smtp://127.0.0.1:" + port + " did not take message k1 after 3 attempts: cannot connect to smtp://127.0.0.1:" + port
                + ": connection refused", e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
    }

    @Test
    void aReplyThatNeverComesIsADroppedConnection() throws Exception {
        FakeSmtp fake = fake();
        fake.dataReplies.add(FakeSmtp.SILENT);
        SmtpSettings quick = new SmtpSettings(LOCALHOST, fake.port(), Security.OFF, null, null, "shop@example.com", null,
                Duration.ofMillis(500), 3, BACKOFF);
        SmtpProvider smtp = connect(quick);
        smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        // the server may have kept the first copy: the documented risk of a message in flight, with the same Message-ID
        assertEquals(List.of("<k1@camp>"), fake.accepted);
        assertEquals(2, fake.connections.get());
        assertEquals(1, smtp.reconnects());
        assertEquals(List.of(BACKOFF), sleeps);
    }

    // -- replies -------------------------------------------------------------------------------------------

    @Test
    void aRejectedRecipientIsAPermanentFailureWithTheServersReply() throws Exception {
        FakeSmtp fake = fake();
        fake.rcptReplies.add("550 5.1.1 <nobody@example.com>: user unknown");
        SmtpProvider smtp = connect(plain(fake.port()));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> smtp.send(text("k1", "nobody@example.com", null, "Hi", "Hello")));
        assertTrue(e.permanent());
        assertEquals("550 5.1.1 <nobody@example.com>: user unknown", e.getMessage());
        assertEquals(List.of(), sleeps, "no retry");

        smtp.send(text("k2", "zoe@example.com", null, "Hi", "Hello"));
        assertEquals(List.of("<k2@camp>"), fake.accepted, "the next message goes on the same connection");
        assertEquals(1, fake.connections.get());
    }

    @Test
    void aRefusedMessageIsPermanentAndAMultiLineReplyComesOnOneLine() throws Exception {
        FakeSmtp fake = fake();
        fake.dataReplies.add("554-5.7.1 message refused:\r\n554-5.7.1 it looks like spam\r\n554 5.7.1 see https://example.com/why");
        SmtpProvider smtp = connect(plain(fake.port()));
        DeliveryException e = assertThrows(DeliveryException.class, () -> smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello")));
        assertTrue(e.permanent());
        assertEquals("554 5.7.1 message refused: it looks like spam see https://example.com/why", e.getMessage());
        assertEquals(List.of(), fake.accepted);
    }

    @Test
    void aTemporaryReplyIsTriedAgainWithDoublingWaitsAndTheMessageIsSentOnce() throws Exception {
        FakeSmtp fake = fake();
        fake.rcptReplies.add("450 4.2.1 mailbox busy, try later");
        fake.dataReplies.add("451 4.3.0 local error, try later");
        SmtpProvider smtp = connect(plain(fake.port()));
        smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        assertEquals(List.of("<k1@camp>"), fake.accepted);
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertEquals(1, fake.connections.get(), "a 4xx keeps the connection");
        assertEquals(0, smtp.reconnects());
    }

    @Test
    void aTemporaryReplyEveryTimeFailsTheProviderAfterTheLastAttempt() throws Exception {
        FakeSmtp fake = fake();
        for (int i = 0; i < 5; i++) {
            fake.rcptReplies.add("450 4.2.1 mailbox busy, try later");
        }
        SmtpProvider smtp = connect(plain(fake.port()));
        DeliveryException e = assertThrows(DeliveryException.class, () -> smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello")));
        assertFalse(e.permanent());
        assertEquals("smtp://127.0.0.1:" + fake.port() + " did not take message k1 after 3 attempts: 450 4.2.1 mailbox busy, try later",
                e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), sleeps);
        assertEquals(2, fake.rcptReplies.size(), "exactly 3 attempts");
        assertEquals(List.of(), fake.accepted);
    }

    @Test
    void aRefusedSenderOrAMissingLoginIsTheProvidersFailureNotTheMessages() throws Exception {
        FakeSmtp fake = fake();
        fake.mailReplies.add("553 5.7.1 <shop@example.com>: sender address rejected");
        fake.mailReplies.add("530 5.7.0 authentication required");
        SmtpProvider smtp = connect(plain(fake.port()));
        DeliveryException sender = assertThrows(DeliveryException.class,
                () -> smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello")));
        assertFalse(sender.permanent());
        assertEquals("smtp://127.0.0.1:" + fake.port() + " refused the sender shop@example.com"
                + " (553 5.7.1 <shop@example.com>: sender address rejected)", sender.getMessage());
        DeliveryException login = assertThrows(DeliveryException.class,
                () -> smtp.send(text("k2", "zoe@example.com", null, "Hi", "Hello")));
        assertFalse(login.permanent());
        assertTrue(login.getMessage().contains("asks for a login"), login.getMessage());
        assertEquals(List.of(), sleeps);
    }

    // -- addresses -----------------------------------------------------------------------------------------

    @Test
    void aMalformedRecipientIsPermanentAndAMissingOrMalformedFromIsNot() throws Exception {
        GreenMail server = greenMail();
        int port = server.getSmtp().getPort();
        SmtpProvider smtp = connect(plain(port));
        DeliveryException to = assertThrows(DeliveryException.class, () -> smtp.send(text("k1", "zoe at example", null, "Hi", "x")));
        assertTrue(to.permanent());
        assertEquals("not an e-mail address: 'zoe at example'", to.getMessage());
        DeliveryException nonAscii = assertThrows(DeliveryException.class,
                () -> smtp.send(text("k2", "zo\u00e9@example.com", null, "Hi", "x")));
        assertTrue(nonAscii.permanent());

        SmtpProvider noDefault = connect(settings(port, Security.OFF, null, null, null, null, 3));
        DeliveryException none = assertThrows(DeliveryException.class,
                () -> noDefault.send(text("k3", "zoe@example.com", null, "Hi", "x")));
        assertFalse(none.permanent());
        assertEquals("no From address: give the e-mail activity a from, or set [smtp] from in camp.toml", none.getMessage());
        DeliveryException bad = assertThrows(DeliveryException.class,
                () -> noDefault.send(text("k4", "zoe@example.com", "shop at example", "Hi", "x")));
        assertFalse(bad.permanent());
        assertTrue(bad.getMessage().contains("'shop at example'"), bad.getMessage());

        smtp.send(text("k5", "zoe@example.com", null, "Hi", "x"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        assertEquals(List.of("k5"), keys(server.getReceivedMessages()), "nothing of the refused messages was sent");
    }

    // -- connecting ----------------------------------------------------------------------------------------

    @Test
    void aRefusedLoginIsReportedAtConnectWithoutThePassword() throws Exception {
        GreenMail server = greenMail();
        server.setUser("camp@example.com", "camp", PASSWORD);
        int port = server.getSmtp().getPort();
        SmtpSettings wrong = settings(port, Security.OFF, "camp", "wrong-" + PASSWORD, "shop@example.com", null, 3);
        DeliveryException e = assertThrows(DeliveryException.class, () -> connect(wrong));
        assertFalse(e.permanent());
        assertEquals("smtp://127.0.0.1:" + port + " refused the login of user 'camp' (535 5.7.8 Authentication credentials invalid)",
                e.getMessage());
        assertFalse(stackTrace(e).contains(PASSWORD), "the password is in no message of the exception or its causes");
        assertFalse(wrong.toString().contains(PASSWORD));

        SmtpSettings right = settings(port, Security.OFF, "camp", PASSWORD, "shop@example.com", null, 3);
        SmtpProvider smtp = connect(right);
        assertEquals("smtp://127.0.0.1:" + port, smtp.toString());
        assertEquals(smtp.toString(), smtp.describe());
        smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
    }

    @Test
    void aServerThatEchoesThePasswordDoesNotGetItIntoTheMessage() throws Exception {
        FakeSmtp fake = fake();
        fake.authReplies.add("535 5.7.8 password " + PASSWORD + " is wrong");
        SmtpSettings settings = settings(fake.port(), Security.OFF, "camp", PASSWORD, "shop@example.com", null, 3);
        DeliveryException e = assertThrows(DeliveryException.class, () -> connect(settings));
        assertEquals("smtp://127.0.0.1:" + fake.port() + " refused the login of user 'camp' (535 5.7.8 password **** is wrong)",
                e.getMessage());
        assertFalse(stackTrace(e).contains(PASSWORD), "nor in a cause");
    }

    @Test
    void anUnreachableServerIsReportedAtConnect() throws Exception {
        int port = unusedPort();
        DeliveryException e = assertThrows(DeliveryException.class, () -> connect(plain(port)));
        assertFalse(e.permanent());
        assertEquals("cannot connect to smtp://127.0.0.1:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void smtpsWithATrustedTestCertificateSends() throws Exception {
        GreenMail server = greenMail(ServerSetupTest.SMTPS.dynamicPort().createCopy(LOCALHOST));
        int port = server.getSmtps().getPort();
        SmtpProvider smtp = connect(settings(port, Security.SMTPS, null, null, "shop@example.com", "*", 3));
        assertEquals("smtps://127.0.0.1:" + port, smtp.describe());
        smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
        assertEquals("<k1@camp>", received(server, "k1").getMessageID());
    }

    @Test
    void smtpsWithAnUntrustedCertificateFailsAtConnectWithOneLine() throws Exception {
        GreenMail server = greenMail(ServerSetupTest.SMTPS.dynamicPort().createCopy(LOCALHOST));
        int port = server.getSmtps().getPort();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> connect(settings(port, Security.SMTPS, null, null, "shop@example.com", null, 3)));
        assertFalse(e.permanent());
        assertEquals("TLS with smtps://127.0.0.1:" + port + " failed: the server's certificate is not trusted"
                + " (self-signed, or from an authority this Java does not know)", e.getMessage());
    }

    @Test
    void requiredStartTlsAgainstAServerWithoutItFailsAndOptionalGoesPlain() throws Exception {
        GreenMail server = greenMail();
        int port = server.getSmtp().getPort();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> connect(settings(port, Security.STARTTLS_REQUIRED, null, null, "shop@example.com", null, 3)));
        assertFalse(e.permanent());
        assertEquals("smtp://127.0.0.1:" + port + " does not offer STARTTLS, which ?starttls=required asks for", e.getMessage());

        SmtpProvider optional = connect(settings(port, Security.STARTTLS_OPTIONAL, null, null, "shop@example.com", null, 3));
        optional.send(text("k1", "zoe@example.com", null, "Hi", "Hello"));
        assertTrue(server.waitForIncomingEmail(5000, 1));
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedProviderSendsNothing() throws Exception {
        FakeSmtp fake = fake();
        SmtpProvider smtp = connect(plain(fake.port()));
        smtp.flush();
        smtp.close();
        smtp.close();
        assertThrows(IllegalStateException.class, () -> smtp.send(text("k1", "zoe@example.com", null, "Hi", "Hello")));
        assertEquals(List.of(), fake.accepted);
    }

    /**
     * A scripted SMTP server: it answers each MAIL, RCPT, end of DATA and AUTH with the next reply of
     * its queue (a success when the queue is empty), closes the connection after a 421, records the
     * Message-ID of each message it accepts and counts connections.
     */
    private static final class FakeSmtp implements AutoCloseable {
        /** A scripted reply that is never sent: the server keeps silent. */
        static final String SILENT = "(silent)";

        final Deque<String> mailReplies = new ConcurrentLinkedDeque<>();
        final Deque<String> rcptReplies = new ConcurrentLinkedDeque<>();
        final Deque<String> dataReplies = new ConcurrentLinkedDeque<>();
        final Deque<String> authReplies = new ConcurrentLinkedDeque<>();
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger connections = new AtomicInteger();
        private final ServerSocket server;
        private final Set<Socket> sockets = Collections.synchronizedSet(new HashSet<>());

        FakeSmtp() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getByName(LOCALHOST));
            Thread acceptor = new Thread(this::accept, "fake-smtp");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    connections.incrementAndGet();
                    sockets.add(socket);
                    Thread t = new Thread(() -> converse(socket), "fake-smtp-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void converse(Socket socket) {
            try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
                reply(out, "220 fake.test ESMTP");
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = line.toUpperCase(Locale.ROOT);
                    String answer;
                    if (command.startsWith("EHLO")) {
                        answer = "250-fake.test\r\n250-AUTH PLAIN\r\n250 8BITMIME";
                    } else if (command.startsWith("HELO")) {
                        answer = "250 fake.test";
                    } else if (command.startsWith("AUTH")) {
                        if (command.trim().equals("AUTH PLAIN")) {
                            reply(out, "334 ");
                            in.readLine();
                        }
                        answer = next(authReplies, "235 2.7.0 accepted");
                    } else if (command.startsWith("MAIL FROM")) {
                        answer = next(mailReplies, "250 2.1.0 ok");
                    } else if (command.startsWith("RCPT TO")) {
                        answer = next(rcptReplies, "250 2.1.5 ok");
                    } else if (command.equals("DATA")) {
                        reply(out, "354 go ahead");
                        String messageId = null;
                        for (String data = in.readLine(); data != null && !data.equals("."); data = in.readLine()) {
                            if (data.regionMatches(true, 0, "Message-ID: ", 0, 12)) {
                                messageId = data.substring(12).trim();
                            }
                        }
                        answer = next(dataReplies, "250 2.0.0 queued");
                        if (answer.startsWith("250")) {
                            accepted.add(messageId);
                        } else if (answer.equals(SILENT)) {
                            continue;
                        }
                    } else if (command.equals("QUIT")) {
                        reply(out, "221 2.0.0 bye");
                        return;
                    } else {
                        answer = "250 2.0.0 ok"; // RSET, NOOP
                    }
                    reply(out, answer);
                    if (answer.startsWith("421")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            } finally {
                sockets.remove(socket);
            }
        }

        private static String next(Deque<String> replies, String otherwise) {
            String reply = replies.poll();
            return reply == null ? otherwise : reply;
        }

        private static void reply(Writer out, String text) throws IOException {
            out.write(text + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : Arrays.asList(sockets.toArray(new Socket[0]))) {
                s.close();
            }
        }
    }
}
