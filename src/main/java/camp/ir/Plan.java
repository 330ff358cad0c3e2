package camp.ir;

import camp.model.Model;
import java.util.List;

/**
 * The campaign as a plan of steps in a topological order: every step after its inputs. The
 * interpreter runs steps in this order, except that a save audience that is ready runs before
 * a channel that is ready at the same time.
 */
public record Plan(Model model, List<Step> steps) {
    public Plan {
        steps = List.copyOf(steps);
    }

    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name));
    }

    /** Builds the plan of a checked model without errors. */
    public static Plan of(Model model) {
        List<Step> steps = new java.util.ArrayList<>();
        int i = 0;
        for (var a : model.activities().values()) {
            steps.add(new Step(i++, a.id(), a.activity().kind(), a.name().span(), a.activity(), a.inputs(), a.outputs()));
        }
        return new Plan(model, steps);
    }
}
