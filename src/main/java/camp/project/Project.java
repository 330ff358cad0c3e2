package camp.project;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A campaign's project: its folder and the other places it may read.
 *
 * <pre>
 * # camp.toml, at the project's root
 * db = "state/camp.duckdb"         # the run state (default: .camp/camp.duckdb beside this file)
 *
 * [run]
 * at = "2026-03-10 09:00"          # the logical time of camp run without --at (default: now)
 *
 * [engine]                         # where runs keep their state and worktables (default: duckdb, the db file)
 * name = "postgres"                # as --engine (duckdb, postgres or spark)
 * url = "jdbc:postgresql://db.example.com:5432/crm"   # as --url; the login from CAMP_PG_USER/CAMP_PG_PASSWORD
 * schema = "marketing"             # as --schema: camp's schemas are marketing_state, marketing_saved...
 *
 * [paths]
 * allow = ["../shared-data", "/srv/exports", "https://data.example.com/feeds/"]
 *
 * [providers]                      # where each channel's messages go (default: the file outbox)
 * email = "smtp://mail.example.com:587?starttls=required"
 * sms = "webhook+https://sms.example.com/v1/messages"
 *
 * [smtp]
 * from = "Maison Nord &lt;news@maison-nord.example&gt;"   # when an e-mail activity has no from
 * user_env = "CAMP_SMTP_USER"           # the environment variables that hold the login (these are the defaults)
 * password_env = "CAMP_SMTP_PASSWORD"
 *
 * [webhook.headers]
 * X-Api-Key = "${SMS_API_KEY}"     # ${NAME}: from the environment, when the run starts
 * </pre>
 *
 * @param root the folder of {@code camp.toml}, or the campaign's folder when there is none
 * @param config the {@code camp.toml} file, or null
 * @param allowedFolders other folders whose files campaigns may read (absolute, normalized)
 * @param allowedUrls prefixes of URLs that csv and parquet sources may read
 * @param providers channel ({@code email}, {@code sms}, {@code push}) to provider URL, as written
 * @param smtp the {@code [smtp]} settings, as written
 * @param webhookHeaders the {@code [webhook.headers]}, as written
 * @param database the {@code db} of {@code camp.toml}, resolved against its folder; null when not set
 * @param runAt {@code [run] at}: the logical time of runs without {@code --at}, as written; null when not set
 * @param engine the {@code [engine]} settings ({@code name}, {@code url}), as written
 */
public record Project(Path root, Path config, List<Path> allowedFolders, List<String> allowedUrls, Map<String, String> providers,
        Map<String, String> smtp, Map<String, String> webhookHeaders, Path database, String runAt, Map<String, String> engine) {
    /** The name of the project's file. */
    public static final String CONFIG = "camp.toml";

    /**
     * The TOML reader without an ObjectMapper: the project file is read at every check, and making a
     * mapper (serializers, type factory, introspection) took a tenth of a cold {@code camp check}.
     */
    private static final TomlFactory TOML = new TomlFactory();

    public Project {
        requireNonNull(root, "root is null");
        allowedFolders = List.copyOf(allowedFolders);
        allowedUrls = List.copyOf(allowedUrls);
        providers = Map.copyOf(providers);
        smtp = Map.copyOf(smtp);
        webhookHeaders = Map.copyOf(webhookHeaders);
    }

    /** The channels a {@code [providers]} table may name. */
    public static final List<String> CHANNELS = List.of("email", "sms", "push");

    /** The keys of {@code [run]}. */
    public static final List<String> RUN_KEYS = List.of("at");

    /** The keys of {@code [engine]}, and the engines it may name. */
    public static final List<String> ENGINE_KEYS = List.of("name", "url", "schema");
    public static final List<String> ENGINES = List.of("duckdb", "postgres", "spark");

    /** The keys of {@code [smtp]}. */
    public static final List<String> SMTP_KEYS = List.of("from", "user_env", "password_env", "trust");

    /** A project without a file: only its folder. */
    public static Project folder(Path root) {
        return new Project(real(root.toAbsolutePath().normalize()), null, List.of(), List.of(), Map.of(), Map.of(), Map.of(), null, null,
                Map.of());
    }

    /**
     * The project of a campaign file: the nearest {@code camp.toml} in the file's folder or
     * above, else the file's folder alone. A {@code camp.toml} that cannot be read is a
     * {@link ConfigException}.
     */
    public static Project of(Path file) throws ConfigException {
        Path start = file.toAbsolutePath().normalize().getParent();
        return around(start == null ? Path.of("").toAbsolutePath() : start);
    }

    /** The project a folder belongs to: the nearest {@code camp.toml} in it or above, else the folder alone. */
    public static Project around(Path folder) throws ConfigException {
        Path start = folder.toAbsolutePath().normalize();
        for (Path at = start; at != null; at = at.getParent()) {
            Path config = at.resolve(CONFIG);
            if (Files.isRegularFile(config)) {
                return read(config);
            }
        }
        return folder(start);
    }

    /** The project's run state: {@code db} of {@code camp.toml}, else {@code .camp/camp.duckdb} beside it; null without a {@code camp.toml}. */
    public Path defaultDatabase() {
        if (database != null) {
            return database;
        }
        return config == null ? null : root.resolve(".camp").resolve("camp.duckdb");
    }

    /** The document as a tree of nodes, built from the parser's tokens. */
    static JsonNode tree(String text) throws IOException {
        try (JsonParser parser = TOML.createParser(text)) {
            return parser.nextToken() == null ? JsonNodeFactory.instance.objectNode() : node(parser);
        }
    }

    /** The value at the parser's current token (its whole object or array), leaving the parser on its last token. */
    private static JsonNode node(JsonParser parser) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, node(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(node(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return nodes.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> nodes.numberNode(parser.getIntValue());
                    case LONG -> nodes.numberNode(parser.getLongValue());
                    default -> nodes.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? nodes.numberNode(parser.getDecimalValue()) : nodes.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return nodes.booleanNode(parser.getBooleanValue());
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> {
                // dates and times of TOML come as embedded objects: kept as their text
                Object value = parser.getEmbeddedObject();
                return nodes.textNode(value == null ? parser.getText() : value.toString());
            }
        }
    }

    /** Reads a {@code camp.toml}. */
    public static Project read(Path config) throws ConfigException {
        Path root = config.toAbsolutePath().normalize().getParent();
        JsonNode toml;
        try {
            toml = tree(Files.readString(config));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ConfigException(config, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(config, 0, 0, "cannot read it: " + e.getMessage());
        }
        List<Path> folders = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        JsonNode allow = toml.path("paths").path("allow");
        if (!allow.isMissingNode() && !allow.isArray()) {
            throw new ConfigException(config, 0, 0, "[paths] allow must be a list of folders, such as allow = [\"../data\"]");
        }
        for (JsonNode entry : allow) {
            String text = entry.asText();
            if (!entry.isTextual() || text.isBlank()) {
                throw new ConfigException(config, 0, 0, "[paths] allow lists folders as strings, found " + entry);
            }
            if (isUrl(text)) {
                urls.add(text);
                continue;
            }
            try {
                folders.add(real(root.resolve(text).normalize()));
            } catch (InvalidPathException e) {
                throw new ConfigException(config, 0, 0, "[paths] allow: '" + text + "' is not a path");
            }
        }
        Map<String, String> providers = strings(config, toml, "providers", CHANNELS);
        Map<String, String> smtp = strings(config, toml, "smtp", SMTP_KEYS);
        Map<String, String> headers = strings(config, toml.path("webhook"), "headers", null);
        JsonNode db = toml.path("db");
        Path database = null;
        if (!db.isMissingNode()) {
            if (!db.isTextual() || db.asText().isBlank()) {
                throw new ConfigException(config, 0, 0, "db must be the path of the DuckDB file in double quotes, such as db = \".camp/camp.duckdb\"");
            }
            try {
                database = root.resolve(db.asText()).normalize();
            } catch (InvalidPathException e) {
                throw new ConfigException(config, 0, 0, "db: '" + db.asText() + "' is not a path");
            }
        }
        String runAt = strings(config, toml, "run", RUN_KEYS).get("at");
        Map<String, String> engine = strings(config, toml, "engine", ENGINE_KEYS);
        String name = engine.get("name");
        if (name != null && !ENGINES.contains(name)) {
            throw new ConfigException(config, 0, 0, "[engine] name must be one of " + String.join(", ", ENGINES) + ", not '" + name + "'");
        }
        if ("postgres".equals(name) && engine.get("url") == null) {
            throw new ConfigException(config, 0, 0,
                    "[engine] name = \"postgres\" needs the database: url = \"jdbc:postgresql://HOST:PORT/DATABASE\"");
        }
        if ("spark".equals(name) && engine.get("url") == null) {
            throw new ConfigException(config, 0, 0, "[engine] name = \"spark\" needs the cluster: url = \"spark://HOST:PORT\"");
        }
        return new Project(real(root), config, folders, urls, providers, smtp, headers, database, runAt, engine);
    }

    /** A table of strings, its keys among {@code known} (any when null). */
    private static Map<String, String> strings(Path config, JsonNode toml, String table, List<String> known) throws ConfigException {
        JsonNode node = toml.path(table);
        if (node.isMissingNode()) {
            return Map.of();
        }
        String name = table.equals("headers") ? "[webhook.headers]" : "[" + table + "]";
        if (!node.isObject()) {
            throw new ConfigException(config, 0, 0, name + " must be a table, such as " + name + " on a line of its own");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var e : node.properties()) {
            if (known != null && !known.contains(e.getKey())) {
                throw new ConfigException(config, 0, 0, name + " has no key '" + e.getKey() + "' (known: " + String.join(", ", known) + ")");
            }
            if (!e.getValue().isTextual()) {
                throw new ConfigException(config, 0, 0, name + " " + e.getKey() + " must be a string in double quotes");
            }
            values.put(e.getKey(), e.getValue().asText());
        }
        return values;
    }

    /** Whether a text names a URL ({@code https://...}, {@code s3://...}) rather than a file. */
    public static boolean isUrl(String text) {
        return text.contains("://");
    }

    /** Every folder campaigns may read: the root first. */
    public List<Path> folders() {
        List<Path> all = new ArrayList<>();
        all.add(root);
        all.addAll(allowedFolders);
        return all;
    }

    /**
     * Whether a campaign may read this file: it lies in one of the project's folders, links
     * followed (a link inside the project to a file outside it is outside). A file that does not
     * exist yet is judged by its path.
     */
    public boolean allows(Path file) {
        Path p = real(file.toAbsolutePath().normalize());
        return folders().stream().anyMatch(p::startsWith);
    }

    /** Whether a csv or parquet source may read this URL: {@code [paths] allow} lists a prefix of it. */
    public boolean allowsUrl(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return allowedUrls.stream().anyMatch(prefix -> u.startsWith(prefix.toLowerCase(Locale.ROOT)));
    }

    /** The path with its links followed as far as it exists; the rest as written. */
    static Path real(Path p) {
        Path existing = p;
        Path rest = Path.of("");
        while (existing != null && !Files.exists(existing)) {
            rest = existing.getFileName() == null ? rest : existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return p;
        }
        try {
            return existing.toRealPath().resolve(rest).normalize();
        } catch (IOException e) {
            return p;
        }
    }

    /** A {@code camp.toml} that cannot be read: where, and why. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final int line;
        private final int column;

        public ConfigException(Path file, int line, int column, String message) {
            super(message);
            this.file = file;
            this.line = line;
            this.column = column;
        }

        public Path file() {
            return file;
        }

        /** 1-based, or 0 when unknown. */
        public int line() {
            return line;
        }

        public int column() {
            return column;
        }
    }
}
