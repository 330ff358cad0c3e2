package camp.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The documents open in the editor, by URI and by file. Changed only from the thread that reads
 * the protocol (notifications arrive in order there); read from any thread.
 */
final class DocumentStore {
    private final Map<String, OpenDocument> byUri = new ConcurrentHashMap<>();
    private final Map<Path, OpenDocument> byPath = new ConcurrentHashMap<>();

    OpenDocument get(String uri) {
        return uri == null ? null : byUri.get(uri);
    }

    OpenDocument byPath(Path path) {
        return path == null ? null : byPath.get(path);
    }

    /** The editor's text of a file, or null when it is not open (then it is read from disk). */
    String textOf(Path path) {
        OpenDocument d = byPath(path);
        return d == null ? null : Analyzer.checkedText(d.text());
    }

    void put(OpenDocument doc) {
        byUri.put(doc.uri(), doc);
        if (doc.path() != null) {
            byPath.put(doc.path(), doc);
        }
    }

    OpenDocument remove(String uri) {
        OpenDocument d = byUri.remove(uri);
        if (d != null && d.path() != null) {
            byPath.remove(d.path(), d);
        }
        return d;
    }

    Collection<OpenDocument> all() {
        return List.copyOf(byUri.values());
    }

    /** The file of a {@code file:} URI, absolute and normalized; null for other schemes or a malformed URI. */
    static Path pathOf(String uri) {
        if (uri == null || !uri.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(URI.create(uri)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException | SecurityException e) {
            return null;
        }
    }

    /** The URI of a file: the open document's own URI when it is open (editors compare URIs as strings). */
    String uriOf(Path path) {
        OpenDocument d = byPath(path);
        return d != null ? d.uri() : path.toUri().toString();
    }
}
