package camp.lsp;

import java.nio.file.Path;

/**
 * How {@code camp lsp} was started.
 *
 * @param database the run state whose counts hovers show; null to use the one {@code camp run}
 *     would use for each campaign (see {@link RunCounts})
 * @param debounceMillis how long the analysis thread waits after a change before checking, so that
 *     a burst of changes is checked once; 0 checks at once (changes that arrive during a check
 *     are coalesced either way)
 */
public record LspSettings(Path database, long debounceMillis) {
    public LspSettings {
        if (debounceMillis < 0) {
            throw new IllegalArgumentException("debounceMillis < 0");
        }
    }

    public static LspSettings defaults() {
        return new LspSettings(null, 0);
    }
}
