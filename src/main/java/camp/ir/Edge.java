package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.source.Span;

/** A transition from an activity's output port to another activity, where the flow writes it. */
public record Edge(String from, String port, String to, Span span) {
    public Edge {
        requireNonNull(from, "from is null");
        requireNonNull(port, "port is null");
        requireNonNull(to, "to is null");
    }

    @Override
    public String toString() {
        return from + "." + port + " -> " + to;
    }
}
