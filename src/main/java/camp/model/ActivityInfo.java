package camp.model;

import static java.util.Objects.requireNonNull;

import camp.ast.Activity;
import camp.ast.Name;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked activity: its definition, its incoming transitions in the order the flow lists
 * them, and the shape of the rows on each of its output ports.
 */
public record ActivityInfo(Name name, Activity activity, List<Edge> inputs, Map<String, Shape> outputs) {
    public ActivityInfo {
        requireNonNull(name, "name is null");
        requireNonNull(activity, "activity is null");
        inputs = List.copyOf(inputs);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public String id() {
        return name.value();
    }

    public List<String> ports() {
        return List.copyOf(outputs.keySet());
    }
}
