package camp.model;

import camp.ast.Expr;
import camp.ast.Statement;
import camp.schedule.ScheduleSpec;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked campaign: every name resolved, every expression typed, the flow in topological
 * order. {@code scalars} maps each expression of the AST that the checker bound to its typed
 * form; {@code activities} iterates in an order where every activity follows its inputs.
 */
public record Model(
        String campaign,
        Map<String, EntityInfo> entities,
        Map<String, AudienceInfo> audiences,
        Map<String, ParamInfo> params,
        Map<String, ActivityInfo> activities,
        List<Edge> edges,
        Map<String, ChannelInfo> channels,
        ScheduleSpec schedule,
        Statement.Schedule scheduleDecl,
        String timezone,
        TestAudienceInfo testAudience,
        Map<Expr, Scalar> scalars) {

    /** The test profiles of {@code --test} runs: an entity and a condition on it. */
    public record TestAudienceInfo(String entity, Scalar condition) {
    }

    public Model {
        entities = Collections.unmodifiableMap(new LinkedHashMap<>(entities));
        audiences = Collections.unmodifiableMap(new LinkedHashMap<>(audiences));
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        activities = Collections.unmodifiableMap(new LinkedHashMap<>(activities));
        edges = List.copyOf(edges);
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        scalars = Collections.unmodifiableMap(new IdentityHashMap<>(scalars));
    }

    public Scalar scalar(Expr e) {
        Scalar s = scalars.get(e);
        if (s == null) {
            throw new IllegalStateException("expression at " + e.span() + " was not checked");
        }
        return s;
    }

    public EntityInfo entity(String name) {
        EntityInfo e = entities.get(name);
        if (e == null) {
            throw new IllegalStateException("unknown entity " + name);
        }
        return e;
    }

    public List<Edge> outgoing(String activity) {
        return edges.stream().filter(e -> e.from().equals(activity)).toList();
    }
}
