package camp.run;

import java.util.Arrays;
import java.util.Locale;

/** The states of a task (§9), as recorded in the run state by their labels. */
public enum TaskStatus {
    PENDING, RUNNING, WAITING, DONE, FAILED, SKIPPED, STOPPED;

    /** As recorded and shown: "pending", "done"... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the task is over and what follows it may start: done or skipped. */
    public boolean isSettled() {
        return this == DONE || this == SKIPPED;
    }

    public static TaskStatus of(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task status '" + label + "'"));
    }

    @Override
    public String toString() {
        return label();
    }
}
