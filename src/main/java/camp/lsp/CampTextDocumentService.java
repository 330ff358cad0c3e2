package camp.lsp;

import java.util.List;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.SemanticTokensParams;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidCloseTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DidSaveTextDocumentParams;
import org.eclipse.lsp4j.DocumentFormattingParams;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.PrepareRenameDefaultBehavior;
import org.eclipse.lsp4j.PrepareRenameParams;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.RenameParams;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.Either3;
import org.eclipse.lsp4j.services.TextDocumentService;

/**
 * The {@code textDocument/*} half of the protocol. Notifications (open, change, close, save)
 * update the {@link DocumentStore} on the protocol's thread and mark documents for the
 * {@link Analyzer}; requests are answered by {@link CampLanguageServer#request} from the
 * document's current analysis.
 *
 * <p>Completion, semantic tokens and code actions are written elsewhere: each is one more
 * override here, of the form {@code server.request("textDocument/completion", uri, empty,
 * a -> Completions.of(a, position))}, and one more capability in
 * {@code CampLanguageServer.serverCapabilities()}.
 */
final class CampTextDocumentService implements TextDocumentService {
    private final CampLanguageServer server;

    CampTextDocumentService(CampLanguageServer server) {
        this.server = server;
    }

    private static String uri(TextDocumentIdentifier id) {
        return id == null ? null : id.getUri();
    }

    // ------------------------------------------------------------ synchronization

    @Override
    public void didOpen(DidOpenTextDocumentParams params) {
        server.notification("textDocument/didOpen", () -> {
            TextDocumentItem item = params.getTextDocument();
            if (item == null || item.getUri() == null) {
                return;
            }
            OpenDocument d = new OpenDocument(item.getUri(), DocumentStore.pathOf(item.getUri()), item.getVersion(),
                    item.getText() == null ? "" : item.getText());
            if (server.documents.get(d.uri()) != null) {
                server.analyzer.forget(d.uri()); // opened again: its versions start over
            }
            server.documents.put(d);
            server.analyzer.changed(d.uri(), d.path());
        });
    }

    @Override
    public void didChange(DidChangeTextDocumentParams params) {
        server.notification("textDocument/didChange", () -> {
            String uri = params.getTextDocument() == null ? null : params.getTextDocument().getUri();
            OpenDocument d = server.documents.get(uri);
            if (d == null) {
                server.log.warning("camp: a change to " + uri + ", which is not open, was ignored");
                return;
            }
            Integer version = params.getTextDocument().getVersion();
            OpenDocument changed = d.changed(version == null ? d.version() + 1 : version,
                    params.getContentChanges() == null ? List.of() : params.getContentChanges());
            server.documents.put(changed);
            server.analyzer.changed(uri, changed.path());
        });
    }

    @Override
    public void didClose(DidCloseTextDocumentParams params) {
        server.notification("textDocument/didClose", () -> {
            String uri = uri(params.getTextDocument());
            if (uri != null) {
                server.closed(uri);
            }
        });
    }

    @Override
    public void didSave(DidSaveTextDocumentParams params) {
        // the editor's text is what every check reads already; nothing changes on save
    }

    // ------------------------------------------------------------ requests

    @Override
    public CompletableFuture<Hover> hover(HoverParams params) {
        boolean markdown = Capabilities.markdownHover(server.capabilities());
        return server.request("textDocument/hover", uri(params.getTextDocument()), null,
                a -> server.hovers.hover(a, params.getPosition(), markdown));
    }

    @Override
    public CompletableFuture<Either<List<? extends Location>, List<? extends LocationLink>>> definition(DefinitionParams params) {
        return server.request("textDocument/definition", uri(params.getTextDocument()), Either.forLeft(List.of()),
                a -> Either.forLeft(server.navigation.definition(a, params.getPosition())));
    }

    @Override
    public CompletableFuture<List<? extends Location>> references(ReferenceParams params) {
        boolean declaration = params.getContext() == null || params.getContext().isIncludeDeclaration();
        return server.request("textDocument/references", uri(params.getTextDocument()), List.of(),
                a -> server.navigation.references(a, params.getPosition(), declaration));
    }

    @Override
    public CompletableFuture<Either3<Range, PrepareRenameResult, PrepareRenameDefaultBehavior>> prepareRename(
            PrepareRenameParams params) {
        return server.request("textDocument/prepareRename", uri(params.getTextDocument()), null,
                a -> Either3.forSecond(server.navigation.prepareRename(a, params.getPosition())));
    }

    @Override
    public CompletableFuture<WorkspaceEdit> rename(RenameParams params) {
        return server.request("textDocument/rename", uri(params.getTextDocument()), null,
                a -> server.navigation.rename(a, params.getPosition(), params.getNewName()));
    }

    @Override
    public CompletableFuture<List<Either<SymbolInformation, DocumentSymbol>>> documentSymbol(DocumentSymbolParams params) {
        boolean hierarchical = Capabilities.hierarchicalSymbols(server.capabilities());
        return server.request("textDocument/documentSymbol", uri(params.getTextDocument()), List.of(),
                a -> DocumentSymbols.of(a, hierarchical));
    }

    @Override
    public CompletableFuture<List<? extends TextEdit>> formatting(DocumentFormattingParams params) {
        return server.request("textDocument/formatting", uri(params.getTextDocument()), List.of(), Formatting::format);
    }

    @Override
    public CompletableFuture<Either<List<CompletionItem>, CompletionList>> completion(CompletionParams params) {
        boolean snippets = Capabilities.snippets(server.capabilities());
        return server.request("textDocument/completion", uri(params.getTextDocument()), Either.forLeft(List.of()),
                a -> Either.forLeft(Completions.complete(a.source(), Positions.offset(a.source(), params.getPosition()), a.checked(),
                        snippets)));
    }

    @Override
    public CompletableFuture<org.eclipse.lsp4j.SemanticTokens> semanticTokensFull(SemanticTokensParams params) {
        return server.request("textDocument/semanticTokens/full", uri(params.getTextDocument()),
                new org.eclipse.lsp4j.SemanticTokens(List.of()),
                a -> new org.eclipse.lsp4j.SemanticTokens(SemanticTokens.encode(a.source(), a.checked())));
    }

    @Override
    public CompletableFuture<List<Either<Command, CodeAction>>> codeAction(CodeActionParams params) {
        String uri = uri(params.getTextDocument());
        List<org.eclipse.lsp4j.Diagnostic> shown = params.getContext() == null ? List.of() : params.getContext().getDiagnostics();
        return server.request("textDocument/codeAction", uri, List.of(),
                a -> CodeActions.actions(a.source(), uri, a.checked(), params.getRange(), shown == null ? List.of() : shown).stream()
                        .map(Either::<Command, CodeAction>forRight).toList());
    }
}
