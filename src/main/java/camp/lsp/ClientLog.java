package camp.lsp;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * What the server tells the editor's log ({@code window/logMessage}): failures it survived, at
 * most {@value #BURST} messages in a row and then one a second, so that a flood of bad input
 * cannot flood the editor. Never throws.
 */
final class ClientLog {
    private static final int BURST = 20;
    private volatile LanguageClient client;
    private int credit = BURST;
    private long lastRefill = System.nanoTime();

    void connect(LanguageClient c) {
        client = c;
    }

    void info(String message) {
        send(MessageType.Info, message);
    }

    void warning(String message) {
        send(MessageType.Warning, message);
    }

    void error(String message, Throwable t) {
        StringWriter trace = new StringWriter();
        if (t != null) {
            t.printStackTrace(new PrintWriter(trace));
        }
        send(MessageType.Error, "camp: " + message + (t == null ? "" : ": " + t + "\n" + trace));
    }

    private void send(MessageType type, String message) {
        LanguageClient c = client;
        if (c == null || !take()) {
            return;
        }
        try {
            c.logMessage(new MessageParams(type, message));
        } catch (Throwable ignored) {
            // the connection is gone: nobody is left to tell
        }
    }

    private synchronized boolean take() {
        long now = System.nanoTime();
        long seconds = (now - lastRefill) / 1_000_000_000L;
        if (seconds > 0) {
            credit = (int) Math.min(BURST, credit + seconds);
            lastRefill = now;
        }
        if (credit == 0) {
            return false;
        }
        credit--;
        return true;
    }
}
