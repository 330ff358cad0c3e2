package camp.run;

/** Receives a run's progress as it happens (the CLI prints it on stderr). */
public interface RunListener {
    /** A task started. */
    default void started(String activity, String kind) {
    }

    /** A task ended with a status and its output counts. */
    default void finished(String activity, String kind, String status, long input, java.util.Map<String, Long> outputs,
            long millis, String note) {
    }

    /** A line of the run log at level info or more. */
    default void log(String activity, String level, String message) {
    }

    /** An alert activity was reached. */
    default void alert(String title, String message) {
    }

    RunListener NONE = new RunListener() {
    };
}
