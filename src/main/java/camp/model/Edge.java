package camp.model;

import camp.source.Span;

/** A transition from an activity's output port to another activity. */
public record Edge(String from, String port, String to, Span span) {
    @Override
    public String toString() {
        return from + "." + port + " -> " + to;
    }
}
