package camp.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run adds to the canvas: each activity's task status ({@code done}, {@code failed}...)
 * and each transition's row count, by {@code ACTIVITY.PORT}.
 */
public record Overlay(String run, Map<String, String> statuses, Map<String, Long> counts) {
    /** No run: the campaign as written. */
    public static final Overlay NONE = new Overlay(null, Map.of(), Map.of());

    public Overlay {
        statuses = Collections.unmodifiableMap(new LinkedHashMap<>(statuses));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    public boolean isRun() {
        return run != null;
    }

    /** The rows of a transition, or null when the run has not counted them. */
    public Long count(String activity, String port) {
        return counts.get(activity + "." + port);
    }

    public String status(String activity) {
        return statuses.get(activity);
    }
}
