package camp.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small JSON-RPC client of the language server, written by hand for the tests (it shares no
 * code with LSP4J): {@code Content-Length} framing over a pair of streams, requests with ids
 * matched to their responses, and every notification the server sends kept in order, so that a
 * test can wait for the diagnostics it expects.
 */
final class LspClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long TIMEOUT_SECONDS = 20;

    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> notifications = new ArrayList<>();
    private final Thread reader;
    private LspServer server;

    LspClient(InputStream fromServer, OutputStream toServer) {
        this.in = fromServer;
        this.out = toServer;
        this.reader = new Thread(this::read, "lsp-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** A server in this process, on pipes. */
    static LspClient inProcess(LspSettings settings) throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream fromServer = new PipedOutputStream(clientIn);
        LspServer server = LspServer.start(serverIn, fromServer, settings);
        LspClient client = new LspClient(clientIn, toServer);
        client.server = server;
        return client;
    }

    static LspClient inProcess() throws IOException {
        return inProcess(LspSettings.defaults());
    }

    LspServer server() {
        return server;
    }

    // ------------------------------------------------------------ sending

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void send(ObjectNode message) throws IOException {
        byte[] body = JSON.writeValueAsBytes(message);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.write(body);
        sendRaw(framed.toByteArray());
    }

    CompletableFuture<JsonNode> requestAsync(String method, Object params) throws IOException {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        if (params != null) {
            m.set("params", JSON.valueToTree(params));
        }
        send(m);
        return f;
    }

    /** The whole response (with "result" or "error"). */
    JsonNode request(String method, Object params) throws Exception {
        return requestAsync(method, params).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** The result of a request that must succeed. */
    JsonNode result(String method, Object params) throws Exception {
        JsonNode response = request(method, params);
        if (response.has("error")) {
            throw new AssertionError(method + " failed: " + response);
        }
        return response.get("result");
    }

    void notify(String method, Object params) throws IOException {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method);
        if (params != null) {
            m.set("params", JSON.valueToTree(params));
        }
        send(m);
    }

    // ------------------------------------------------------------ the protocol, briefly

    JsonNode initialize(String rootUri) throws Exception {
        Map<String, Object> capabilities = Map.of(
                "textDocument", Map.of(
                        "hover", Map.of("contentFormat", List.of("markdown", "plaintext")),
                        "documentSymbol", Map.of("hierarchicalDocumentSymbolSupport", true),
                        "rename", Map.of("prepareSupport", true),
                        "publishDiagnostics", Map.of("relatedInformation", true)),
                "workspace", Map.of("didChangeWatchedFiles", Map.of("dynamicRegistration", true)));
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        params.put("processId", null);
        params.put("rootUri", rootUri);
        params.put("capabilities", capabilities);
        if (rootUri != null) {
            params.put("workspaceFolders", List.of(Map.of("uri", rootUri, "name", "test")));
        }
        JsonNode result = result("initialize", params);
        notify("initialized", Map.of());
        return result;
    }

    void open(String uri, String text) throws IOException {
        notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", uri, "languageId", "camp", "version", 1, "text", text)));
    }

    /** An incremental change: replaces the range (0-based lines, UTF-16 columns) with the text. */
    void change(String uri, int version, int startLine, int startChar, int endLine, int endChar, String text) throws IOException {
        Map<String, Object> range = Map.of("start", Map.of("line", startLine, "character", startChar),
                "end", Map.of("line", endLine, "character", endChar));
        notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", version),
                "contentChanges", List.of(Map.of("range", range, "text", text))));
    }

    void changeAll(String uri, int version, String text) throws IOException {
        notify("textDocument/didChange", Map.of("textDocument", Map.of("uri", uri, "version", version),
                "contentChanges", List.of(Map.of("text", text))));
    }

    void close(String uri) throws IOException {
        notify("textDocument/didClose", Map.of("textDocument", Map.of("uri", uri)));
    }

    static Map<String, Object> at(String uri, int line, int character) {
        return Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", line, "character", character));
    }

    /** Shuts the server down and exits; returns the server's exit code when it runs in this process. */
    int shutdownAndExit() throws Exception {
        result("shutdown", null);
        notify("exit", null);
        return server == null ? -1 : server.awaitExit();
    }

    // ------------------------------------------------------------ receiving

    /** Waits for a notification of a method that satisfies a condition (one already received counts). */
    JsonNode await(String method, Predicate<JsonNode> condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (notifications) {
            while (true) {
                for (int i = notifications.size() - 1; i >= 0; i--) {
                    JsonNode n = notifications.get(i);
                    if (method.equals(n.path("method").asText()) && condition.test(n.path("params"))) {
                        return n.path("params");
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + method + " as expected in " + TIMEOUT_SECONDS + " s; received: " + notifications);
                }
                notifications.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The diagnostics published for a document at a version (the latest such publication). */
    JsonNode diagnostics(String uri, int version) throws InterruptedException {
        return await("textDocument/publishDiagnostics",
                p -> p.path("uri").asText().equals(uri) && p.path("version").asInt(-1) == version).path("diagnostics");
    }

    /** Forgets the notifications received so far. */
    void clear() {
        synchronized (notifications) {
            notifications.clear();
        }
    }

    List<JsonNode> notifications(String method) {
        synchronized (notifications) {
            return notifications.stream().filter(n -> method.equals(n.path("method").asText())).toList();
        }
    }

    private void read() {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = readLine()).isEmpty()) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(line.substring("content-length:".length()).trim());
                    }
                }
                if (length < 0) {
                    continue;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    return;
                }
                dispatch(JSON.readTree(body));
            }
        } catch (IOException | RuntimeException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private void dispatch(JsonNode message) throws IOException {
        if (message.has("id") && (message.has("result") || message.has("error")) && !message.has("method")) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asInt());
            if (f != null) {
                f.complete(message);
            }
            return;
        }
        if (message.has("id") && message.has("method")) {
            // a request from the server (registerCapability...): accepted
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", message.get("id"));
            answer.putNull("result");
            send(answer);
        }
        synchronized (notifications) {
            notifications.add(message);
            notifications.notifyAll();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("end of stream");
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        out.close();
    }
}
