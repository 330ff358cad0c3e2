package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.Span;

/** A name as written in the source, with its span (backquotes removed). */
public record Name(String value, Span span) {
    public Name {
        requireNonNull(value, "value is null");
        requireNonNull(span, "span is null");
    }

    @Override
    public String toString() {
        return value;
    }
}
