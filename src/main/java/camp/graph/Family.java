package camp.graph;

/** The kinds of activity by what they do: a colour each on the canvas. */
public enum Family {
    TARGETING("targeting"), FLOW("flow control"), CHANNEL("channel");

    private final String label;

    Family(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The family of an activity kind as written in scripts ("split", "change dimension", "email"...). */
    public static Family of(String kind) {
        return switch (kind) {
            case "email", "sms", "push" -> CHANNEL;
            case "test", "fork", "join", "wait", "end", "alert" -> FLOW;
            default -> TARGETING;
        };
    }
}
