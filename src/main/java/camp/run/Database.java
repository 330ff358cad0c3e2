package camp.run;

import camp.sql.Dialect;
import camp.sql.DuckDbDialect;
import camp.sql.PostgresDialect;
import camp.sql.Schemas;
import camp.sql.SparkDialect;
import camp.sql.StateSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Opens the DuckDB file that holds the source tables and the run state, creating the state
 * tables on first use. The default file is {@code .camp/camp.duckdb} under the current
 * directory ({@link #DEFAULT_PATH}).
 */
public final class Database {
    /** Where run state goes when no --db is given. */
    public static final Path DEFAULT_PATH = Path.of(".camp", "camp.duckdb");

    private Database() {
    }

    /** The folder of a database file, where its outbox, events, control requests and scratch files go. */
    public static Path folder(Path file) {
        Path parent = file.toAbsolutePath().normalize().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }

    /**
     * Fails with one clear line when the database file, or a new one in its folder, cannot be
     * written, without creating anything: the folders it would create are judged by the nearest
     * one that exists.
     */
    public static void checkWritable(Path file) throws Unavailable {
        Path parent = folder(file);
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && existing != parent && !Files.isWritable(existing)) {
            throw new Unavailable("cannot create the folder " + parent + " for the database " + file + " ("
                    + existing + " is read-only); pass --db with a path in a folder you can write", null);
        }
        if (existing == parent) {
            requireWritable(file);
        }
    }

    /**
     * Where the files that belong to one database go, by kind ({@code outbox}, {@code events},
     * {@code control}): {@code <its folder>/<kind>/<its name without .duckdb>/}. Two databases in
     * one folder never share a file: a run id (the logical time) is unique in one database only.
     */
    public static Path sideFolder(Path file, String kind) {
        String name = file.getFileName().toString();
        String stem = name.endsWith(".duckdb") && name.length() > ".duckdb".length() ? name.substring(0, name.length() - ".duckdb".length())
                : name;
        return folder(file).resolve(kind).resolve(stem);
    }

    /** Fails with one clear line when the database file, or a new one in its folder, cannot be written. */
    public static void requireWritable(Path file) throws Unavailable {
        Path parent = folder(file);
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new Unavailable("cannot create the folder " + parent + " for the database " + file + " (" + reason(e)
                    + "); pass --db with a path in a folder you can write", e);
        }
        if (!Files.isWritable(parent) || Files.exists(file) && !Files.isWritable(file)) {
            throw new Unavailable("cannot write the database " + file + ": " + (Files.exists(file) && Files.isWritable(parent)
                    ? "the file is read-only" : "its folder " + parent + " is read-only") + "; pass --db with a path in a folder you can write",
                    null);
        }
    }

    /** Opens the file for reading and writing, creating it and the state tables if needed. */
    public static Connection open(Path file) throws SQLException {
        requireWritable(file);
        if (isSparkFile(file)) {
            String master = connectionUrl(file);
            SparkEngine.reachable(master); // before anything is created
            return SparkConnection.open(open(SparkConnection.stateFile(file)), master, file, true);
        }
        if (isConnectionFile(file)) {
            return openPostgres(connectionUrl(file), connectionSchemas(file));
        }
        Connection c = prepared(connect(file, false));
        // a little room kept for recording what happened if the disk fills up during a run
        DiskFull.keepReserve(file);
        return c;
    }

    /**
     * A fresh in-memory database with the run state's tables, gone when it is closed: where
     * {@code camp test} runs each test, on its fixtures and nothing else.
     */
    public static Connection openInMemory() throws SQLException {
        return prepared(DriverManager.getConnection("jdbc:duckdb:"));
    }

    /**
     * Opens the run state in a PostgreSQL database ({@code jdbc:postgresql://HOST:PORT/DB}),
     * creating its tables if needed. The login comes from the URL or from the environment
     * ({@code CAMP_PG_USER} and {@code CAMP_PG_PASSWORD}, else PostgreSQL's own {@code PGUSER} and
     * {@code PGPASSWORD}), never from the command line; no message names the password.
     */
    public static Connection openPostgres(String url) throws SQLException {
        return openPostgres(url, Schemas.DEFAULT);
    }

    /** As {@link #openPostgres(String)}, camp's schemas under a prefix ({@code --schema}). */
    public static Connection openPostgres(String url, Schemas schemas) throws SQLException {
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new Unavailable("the PostgreSQL engine needs a URL of the form jdbc:postgresql://HOST:PORT/DATABASE, not '"
                    + (url == null ? "" : shown(url)) + "'", null);
        }
        Properties p = new Properties();
        String user = firstSet(System.getenv("CAMP_PG_USER"), System.getenv("PGUSER"));
        String password = firstSet(System.getenv("CAMP_PG_PASSWORD"), System.getenv("PGPASSWORD"));
        if (user != null && !url.contains("user=")) {
            p.setProperty("user", user);
        }
        if (password != null && !url.contains("password=")) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "camp");
        p.setProperty("connectTimeout", "10");
        Connection c;
        try {
            c = DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            String shown = shown(url);
            String why = firstLine(String.valueOf(e.getMessage()));
            if (password != null) {
                why = why.replace(password, "...");
            }
            throw new Unreachable("cannot connect to PostgreSQL at " + shown + ": " + why, e);
        }
        SCHEMAS.put(c, schemas);
        return prepared(c);
    }

    /** A URL as it may be printed: its password, if it has one, replaced by {@code ...}. */
    public static String shown(String url) {
        return url.replaceAll("password=[^&]*", "password=...");
    }

    private static String firstSet(String a, String b) {
        return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
    }

    /** How a connection file's name ends: {@code NAME.postgres} names a run state kept in PostgreSQL. */
    public static final String CONNECTION_SUFFIX = ".postgres";

    /**
     * How a Spark connection file's name ends: {@code NAME.spark} holds a cluster's master URL; the
     * run state goes to {@code NAME.spark.duckdb} beside it, the tables to Spark's warehouse
     * ({@code spark-warehouse/NAME/} beside it).
     */
    public static final String SPARK_SUFFIX = ".spark";

    /** The bytes of the files in the warehouse folder of a Spark connection file. */
    public static long sparkWarehouseBytes(Path file) throws SQLException {
        Path warehouse = SparkConnection.warehouse(file);
        if (!Files.isDirectory(warehouse)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(warehouse)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SQLException("cannot measure " + warehouse + ": " + e.getMessage(), e);
        }
    }

    /** Whether a path is a Spark connection file. */
    public static boolean isSparkFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(SPARK_SUFFIX);
    }

    /**
     * Whether a path names a run state kept in another engine: a small file ({@code NAME.postgres})
     * whose one line is the JDBC URL of the database (without a password, which comes from the
     * environment). The run's local files (event logs, control requests, the file outbox) go
     * beside it, as beside a DuckDB file.
     */
    public static boolean isConnectionFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().endsWith(CONNECTION_SUFFIX) || isSparkFile(file);
    }

    /** The URLs given to this process for its connection files, a password included: the files never hold one. */
    private static final java.util.Map<Path, String> GIVEN_URLS = new java.util.concurrent.ConcurrentHashMap<>();

    /** camp's schemas in each open connection to a server: {@link Schemas#DEFAULT} unless a connection file names a prefix. */
    private static final java.util.Map<Connection, Schemas> SCHEMAS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Where camp's schemas are in the database of a connection. */
    public static Schemas schemas(Connection c) {
        Schemas s = SCHEMAS.get(c);
        return s == null ? Schemas.DEFAULT : s;
    }

    /**
     * The prefix of camp's schemas a connection file names: a line {@code schema = NAME} after the
     * URL; {@link Schemas#DEFAULT} without one.
     */
    public static Schemas connectionSchemas(Path file) throws SQLException {
        try {
            List<String> lines = Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*schema\\s*=\\s*(\\S*)\\s*").matcher(line);
                if (m.matches()) {
                    String problem = Schemas.problem(m.group(1));
                    if (problem != null) {
                        throw new Unavailable(file + ": " + problem, null);
                    }
                    return new Schemas(m.group(1));
                }
            }
            return Schemas.DEFAULT;
        } catch (IOException e) {
            throw new Unavailable("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** The URL a connection file holds (or was given with, in this process): its first line. */
    public static String connectionUrl(Path file) throws SQLException {
        String given = GIVEN_URLS.get(file.toAbsolutePath().normalize());
        if (given != null) {
            return given;
        }
        try {
            String text = Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip();
            String url = text.lines().findFirst().orElse("").strip();
            if (url.isEmpty()) {
                throw new Unavailable(file + " names no database: write " + (isSparkFile(file) ? "the master URL of the Spark cluster"
                        : "the JDBC URL of the PostgreSQL database") + " in it", null);
            }
            return url;
        } catch (IOException e) {
            throw new Unavailable("cannot read " + file + ": " + reason(e), e);
        }
    }

    /** Writes a connection file for a URL (the password, if any, left out); returns the file. */
    public static Path writeConnectionFile(Path file, String url) throws Unavailable {
        return writeConnectionFile(file, url, Schemas.DEFAULT);
    }

    /** Writes a connection file for a URL and a prefix of camp's schemas (a line {@code schema = NAME} when not the default). */
    public static Path writeConnectionFile(Path file, String url, Schemas schemas) throws Unavailable {
        try {
            Files.createDirectories(folder(file));
            GIVEN_URLS.put(file.toAbsolutePath().normalize(), url);
            String kept = url.replaceAll("([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "")
                    + (schemas.isDefault() ? "" : "\nschema = " + schemas.prefix());
            if (!Files.exists(file) || !Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip().equals(kept)) {
                Files.writeString(file, kept + "\n", java.nio.charset.StandardCharsets.UTF_8);
            }
            return file;
        } catch (IOException e) {
            throw new Unavailable("cannot write " + file + ": " + reason(e), e);
        }
    }

    /** The dialect of the engine a connection reaches. */
    public static Dialect dialect(Connection c) {
        try {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
            return product.contains("postgres") ? PostgresDialect.INSTANCE : product.equals("spark") ? SparkDialect.INSTANCE
                    : DuckDbDialect.INSTANCE;
        } catch (SQLException e) {
            return DuckDbDialect.INSTANCE;
        }
    }

    /** A connection with camp's settings and the run state's tables; closed when they cannot be made. */
    private static Connection prepared(Connection c) throws SQLException {
        Dialect dialect = dialect(c);
        StateSql state = new StateSql(dialect);
        Schemas schemas = schemas(c);
        try (Statement s = c.createStatement()) {
            for (String setting : state.settings()) {
                s.execute(setting);
            }
            for (String ddl : state.ddl()) {
                s.execute(schemas.rewrite(ddl));
            }
            for (String helper : dialect.setup()) {
                s.execute(helper);
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Opens an existing file for reading and writing; a missing file is an error, not a new database. */
    public static Connection openExisting(Path file) throws SQLException {
        if (!Files.exists(file)) {
            throw new SQLException("no database at " + file + " (run a campaign first, or pass --db)");
        }
        return open(file);
    }

    /**
     * Opens an existing file read-only, for the inspection commands. Two states of a file need
     * one write first, which is done here when no other process holds the file: changes left in
     * the write-ahead log by a process that ended without closing the file, which DuckDB cannot
     * always replay read-only (it may need to write index blocks back), and the run state of an
     * earlier camp, which the tables of this one bring up to date.
     */
    public static Connection openReadOnly(Path file) throws SQLException {
        if (!Files.exists(file)) {
            throw new SQLException("no database at " + file + " (run a campaign first, or pass --db)");
        }
        Connection c;
        try {
            if (isSparkFile(file)) {
                return SparkConnection.open(openReadOnly(SparkConnection.stateFile(file)), connectionUrl(file), file, false);
            }
            if (isConnectionFile(file)) {
                return openPostgres(connectionUrl(file), connectionSchemas(file));
            }
            c = connect(file, true);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("replaying WAL")) {
                throw e;
            }
            writeOnce(file, e);
            return connect(file, true);
        }
        if (stateVersion(c) < StateSql.VERSION) {
            c.close();
            writeOnce(file, null);
            return connect(file, true);
        }
        return c;
    }

    /** Opens the file read-write and closes it: the log is replayed and checkpointed, the state tables updated. */
    private static void writeOnce(Path file, SQLException cause) throws SQLException {
        try (Connection rw = open(file); Statement s = rw.createStatement()) {
            s.execute("CHECKPOINT");
        } catch (SQLException e) {
            SQLException failure = new SQLException("the database " + file + " needs one write before it can be read ("
                    + (cause == null ? "it holds the run state of an earlier camp" : "a process ended without closing it")
                    + "), and it cannot be written now: " + firstLine(String.valueOf(e.getMessage())), e);
            if (cause != null) {
                failure.addSuppressed(cause);
            }
            throw failure;
        }
    }

    /** The version of the run state a file holds; 0 when it holds none (not camp's, or new). */
    private static int stateVersion(Connection c) {
        try (Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT value FROM camp_state.meta WHERE key = 'schema_version'")) {
            return r.next() ? Integer.parseInt(r.getString(1)) : 0;
        } catch (SQLException | NumberFormatException e) {
            return Integer.MAX_VALUE; // no run state here: nothing to bring up to date, the caller says what is wrong
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        if (readOnly) {
            p.setProperty("duckdb.read_only", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        } catch (LinkageError e) {
            Throwable cause = NativeLibraries.loadFailure() != null ? NativeLibraries.loadFailure() : e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new SQLException("cannot load DuckDB's native library: " + cause, e);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock") || m.contains("Conflicting")) {
                throw new Unavailable("the database " + file + " is in use by another camp process" + holder(file) + ": " + firstLine(m), e);
            }
            throw e;
        }
    }

    /**
     * The database cannot be opened at all: another process holds it, or its folder cannot be
     * written. Nothing was read or written; the command that wanted it says so and ends.
     */
    public static final class Unavailable extends SQLException {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * A database server that cannot be reached or refuses the login: the run fails (exit 3), and
     * nothing of it is lost, since nothing was written; the same command runs it once the server
     * answers.
     */
    public static final class Unreachable extends SQLException {
        private static final long serialVersionUID = 1L;

        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Which run holds a database, as the event logs tell it: ", run R of 'C' (camp status R)", or nothing. */
    private static String holder(Path file) {
        try {
            List<String> going = new ArrayList<>();
            for (EventLog.Summary r : EventLog.runs(file)) {
                if (r.status().equals("running")) {
                    going.add("run " + r.run() + (r.campaign() == null ? "" : " of '" + r.campaign() + "'") + " (camp status " + r.run() + ")");
                }
            }
            return going.isEmpty() ? "" : ", " + String.join(" and ", going);
        } catch (IOException e) {
            return "";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return String.valueOf(e.getMessage());
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
