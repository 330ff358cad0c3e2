package camp.types;

/**
 * The value types of the language. The first seven can be declared on attributes and params;
 * the others are the types of literals and of expressions the checker derives.
 */
public enum Type {
    INT("int"),
    DECIMAL("decimal"),
    FLOAT("float"),
    TEXT("text"),
    BOOL("bool"),
    DATE("date"),
    TIMESTAMP("timestamp"),
    TIME("time"),
    DURATION("duration"),
    NULL("null"),
    /** The type of an expression that already has an error; it matches everything silently. */
    ERROR("?");

    private final String label;

    Type(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isNumeric() {
        return this == INT || this == DECIMAL || this == FLOAT;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    @Override
    public String toString() {
        return label;
    }
}
