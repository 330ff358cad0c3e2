package camp.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook provider against a real HTTP server on the loopback interface, which records every
 * request and answers from a script. Waits between attempts are recorded by the sleeper and advance a
 * test clock, never slept, so the retry budget is checked in test time.
 */
class WebhookProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The jitter of every provider in these tests: each backoff is 0.75 times its nominal value. */
    private static final double JITTER = 0.25;
    private static final String SECRET = "s3cret";

    private final BlockingQueue<Reply> replies = new LinkedBlockingQueue<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = new ArrayList<>();
    private final TestClock clock = new TestClock(Instant.parse("2026-03-10T09:00:00Z"));
    /** Released after each test, so that a slow handler stops waiting. */
    private final CountDownLatch finished = new CountDownLatch(1);
    private final List<WebhookProvider> providers = new ArrayList<>();
    private ExecutorService serverThreads;
    private HttpServer server;

    /** A request as the server saw it. */
    private record Recorded(String method, String path, String query, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** A scripted answer, given after {@code delayMillis}. */
    private record Reply(int status, Map<String, String> headers, String body, long delayMillis) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "", 0);
        }

        static Reply of(int status, String body) {
            return new Reply(status, Map.of(), body, 0);
        }

        static Reply of(int status, Map<String, String> headers, String body) {
            return new Reply(status, headers, body, 0);
        }
    }

    /** A clock that only the sleeper moves. */
    private static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool(); // a slow answer must not hold up the retry
        server.setExecutor(serverThreads);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        providers.forEach(WebhookProvider::close);
        finished.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Headers headers = new Headers();
            headers.putAll(exchange.getRequestHeaders());
            requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            Reply reply = replies.poll();
            if (reply == null) {
                reply = Reply.of(418, "the test scripted no answer for this request");
            }
            if (reply.delayMillis() > 0 && finished.await(reply.delayMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream stream = exchange.getResponseBody()) {
                    stream.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up on this request (a timeout): nothing to answer
        } finally {
            exchange.close();
        }
    }

    private void script(Reply... answers) {
        replies.addAll(List.of(answers));
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private WebhookProvider provider(URI url, Map<String, String> headers, Duration timeout, int maxAttempts, Duration firstBackoff,
            Duration retryBudget) {
        Sleeper sleeper = d -> {
            waits.add(d);
            clock.advance(d);
        };
        WebhookProvider provider = new WebhookProvider(new WebhookSettings(url, headers, timeout, maxAttempts, firstBackoff, retryBudget),
                sleeper, () -> JITTER, clock);
        providers.add(provider);
        return provider;
    }

    private WebhookProvider provider(int maxAttempts) {
        return provider(url(), Map.of(), Duration.ofSeconds(2), maxAttempts, Duration.ofMillis(100), Duration.ofMinutes(1));
    }

    private static Message email(String key) {
        return new Message(key, "run-1", "Spring sale 2026", "gold_mail", "email", "p1", "p1@example.com", "shop@example.com",
                "Zoé, your reward", "<p>Hi</p>", null, true);
    }

    private static Message sms(String key) {
        return new Message(key, "run-1", "Spring sale 2026", "reminder", "sms", "p2", "+33600000000", null, null,
                "Last day:\n20% off", null);
    }

    private static Message push(String key) {
        return new Message(key, "run-1", "Spring sale 2026", "nudge", "push", "p3", "token-abc", null, null, "Your cart misses you",
                "Come back");
    }

    private static List<String> fieldNames(String json) throws IOException {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = JSON.readTree(json).fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private DeliveryException failure(WebhookProvider provider, Message message) {
        return assertThrows(DeliveryException.class, () -> provider.send(message));
    }

    @Test
    void postsTheMessageAsJsonWithItsKeyAsIdempotencyKey() throws Exception {
        script(Reply.of(200));
        WebhookProvider provider = provider(url(), Map.of("X-Tenant", "acme"), Duration.ofSeconds(2), 3, Duration.ofMillis(100),
                Duration.ofMinutes(1));
        provider.send(email("k1"));
        assertEquals(1, requests.size());
        Recorded request = requests.get(0);
        assertEquals("POST", request.method());
        assertEquals("/hook", request.path());
        assertNull(request.query());
        assertEquals("application/json", request.header("Content-Type"));
        assertEquals("k1", request.header("Idempotency-Key"));
        assertEquals("camp", request.header("User-Agent"));
        assertEquals("acme", request.header("X-Tenant"));
        assertNull(request.header("Authorization"));
        assertEquals("{\"key\":\"k1\",\"channel\":\"email\",\"to\":\"p1@example.com\",\"subject\":\"Zoé, your reward\","
                + "\"body\":\"<p>Hi</p>\",\"campaign\":\"Spring sale 2026\",\"run\":\"run-1\",\"activity\":\"gold_mail\"}", request.body());
        assertEquals(1, provider.attempts());
        assertEquals(List.of(), waits);
    }

    @Test
    void smsHasNeitherSubjectNorTitleAndPushHasATitle() throws Exception {
        script(Reply.of(200), Reply.of(200));
        WebhookProvider provider = provider(3);
        provider.send(sms("k-sms"));
        provider.send(push("k-push"));
        assertEquals(2, requests.size());
        String smsBody = requests.get(0).body();
        assertEquals(List.of("key", "channel", "to", "body", "campaign", "run", "activity"), fieldNames(smsBody));
        JsonNode sms = JSON.readTree(smsBody);
        assertEquals("+33600000000", sms.get("to").asText());
        assertEquals("Last day:\n20% off", sms.get("body").asText());
        assertEquals("k-sms", requests.get(0).header("Idempotency-Key"));
        String pushBody = requests.get(1).body();
        assertEquals(List.of("key", "channel", "to", "title", "body", "campaign", "run", "activity"), fieldNames(pushBody));
        JsonNode push = JSON.readTree(pushBody);
        assertEquals("Come back", push.get("title").asText());
        assertEquals("token-abc", push.get("to").asText());
        assertEquals("push", push.get("channel").asText());
        assertEquals("nudge", push.get("activity").asText());
        assertEquals("k-push", requests.get(1).header("Idempotency-Key"));
    }

    @Test
    void anEmptyAJsonOrANoContentAnswerMeansSent() throws Exception {
        script(Reply.of(200), Reply.of(202, Map.of("Content-Type", "application/json"), "{\"id\":\"g-17\",\"status\":\"queued\"}"),
                Reply.of(204), Reply.of(201, Map.of("Content-Type", "text/plain"), "OK"));
        WebhookProvider provider = provider(3);
        provider.send(sms("k1"));
        provider.send(sms("k2"));
        provider.send(sms("k3"));
        provider.send(sms("k4"));
        assertEquals(4, requests.size());
        assertEquals(4, provider.attempts());
        assertEquals(List.of(), waits);
    }

    @Test
    void retriesServerErrorsWithTheSameKeyAfterExponentialJitteredWaits() throws Exception {
        script(Reply.of(500), Reply.of(502, "bad gateway"), Reply.of(200));
        WebhookProvider provider = provider(5);
        provider.send(sms("k1"));
        assertEquals(3, requests.size());
        for (Recorded request : requests) {
            assertEquals("k1", request.header("Idempotency-Key"));
            assertEquals(requests.get(0).body(), request.body());
        }
        // 100ms * 2^(n-1) * (0.5 + 0.25)
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
        assertEquals(3, provider.attempts());
    }

    @Test
    void honoursRetryAfterInSecondsOnA429() throws Exception {
        script(Reply.of(429, Map.of("Retry-After", "7"), "slow down"), Reply.of(200));
        WebhookProvider provider = provider(3);
        provider.send(sms("k1"));
        assertEquals(2, requests.size());
        assertEquals(List.of(Duration.ofSeconds(7)), waits);
    }

    @Test
    void honoursRetryAfterAsAnHttpDateOnA503() throws Exception {
        String in12Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(clock.instant().plusSeconds(12),
                ZoneOffset.UTC));
        script(Reply.of(503, Map.of("Retry-After", in12Seconds), ""), Reply.of(200));
        WebhookProvider provider = provider(3);
        provider.send(sms("k1"));
        assertEquals(2, requests.size());
        assertEquals(List.of(Duration.ofSeconds(12)), waits);
    }

    @Test
    void retryAfterCountsOnlyOnA429OrA503() throws Exception {
        script(Reply.of(500, Map.of("Retry-After", "7"), ""), Reply.of(429, Map.of("Retry-After", "soon"), ""), Reply.of(200));
        WebhookProvider provider = provider(3);
        provider.send(sms("k1"));
        assertEquals(3, requests.size());
        // the 500's Retry-After is ignored, the 429's is malformed: the backoff in both cases
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
    }

    @Test
    void aSlowAnswerIsRetriedAsATimeout() throws Exception {
        script(new Reply(200, Map.of(), "", 5_000), Reply.of(200));
        WebhookProvider provider = provider(url(), Map.of(), Duration.ofMillis(300), 3, Duration.ofMillis(100), Duration.ofMinutes(1));
        long start = System.nanoTime();
        provider.send(sms("k1"));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "the first request was not cut at its timeout");
        assertEquals(2, requests.size());
        assertEquals("k1", requests.get(1).header("Idempotency-Key"));
        assertEquals(List.of(Duration.ofMillis(75)), waits);
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheLastStatus() {
        script(Reply.of(503, "overloaded"), Reply.of(503, "overloaded"), Reply.of(503, "still overloaded\nretry later"));
        WebhookProvider provider = provider(3);
        DeliveryException e = failure(provider, sms("k1"));
        assertFalse(e.permanent());
        assertEquals(provider.describe() + " did not take message k1 after 3 attempts: HTTP 503: still overloaded", e.getMessage());
        assertEquals(3, requests.size());
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
    }

    @Test
    void givesUpAfterMaxAttemptsOfTimeouts() {
        script(new Reply(200, Map.of(), "", 5_000), new Reply(200, Map.of(), "", 5_000));
        WebhookProvider provider = provider(url(), Map.of(), Duration.ofMillis(250), 2, Duration.ofMillis(100), Duration.ofMinutes(1));
        DeliveryException e = failure(provider, sms("k1"));
        assertFalse(e.permanent());
        assertEquals(provider.describe() + " did not take message k1 after 2 attempts: no answer within 250ms", e.getMessage());
        assertEquals(2, requests.size());
    }

    @Test
    void givesUpWhenTheRetryBudgetRunsOutBeforeMaxAttempts() {
        for (int i = 0; i < 10; i++) {
            script(Reply.of(500));
        }
        Instant start = clock.instant();
        WebhookProvider provider = provider(url(), Map.of(), Duration.ofSeconds(2), 10, Duration.ofSeconds(1), Duration.ofSeconds(10));
        DeliveryException e = failure(provider, sms("k1"));
        assertFalse(e.permanent());
        // waits of 0.75, 1.5 and 3 s; the next, 6 s, would end at 11.25 s, past the budget of 10 s
        assertEquals(List.of(Duration.ofMillis(750), Duration.ofMillis(1500), Duration.ofSeconds(3)), waits);
        assertEquals(Duration.ofMillis(5250), Duration.between(start, clock.instant()));
        assertEquals(4, requests.size());
        assertEquals(provider.describe() + " did not take message k1 after 4 attempts: HTTP 500 "
                + "(the next wait would pass the retry budget of 10s)", e.getMessage());
    }

    @Test
    void aRetryAfterPastTheBudgetIsNotWaitedFor() {
        script(Reply.of(429, Map.of("Retry-After", "3600"), ""));
        WebhookProvider provider = provider(5);
        DeliveryException e = failure(provider, sms("k1"));
        assertFalse(e.permanent());
        assertEquals(List.of(), waits);
        assertEquals(1, requests.size());
        assertEquals(provider.describe() + " did not take message k1 after 1 attempt: HTTP 429 "
                + "(the gateway asked to wait 3600s, past the retry budget of 60s)", e.getMessage());
    }

    @Test
    void aBadRequestFailsTheMessageAloneWithTheGatewaysFirstLine() {
        String longLine = "x".repeat(300);
        script(Reply.of(400, Map.of("Content-Type", "application/json"), "{\"error\":\"invalid phone number\"}\n{\"more\":1}"),
                Reply.of(422, Map.of("Content-Type", "text/plain"), "\n   number is not mobile  \r\nsecond line"),
                Reply.of(400, longLine), Reply.of(400));
        WebhookProvider provider = provider(5);

        DeliveryException json = failure(provider, sms("k1"));
        assertTrue(json.permanent());
        assertEquals("HTTP 400: {\"error\":\"invalid phone number\"}", json.getMessage());
        assertEquals(1, requests.size());

        DeliveryException plain = failure(provider, sms("k2"));
        assertTrue(plain.permanent());
        assertEquals("HTTP 422: number is not mobile", plain.getMessage());
        assertEquals(2, requests.size());

        DeliveryException cut = failure(provider, sms("k3"));
        assertEquals("HTTP 400: " + "x".repeat(200), cut.getMessage());

        DeliveryException empty = failure(provider, sms("k4"));
        assertTrue(empty.permanent());
        assertEquals("HTTP 400 (the gateway gave no reason)", empty.getMessage());

        assertEquals(4, requests.size());
        assertEquals(4, provider.attempts());
        assertEquals(List.of(), waits);
    }

    @Test
    void unauthorizedForbiddenNotFoundAndWrongMethodFailTheProvider() {
        script(Reply.of(401, "{\"error\":\"bad key\"}"), Reply.of(403), Reply.of(404, "not here"), Reply.of(405));
        WebhookProvider provider = provider(5);
        DeliveryException unauthorized = failure(provider, sms("k1"));
        assertFalse(unauthorized.permanent());
        assertEquals(provider.describe() + " refused the request (HTTP 401): check the gateway's key", unauthorized.getMessage());
        DeliveryException forbidden = failure(provider, sms("k2"));
        assertFalse(forbidden.permanent());
        assertTrue(forbidden.getMessage().startsWith(provider.describe() + " refused the request (HTTP 403): check the gateway's key"),
                forbidden.getMessage());
        DeliveryException notFound = failure(provider, sms("k3"));
        assertFalse(notFound.permanent());
        assertEquals(provider.describe() + " refused the request (HTTP 404): check the URL", notFound.getMessage());
        DeliveryException wrongMethod = failure(provider, sms("k4"));
        assertFalse(wrongMethod.permanent());
        assertTrue(wrongMethod.getMessage().startsWith(provider.describe() + " refused the request (HTTP 405): check the URL"),
                wrongMethod.getMessage());
        assertEquals(4, requests.size()); // none retried
        assertEquals(List.of(), waits);
    }

    @Test
    void anHtmlPageIsNotAGatewaysReply() {
        script(Reply.of(200, Map.of("Content-Type", "text/html; charset=utf-8"), "<html><body>Welcome</body></html>"),
                Reply.of(200, "\n  <!DOCTYPE html>\n<html></html>"));
        WebhookProvider provider = provider(5);
        DeliveryException typed = failure(provider, sms("k1"));
        assertFalse(typed.permanent());
        assertEquals(provider.describe() + " answered HTML (status 200), not a gateway's reply: is the URL right?", typed.getMessage());
        DeliveryException sniffed = failure(provider, sms("k2"));
        assertFalse(sniffed.permanent());
        assertEquals(typed.getMessage(), sniffed.getMessage());
        assertEquals(2, requests.size());
    }

    @Test
    void aGatewayNobodyListensOnCannotBeReached() throws Exception {
        WebhookProvider provider = provider(deadUrl(""), Map.of(), Duration.ofSeconds(2), 3, Duration.ofMillis(100), Duration.ofMinutes(1));
        DeliveryException e = failure(provider, sms("k1"));
        assertFalse(e.permanent());
        assertEquals("cannot reach " + provider.describe() + ": connection refused after 3 attempts", e.getMessage());
        assertEquals(3, provider.attempts());
        assertEquals(List.of(Duration.ofMillis(75), Duration.ofMillis(150)), waits);
    }

    @Test
    void aGatewayThatStopsAnsweringDidNotTakeTheMessage() throws Exception {
        script(Reply.of(200));
        WebhookProvider provider = provider(2);
        provider.send(sms("k1"));
        server.stop(0);
        DeliveryException e = failure(provider, sms("k2"));
        assertFalse(e.permanent());
        assertEquals(provider.describe() + " did not take message k2 after 2 attempts: connection refused", e.getMessage());
    }

    @Test
    void noSecretAppearsInAnyFailure() throws Exception {
        URI url = URI.create("http://user:" + SECRET + "@127.0.0.1:" + server.getAddress().getPort() + "/hook?api_key=" + SECRET);
        Map<String, String> headers = Map.of("X-Api-Key", SECRET);
        script(Reply.of(200),
                Reply.of(400, "invalid api_key=" + SECRET + " for X-Api-Key " + SECRET),
                Reply.of(401, "bad key " + SECRET),
                Reply.of(404),
                Reply.of(200, Map.of("Content-Type", "text/html"), "<p>" + SECRET + "</p>"),
                Reply.of(503, "key " + SECRET + " is over its quota"), Reply.of(503, "key " + SECRET + " is over its quota"),
                new Reply(200, Map.of(), "", 5_000), new Reply(200, Map.of(), "", 5_000));
        WebhookProvider provider = provider(url, headers, Duration.ofMillis(300), 2, Duration.ofMillis(100), Duration.ofMinutes(1));

        provider.send(sms("k0"));
        Recorded first = requests.get(0);
        assertEquals("api_key=" + SECRET, first.query()); // the gateway does get its secrets
        assertEquals(SECRET, first.header("X-Api-Key"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(("user:" + SECRET).getBytes(StandardCharsets.UTF_8)),
                first.header("Authorization"));

        List<DeliveryException> failures = new ArrayList<>();
        failures.add(failure(provider, sms("k1"))); // 400
        failures.add(failure(provider, sms("k2"))); // 401
        failures.add(failure(provider, sms("k3"))); // 404
        failures.add(failure(provider, sms("k4"))); // HTML
        failures.add(failure(provider, sms("k5"))); // 503 twice
        failures.add(failure(provider, sms("k6"))); // timeouts
        WebhookProvider dead = provider(deadUrl("user:" + SECRET + "@"), headers, Duration.ofMillis(300), 2, Duration.ofMillis(100),
                Duration.ofMinutes(1));
        failures.add(failure(dead, sms("k7"))); // connection refused
        assertEquals(9, requests.size());

        assertEquals("HTTP 400: invalid *** for X-Api-Key ***", failures.get(0).getMessage());
        String exhausted = failures.get(4).getMessage();
        assertTrue(exhausted.endsWith("did not take message k5 after 2 attempts: HTTP 503: key *** is over its quota"), exhausted);
        assertTrue(failures.get(6).getMessage().startsWith("cannot reach "), failures.get(6).getMessage());
        List<String> texts = new ArrayList<>(List.of(provider.toString(), provider.describe(), dead.toString()));
        for (DeliveryException failure : failures) {
            texts.add(failure.getMessage());
            texts.add(failure.toString());
        }
        for (String text : texts) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains("user"), text);
            assertFalse(text.contains("api_key"), text);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> provider(url, Map.of("X-Api-Key", SECRET + "\nInjected: yes"), Duration.ofSeconds(1), 1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        assertTrue(bad.getMessage().contains("X-Api-Key"), bad.getMessage());
        assertFalse(bad.getMessage().contains(SECRET), bad.getMessage());
    }

    @Test
    void theIdempotencyKeyCannotBeConfigured() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> provider(url(), Map.of("idempotency-key", "fixed"), Duration.ofSeconds(1), 1, Duration.ofMillis(1),
                        Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("is set by camp to each message's key"), e.getMessage());
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedProviderSendsNothing() throws Exception {
        WebhookProvider provider = provider(1);
        provider.flush();
        provider.close();
        provider.close();
        assertThrows(IllegalStateException.class, () -> provider.send(sms("k1")));
        assertEquals(List.of(), requests);
        assertEquals("webhook+http://127.0.0.1:" + server.getAddress().getPort() + "/...", provider.toString(), "the path, where a chat webhook keeps its secret, is not shown");
    }

    /** A URL on a loopback port that nobody listens on (it was free a moment ago). */
    private static URI deadUrl(String userInfo) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return URI.create("http://" + userInfo + "127.0.0.1:" + port + "/hook" + (userInfo.isEmpty() ? "" : "?api_key=" + SECRET));
    }
}
