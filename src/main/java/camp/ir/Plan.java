package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.schedule.ScheduleSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A checked campaign as a plan: the entities, audiences and params it knows, its schedule, and
 * its steps in a topological order (every step after its inputs). The interpreter runs steps in
 * this order, except that a save audience that is ready runs before a channel that is ready at
 * the same time. A library (a file without {@code campaign}) is a plan without a campaign name
 * and without steps.
 *
 * @param campaign the campaign's display name, or null for a library
 * @param timezone the zone of the schedule, of timestamps without a zone and of now(); "UTC" by default
 * @param schedule the resolved schedule, or null when the campaign has none
 * @param testAudience the test profiles of {@code --test} runs, or null
 * @param shared the aggregates that several steps compute over one link, one table each
 *     ({@link SharedAggregates}); empty until that pass ran
 */
public record Plan(String campaign, String timezone, ScheduleSpec schedule, Map<String, Entity> entities,
        Map<String, Audience> audiences, Map<String, Param> params, TestAudience testAudience, List<Step> steps,
        List<Edge> edges, List<SharedAggregates.Fact> shared) {

    /** The test profiles of {@code --test} runs: an entity and a condition on it. */
    public record TestAudience(String entity, Scalar condition) {
    }

    public Plan {
        requireNonNull(timezone, "timezone is null");
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        audiences = Collections.unmodifiableMap(new LinkedHashMap<>(audiences));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        steps = List.copyOf(steps);
        edges = List.copyOf(edges);
        shared = List.copyOf(shared);
    }

    public boolean isCampaign() {
        return campaign != null;
    }

    public Step step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step " + name));
    }

    public Entity entity(String name) {
        Entity e = entities.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no entity " + name);
        }
        return e;
    }

    /** The rows on the {@code i}-th input of a step. */
    public Shape inputShape(Step step, int i) {
        Edge e = step.inputs().get(i);
        return step(e.from()).outputs().get(e.port());
    }

    public List<Edge> outgoing(String step) {
        return edges.stream().filter(e -> e.from().equals(step)).toList();
    }

    /** This plan with the shared aggregates of a pass. */
    public Plan withShared(List<SharedAggregates.Fact> facts) {
        return new Plan(campaign, timezone, schedule, entities, audiences, params, testAudience, steps, edges, facts);
    }
}
