package camp.ir;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A named audience resolved to its entity and the conditions of its whole refinement chain,
 * outermost audience's base first: {@code audience b = a where y} with {@code audience a =
 * profiles where x} gives conditions [x, y].
 */
public record Audience(String name, String entity, List<Scalar> conditions) {
    public Audience {
        requireNonNull(name, "name is null");
        requireNonNull(entity, "entity is null");
        conditions = List.copyOf(conditions);
    }
}
