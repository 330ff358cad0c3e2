package camp.run;

import camp.sql.SparkDialect;
import camp.sql.StateSql;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The connection of a run on Spark: one JDBC connection to the interpreter, two engines behind it.
 * The run state (runs, tasks, logs, worktables, samples, saved audiences' and incremental records)
 * stays in a DuckDB file beside the connection file, where it is updated in place and committed
 * task by task, as orchestrated-campaign products keep their operational state apart from the
 * warehouse. Everything else (sources, worktables, ledgers, saved audiences and the delivery
 * history) is parquet tables in Spark's warehouse, which no statement updates in place.
 *
 * <p>A statement goes to DuckDB when it names a state table ({@code camp_state.X}) other than the
 * delivery history, and to Spark otherwise. Spark has no transaction: a task's commit is its state
 * record's, and a task run again (after a failure, a stop or a {@code kill -9}) replaces its tables
 * ({@code CREATE TABLE} drops the table first) while its ledger's statements add only what is
 * missing. Spark's catalog lives in the session: the tables of the warehouse are registered again
 * when a process starts its session, which a run does at once and a command that reads at its
 * first Spark statement only (those that read only the run state never start one).
 */
final class SparkConnection {
    private static final Pattern CREATE = Pattern.compile("^\\s*CREATE TABLE\\s+(?!IF NOT EXISTS)(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_CASCADE = Pattern.compile("^(\\s*DROP (?:TABLE|VIEW) .*?)\\s+CASCADE\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CREATE_VIEW = Pattern.compile("^\\s*CREATE VIEW\\s+(IF NOT EXISTS\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_VIEW = Pattern.compile("^\\s*DROP VIEW\\s+(?:IF EXISTS\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DROP_SCHEMA = Pattern.compile("^\\s*DROP SCHEMA\\s+(?:IF EXISTS\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern LIMIT = Pattern.compile("\\sLIMIT \\?\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern DESCRIBE = Pattern.compile("^\\s*DESCRIBE QUERY ", Pattern.CASE_INSENSITIVE);
    private static final String CATALOG = "information_schema.tables";

    private final Connection state;
    private final String master;
    private final Path warehouse;
    private SparkEngine spark;

    private SparkConnection(Connection state, String master, Path warehouse) {
        this.state = state;
        this.master = master;
        this.warehouse = warehouse;
    }

    /**
     * The connection of a Spark connection file ({@code NAME.spark}, holding the master URL): its
     * state in {@code NAME.spark.duckdb} beside it (opened as {@code state}), its tables in
     * {@code spark-warehouse/NAME/} beside it. The session starts {@code now} (a run: an unreachable
     * cluster fails it before anything is written), else at the first statement for Spark.
     */
    static Connection open(Connection state, String master, Path file, boolean now) throws SQLException {
        SparkConnection c = new SparkConnection(state, master, warehouse(file));
        if (now) {
            try {
                c.spark();
            } catch (SQLException | RuntimeException e) {
                state.close();
                throw e;
            }
        }
        return (Connection) Proxy.newProxyInstance(SparkConnection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Handler(c, Connection.class, c::connection));
    }

    /** The DuckDB file that holds the run state of a Spark connection file. */
    static Path stateFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".duckdb");
    }

    /** The warehouse folder of a Spark connection file. */
    static Path warehouse(Path file) {
        String name = file.getFileName().toString();
        return Database.folder(file).resolve("spark-warehouse").resolve(name.substring(0, name.length() - ".spark".length()));
    }

    /** The Spark connection a JDBC connection is, or null. */
    static SparkConnection of(Connection c) {
        return Proxy.isProxyClass(c.getClass()) && Proxy.getInvocationHandler(c) instanceof Handler h
                && h.target() instanceof SparkConnection s ? s : null;
    }

    /** A folder the cluster reads files from (under the warehouse, which it reaches). */
    Path staging() throws IOException {
        return Files.createDirectories(warehouse.resolve("_staging"));
    }

    /** Whether a statement is the run state's, kept in DuckDB. */
    static boolean isState(String sql, List<Object> params) {
        if (sql.contains(CATALOG)) {
            return !params.isEmpty() && StateSql.SCHEMA.equals(params.get(0));
        }
        return sql.contains(StateSql.SCHEMA + ".") && !sql.contains(StateSql.SCHEMA + ".deliveries");
    }

    private Object connection(Object self, Method m, Object[] args) throws Exception {
        return switch (m.getName()) {
            case "createStatement" -> statement(null);
            case "prepareStatement" -> isState((String) args[0], List.of()) && !((String) args[0]).contains(CATALOG)
                    ? state.prepareStatement((String) args[0]) : statement((String) args[0]);
            case "getMetaData" -> proxy(DatabaseMetaData.class, (s, mm, a) -> switch (mm.getName()) {
                case "getDatabaseProductName" -> "Spark";
                default -> unsupported(mm);
            });
            case "setAutoCommit", "commit", "rollback", "getAutoCommit", "isClosed", "isValid" -> invoke(state, m, args);
            case "close" -> {
                try {
                    state.close();
                } finally {
                    if (spark != null) {
                        spark.stop();
                        spark = null;
                    }
                }
                yield null;
            }
            case "unwrap" -> self;
            case "isWrapperFor" -> false;
            case "getWarnings", "clearWarnings" -> null;
            default -> unsupported(m);
        };
    }

    /** A statement (prepared when {@code prepared} is given) that sends each execution where it belongs. */
    private Object statement(String prepared) {
        Map<Integer, Object> params = new TreeMap<>();
        Class<?> type = prepared == null ? Statement.class : PreparedStatement.class;
        return proxy(type, (self, m, args) -> {
            String name = m.getName();
            if (name.equals("setNull")) {
                params.put((Integer) args[0], null);
                return null;
            }
            if (name.startsWith("set") && args != null && args.length == 2 && args[0] instanceof Integer i) {
                params.put(i, args[1] instanceof OffsetDateTime t ? t.toInstant() : args[1]);
                return null;
            }
            return switch (name) {
                case "execute" -> {
                    Result r = execute(args == null ? prepared : (String) args[0], new ArrayList<>(params.values()));
                    yield r.resultSet != null;
                }
                case "executeQuery" -> execute(args == null ? prepared : (String) args[0], new ArrayList<>(params.values())).resultSet();
                case "executeUpdate" -> {
                    Result r = execute(args == null ? prepared : (String) args[0], new ArrayList<>(params.values()));
                    yield r.updated;
                }
                case "clearParameters" -> {
                    params.clear();
                    yield null;
                }
                case "close", "setQueryTimeout", "setFetchSize", "cancel" -> null;
                case "isClosed" -> false;
                case "getUpdateCount" -> -1;
                default -> unsupported(m);
            };
        });
    }

    /** What one execution gave: rows, or a count of rows changed. */
    private record Result(ResultSet resultSet, int updated) {
    }

    private Result execute(String sql, List<Object> params) throws SQLException {
        if (isState(sql, params) || sql.strip().equalsIgnoreCase("CHECKPOINT")) {
            try (PreparedStatement p = state.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    p.setObject(i + 1, params.get(i));
                }
                if (p.execute()) {
                    // the rows are read before the statement closes
                    List<String> columns = new ArrayList<>();
                    List<Object[]> rows = new ArrayList<>();
                    try (ResultSet r = p.getResultSet()) {
                        ResultSetMetaData meta = r.getMetaData();
                        for (int i = 1; i <= meta.getColumnCount(); i++) {
                            columns.add(meta.getColumnLabel(i));
                        }
                        while (r.next()) {
                            Object[] row = new Object[columns.size()];
                            for (int i = 0; i < row.length; i++) {
                                row[i] = r.getObject(i + 1);
                            }
                            rows.add(row);
                        }
                    }
                    return new Result(Rows.of(columns, rows), 0);
                }
                return new Result(null, p.getUpdateCount());
            }
        }
        if (sql.contains(CATALOG)) {
            return new Result(catalog(sql, params), 0);
        }
        SparkEngine engine = spark();
        if (LIMIT.matcher(sql).find() && !params.isEmpty() && params.get(params.size() - 1) instanceof Long n) {
            // Spark's LIMIT takes an INT only
            params = new ArrayList<>(params);
            params.set(params.size() - 1, Math.toIntExact(Math.min(n, Integer.MAX_VALUE)));
        }
        Matcher create = CREATE.matcher(sql);
        if (create.find()) {
            // a task run again replaces what an earlier attempt left (Spark rolls nothing back)
            run(engine, "DROP TABLE IF EXISTS " + create.group(1), List.of());
        }
        Matcher view = CREATE_VIEW.matcher(sql);
        if (view.find() && view.group(1) == null) {
            run(engine, "DROP VIEW IF EXISTS " + view.group(2), List.of());
        }
        Matcher cascade = DROP_CASCADE.matcher(sql);
        String statement = cascade.matches() ? cascade.group(1) : sql;
        SparkEngine.Result r = run(engine, statement, params);
        keepViews(sql);
        removeFolder(statement);
        if (DESCRIBE.matcher(sql).find()) {
            // DESCRIBE's rows in the names camp reads, with DuckDB's type names
            List<Object[]> rows = new ArrayList<>();
            for (Object[] row : r.rows()) {
                rows.add(new Object[] {row[0], SparkDialect.INSTANCE.typeName(String.valueOf(row[1]), 0, 0)});
            }
            return new Result(Rows.of(List.of("column_name", "column_type"), rows), 0);
        }
        return new Result(Rows.of(r.columns(), r.rows()), 0);
    }

    private SparkEngine.Result run(SparkEngine engine, String sql, List<Object> params) throws SQLException {
        long started = System.nanoTime();
        try {
            return engine.run(sql, params);
        } finally {
            if (Boolean.getBoolean("camp.spark.trace")) {
                System.err.printf("SPARKTRACE %d %s%n", (System.nanoTime() - started) / 1_000_000,
                        sql.replace('\n', ' ').substring(0, Math.min(100, sql.length())));
            }
        }
    }

    /**
     * The session, started at the first statement for Spark: camp's settings and functions, the
     * schemas and tables of the warehouse registered again, and the delivery history's table.
     */
    private SparkEngine spark() throws SQLException {
        if (spark != null) {
            return spark;
        }
        SparkEngine engine = SparkEngine.connect(master, warehouse);
        try {
            Files.createDirectories(warehouse);
            for (String setting : SparkDialect.INSTANCE.setup()) {
                engine.run(setting, List.of());
            }
            register(engine);
            restoreViews(engine);
            for (String ddl : SparkDialect.deliveryHistory()) {
                engine.run(ddl, List.of());
            }
        } catch (SQLException | IOException | RuntimeException e) {
            engine.stop();
            throw e instanceof SQLException s ? s : new SQLException("cannot prepare the Spark session: " + e.getMessage(), e);
        }
        spark = engine;
        return engine;
    }

    /**
     * Every table of the warehouse in the session's catalog: camp's ({@code SCHEMA.db/TABLE/}, each
     * written whole by Spark, which marks it {@code _SUCCESS}; one a kill interrupted is left out,
     * and written again before anything reads it) and the sources of {@code from table} entities
     * (a folder of parquet files at the top, {@code TABLE/}, in Spark's default schema).
     */
    private void register(SparkEngine engine) throws SQLException, IOException {
        List<Path> schemas;
        List<Path> sources;
        try (Stream<Path> s = Files.list(warehouse)) {
            List<Path> all = s.filter(Files::isDirectory).sorted().toList();
            schemas = all.stream().filter(p -> p.getFileName().toString().endsWith(".db")).toList();
            sources = all.stream().filter(p -> !p.getFileName().toString().endsWith(".db") && !p.getFileName().toString().startsWith("_"))
                    .toList();
        }
        for (Path table : sources) {
            boolean parquet;
            try (Stream<Path> files = Files.list(table)) {
                parquet = files.anyMatch(f -> f.getFileName().toString().endsWith(".parquet"));
            }
            if (parquet) {
                engine.run("CREATE TABLE IF NOT EXISTS `default`.`" + table.getFileName() + "` USING parquet LOCATION '"
                        + table.toUri().toString().replace("'", "\\'") + "'", List.of());
            }
        }
        for (Path schema : schemas) {
            String name = schema.getFileName().toString();
            String schemaName = name.substring(0, name.length() - ".db".length());
            engine.run("CREATE SCHEMA IF NOT EXISTS `" + schemaName + "`", List.of());
            List<Path> tables;
            try (Stream<Path> s = Files.list(schema)) {
                tables = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path table : tables) {
                if (!Files.exists(table.resolve("_SUCCESS"))) {
                    // a table whose write never finished: no statement of camp's reads it before writing it again
                    continue;
                }
                engine.run("CREATE TABLE IF NOT EXISTS `" + schemaName + "`.`" + table.getFileName() + "` USING parquet LOCATION '"
                        + table.toUri().toString().replace("'", "\\'") + "'", List.of());
            }
        }
    }

    /**
     * Spark's catalog keeps a view for the session only: camp keeps each view's statement in the
     * warehouse ({@code _views/}), and a new session makes them again after the tables. A dropped
     * view, or its schema dropped, forgets it.
     */
    private void keepViews(String sql) throws SQLException {
        try {
            Path views = warehouse.resolve("_views");
            Matcher create = CREATE_VIEW.matcher(sql);
            Matcher drop = DROP_VIEW.matcher(sql);
            Matcher schema = DROP_SCHEMA.matcher(sql);
            if (create.find()) {
                Files.createDirectories(views);
                forget(views, fileName(create.group(2)));
                Files.writeString(views.resolve(System.currentTimeMillis() + "-" + System.nanoTime() + "-" + fileName(create.group(2))),
                        sql, java.nio.charset.StandardCharsets.UTF_8);
            } else if (drop.find() && Files.isDirectory(views)) {
                forget(views, fileName(drop.group(1)));
            } else if (schema.find() && Files.isDirectory(views)) {
                String prefix = fileName(schema.group(1)) + ".";
                try (Stream<Path> files = Files.list(views)) {
                    for (Path f : files.toList()) {
                        if (viewName(f).startsWith(prefix)) {
                            Files.deleteIfExists(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new SQLException("cannot keep Spark's views in " + warehouse.resolve("_views") + ": " + e.getMessage(), e);
        }
    }

    private static final Pattern DROP_TABLE = Pattern.compile("^\\s*DROP TABLE\\s+(?:IF EXISTS\\s+)?(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

    /**
     * A table or schema dropped leaves no folder behind: a table registered again by a later
     * session is the warehouse's external table to Spark, whose files a DROP keeps.
     */
    private void removeFolder(String statement) throws SQLException {
        Matcher table = DROP_TABLE.matcher(statement);
        Matcher schema = DROP_SCHEMA.matcher(statement);
        Path folder = null;
        if (table.find()) {
            String[] parts = fileName(table.group(1)).split("\\.");
            folder = parts.length == 2 ? warehouse.resolve(parts[0] + ".db").resolve(parts[1]) : null;
        } else if (schema.find()) {
            folder = warehouse.resolve(fileName(schema.group(1)) + ".db");
        }
        if (folder == null || !Files.isDirectory(folder) || !folder.normalize().startsWith(warehouse.normalize())) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new SQLException("cannot remove " + folder + " from Spark's warehouse: " + e.getMessage(), e);
        }
    }

    /** The view a kept statement's file makes, as in its file name. */
    private static String viewName(Path file) {
        String name = file.getFileName().toString();
        int second = name.indexOf('-', name.indexOf('-') + 1);
        return name.substring(second + 1);
    }

    private static void forget(Path views, String name) throws IOException {
        try (Stream<Path> files = Files.list(views)) {
            for (Path f : files.toList()) {
                if (viewName(f).equals(name)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** A view's name as a file's: {@code "schema"."name"} as {@code schema.name}, lower case (Spark's names are). */
    private static String fileName(String quoted) {
        return quoted.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.]", "_");
    }

    /** The kept views made again in a new session, in the order they were made; one that cannot be is forgotten. */
    private void restoreViews(SparkEngine engine) throws SQLException, IOException {
        Path views = warehouse.resolve("_views");
        if (!Files.isDirectory(views)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(views)) {
            files = s.sorted(java.util.Comparator.comparing((Path f) -> Long.parseLong(f.getFileName().toString().split("-")[0]))
                    .thenComparing(f -> Long.parseLong(f.getFileName().toString().split("-")[1]))).toList();
        }
        for (Path f : files) {
            String sql = Files.readString(f, java.nio.charset.StandardCharsets.UTF_8);
            try {
                engine.run(CREATE_VIEW.matcher(sql).replaceFirst("CREATE OR REPLACE VIEW $2"), List.of());
            } catch (SQLException e) {
                // what it reads is gone (its run purged): so is the view
                Files.deleteIfExists(f);
            }
        }
    }

    /**
     * The catalog queries of the run state ({@code information_schema.tables}, which Spark 4.0 has
     * not) answered from Spark's catalog: binds a schema and a table name or a prefix; rows of
     * table_name and table_type.
     */
    private ResultSet catalog(String sql, List<Object> params) throws SQLException {
        String schema = String.valueOf(params.get(0));
        String name = params.size() > 1 ? String.valueOf(params.get(1)) : null;
        boolean prefix = sql.contains("starts_with");
        SparkEngine engine = spark();
        List<Object[]> rows = new ArrayList<>();
        List<String> views = new ArrayList<>();
        List<Object[]> tables;
        try {
            for (Object[] v : engine.run("SHOW VIEWS IN `" + schema + "`", List.of()).rows()) {
                views.add(String.valueOf(v[1]));
            }
            tables = engine.run("SHOW TABLES IN `" + schema + "`", List.of()).rows();
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("SCHEMA_NOT_FOUND")) {
                tables = List.of();
            } else {
                throw e;
            }
        }
        for (Object[] t : tables) {
            String table = String.valueOf(t[1]);
            if (Boolean.TRUE.equals(t[2]) || name != null && !(prefix ? table.startsWith(name) : table.equals(name))) {
                continue;
            }
            rows.add(new Object[] {table, views.contains(table) ? "VIEW" : "BASE TABLE"});
        }
        return Rows.of(sql.contains("SELECT table_name") ? List.of("table_name", "table_type") : List.of("table_type"),
                sql.contains("SELECT table_name") ? rows : rows.stream().map(r -> new Object[] {r[1]}).toList());
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Exception {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static Object unsupported(Method m) throws SQLException {
        throw new SQLException("camp's connection over Spark does not do " + m.getDeclaringClass().getSimpleName() + "." + m.getName());
    }

    private interface Call {
        Object call(Object self, Method m, Object[] args) throws Exception;
    }

    /** The invocation handler of camp's proxies, which knows whose they are. */
    private record Handler(Object target, Class<?> type, Call call) implements InvocationHandler {
        @Override
        public Object invoke(Object self, Method m, Object[] args) throws Throwable {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> type.getSimpleName() + " over Spark";
                };
            }
            return call.call(self, m, args);
        }
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(SparkConnection.class.getClassLoader(), new Class<?>[] {type},
                new Handler(null, type, call)));
    }
}
