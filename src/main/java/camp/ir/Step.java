package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.ast.Activity;
import camp.model.Edge;
import camp.model.Shape;
import camp.source.Span;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of the plan: an activity with its resolved inputs (the worktables it reads, in the
 * order the flow lists them) and outputs (the shape of the rows on each port).
 *
 * @param ordinal the step's position in the plan's topological order
 * @param activity the checked definition; its expressions are bound in the model
 */
public record Step(int ordinal, String name, String kind, Span span, Activity activity, List<Edge> inputs,
        Map<String, Shape> outputs) {
    public Step {
        requireNonNull(name, "name is null");
        requireNonNull(activity, "activity is null");
        inputs = List.copyOf(inputs);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public boolean isStart() {
        return activity instanceof Activity.Build || activity instanceof Activity.Load;
    }

    public boolean isChannel() {
        return activity instanceof Activity.Channel;
    }

    public boolean isSaveAudience() {
        return activity instanceof Activity.SaveAudience;
    }
}
