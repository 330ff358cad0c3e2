package camp.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a run: its id, when it started and on which host. A run recorded as
 * running whose owner is gone (no such process, or another one that reused its id) was
 * interrupted: nothing runs it any more, and {@code camp resume} (or the scheduler, by itself)
 * goes on with it.
 */
public record Owner(long pid, Instant started, String host) {

    /** This process. */
    public static Owner current() {
        ProcessHandle self = ProcessHandle.current();
        return new Owner(self.pid(), self.info().startInstant().orElse(null), localHost());
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | SecurityException e) {
            return "localhost";
        }
    }

    /**
     * Whether the process still runs. A process of another host cannot be seen from here and
     * counts as alive; one whose id now belongs to a process started at another time does not.
     */
    public boolean alive() {
        if (!host.equals(localHost())) {
            return true;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return false;
        }
        Optional<Instant> start = p.get().info().startInstant();
        return started == null || start.isEmpty() || start.get().equals(started);
    }

    String json() {
        ObjectNode o = Store.JSON.createObjectNode();
        o.put("pid", pid);
        o.put("started", started == null ? null : started.toString());
        o.put("host", host);
        return o.toString();
    }

    static Owner parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode o = Store.JSON.readTree(json);
            String started = o.path("started").isTextual() ? o.path("started").asText() : null;
            return new Owner(o.path("pid").asLong(), started == null ? null : Instant.parse(started), o.path("host").asText(""));
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
