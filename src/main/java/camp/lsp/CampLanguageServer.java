package camp.lsp;

import camp.check.QueryValidator;
import camp.source.SourceFile;
import camp.source.Span;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionOptions;
import org.eclipse.lsp4j.CompletionOptions;
import org.eclipse.lsp4j.SemanticTokensWithRegistrationOptions;
import org.eclipse.lsp4j.DidChangeWatchedFilesRegistrationOptions;
import org.eclipse.lsp4j.FileSystemWatcher;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Registration;
import org.eclipse.lsp4j.RegistrationParams;
import org.eclipse.lsp4j.RenameOptions;
import org.eclipse.lsp4j.SaveOptions;
import org.eclipse.lsp4j.ServerCapabilities;
import org.eclipse.lsp4j.ServerInfo;
import org.eclipse.lsp4j.SetTraceParams;
import org.eclipse.lsp4j.TextDocumentSyncKind;
import org.eclipse.lsp4j.TextDocumentSyncOptions;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageClientAware;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.lsp4j.services.TextDocumentService;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The camp language server: its lifecycle (initialize, initialized, shutdown, exit) and what
 * every feature shares: the open documents, the {@link Analyzer}, the editor's capabilities.
 *
 * <p>Threads: LSP4J reads the protocol on one thread and calls the notification handlers there
 * in order; they only record the new text and mark documents for the analysis thread. Requests
 * are answered on a small pool ({@link #request}), from the analysis of the text the editor holds
 * when they arrive. Every handler catches everything: a failure is logged to the editor
 * ({@code window/logMessage}) and answered with an empty result, and the server goes on.
 */
final class CampLanguageServer implements LanguageServer, LanguageClientAware {
    /** The stack of the threads that parse (input nested 2,000 deep is parsed, as the front end does). */
    static final long STACK_BYTES = 512L << 20;

    /** Where the server is in its lifecycle. */
    enum State { NEW, RUNNING, SHUT_DOWN }

    final DocumentStore documents = new DocumentStore();
    final ClientLog log = new ClientLog();
    final Analyzer analyzer;
    final RunCounts counts;
    final Hovers hovers;
    final Navigation navigation;
    private final ExecutorService requests;
    private final CampTextDocumentService text;
    private final CampWorkspaceService workspace;
    private final Object publishing = new Object();
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();
    private volatile State state = State.NEW;
    private volatile LanguageClient client;
    private volatile ClientCapabilities capabilities = new ClientCapabilities();
    private final LspSettings settings;

    CampLanguageServer(LspSettings settings, QueryValidator queries) {
        this.settings = settings;
        this.analyzer = new Analyzer(documents, queries, this::analyzed, log, settings.debounceMillis());
        this.counts = new RunCounts(settings.database());
        this.hovers = new Hovers(counts, new Hovers.Links() {
            @Override
            public String uri(Analysis a, Span span) {
                return CampLanguageServer.this.uri(a, span.file());
            }

            @Override
            public List<Path> roots() {
                return analyzer.roots();
            }
        });
        this.navigation = new Navigation(new Navigation.Workspace() {
            @Override
            public List<Analysis> analysesNaming(String name) {
                return CampLanguageServer.this.analysesNaming(name);
            }

            @Override
            public String uri(Analysis a, SourceFile file) {
                return CampLanguageServer.this.uri(a, file);
            }

            @Override
            public String uri(Path file) {
                return documents.uriOf(file);
            }
        });
        this.requests = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(null, r, "camp-lsp-request", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        this.text = new CampTextDocumentService(this);
        this.workspace = new CampWorkspaceService(this);
    }

    @Override
    public void connect(LanguageClient languageClient) {
        client = languageClient;
        log.connect(languageClient);
    }

    LanguageClient client() {
        return client;
    }

    State state() {
        return state;
    }

    ClientCapabilities capabilities() {
        return capabilities;
    }

    /** Completes with the exit code once the editor sent {@code exit}: 0 after a shutdown, else 1. */
    CompletableFuture<Integer> exited() {
        return exited;
    }

    @Override
    public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
        try {
            if (params != null && params.getCapabilities() != null) {
                capabilities = params.getCapabilities();
            }
            analyzer.roots(roots(params));
            Path database = settings.database() != null ? settings.database() : databaseOption(params);
            counts.explicit(database);
            state = State.RUNNING;
            return CompletableFuture.completedFuture(new InitializeResult(serverCapabilities(), new ServerInfo("camp", version())));
        } catch (Throwable t) {
            log.error("initialize failed", t);
            state = State.RUNNING;
            return CompletableFuture.completedFuture(new InitializeResult(serverCapabilities()));
        }
    }

    private ServerCapabilities serverCapabilities() {
        ServerCapabilities caps = new ServerCapabilities();
        TextDocumentSyncOptions sync = new TextDocumentSyncOptions();
        sync.setOpenClose(true);
        sync.setChange(TextDocumentSyncKind.Incremental);
        sync.setSave(new SaveOptions(false));
        caps.setTextDocumentSync(sync);
        caps.setHoverProvider(true);
        caps.setDefinitionProvider(true);
        caps.setReferencesProvider(true);
        caps.setDocumentSymbolProvider(true);
        caps.setRenameProvider(Capabilities.prepareRename(capabilities) ? Either.forRight(new RenameOptions(true)) : Either.forLeft(true));
        if (Formatting.available()) {
            caps.setDocumentFormattingProvider(true);
        }
        CompletionOptions completion = new CompletionOptions(false, List.of(".", ":", "\"", "{"));
        caps.setCompletionProvider(completion);
        caps.setSemanticTokensProvider(new SemanticTokensWithRegistrationOptions(SemanticTokens.legend(), Boolean.TRUE));
        caps.setCodeActionProvider(new CodeActionOptions(List.of(CodeActionKind.QuickFix)));
        return caps;
    }

    @Override
    public void initialized(InitializedParams params) {
        try {
            if (Capabilities.watchedFilesRegistration(capabilities) && client != null) {
                FileSystemWatcher watcher = new FileSystemWatcher(Either.forLeft("**/*.{camp,toml,html,htm,txt,csv,parquet}"));
                Registration r = new Registration("camp-files", "workspace/didChangeWatchedFiles",
                        new DidChangeWatchedFilesRegistrationOptions(List.of(watcher)));
                client.registerCapability(new RegistrationParams(List.of(r)));
            }
        } catch (Throwable t) {
            log.error("registering file watchers failed", t);
        }
    }

    @Override
    public CompletableFuture<Object> shutdown() {
        state = State.SHUT_DOWN;
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void exit() {
        stop();
        exited.complete(state == State.SHUT_DOWN ? 0 : 1);
    }

    /** Stops the analysis thread and the request pool. */
    void stop() {
        analyzer.stop();
        requests.shutdownNow();
    }

    @Override
    public void setTrace(SetTraceParams params) {
        // the server writes no trace of its own
    }

    @Override
    public TextDocumentService getTextDocumentService() {
        return text;
    }

    @Override
    public WorkspaceService getWorkspaceService() {
        return workspace;
    }

    // ------------------------------------------------------------ shared by the services

    /**
     * Answers a request from the analysis of a document as the editor holds it now, on the
     * request pool. Before initialize the answer is the protocol's error -32002, after shutdown
     * an invalid-request error; a document that is neither open nor a readable file gets
     * {@code fallback}, and so does a request whose handler fails (the failure is logged).
     * A {@link ResponseErrorException} from the handler is the answer (a refused rename).
     */
    <T> CompletableFuture<T> request(String method, String uri, T fallback, Function<Analysis, T> body) {
        if (state == State.NEW) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.ServerNotInitialized,
                    "the camp language server is not initialized yet: send initialize first", null)));
        }
        if (state == State.SHUT_DOWN) {
            return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest,
                    "the camp language server is shutting down", null)));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            requests.execute(() -> {
                try {
                    analyzer.current(uri).whenComplete((a, failure) -> answer(method, a, fallback, body, result));
                } catch (Throwable t) {
                    log.error(method + " failed", t);
                    result.complete(fallback);
                }
            });
        } catch (Throwable t) {
            result.complete(fallback);
        }
        return result;
    }

    private <T> void answer(String method, Analysis a, T fallback, Function<Analysis, T> body, CompletableFuture<T> result) {
        try {
            requests.execute(() -> {
                try {
                    result.complete(a == null ? fallback : body.apply(a));
                } catch (ResponseErrorException e) {
                    result.completeExceptionally(e);
                } catch (Throwable t) {
                    log.error(method + " failed", t);
                    result.complete(fallback);
                }
            });
        } catch (Throwable t) {
            result.complete(fallback);
        }
    }

    /** Runs a notification handler: dropped before initialize and after shutdown (as the protocol says), never throws. */
    void notification(String method, Runnable handler) {
        if (state != State.RUNNING) {
            return;
        }
        try {
            handler.run();
        } catch (Throwable t) {
            log.error(method + " failed", t);
        }
    }

    /** An analysis of the current version of an open document is done: its diagnostics go to the editor. */
    private void analyzed(Analysis a) {
        for (camp.diag.Diagnostic d : a.checked().diagnostics()) {
            if (d.code() == camp.diag.Code.INTERNAL && d.cause() != null) {
                log.error("internal error while checking " + a.uri(), d.cause());
            }
        }
        PublishDiagnosticsParams p = Diagnostics.publish(a, Capabilities.relatedInformation(capabilities));
        synchronized (publishing) {
            OpenDocument d = documents.get(a.uri());
            LanguageClient c = client;
            if (d != null && d.version() == a.version() && c != null) {
                c.publishDiagnostics(p);
            }
        }
    }

    /** Forgets a closed document and clears its diagnostics (no stale analysis may publish after this). */
    void closed(String uri) {
        OpenDocument d;
        synchronized (publishing) {
            d = documents.remove(uri);
            LanguageClient c = client;
            if (c != null) {
                c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
            }
        }
        analyzer.closed(uri, d == null ? null : d.path());
    }

    /** The URI under which the editor knows a file of an analysis: the open document's, the file's, or the analysis's own. */
    String uri(Analysis a, SourceFile file) {
        if (file == a.source() || file.path() == null) {
            return a.uri();
        }
        return documents.uriOf(file.path().toAbsolutePath().normalize());
    }

    /**
     * The analyses of the open documents, and of the workspace's .camp files that mention a name
     * (checked from disk): where a symbol's other uses may be.
     */
    private List<Analysis> analysesNaming(String name) {
        List<Analysis> out = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();
        for (OpenDocument d : documents.all()) {
            Analysis a = analyzer.current(d.uri()).join();
            if (a != null) {
                out.add(a);
                if (d.path() != null) {
                    seen.add(d.path());
                }
            }
        }
        for (Path file : Navigation.campFiles(analyzer.roots(), 2_000)) {
            if (seen.add(file) && mentions(file, name)) {
                Analysis a = analyzer.fromDisk(file);
                if (a != null) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    private static boolean mentions(Path file, String name) {
        try {
            return java.nio.file.Files.size(file) < (8L << 20) && java.nio.file.Files.readString(file).contains(name);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<Path> roots(InitializeParams params) {
        List<Path> roots = new ArrayList<>();
        if (params == null) {
            return roots;
        }
        if (params.getWorkspaceFolders() != null) {
            for (WorkspaceFolder f : params.getWorkspaceFolders()) {
                Path p = f == null ? null : DocumentStore.pathOf(f.getUri());
                if (p != null) {
                    roots.add(p);
                }
            }
        }
        @SuppressWarnings("deprecation")
        String rootUri = params.getRootUri();
        Path root = DocumentStore.pathOf(rootUri);
        if (roots.isEmpty() && root != null) {
            roots.add(root);
        }
        return roots;
    }

    /** The {@code database} initialization option: {@code "initializationOptions": {"database": "path/camp.duckdb"}}. */
    private Path databaseOption(InitializeParams params) {
        Object options = params == null ? null : params.getInitializationOptions();
        if (options instanceof JsonObject o && o.has("database")) {
            JsonElement value = o.get("database");
            if (value != null && value.isJsonPrimitive()) {
                Path p = Path.of(value.getAsString());
                List<Path> roots = analyzer.roots();
                return p.isAbsolute() || roots.isEmpty() ? p.toAbsolutePath().normalize() : roots.get(0).resolve(p).normalize();
            }
        }
        return null;
    }

    private static String version() {
        String v = CampLanguageServer.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
