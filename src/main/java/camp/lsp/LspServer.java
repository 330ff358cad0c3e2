package camp.lsp;

import camp.run.DuckDbQueries;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Starts the camp language server on a pair of streams (stdin and stdout for {@code camp lsp},
 * pipes in tests and benchmarks), speaking JSON-RPC with {@code Content-Length} framing.
 */
public final class LspServer {
    private final CampLanguageServer server;
    private final Future<Void> listening;
    private final ExecutorService io;

    private LspServer(CampLanguageServer server, Future<Void> listening, ExecutorService io) {
        this.server = server;
        this.listening = listening;
        this.io = io;
    }

    /** Starts serving; returns at once. Query sources are checked with DuckDB's parser, as {@code camp check} does. */
    public static LspServer start(InputStream in, OutputStream out, LspSettings settings) {
        CampLanguageServer server = new CampLanguageServer(settings, DuckDbQueries.INSTANCE);
        ExecutorService io = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "camp-lsp-jsonrpc");
            t.setDaemon(true);
            return t;
        });
        // only well-formed messages reach LSP4J, so that no garbage can desynchronize it
        InputStream framed = new FramedInput(in, message -> server.log.warning("camp: " + message));
        Launcher<LanguageClient> launcher = LSPLauncher.createServerLauncher(server, framed, out, io, null);
        server.connect(launcher.getRemoteProxy());
        return new LspServer(server, launcher.startListening(), io);
    }

    /**
     * Waits until the editor sends {@code exit} or closes the input; returns the exit code the
     * protocol asks for: 0 when {@code shutdown} came first, else 1.
     */
    public int awaitExit() throws InterruptedException {
        while (true) {
            try {
                return server.exited().get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (listening.isDone()) {
                    return server.state() == CampLanguageServer.State.SHUT_DOWN ? 0 : 1;
                }
            } catch (ExecutionException e) {
                return 1;
            }
        }
    }

    /** Stops serving: the analysis thread, the request pool and the reader. */
    public void close() {
        server.stop();
        listening.cancel(true);
        io.shutdownNow();
    }
}
