package camp.deliver;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Where and how to reach an SMTP server: {@code smtp://HOST:PORT?starttls=required|optional|off}
 * or {@code smtps://HOST:PORT} in a provider URL, the user and password from the environment
 * (never from the URL or a file), and the From address used when the activity gives none.
 *
 * @param host the server's host name or address
 * @param port its port
 * @param security how the connection is protected
 * @param user the login, or null for none
 * @param password the password, or null for none; never printed
 * @param defaultFrom the From address when the activity has no {@code from}, or null
 * @param trust the host names whose certificate is trusted without the JVM's trust store
 *     ({@code *} for any; for test servers with self-signed certificates), or null
 * @param timeout connect, read and write timeout of the connection
 * @param maxAttempts how many times a message is tried on a temporary (4xx) reply or a dropped
 *     connection before the provider gives up (the task then fails, to be resumed)
 * @param firstBackoff the wait before the second attempt; each next one doubles it
 */
public record SmtpSettings(String host, int port, Security security, String user, String password, String defaultFrom,
        String trust, Duration timeout, int maxAttempts, Duration firstBackoff) {

    /** How the connection to the server is protected. */
    public enum Security {
        /** TLS from the first byte ({@code smtps://}, usually port 465). */
        SMTPS,
        /** STARTTLS, and a server that does not offer it is an error ({@code ?starttls=required}, the default). */
        STARTTLS_REQUIRED,
        /** STARTTLS when the server offers it, plain text otherwise ({@code ?starttls=optional}). */
        STARTTLS_OPTIONAL,
        /** Plain text ({@code ?starttls=off}; for servers on the same host or in tests). */
        OFF
    }

    public SmtpSettings {
        requireNonNull(host, "host is null");
        requireNonNull(security, "security is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(firstBackoff, "firstBackoff is null");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be 1 or more");
        }
    }

    /** The server as it may be shown in logs and errors: scheme, host and port, never the login or password. */
    public String describe() {
        return (security == Security.SMTPS ? "smtps://" : "smtp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return describe();
    }
}
