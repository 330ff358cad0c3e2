package camp.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a task ended, as {@link Store#completeTask} records it and the interpreter goes on from it.
 *
 * @param counts rows per output port (empty unless done)
 * @param inactive the ports that activate nothing (an empty 'skip empty' port, a test branch not taken)
 * @param releaseAt for a wait, when its rows go on
 * @param sql the statements the task ran
 * @param error why it failed or stopped, or null
 * @param failure the failure of a failed task, or null
 * @param note a word for the progress line, or null
 */
public record TaskOutcome(TaskStatus status, Map<String, Long> counts, List<String> inactive, Instant releaseAt, String sql,
        String error, TaskFailure failure, String note) {

    public TaskOutcome {
        requireNonNull(status, "status is null");
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        inactive = List.copyOf(inactive);
    }

    static TaskOutcome skipped(Map<String, Long> zeros) {
        return new TaskOutcome(TaskStatus.SKIPPED, zeros, List.copyOf(zeros.keySet()), null, null, null, null, null);
    }

    static TaskOutcome waiting(Instant releaseAt, String sql) {
        return new TaskOutcome(TaskStatus.WAITING, Map.of(), List.of(), releaseAt, sql, null, null, "until " + releaseAt);
    }

    /** The task did not finish: its process is ending, and it goes on (from its start) when the run is resumed. */
    static TaskOutcome interrupted() {
        return new TaskOutcome(TaskStatus.PENDING, Map.of(), List.of(), null, null, null, null, "interrupted");
    }

    static TaskOutcome stopped(String sql, String reason) {
        return new TaskOutcome(TaskStatus.STOPPED, Map.of(), List.of(), null, sql, reason, null, reason);
    }

    static TaskOutcome failed(String sql, TaskFailure failure) {
        return new TaskOutcome(TaskStatus.FAILED, Map.of(), List.of(), null, sql, failure.getMessage(), failure, failure.getMessage());
    }
}
