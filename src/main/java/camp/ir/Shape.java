package camp.ir;

import camp.types.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows on a transition: their entity (null for rows read by a load and not yet
 * reconciled) and the enriched columns they carry beside the key, in order.
 */
public record Shape(String entity, Map<String, Type> columns) {
    public Shape {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public static Shape of(String entity) {
        return new Shape(entity, Map.of());
    }

    public Shape with(String column, Type type) {
        Map<String, Type> c = new LinkedHashMap<>(columns);
        c.put(column, type);
        return new Shape(entity, c);
    }

    public Shape withEntity(String newEntity) {
        return new Shape(newEntity, columns);
    }
}
