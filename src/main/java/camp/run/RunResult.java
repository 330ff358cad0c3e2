package camp.run;

import camp.diag.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of camp run or resume: the run's id and status and, per activity, its task's
 * status and counts; or the diagnostics that kept it from starting ({@code run} is null then).
 */
public record RunResult(String run, String campaign, RunStatus status, Map<String, Activity> activities,
        List<Diagnostic> diagnostics, String error, boolean dryRun) {

    /**
     * One activity's task: kind, status, rows in (0 when none was recorded), rows out per port,
     * and as {@code camp tasks} shows it: the rows in as recorded (null before the task ran),
     * when it started and ended, and where its activity is written.
     */
    public record Activity(String kind, TaskStatus status, long input, Map<String, Long> outputs, String error,
            Long recordedInput, java.time.Instant startedAt, java.time.Instant endedAt, Integer line, Integer column) {
        public Activity {
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }

        public Activity(String kind, TaskStatus status, long input, Map<String, Long> outputs, String error) {
            this(kind, status, input, outputs, error, input, null, null, null, null);
        }
    }

    public RunResult {
        activities = activities == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(activities));
        diagnostics = diagnostics == null ? List.of() : List.copyOf(diagnostics);
    }

    public static RunResult rejected(List<Diagnostic> diagnostics) {
        return new RunResult(null, null, null, Map.of(), diagnostics, null, false);
    }
}
