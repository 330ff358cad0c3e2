package camp.deliver;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a channel's messages go, as written in {@code camp.toml} or after {@code --provider}:
 *
 * <ul>
 *   <li>{@code file:DIR}: a file outbox, one JSON Lines file per run in {@code DIR} (the default
 *       is the database's own outbox folder);</li>
 *   <li>{@code smtp://HOST:PORT?starttls=required|optional|off} and {@code smtps://HOST:PORT}: an
 *       SMTP server, for e-mail; the login and password come from the environment only;</li>
 *   <li>{@code webhook+https://...} and {@code webhook+http://...}: a gateway that takes one JSON
 *       POST per message, for SMS and push (and e-mail services with an HTTP API).</li>
 * </ul>
 *
 * Parsing never echoes a password: a URL with a user and password in it is refused, naming only
 * its scheme and host.
 */
public sealed interface ProviderUrl {

    /** The provider as it may be shown in logs and errors: no user, password or query string. */
    String describe();

    /** A file outbox in a folder (relative folders are resolved by the caller). */
    record File(Path folder) implements ProviderUrl {
        @Override
        public String describe() {
            return "file:" + folder;
        }
    }

    /** An SMTP server: where, and how the connection is protected. */
    record Smtp(String host, int port, SmtpSettings.Security security) implements ProviderUrl {
        @Override
        public String describe() {
            return (security == SmtpSettings.Security.SMTPS ? "smtps://" : "smtp://") + host + ":" + port;
        }
    }

    /** An HTTP gateway: the address to POST to (http or https). */
    record Webhook(URI url) implements ProviderUrl {
        @Override
        public String describe() {
            return new WebhookSettings(url, java.util.Map.of(), java.time.Duration.ofSeconds(1), 1, java.time.Duration.ZERO,
                    java.time.Duration.ZERO).describe();
        }
    }

    /**
     * Reads a provider URL.
     *
     * @throws IllegalArgumentException with one line that names what is wrong (and never a secret)
     */
    static ProviderUrl parse(String text) {
        String url = text == null ? "" : text.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            String folder = url.substring("file:".length());
            if (folder.startsWith("//")) {
                folder = folder.substring(2);
            }
            if (folder.isBlank()) {
                throw new IllegalArgumentException("file: needs a folder, such as file:outbox");
            }
            return new File(Path.of(folder));
        }
        if (lower.startsWith("smtp://") || lower.startsWith("smtps://")) {
            return smtp(url, lower.startsWith("smtps://"));
        }
        if (lower.startsWith("webhook+http://") || lower.startsWith("webhook+https://")) {
            URI uri = uri(url.substring("webhook+".length()), "webhook");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("a webhook needs a host, such as webhook+https://sms.example.com/send");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("webhook+" + uri.getScheme() + "://" + uri.getHost()
                        + ": a user and password do not go in the URL; put the key in a header ([webhook] headers in camp.toml)");
            }
            return new Webhook(uri);
        }
        int colon = url.indexOf(':');
        String scheme = colon > 0 ? url.substring(0, colon) : url;
        throw new IllegalArgumentException("unknown provider '" + (scheme.length() > 40 ? scheme.substring(0, 40) + "..." : scheme)
                + "': use file:DIR, smtp://HOST:PORT, smtps://HOST:PORT, webhook+https://... or webhook+http://...");
    }

    private static Smtp smtp(String url, boolean tls) {
        URI uri = uri(url, tls ? "smtps" : "smtp");
        String scheme = tls ? "smtps" : "smtp";
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(scheme + ":// needs a host, such as " + scheme + "://mail.example.com:"
                    + (tls ? 465 : 587));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(scheme + "://" + uri.getHost() + ": the user and password do not go in the URL;"
                    + " set CAMP_SMTP_USER and CAMP_SMTP_PASSWORD in the environment (or name other variables in camp.toml)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 465 : 587;
        SmtpSettings.Security security = tls ? SmtpSettings.Security.SMTPS : SmtpSettings.Security.STARTTLS_REQUIRED;
        String query = uri.getQuery();
        if (query != null && !query.isBlank()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = kv[0].strip().toLowerCase(Locale.ROOT);
                String value = kv.length > 1 ? kv[1].strip().toLowerCase(Locale.ROOT) : "";
                if (!key.equals("starttls")) {
                    throw new IllegalArgumentException(scheme + "://" + uri.getHost() + ":" + port + ": unknown option '" + kv[0]
                            + "' (the one option is ?starttls=required|optional|off)");
                }
                if (tls) {
                    throw new IllegalArgumentException("smtps:// is TLS from the start: ?starttls does not apply");
                }
                security = switch (value) {
                    case "required" -> SmtpSettings.Security.STARTTLS_REQUIRED;
                    case "optional" -> SmtpSettings.Security.STARTTLS_OPTIONAL;
                    case "off" -> SmtpSettings.Security.OFF;
                    default -> throw new IllegalArgumentException("?starttls=" + kv[1] + " is not one of required, optional, off");
                };
            }
        }
        return new Smtp(uri.getHost(), port, security);
    }

    private static URI uri(String url, String what) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid " + what + " URL: " + e.getReason());
        }
    }
}
