package camp.run;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator gets when a provider is wrong: an unknown scheme, a variable that is not set,
 * an unreachable server, a refused login, a TLS failure, a gateway that answers a web page. One
 * clear line naming the provider, never its secret; the task failed with nothing marked sent
 * that was not; and {@code camp resume} goes on once the provider is fixed. Also the happy path
 * of a {@code camp.toml} that takes its values from the environment.
 */
class ProviderErrorsTest {
    private static final String AT = "2026-07-01T09:00:00Z";
    private static final String RUN = "20260701T090000Z";
    private static final String SECRET = "Wr0ng-S3cret-pw";

    @TempDir
    static Path data;

    @TempDir
    Path dir;

    private Path campaign;
    private Path db;
    private GreenMail mail;

    @BeforeAll
    static void generate() throws Exception {
        CrashProject.data(data, 1_000);
    }

    @BeforeEach
    void project() throws Exception {
        Files.copy(data.resolve("profiles.parquet"), dir.resolve("profiles.parquet"));
        campaign = CrashProject.write(dir, "hello.camp", """
                campaign "Hello"
                entity profiles key id from parquet "profiles.parquet" {
                  id: int
                  email: text
                  email_opt_in: bool
                  consent email: email_opt_in
                }
                activity some: build profiles where id <= 40
                activity mail: email { from "Shop <shop@example.com>" subject "Hello" body "<p>Hi {{email}}</p>" }
                activity done: end
                flow { some -> mail -> done }
                """);
        db = dir.resolve("state").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort().createCopy("127.0.0.1"));
        mail.start();
    }

    @AfterEach
    void stop() {
        mail.stop();
    }

    private String smtp() {
        return "email=smtp://127.0.0.1:" + mail.getSmtp().getPort() + "?starttls=off";
    }

    private CampProcess run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", campaign.toString(), "--db", db.toString(), "--at", AT));
        args.addAll(List.of(more));
        return camp(args.toArray(String[]::new));
    }

    /** How many messages the run's ledger holds as sent. */
    private long sent() throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM camp_state.deliveries WHERE status = 'sent'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Every text camp wrote about the run: its database (logs, tasks, options) and its files. */
    private String everythingWritten() throws Exception {
        StringBuilder all = new StringBuilder();
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p); Statement s = c.createStatement()) {
            for (String q : List.of("SELECT string_agg(message, '\\n') FROM camp_state.logs",
                    "SELECT string_agg(coalesce(error, '') || ' ' || coalesce(sql, ''), '\\n') FROM camp_state.tasks",
                    "SELECT string_agg(coalesce(options, '') || ' ' || coalesce(error, ''), '\\n') FROM camp_state.runs")) {
                try (ResultSet r = s.executeQuery(q)) {
                    r.next();
                    all.append(r.getString(1)).append('\n');
                }
            }
        }
        try (Stream<Path> files = Files.walk(db.getParent())) {
            for (Path f : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return all.toString();
    }

    private static String oneLine(CampProcess p, String prefix) {
        return p.output().lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(p.toString()));
    }

    @Test
    void anUnknownSchemeOrASecretInTheUrlIsRefusedBeforeAnythingIsWritten() throws Exception {
        CampProcess unknown = run("--provider", "email=smpt://mail.example.com:25");
        assertEquals(2, unknown.run(120), unknown::toString);
        assertEquals("camp: --provider email: unknown provider 'smpt': use file:DIR, smtp://HOST:PORT, smtps://HOST:PORT,"
                + " webhook+https://... or webhook+http://...", unknown.output().strip());
        CampProcess channel = run("--provider", "fax=file:out");
        assertEquals(2, channel.run(120), channel::toString);
        assertEquals("camp: --provider fax: no such channel (email, sms or push)", channel.output().strip());
        CampProcess inUrl = run("--provider", "email=smtp://camp:" + SECRET + "@mail.example.com:587");
        assertEquals(2, inUrl.run(120), inUrl::toString);
        assertFalse(inUrl.output().contains(SECRET), inUrl.output());
        assertTrue(inUrl.output().contains("smtp://mail.example.com: the user and password do not go in the URL"), inUrl.output());
        assertFalse(Files.exists(db) && new java.io.File(db.toString()).length() > 0 && sentRuns() > 0, "no run was recorded");
    }

    private long sentRuns() throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM camp_state.runs")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void campTomlTakesItsValuesFromTheEnvironment() throws Exception {
        // the activity has no from: the project's [smtp] from is used
        Files.writeString(campaign, Files.readString(campaign).replace("from \"Shop <shop@example.com>\" ", ""));
        Files.writeString(dir.resolve("camp.toml"), """
                [providers]
                email = "smtp://127.0.0.1:${TEST_SMTP_PORT}?starttls=off"

                [smtp]
                from = "${TEST_FROM}"
                """);
        CampProcess missing = run();
        assertEquals(2, missing.run(120), missing::toString);
        assertEquals("camp: [providers] email in " + dir.resolve("camp.toml") + " uses ${TEST_SMTP_PORT}, which is not set in the environment",
                missing.output().strip());

        CampProcess good = run().env("TEST_SMTP_PORT", String.valueOf(mail.getSmtp().getPort())).env("TEST_FROM", "Shop <shop@example.com>");
        assertEquals(0, good.run(120), good::toString);
        MimeMessage[] received = mail.getReceivedMessages();
        assertEquals(sent(), received.length);
        assertTrue(received.length > 0);
        assertEquals("Shop <shop@example.com>", received[0].getHeader("From", null));
        assertTrue(everythingWritten().contains("smtp://127.0.0.1:" + mail.getSmtp().getPort()), "the run records where it sent");
    }

    @Test
    void anUnreachableServerFailsTheTaskAndTheResumeSendsOnceFixed() throws Exception {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort();
        }
        CampProcess down = run("--provider", "email=smtp://127.0.0.1:" + nobody + "?starttls=off");
        assertEquals(3, down.run(120), down::toString);
        assertTrue(down.output().contains("cannot connect to smtp://127.0.0.1:" + nobody), down.output());
        assertEquals(0, sent(), "nothing marked sent");

        CampProcess fixed = camp("resume", RUN, "--db", db.toString(), "--provider", smtp());
        assertEquals(0, fixed.run(120), fixed::toString);
        MimeMessage[] received = mail.getReceivedMessages();
        assertTrue(received.length > 0);
        assertEquals(sent(), received.length, "each message once");
        List<String> keys = new ArrayList<>();
        for (MimeMessage m : received) {
            keys.add(m.getHeader("X-Camp-Message-Key", null));
        }
        assertEquals(keys.size(), new HashSet<>(keys).size());
    }

    @Test
    void aRefusedLoginNamesTheUserAndNeverThePassword() throws Exception {
        mail.setUser("camp@example.com", "camp", "the-right-one");
        CampProcess refused = run("--provider", "email=smtp://127.0.0.1:" + mail.getSmtp().getPort() + "?starttls=off", "--verbose")
                .env("CAMP_SMTP_USER", "camp").env("CAMP_SMTP_PASSWORD", SECRET);
        assertEquals(3, refused.run(120), refused::toString);
        assertTrue(refused.output().contains("refused the login of user 'camp'"), refused.output());
        assertFalse(refused.output().contains(SECRET), "the password is not printed, even with --verbose:\n" + refused.output());
        assertEquals(0, sent());
        assertFalse(everythingWritten().contains(SECRET), "the password is in no log, task record or file");
        for (String[] inspect : List.of(new String[] {"logs", RUN}, new String[] {"tasks", RUN, "--format", "json"},
                new String[] {"runs", "--format", "json"}, new String[] {"status", RUN})) {
            List<String> args = new ArrayList<>(List.of(inspect));
            args.addAll(List.of("--db", db.toString()));
            CampProcess p = camp(args.toArray(String[]::new));
            assertEquals(0, p.run(60), p::toString);
            assertFalse(p.output().contains(SECRET), p.toString());
        }
        CampProcess missingPassword = run("--provider", smtp()).env("CAMP_SMTP_USER", "camp");
        assertEquals(2, missingPassword.run(120), missingPassword::toString);
        assertTrue(missingPassword.output().contains("CAMP_SMTP_USER is set but CAMP_SMTP_PASSWORD, the password, is not"),
                missingPassword.output());
    }

    @Test
    void aTlsFailureIsOneLine() throws Exception {
        GreenMail tls = new GreenMail(ServerSetupTest.SMTPS.dynamicPort().createCopy("127.0.0.1"));
        tls.start();
        try {
            CampProcess p = run("--provider", "email=smtps://127.0.0.1:" + tls.getSmtps().getPort());
            assertEquals(3, p.run(120), p::toString);
            String line = oneLine(p, "task 'mail' failed: ");
            assertEquals("task 'mail' failed: TLS with smtps://127.0.0.1:" + tls.getSmtps().getPort() + " failed: the server's certificate"
                    + " is not trusted (self-signed, or from an authority this Java does not know)", line);
            assertEquals(0, sent());
        } finally {
            tls.stop();
        }
    }

    @Test
    void aGatewayThatAnswersAWebPageFailsTheTask() throws Exception {
        HttpServer page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] html = "<!DOCTYPE html><html><body>Welcome to our site</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, html.length);
            exchange.getResponseBody().write(html);
            exchange.close();
        });
        page.start();
        try {
            CampProcess p = run("--provider", "email=webhook+http://127.0.0.1:" + page.getAddress().getPort() + "/sms/send?key=" + SECRET);
            assertEquals(3, p.run(120), p::toString);
            assertTrue(p.output().contains("webhook+http://127.0.0.1:" + page.getAddress().getPort() + "/... answered HTML"), p.output());
            assertFalse(p.output().contains(SECRET), p.output());
            assertFalse(everythingWritten().contains(SECRET));
            assertEquals(0, sent());
        } finally {
            page.stop(0);
        }
    }
}
