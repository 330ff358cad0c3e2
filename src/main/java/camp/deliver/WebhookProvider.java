package camp.deliver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;

/**
 * An SMS or push gateway reached by one JSON {@code POST} per message (a {@code webhook+https://...}
 * provider URL). The body is {@code {"key", "channel", "to", "subject" (e-mail only) or "title" (push
 * only), "body", "campaign", "run", "activity"}}, in that order; the request carries the headers
 * {@code Content-Type: application/json}, {@code Idempotency-Key: <message key>}, {@code User-Agent: camp}
 * and those of the {@link WebhookSettings settings} (a {@code user:password} in the URL is sent as HTTP
 * Basic authentication unless the settings give an {@code Authorization} header).
 *
 * <p>Exactly once. The {@code Idempotency-Key} is the {@link Message#messageKey() message key}, which is
 * the same for the same run, activity and recipient across crashes and resumes, and the same on every
 * retry of a message. A gateway that deduplicates on it therefore sees each message once. A message in
 * flight when camp crashes (POSTed, but not yet recorded as sent) may be POSTed again when the run is
 * resumed, always with the same key; a gateway that ignores the header may then deliver it twice. Each
 * message is handed over when {@link #send} returns, so {@link #flush()} has nothing to do.
 *
 * <p>Answers. A 2xx is success, unless its body is an HTML page (the URL points at a web site, not a
 * gateway). A 5xx, a 429, a 408, a timeout or a connection error is temporary: the message is tried again
 * after an exponential backoff with jitter ({@code firstBackoff * 2^(attempt-1) * (0.5 + jitter)}), or
 * after the wait a 429 or 503 asks for in {@code Retry-After}, up to {@code maxAttempts} attempts and
 * within {@code retryBudget} (waits and requests together); past either, the provider fails (not
 * permanently: the task fails and is resumed later). A 401, 403, 404 or 405 means the gateway is wrong
 * for every message: the provider fails. Any other 4xx concerns this message only: it fails permanently
 * with the gateway's first line of explanation, and the run goes on.
 *
 * <p>Secrets. No exception message, nor {@link #toString()}, shows the URL's user, password or query
 * string, nor a header value: the gateway is shown by {@link WebhookSettings#describe()}, and text that
 * comes from the gateway or the network has those values masked.
 *
 * <p>For one thread at a time; the HTTP client (HTTP/1.1) is made once and reused for every message.
 */
public final class WebhookProvider implements DeliveryProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** The most characters of a gateway's explanation put in a failure reason. */
    private static final int MAX_REASON = 200;
    /** Shorter configured values are not masked in text from the gateway: they would mask ordinary words. */
    private static final int MIN_SECRET = 3;
    /** The longest Retry-After honoured, in seconds (a larger one ends past any sensible budget anyway). */
    private static final long MAX_RETRY_AFTER_SECONDS = 10_000_000_000L;
    /** How long after the request timeout a response whose body has not come in whole is given up. */
    private static final Duration TIMEOUT_GRACE = Duration.ofMillis(250);

    private final WebhookSettings settings;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;
    private final Clock clock;
    /** The URL without its user and password, which go in the Authorization header. */
    private final URI target;
    /** Every header sent, but the Idempotency-Key, in the order they are set. */
    private final Map<String, String> headers;
    /** Values to mask in text that came from outside, longest first. */
    private final List<String> secrets;
    private ExecutorService executor;
    private HttpClient client;
    /** Whether the gateway has answered at all since the provider was made. */
    private boolean answered;
    private long attempts;
    private boolean closed;

    /**
     * A provider for the gateway of {@code settings}, waiting between attempts with {@code sleeper}
     * and a random jitter.
     *
     * @throws IllegalArgumentException if the settings cannot make a request (no host, a timeout that is
     *     not positive, a malformed or restricted header, an {@code Idempotency-Key} header)
     */
    public WebhookProvider(WebhookSettings settings, Sleeper sleeper) {
        this(settings, sleeper, () -> ThreadLocalRandom.current().nextDouble(), Clock.systemUTC());
    }

    /** A provider whose jitter (0 to 1) and clock (for the retry budget and Retry-After dates) are given, for tests. */
    WebhookProvider(WebhookSettings settings, Sleeper sleeper, DoubleSupplier jitter, Clock clock) {
        this.settings = requireNonNull(settings, "settings is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        this.jitter = requireNonNull(jitter, "jitter is null");
        this.clock = requireNonNull(clock, "clock is null");
        URI url = settings.url();
        if (url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL " + describe() + " has no host name: write it as https://HOST/PATH");
        }
        if (settings.timeout().isNegative() || settings.timeout().isZero()) {
            throw new IllegalArgumentException("the webhook timeout of " + describe() + " must be more than zero");
        }
        this.target = URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath()) + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        this.headers = headers(settings, url);
        this.secrets = secrets(url, headers);
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "camp-webhook");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /**
     * POSTs the message, retrying temporary failures, and returns once the gateway has accepted it.
     *
     * @throws DeliveryException permanent when the gateway rejects this message (a 4xx other than 401,
     *     403, 404 and 405); not permanent when the gateway is unreachable, keeps failing, is misconfigured
     *     or is not a gateway at all
     */
    @Override
    public void send(Message message) throws DeliveryException {
        requireNonNull(message, "message is null");
        ensureOpen();
        HttpRequest request = request(message);
        Instant start = clock.instant();
        int attempt = 0;
        while (true) {
            attempt++;
            Failure failure = attempt(request, message);
            if (failure == null) {
                return;
            }
            if (attempt >= settings.maxAttempts()) {
                throw givenUp(message, attempt, failure, "");
            }
            Duration wait = failure.retryAfter() != null ? failure.retryAfter() : backoff(attempt);
            Duration elapsed = Duration.between(start, clock.instant());
            if (elapsed.plus(wait).compareTo(settings.retryBudget()) > 0) {
                String budget = format(settings.retryBudget());
                throw givenUp(message, attempt, failure, failure.retryAfter() != null
                        ? " (the gateway asked to wait " + format(wait) + ", past the retry budget of " + budget + ")"
                        : " (the next wait would pass the retry budget of " + budget + ")");
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted while waiting to send message " + message.messageKey() + " to " + describe()
                        + " again", false);
            }
        }
    }

    /** Does nothing: each message was handed over to the gateway when {@link #send} returned. */
    @Override
    public void flush() {
    }

    /** Releases the HTTP client and its threads; closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        HttpClient released = client;
        client = null;
        if (released instanceof AutoCloseable closeable) { // Java 21 and later
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing in flight: nothing to save
            }
        }
        executor.shutdown();
        executor = null;
    }

    /** The gateway as it may be shown in logs and errors: scheme, host, port and path, never a secret. */
    public String describe() {
        return settings.describe();
    }

    /** How many requests the provider has made, retries included, since it was made. */
    public long attempts() {
        return attempts;
    }

    @Override
    public String toString() {
        return describe();
    }

    /** One request: null when the gateway took the message, the failure when it may be tried again. */
    private Failure attempt(HttpRequest request, Message message) throws DeliveryException {
        attempts++;
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            // the request timeout covers the connection and the wait for the headers; this one, a little later, a body that stalls
            response = future.get(nanos(settings.timeout().plus(TIMEOUT_GRACE)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Failure("no answer within " + format(settings.timeout()), null, false);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while sending message " + message.messageKey() + " to " + describe(), false);
        } catch (ExecutionException e) {
            return failure(e.getCause(), message);
        }
        answered = true;
        return answer(response);
    }

    /** What a request that got no answer tells; throws when trying again cannot help. */
    private Failure failure(Throwable error, Message message) throws DeliveryException {
        if (find(error, HttpConnectTimeoutException.class) != null) {
            return new Failure("no connection within " + format(settings.timeout()), null, true);
        }
        if (find(error, HttpTimeoutException.class) != null) {
            return new Failure("no answer within " + format(settings.timeout()), null, false);
        }
        if (find(error, UnresolvedAddressException.class) != null) {
            return new Failure("the host name " + settings.url().getHost() + " does not resolve", null, true);
        }
        ConnectException connect = find(error, ConnectException.class);
        if (connect != null) {
            String text = connect.getMessage();
            return new Failure(text == null || text.toLowerCase(Locale.ROOT).contains("refused")
                    ? "connection refused" : "cannot connect (" + redact(text) + ")", null, true);
        }
        IOException io = find(error, IOException.class);
        if (io != null) {
            return new Failure("the connection failed (" + describe(io) + ")", null, false);
        }
        throw new DeliveryException("sending message " + message.messageKey() + " to " + describe() + " failed: "
                + (error == null ? "no reason given" : describe(error)), false);
    }

    /** What an answer tells: null when the message was taken, the failure when it may be tried again; throws otherwise. */
    private Failure answer(HttpResponse<byte[]> response) throws DeliveryException {
        int status = response.statusCode();
        String body = new String(response.body() == null ? new byte[0] : response.body(), StandardCharsets.UTF_8);
        boolean html = html(response.headers().firstValue("Content-Type").orElse(""), body);
        if (status >= 200 && status < 300) {
            if (html) {
                throw new DeliveryException(describe() + " answered HTML (status " + status + "), not a gateway's reply: is the URL right?",
                        false);
            }
            return null;
        }
        String reason = html ? "" : firstLine(body);
        if (status >= 500 && status < 600 || status == 429 || status == 408) {
            Duration retryAfter = status == 429 || status == 503 ? retryAfter(response) : null;
            return new Failure("HTTP " + status + (reason.isEmpty() ? "" : ": " + reason), retryAfter, false);
        }
        switch (status) {
            case 401:
                throw refused(status, "check the gateway's key");
            case 403:
                throw refused(status, "check the gateway's key and what it allows");
            case 404:
                throw refused(status, "check the URL");
            case 405:
                throw refused(status, "check the URL, the address does not take a POST");
            default:
                break;
        }
        if (status >= 400 && status < 500) {
            throw new DeliveryException("HTTP " + status + (html ? " (an HTML page, not a gateway's reply)"
                    : reason.isEmpty() ? " (the gateway gave no reason)" : ": " + reason), true);
        }
        if (status >= 300 && status < 400) {
            throw new DeliveryException(describe() + " answered with a redirect (HTTP " + status + "), not a gateway's reply: "
                    + "put the address it redirects to in the URL", false);
        }
        throw new DeliveryException(describe() + " answered HTTP " + status + ", not a gateway's reply: is the URL right?", false);
    }

    private DeliveryException refused(int status, String advice) {
        return new DeliveryException(describe() + " refused the request (HTTP " + status + "): " + advice, false);
    }

    private DeliveryException givenUp(Message message, int attempt, Failure last, String why) {
        String tries = attempt + (attempt == 1 ? " attempt" : " attempts");
        if (!answered && last.unreachable()) {
            return new DeliveryException("cannot reach " + describe() + ": " + last.reason() + " after " + tries + why, false);
        }
        return new DeliveryException(describe() + " did not take message " + message.messageKey() + " after " + tries + ": "
                + last.reason() + why, false);
    }

    /** The wait before attempt {@code attempt + 1}: {@code firstBackoff * 2^(attempt-1) * (0.5 + jitter)}. */
    private Duration backoff(int attempt) {
        double j = jitter.getAsDouble();
        j = Double.isNaN(j) ? 0.5 : Math.min(1, Math.max(0, j));
        double nanos = nanos(settings.firstBackoff()) * Math.pow(2, attempt - 1) * (0.5 + j);
        return nanos >= Long.MAX_VALUE ? Duration.ofNanos(Long.MAX_VALUE) : Duration.ofNanos(Math.round(nanos));
    }

    /** The wait a Retry-After header asks for (seconds, or an HTTP date), or null when there is none or it is malformed. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse("").strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Duration.ofSeconds(value.length() > 10 ? MAX_RETRY_AFTER_SECONDS
                    : Math.min(Long.parseLong(value), MAX_RETRY_AFTER_SECONDS));
        }
        try {
            Duration wait = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private HttpRequest request(Message message) throws DeliveryException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .version(HttpClient.Version.HTTP_1_1)
                .timeout(settings.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(json(message)));
        headers.forEach(builder::setHeader);
        try {
            builder.setHeader(IDEMPOTENCY_KEY, message.messageKey());
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("the key of message " + message.messageKey() + " cannot be sent as an Idempotency-Key header",
                    true);
        }
        return builder.build();
    }

    private static byte[] json(Message m) throws DeliveryException {
        ObjectNode node = JSON.createObjectNode();
        node.put("key", m.messageKey());
        node.put("channel", m.channel());
        node.put("to", m.address());
        if ("email".equals(m.channel())) {
            node.put("subject", m.subject());
        } else if ("push".equals(m.channel())) {
            node.put("title", m.title());
        }
        node.put("body", m.body());
        node.put("campaign", m.campaign());
        node.put("run", m.runId());
        node.put("activity", m.activity());
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("cannot write message " + m.messageKey() + " as JSON: " + e.getOriginalMessage(), true);
        }
    }

    /**
     * The headers of every request: camp's, then the settings' (which may replace camp's, but not the
     * Idempotency-Key), then Basic authentication from the URL's user and password. Each is checked
     * here, so that a bad one is reported by name when the provider is made, never with its value.
     */
    private static Map<String, String> headers(WebhookSettings settings, URI url) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Content-Type", "application/json");
        all.put("User-Agent", "camp");
        for (Map.Entry<String, String> header : new TreeMap<>(settings.headers()).entrySet()) {
            String name = header.getKey();
            if (IDEMPOTENCY_KEY.equalsIgnoreCase(name)) {
                throw new IllegalArgumentException("the webhook header " + name + " is set by camp to each message's key: "
                        + "remove it from the headers of " + settings.describe());
            }
            all.keySet().removeIf(name::equalsIgnoreCase);
            all.put(name, header.getValue());
        }
        String userInfo = url.getUserInfo();
        if (userInfo != null && all.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            all.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://localhost/"));
        for (Map.Entry<String, String> header : all.entrySet()) {
            try {
                probe.setHeader(header.getKey(), header.getValue());
            } catch (IllegalArgumentException e) { // its message may show the value: not passed on
                throw new IllegalArgumentException("the webhook header " + header.getKey() + " of " + settings.describe()
                        + " cannot be sent: its name or value is malformed, or the HTTP client sets it itself");
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** The URL's user, password and query (each parameter too), and the header values (each word too). */
    private static List<String> secrets(URI url, Map<String, String> headers) {
        Set<String> found = new LinkedHashSet<>();
        for (String userInfo : new String[] {url.getRawUserInfo(), url.getUserInfo()}) {
            if (userInfo != null) {
                found.add(userInfo);
                found.addAll(List.of(userInfo.split(":", 2)));
            }
        }
        String rawQuery = url.getRawQuery();
        if (rawQuery != null) {
            found.add(rawQuery);
            found.add(url.getQuery());
            for (String parameter : rawQuery.split("&")) {
                found.add(parameter);
                String value = parameter.substring(parameter.indexOf('=') + 1);
                found.add(value);
                try {
                    found.add(URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // not percent-encoded properly: the raw value is masked
                }
            }
        }
        for (String value : headers.values()) {
            found.add(value);
            found.addAll(List.of(value.split("\\s+")));
        }
        List<String> secrets = new ArrayList<>();
        for (String secret : found) {
            if (secret != null && secret.length() >= MIN_SECRET) {
                secrets.add(secret);
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        return List.copyOf(secrets);
    }

    /** The text with every configured secret masked. */
    private String redact(String text) {
        if (text == null) {
            return "";
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, "***");
        }
        return masked;
    }

    /** The first non-blank line of a body, without control characters, secrets masked, at most 200 characters. */
    private String firstLine(String body) {
        for (String line : body.split("\\R")) {
            String clean = redact(line.replaceAll("[\\p{Cntrl}\\uFEFF]", " ").strip());
            if (!clean.isEmpty()) {
                return clean.codePointCount(0, clean.length()) <= MAX_REASON ? clean
                        : clean.substring(0, clean.offsetByCodePoints(0, MAX_REASON));
            }
        }
        return "";
    }

    private String describe(Throwable error) {
        String text = error.getMessage();
        return error.getClass().getSimpleName() + (text == null ? "" : ": " + redact(text));
    }

    /** Whether an answer is a web page: an HTML content type, or a body that starts with a tag. */
    private static boolean html(String contentType, String body) {
        String type = contentType.strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml") || body.replace("\uFEFF", "").strip().startsWith("<");
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** A duration as an operator reads it: 250ms, 7s, 1.5s. */
    static String format(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return nanos(duration) / 1_000_000 + "ms";
        }
        BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano() / 1_000_000, 3));
        return seconds.stripTrailingZeros().toPlainString() + "s";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the webhook provider for " + describe() + " is closed");
        }
    }

    /** A temporary failure: what happened, the wait the gateway asked for (or null), and whether no connection was made. */
    private record Failure(String reason, Duration retryAfter, boolean unreachable) {
    }
}
