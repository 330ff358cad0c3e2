package camp.model;

import static java.util.Objects.requireNonNull;

import camp.types.Type;

/** A param: its type and default value (a Java value of the type, or null when none). */
public record ParamInfo(String name, Type type, Object defaultValue, boolean hasDefault) {
    public ParamInfo {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
