package camp.run;

import static camp.CampProcess.camp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.CrashProject;
import camp.RunSnapshot;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee with real processes and real receivers: a send killed with
 * {@code kill -9} at seeded moments and resumed each time. The file outbox then holds every
 * message exactly once; an SMTP server (GreenMail) and a webhook gateway (a local HTTP server),
 * which take each message as it goes, see every key, and a key twice only when its message was in
 * flight at a kill (at most one batch a kill), always under the same key.
 */
class DeliveryCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AT = "2026-07-01T09:00:00Z";
    private static final String RUN = "20260701T090000Z";
    private static final int KILLS = 5;

    @TempDir
    static Path project;

    @BeforeAll
    static void data() throws Exception {
        CrashProject.data(project, 112_000);
    }

    /** A campaign that sends one e-mail to each opted-in profile with an id up to {@code last}. */
    private static Path mailing(String name, int last) throws Exception {
        return CrashProject.write(project, name + ".camp", """
                campaign "%s"
                entity profiles key id from parquet "profiles.parquet" {
                  id: int
                  email: text
                  country: text
                  email_opt_in: bool
                  consent email: email_opt_in
                }
                activity everyone: build profiles where id <= %d
                activity mail:     email { from "Shop <shop@example.com>" subject "Hello from %s" body "<p>Hi {{email}}, {{country}}</p>" }
                activity done:     end
                flow { everyone -> mail -> done }
                """.formatted(name, last, name));
    }

    /** The keys the run's ledger planned, and how many it recorded as sent. */
    private static Map<String, String> ledger(Path db) throws Exception {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        Map<String, String> keys = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), p); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT message_key, recipient FROM camp_state.deliveries WHERE run_id = '" + RUN
                        + "' AND status = 'sent'")) {
            while (r.next()) {
                keys.put(r.getString(1), r.getString(2));
            }
        }
        return keys;
    }

    /**
     * Starts the run (or resumes it) in a process and kills it {@link #KILLS} times, then resumes it to
     * its end: kills 1, 3 and 5 after a seeded delay (anywhere: planning, sending, recording), kills 2
     * and 4 at a seeded moment after the process has delivered its first messages, so that sending
     * is interrupted whatever the speed. Returns what the kills interrupted.
     */
    private static List<String> killAndResume(Path campaign, Path db, long seed, int maxDelayMs, java.util.function.IntSupplier delivered,
            String... providers) throws Exception {
        Random random = new Random(seed);
        List<String> moments = new ArrayList<>();
        int kills = 0;
        for (int attempt = 0; kills < KILLS && attempt < 40; attempt++) {
            List<String> args = new ArrayList<>(Files.exists(db) && started(db)
                    ? List.of("resume", RUN, "--db", db.toString())
                    : List.of("run", campaign.toString(), "--db", db.toString(), "--at", AT));
            for (String p : providers) {
                args.add("--provider");
                args.add(p);
            }
            CampProcess p = camp(args.toArray(String[]::new));
            if (providers.length == 0) {
                // the file outbox: batches small enough to be killed between, and each lasting a little
                // longer, so that the sending spans the kills however fast the machine sends
                p.property("camp.sendBatch", "5000").property("camp.test.pauseAfterBatchMs", "200");
            }
            int before = delivered.getAsInt();
            long started = System.nanoTime();
            p.start();
            long delay = 1_200 + random.nextInt(maxDelayMs);
            String when;
            if (kills % 2 == 1) {
                // every other kill comes while messages are going out, however fast they go: once this
                // process has delivered something, after a further random moment
                while (p.alive() && delivered.getAsInt() <= before && System.nanoTime() - started < 120_000_000_000L) {
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(300));
                when = "while sending";
            } else {
                Thread.sleep(delay);
                when = "after " + delay + " ms";
            }
            if (!p.alive()) {
                int code = p.await(10);
                assertEquals(0, code, p.output());
                break;
            }
            p.kill();
            kills++;
            moments.add(args.get(0) + " killed " + when + " (" + (System.nanoTime() - started) / 1_000_000 + " ms), "
                    + delivered.getAsInt() + " delivered");
        }
        if (!completed(db)) {
            List<String> args = new ArrayList<>(List.of("resume", RUN, "--db", db.toString()));
            for (String p : providers) {
                args.add("--provider");
                args.add(p);
            }
            CampProcess last = camp(args.toArray(String[]::new));
            assertEquals(0, last.run(300), last::output);
        }
        moments.forEach(m -> System.out.println(campaign.getFileName() + ": " + m));
        return moments;
    }

    /** How many kills came while some but not all messages were delivered. */
    private static long midSend(List<String> moments, int total) {
        return moments.stream().map(m -> Integer.parseInt(m.replaceAll(".*, (\\d+) delivered$", "$1")))
                .filter(n -> n > 0 && n < total).count();
    }

    private static int lines(Path file) {
        try {
            return Files.exists(file) ? (int) Files.lines(file).count() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static boolean started(Path db) throws Exception {
        try (Connection c = Database.openReadOnly(db)) {
            Store store = new Store(c);
            return store.hasState() && store.run(RUN).isPresent();
        }
    }

    private static boolean completed(Path db) throws Exception {
        if (!Files.exists(db)) {
            return false;
        }
        try (Connection c = Database.openReadOnly(db)) {
            Store store = new Store(c);
            return store.hasState() && store.run(RUN).map(r -> r.status() == RunStatus.COMPLETED).orElse(false);
        }
    }

    @Test
    void aHundredThousandMessagesToTheFileOutboxKilledFiveTimes() throws Exception {
        Path campaign = mailing("outbox", 112_000);
        Path db = project.resolve("file").resolve("camp.duckdb");
        Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
        Path outbox = Database.sideFolder(db, "outbox").resolve(RUN + ".jsonl");
        List<String> moments = killAndResume(campaign, db, 11L, 2_500, () -> lines(outbox));
        assertTrue(moments.size() >= KILLS, "killed five times while it ran: " + moments);
        assertTrue(midSend(moments, 100_800) >= 2, "killed in the middle of sending: " + moments);

        Map<String, String> sent = ledger(db);
        assertTrue(sent.size() >= 100_000, "a send of 100,000 messages: " + sent.size());
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Database.sideFolder(db, "outbox").resolve(RUN + ".jsonl"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        Set<String> keys = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        for (JsonNode m : lines) {
            assertTrue(keys.add(m.get("messageKey").asText()), "message " + m.get("messageKey") + " is in the outbox twice");
            assertTrue(recipients.add(m.get("recipient").asText()), "recipient " + m.get("recipient") + " got two messages");
        }
        assertEquals(sent.keySet(), keys, "the outbox holds exactly the messages recorded as sent");
        assertEquals(new HashSet<>(sent.values()), recipients);
        // every opted-in profile, by the data's own rule (email_opt_in is false for ids that are multiples of 10)
        assertEquals(112_000 - 112_000 / 10, recipients.size(), "every recipient once");
    }

    @Test
    void anSmtpServerSeesEveryKeyAndRepeatsOnlyWhatWasInFlight() throws Exception {
        GreenMail server = new GreenMail(ServerSetupTest.SMTP.dynamicPort().createCopy("127.0.0.1"));
        server.start();
        try {
            Path campaign = mailing("smtp", 2_500);
            Path db = project.resolve("smtp").resolve("camp.duckdb");
            Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
            String provider = "email=smtp://127.0.0.1:" + server.getSmtp().getPort() + "?starttls=off";
            List<String> moments = killAndResume(campaign, db, 12L, 3_000, () -> server.getReceivedMessages().length, provider);
            assertTrue(midSend(moments, 2_250) >= 2, "killed in the middle of sending: " + moments);

            Map<String, String> sent = ledger(db);
            assertEquals(2_500 - 250, sent.size(), "every opted-in profile up to 2,500");
            List<String> received = new ArrayList<>();
            for (MimeMessage m : server.getReceivedMessages()) {
                String key = m.getHeader("X-Camp-Message-Key", null);
                assertEquals("<" + key + "@camp>", m.getMessageID(), "the Message-ID is the key");
                received.add(key);
            }
            assertEquals(sent.keySet(), new HashSet<>(received), "no key missing, none unknown");
            int repeated = received.size() - new HashSet<>(received).size();
            assertTrue(repeated <= moments.size() * 100, "only the batch in flight at each kill is sent again: " + repeated
                    + " repeated for " + moments);
            MimeMessage first = server.getReceivedMessages()[0];
            assertEquals("Hello from smtp", first.getSubject());
            assertTrue(first.getContentType().startsWith("multipart/alternative"), first.getContentType());
        } finally {
            server.stop();
        }
    }

    @Test
    void aWebhookGatewaySeesEveryKeyAndRepeatsOnlyWhatWasInFlight() throws Exception {
        ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/send", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            JsonNode message = JSON.readTree(body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null && key.equals(message.path("key").asText())) {
                keys.add(key);
            }
            byte[] answer = "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            Path campaign = mailing("webhook", 5_000);
            Path db = project.resolve("webhook").resolve("camp.duckdb");
            Files.createDirectories(db.getParent());   // camp creates no folder but its own .camp
            String provider = "email=webhook+http://127.0.0.1:" + server.getAddress().getPort() + "/send";
            List<String> moments = killAndResume(campaign, db, 13L, 3_000, keys::size, provider);
            assertTrue(midSend(moments, 4_500) >= 2, "killed in the middle of sending: " + moments);

            Map<String, String> sent = ledger(db);
            assertEquals(5_000 - 500, sent.size());
            List<String> received = new ArrayList<>(keys);
            assertEquals(sent.keySet(), new HashSet<>(received), "no key missing, none unknown, each with its Idempotency-Key");
            int repeated = received.size() - new HashSet<>(received).size();
            assertTrue(repeated <= moments.size() * 100, "only the batch in flight at each kill is sent again: " + repeated);
            assertEquals(RunStatus.COMPLETED.label(), RunSnapshot.of(db, RUN).status());
        } finally {
            server.stop(0);
        }
    }
}
