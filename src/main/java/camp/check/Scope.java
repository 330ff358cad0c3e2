package camp.check;

import camp.types.Type;
import java.util.Map;

/**
 * What names mean where an expression stands: the row's entity and enriched columns, the
 * enclosing row when inside an aggregate's parentheses, and whether rows exist at all (a
 * {@code wait until} has none; a test condition sees only {@code count}).
 *
 * @param entity the row's entity, or null when there is no entity (rows of a load, or no row)
 * @param columns the enriched columns of the row (only at the outermost row level)
 * @param outer the enclosing row's scope, or null
 * @param description how diagnostics name this place, such as "a 'wait until'"
 */
record Scope(String entity, Map<String, Type> columns, Scope outer, Kind kind, String description) {
    enum Kind { ROW, CONSTANT, TEST }

    static Scope row(String entity, Map<String, Type> columns, String description) {
        return new Scope(entity, columns, null, Kind.ROW, description);
    }

    static Scope constant(String description) {
        return new Scope(null, Map.of(), null, Kind.CONSTANT, description);
    }

    static Scope test() {
        return new Scope(null, Map.of("count", Type.INT), null, Kind.TEST, "a test condition");
    }

    Scope inner(String linkedEntity) {
        return new Scope(linkedEntity, Map.of(), this, Kind.ROW, description);
    }

    /** The scope of a linked record whose link starts at the row {@code depth} levels out. */
    Scope innerAt(int depth, String linkedEntity) {
        return new Scope(linkedEntity, Map.of(), this, Kind.ROW, description);
    }

    boolean hasRow() {
        return kind == Kind.ROW;
    }
}
