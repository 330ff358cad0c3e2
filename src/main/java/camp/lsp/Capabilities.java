package camp.lsp;

import java.util.List;
import java.util.function.Supplier;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.MarkupKind;

/** What the editor said it supports, read without ever failing on what it left out. */
final class Capabilities {
    private Capabilities() {
    }

    static boolean markdownHover(ClientCapabilities c) {
        List<String> formats = get(() -> c.getTextDocument().getHover().getContentFormat());
        return formats == null || formats.contains(MarkupKind.MARKDOWN);
    }

    static boolean relatedInformation(ClientCapabilities c) {
        return Boolean.TRUE.equals(get(() -> c.getTextDocument().getPublishDiagnostics().getRelatedInformation()));
    }

    static boolean hierarchicalSymbols(ClientCapabilities c) {
        return Boolean.TRUE.equals(get(() -> c.getTextDocument().getDocumentSymbol().getHierarchicalDocumentSymbolSupport()));
    }

    static boolean prepareRename(ClientCapabilities c) {
        return Boolean.TRUE.equals(get(() -> c.getTextDocument().getRename().getPrepareSupport()));
    }

    static boolean watchedFilesRegistration(ClientCapabilities c) {
        return Boolean.TRUE.equals(get(() -> c.getWorkspace().getDidChangeWatchedFiles().getDynamicRegistration()));
    }

    static boolean snippets(ClientCapabilities c) {
        return Boolean.TRUE.equals(get(() -> c.getTextDocument().getCompletion().getCompletionItem().getSnippetSupport()));
    }

    private static <T> T get(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
