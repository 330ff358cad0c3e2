package camp.cli;

import camp.run.RunListener;
import java.io.PrintWriter;
import java.util.Map;

/** Live progress on stderr: each task's status and counts as it ends. */
final class ProgressPrinter implements RunListener {
    private final PrintWriter err;
    private final boolean enabled;

    ProgressPrinter(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void started(String activity, String kind) {
        if (enabled) {
            err.printf("  %-20s %-16s running...%n", activity, kind);
            err.flush();
        }
    }

    @Override
    public void finished(String activity, String kind, String status, long input, Map<String, Long> outputs, long millis,
            String note) {
        if (!enabled) {
            return;
        }
        StringBuilder ports = new StringBuilder();
        outputs.forEach((p, n) -> ports.append(ports.length() == 0 ? "" : " ").append(p).append('=').append(n));
        err.printf("  %-20s %-16s %-8s %6d ms  %s%s%n", activity, kind, status, millis, ports, note == null ? "" : "  (" + note + ")");
        err.flush();
    }

    @Override
    public void log(String activity, String level, String message) {
        if (enabled && !level.equals("debug") && !level.equals("info") && !level.equals("alert")) {
            err.println("    " + level + ": " + message);
            err.flush();
        }
    }

    @Override
    public void alert(String title, String message) {
        err.println("  ALERT " + title + ": " + message);
        err.flush();
    }
}
