package camp.lsp;

import static java.util.Objects.requireNonNull;

import camp.source.Span;

/**
 * One place where a symbol is named: its declaration or a use. {@code span} covers the name only
 * (with its backquotes, if any; inside the quotes for a name written in a string or a message
 * placeholder), so that a rename replaces exactly it.
 */
record Occurrence(Symbol symbol, Span span, boolean declaration) {
    Occurrence {
        requireNonNull(symbol, "symbol is null");
        requireNonNull(span, "span is null");
    }
}
