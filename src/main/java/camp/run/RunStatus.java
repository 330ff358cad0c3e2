package camp.run;

import java.util.Arrays;
import java.util.Locale;

/** The states of a run (§9), as recorded in the run state by their labels. */
public enum RunStatus {
    RUNNING, PAUSED, WAITING, COMPLETED, FAILED, STOPPED;

    /** As recorded and shown: "running", "completed"... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run is over for good: nothing resumes it. */
    public boolean isFinal() {
        return this == COMPLETED || this == STOPPED;
    }

    /** Whether the run has ended (for now or for good): its end time is recorded. */
    public boolean hasEnded() {
        return this == COMPLETED || this == FAILED || this == STOPPED;
    }

    public static RunStatus of(String label) {
        return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status '" + label + "'"));
    }

    @Override
    public String toString() {
        return label();
    }
}
