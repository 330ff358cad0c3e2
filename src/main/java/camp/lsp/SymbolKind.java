package camp.lsp;

/** What a name in a .camp file stands for. */
enum SymbolKind {
    ENTITY("entity", true),
    ATTRIBUTE("attribute", true),
    LINK("link", true),
    AUDIENCE("audience", true),
    PARAM("param", true),
    ACTIVITY("activity", true),
    /** A named output of a split (segment) or of a test (branch). */
    SEGMENT("output", true),
    /** A column an enrich computes or a load reads, carried by the rows that follow. */
    COLUMN("column", true),
    /** A saved audience, named by a string: {@code save audience "x"}, {@code build saved "x"}, {@code in saved "x"}. */
    SAVED_AUDIENCE("saved audience", false);

    private final String label;
    private final boolean renamable;

    SymbolKind(String label, boolean renamable) {
        this.label = label;
        this.renamable = renamable;
    }

    /** How hovers and messages name the kind. */
    String label() {
        return label;
    }

    /** Whether rename applies: names written as identifiers, not strings. */
    boolean renamable() {
        return renamable;
    }
}
