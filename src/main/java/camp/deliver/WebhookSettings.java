package camp.deliver;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;

/**
 * An SMS or push gateway reached by one HTTP POST per message: {@code webhook+https://...} (or
 * {@code webhook+http://...}) in a provider URL, without the {@code webhook+} prefix here.
 *
 * @param url the address to POST to (http or https)
 * @param headers extra request headers (an API key taken from the environment, say); their
 *     values are never printed
 * @param timeout how long one request may take
 * @param maxAttempts how many times a message is tried on a 5xx, a 429 or a timeout
 * @param firstBackoff the wait before the second attempt; each next one doubles it, with jitter
 * @param retryBudget the most time spent on one message, waits included; past it the provider
 *     gives up on the message (the task then fails, to be resumed)
 */
public record WebhookSettings(URI url, java.util.Map<String, String> headers, Duration timeout, int maxAttempts,
        Duration firstBackoff, Duration retryBudget) {

    public WebhookSettings {
        requireNonNull(url, "url is null");
        headers = java.util.Map.copyOf(headers);
        requireNonNull(timeout, "timeout is null");
        requireNonNull(firstBackoff, "firstBackoff is null");
        requireNonNull(retryBudget, "retryBudget is null");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("a webhook is an http or https address, not " + url.getScheme());
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
    }

    /**
     * The gateway as it may be shown in logs and errors: scheme, host and port, never a user,
     * password, path or query string (where gateways put their keys: a chat webhook's secret is
     * its path).
     */
    public String describe() {
        return "webhook+" + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null || url.getRawPath().isEmpty() || url.getRawPath().equals("/") ? "" : "/...");
    }

    @Override
    public String toString() {
        return describe();
    }
}
