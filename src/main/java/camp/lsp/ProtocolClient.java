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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal client of the language server, for the benchmark ({@code camp.bench.LspBench}) and
 * scripts: {@code Content-Length} framing over a pair of streams, requests matched to responses,
 * and the time each {@code publishDiagnostics} arrived, by document and version. It speaks the
 * few messages a benchmark needs and exposes plain values, not JSON.
 */
public final class ProtocolClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final InputStream in;
    private final OutputStream out;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    /** For each "uri#version", when its diagnostics arrived (System.nanoTime) and how many there were. */
    private final Map<String, long[]> diagnostics = new HashMap<>();
    private LspServer server;
    private JsonNode capabilities;

    private ProtocolClient(InputStream in, OutputStream out) {
        this.in = in;
        this.out = out;
        Thread reader = new Thread(this::read, "camp-lsp-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** A server started in this process, on pipes. */
    public static ProtocolClient inProcess(LspSettings settings) throws IOException {
        PipedInputStream serverIn = new PipedInputStream(1 << 20);
        PipedOutputStream toServer = new PipedOutputStream(serverIn);
        PipedInputStream clientIn = new PipedInputStream(1 << 20);
        PipedOutputStream fromServer = new PipedOutputStream(clientIn);
        LspServer server = LspServer.start(serverIn, fromServer, settings);
        ProtocolClient client = new ProtocolClient(clientIn, toServer);
        client.server = server;
        return client;
    }

    /** A server in another process (its stdout, its stdin). */
    public static ProtocolClient over(InputStream fromServer, OutputStream toServer) {
        return new ProtocolClient(fromServer, toServer);
    }

    /** Initializes with a workspace folder; returns the server's name and version. */
    public String initialize(String rootUri) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put("processId", null);
        params.put("rootUri", rootUri);
        params.put("workspaceFolders", List.of(Map.of("uri", rootUri, "name", "workspace")));
        params.put("capabilities", Map.of("textDocument", Map.of("hover", Map.of("contentFormat", List.of("markdown")),
                "publishDiagnostics", Map.of("relatedInformation", true))));
        JsonNode result = request("initialize", params);
        capabilities = result.path("capabilities");
        notify("initialized", Map.of());
        return result.path("serverInfo").path("name").asText() + " " + result.path("serverInfo").path("version").asText();
    }

    /** Whether the server announced a capability, such as {@code completionProvider}. */
    public boolean offers(String capability) {
        return capabilities != null && capabilities.has(capability) && !capabilities.get(capability).isNull()
                && !(capabilities.get(capability).isBoolean() && !capabilities.get(capability).asBoolean());
    }

    public void open(String uri, String text) throws IOException {
        notify("textDocument/didOpen", Map.of("textDocument", Map.of("uri", uri, "languageId", "camp", "version", 1, "text", text)));
    }

    /** Sends an incremental change (0-based line, UTF-16 columns); returns System.nanoTime() just before sending. */
    public long change(String uri, int version, int line, int startCharacter, int endCharacter, String text) throws IOException {
        Map<String, Object> range = Map.of("start", Map.of("line", line, "character", startCharacter),
                "end", Map.of("line", line, "character", endCharacter));
        byte[] message = frame("textDocument/didChange", null, Map.of("textDocument", Map.of("uri", uri, "version", version),
                "contentChanges", List.of(Map.of("range", range, "text", text))));
        long sent = System.nanoTime();
        write(message);
        return sent;
    }

    /** Waits for the diagnostics of a version of a document: returns {when they arrived (System.nanoTime), how many}. */
    public long[] awaitDiagnostics(String uri, int version) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        synchronized (diagnostics) {
            while (true) {
                long[] seen = diagnostics.get(uri + "#" + version);
                if (seen != null) {
                    return seen;
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("no diagnostics for version " + version + " of " + uri);
                }
                diagnostics.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** The text of a hover, or "" when there is none. */
    public String hover(String uri, int line, int character) throws Exception {
        JsonNode r = request("textDocument/hover", position(uri, line, character));
        return r == null || r.isNull() ? "" : r.path("contents").path("value").asText();
    }

    /** How many completion items the server proposes at a position. */
    public int completion(String uri, int line, int character) throws Exception {
        JsonNode r = request("textDocument/completion", position(uri, line, character));
        if (r == null || r.isNull()) {
            return 0;
        }
        return r.isArray() ? r.size() : r.path("items").size();
    }

    /** Shuts the server down and says exit. */
    public void shutdown() throws Exception {
        request("shutdown", null);
        notify("exit", null);
        if (server != null) {
            server.awaitExit();
        }
    }

    private static Map<String, Object> position(String uri, int line, int character) {
        return Map.of("textDocument", Map.of("uri", uri), "position", Map.of("line", line, "character", character));
    }

    private JsonNode request(String method, Object params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        write(frame(method, id, params));
        JsonNode response = f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + ": " + response.get("error"));
        }
        return response.get("result");
    }

    private void notify(String method, Object params) throws IOException {
        write(frame(method, null, params));
    }

    private static byte[] frame(String method, Integer id, Object params) throws IOException {
        ObjectNode m = JSON.createObjectNode().put("jsonrpc", "2.0");
        if (id != null) {
            m.put("id", id);
        }
        m.put("method", method);
        if (params != null) {
            m.set("params", JSON.valueToTree(params));
        }
        byte[] body = JSON.writeValueAsBytes(m);
        ByteArrayOutputStream framed = new ByteArrayOutputStream(body.length + 32);
        framed.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        framed.write(body);
        return framed.toByteArray();
    }

    private synchronized void write(byte[] message) throws IOException {
        out.write(message);
        out.flush();
    }

    private void read() {
        try {
            while (true) {
                int length = -1;
                String line;
                while (!(line = line()).isEmpty()) {
                    if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                        length = Integer.parseInt(line.substring(15).trim());
                    }
                }
                if (length < 0) {
                    continue;
                }
                byte[] body = in.readNBytes(length);
                long arrived = System.nanoTime();
                if (body.length < length) {
                    return;
                }
                JsonNode m = JSON.readTree(body);
                if (m.has("id") && !m.has("method")) {
                    CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                    if (f != null) {
                        f.complete(m);
                    }
                } else if (m.has("id")) {
                    ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
                    answer.set("id", m.get("id"));
                    answer.putNull("result");
                    byte[] bytes = JSON.writeValueAsBytes(answer);
                    write(("Content-Length: " + bytes.length + "\r\n\r\n" + new String(bytes, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8));
                } else if ("textDocument/publishDiagnostics".equals(m.path("method").asText())) {
                    JsonNode p = m.path("params");
                    synchronized (diagnostics) {
                        diagnostics.put(p.path("uri").asText() + "#" + p.path("version").asInt(-1),
                                new long[] {arrived, p.path("diagnostics").size()});
                        diagnostics.notifyAll();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            pending.values().forEach(f -> f.completeExceptionally(e));
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.write(c);
            }
        }
        if (c == -1 && line.size() == 0) {
            throw new IOException("the server closed its output");
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
