package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.types.Type;

/** A param: its type and default value (a Java value of the type, or null when none). */
public record Param(String name, Type type, Object defaultValue, boolean hasDefault) {
    public Param {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
