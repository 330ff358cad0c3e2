package camp.scheduler;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/**
 * What the scheduler does, one line per event, with the time it happened (the simulated time
 * when it runs a window): loaded, reloaded, invalid, launched, completed, failed, waiting,
 * resumed, skipped, purged, error. As text for people, or as JSON lines for tools.
 */
final class Events {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final boolean json;

    Events(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    synchronized void emit(Instant at, String event, String campaign, String run, String detail) {
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("at", at.toString());
            o.put("event", event);
            if (campaign != null) {
                o.put("campaign", campaign);
            }
            if (run != null) {
                o.put("run", run);
            }
            if (detail != null) {
                o.put("detail", detail);
            }
            out.println(o.toString());
        } else {
            StringBuilder b = new StringBuilder(at.toString()).append(' ')
                    .append(String.format(Locale.ROOT, "%-9s", event));
            if (campaign != null) {
                b.append(" '").append(campaign).append('\'');
            }
            if (run != null) {
                b.append(" run ").append(run);
            }
            if (detail != null) {
                b.append(campaign == null && run == null ? " " : ": ").append(detail.replace("\n", "\n    "));
            }
            out.println(b);
        }
        out.flush();
    }
}
