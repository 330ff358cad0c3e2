package camp.deliver;

import static java.util.Objects.requireNonNull;

/**
 * A placeholder without a default whose value is null or absent when a message is rendered. The language
 * makes this a run-time error of the task, unless the placeholder is written {@code {{name | default "x"}}}.
 */
public final class MissingValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String placeholder;

    public MissingValueException(String placeholder) {
        super("no value for {{" + requireNonNull(placeholder, "placeholder is null") + "}}; give it a value or write {{"
                + placeholder + " | default \"...\"}}");
        this.placeholder = placeholder;
    }

    /** The placeholder's path as written, e.g. {@code first_name} or {@code store.name}. */
    public String placeholder() {
        return placeholder;
    }
}
