package camp.lsp;

import static java.util.Objects.requireNonNull;

import camp.ast.CampFile;
import camp.check.Checked;
import camp.source.SourceFile;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One check of one document at one version: what every feature of the server reads. The check
 * is done once per version on the analysis thread; the {@link SymbolIndex} (every name and what
 * it stands for, across the file's imports) is built the first time a feature asks for it, on
 * the thread that asks. Immutable apart from that memo, so features may read it from any thread.
 *
 * @param uri the document's URI (or the file's, for a file read from disk)
 * @param version the editor's version of the text checked; -1 for a file read from disk
 * @param source the text checked, as the positions of every diagnostic and symbol refer to it
 * @param checked the result of the front end, exactly what {@code camp check} reports for this text
 * @param nanos how long the check took
 * @param files the files the check read (the document and its imports), as normalized absolute paths
 */
record Analysis(String uri, int version, SourceFile source, Checked checked, long nanos, Set<Path> files, Memo memo) {
    Analysis {
        requireNonNull(uri, "uri is null");
        requireNonNull(source, "source is null");
        requireNonNull(checked, "checked is null");
        files = Set.copyOf(files);
    }

    Analysis(String uri, int version, SourceFile source, Checked checked, long nanos) {
        this(uri, version, source, checked, nanos, filesOf(checked), new Memo());
    }

    /** Every name of the file and its imports with what it stands for; built on first use. */
    SymbolIndex index() {
        return memo.index(this);
    }

    /** The files an analysis read (the document and its imports), as normalized absolute paths. */
    private static Set<Path> filesOf(Checked checked) {
        Set<Path> paths = new HashSet<>();
        for (SourceFile f : checked.sources()) {
            if (f.path() != null) {
                paths.add(f.path().toAbsolutePath().normalize());
            }
        }
        return paths;
    }

    /** Holds the index once built. */
    static final class Memo {
        private SymbolIndex index;

        synchronized SymbolIndex index(Analysis a) {
            if (index == null) {
                try {
                    index = Indexer.index(a);
                } catch (RuntimeException | StackOverflowError e) {
                    // a bug or input nested beyond any stack: no names rather than no server
                    index = SymbolIndex.of(List.of(new CampFile(a.source(), List.of())), List.of(), Map.of(), Map.of(), Map.of(),
                            Map.of(), Map.of(), List.of());
                }
            }
            return index;
        }
    }
}
