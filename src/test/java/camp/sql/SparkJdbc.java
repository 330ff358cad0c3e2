package camp.sql;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tests' session on the Spark cluster ({@code scripts/spark-cluster.sh start} starts one on
 * loopback; its master URL in {@code -Dcamp.spark.url} or {@code CAMP_TEST_SPARK_URL}), and the
 * part of JDBC the golden SQL executor uses, over it: statements through {@code SparkSession.sql}
 * (parameters bound as Spark's positional parameters), rows collected to the test. Spark counts no
 * inserted rows: an {@code INSERT INTO} table's count is the table's count after less before.
 * {@code -Dcamp.spark.trace=true} prints each statement's milliseconds (lines starting
 * {@code SPARKTRACE}), to see where the time goes.
 */
public final class SparkJdbc {
    private static final Pattern INSERT = Pattern.compile("^\\s*INSERT INTO\\s+(\\S+)", Pattern.CASE_INSENSITIVE);
    private static SparkSession session;
    private static Path warehouse;

    private SparkJdbc() {
    }

    /** The master URL of the tests' cluster; the test is skipped without one, unless -Dcamp.requireSpark=true. */
    public static String sparkUrl() {
        return EngineComparison.serverUrl("camp.spark.url", "CAMP_TEST_SPARK_URL", "camp.requireSpark", "Spark cluster",
                "scripts/spark-cluster.sh start");
    }

    /** The JVM's session on the cluster, made once, with a warehouse folder of its own. */
    public static synchronized SparkSession session(String url) throws Exception {
        if (session == null) {
            warehouse = Files.createTempDirectory("camp-spark-warehouse");
            session = SparkSession.builder().appName("camp-tests").master(url)
                    .config("spark.sql.warehouse.dir", warehouse.toUri().toString())
                    .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false").config("spark.executor.memory", System.getProperty("camp.spark.executorMemory", "1g"))
                    .config("spark.sql.shuffle.partitions", "2").config("spark.default.parallelism", "2")
                    // the tests' tables are small: one uncompressed file each, committed with one rename
                    .config("spark.sql.parquet.compression.codec", "uncompressed")
                    .config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
        }
        return session;
    }

    /**
     * Ends the JVM's session, if it has one, giving the cluster's cores back: a camp process started
     * by a test needs them for its own session (the next {@link #session} makes a new one).
     */
    public static synchronized void stop() {
        if (session != null) {
            session.stop();
            session = null;
        }
    }

    /** Drops every schema camp made, and its tables: a fresh state. */
    public static void reset(SparkSession spark) {
        for (Row r : spark.sql("SHOW SCHEMAS").collectAsList()) {
            String schema = r.getString(0);
            if (!schema.equals("default")) {
                spark.sql("DROP SCHEMA `" + schema + "` CASCADE");
            }
        }
    }

    /** Spark on the cluster at a master URL, as a comparison's other engine. */
    static EngineComparison.Target target(String master) {
        return new EngineComparison.Target() {
            @Override
            public Dialect dialect() {
                return SparkDialect.INSTANCE;
            }

            @Override
            public Connection open() throws Exception {
                SparkSession spark = session(master);
                reset(spark);
                return connection(spark);
            }

            @Override
            public void createState(Connection c) {
                createDeliveries(c);
            }

            /** Through a parquet file DuckDB writes and Spark reads (the cluster runs on this machine). */
            @Override
            public void copy(Connection duck, Connection to, String schema, String table, Path temp) throws Exception {
                Path file = temp.resolve(schema + "." + table + ".parquet");
                String name = "\"" + schema + "\".\"" + table + "\"";
                ScriptRunner.execute(duck, "COPY " + name + " TO " + DuckDbDialect.INSTANCE.string(file.toString()) + " (FORMAT parquet)");
                ScriptRunner.execute(to, "CREATE TABLE " + name + " AS SELECT * FROM parquet.`" + file.toUri() + "`");
            }

            /** The typed rows file camp's reader writes, read by Spark with the worktable's column types. */
            @Override
            public ScriptRunner.LoadRows loadRows(Path temp) {
                return (c, load, script) -> {
                    List<camp.deliver.CsvLoader.Column> columns = load.columns().stream()
                            .map(col -> new camp.deliver.CsvLoader.Column(col.name(), col.type())).toList();
                    Path rows = temp.resolve(load.name() + ".spark-rows.csv");
                    Path rejected = temp.resolve(load.name() + ".spark-rejected.csv");
                    camp.deliver.TypedCsv.write(load.file(), columns, rows, rejected, LoadSql.NULL, 0);
                    for (String statement : script.load().copyRows(SparkDialect.INSTANCE.string(rows.toUri().toString()))) {
                        ScriptRunner.execute(c, statement);
                    }
                    if (Files.size(rejected) > 0) {
                        for (String statement : script.load().copyRejected(SparkDialect.INSTANCE.string(rejected.toUri().toString()))) {
                            ScriptRunner.execute(c, statement);
                        }
                    }
                };
            }
        };
    }

    /** The run state's table that camp's SQL reads and writes on Spark: the delivery history. */
    public static void createDeliveries(Connection c) {
        for (String ddl : SparkDialect.deliveryHistory()) {
            ScriptRunner.execute(c, "Spark's run state", ddl);
        }
    }

    /** A JDBC connection over the session (closing it leaves the session open). */
    public static Connection connection(SparkSession spark) {
        return proxy(Connection.class, (self, m, args) -> switch (m.getName()) {
            case "createStatement" -> statement(spark, null);
            case "prepareStatement" -> statement(spark, (String) args[0]);
            case "getMetaData" -> proxy(DatabaseMetaData.class, (s, mm, a) -> switch (mm.getName()) {
                case "getDatabaseProductName" -> "Spark";
                default -> unsupported(mm);
            });
            case "close", "setAutoCommit", "commit", "rollback" -> null;
            case "getAutoCommit" -> true;
            case "isClosed" -> false;
            case "unwrap" -> self;
            default -> unsupported(m);
        });
    }

    private static Object statement(SparkSession spark, String prepared) {
        Map<Integer, Object> params = new TreeMap<>();
        Class<?> type = prepared == null ? Statement.class : PreparedStatement.class;
        return proxy(type, (self, m, args) -> switch (m.getName()) {
            case "execute" -> {
                run(spark, args == null ? prepared : (String) args[0], params);
                yield false;
            }
            case "executeQuery" -> resultSet(run(spark, args == null ? prepared : (String) args[0], params));
            case "executeUpdate" -> update(spark, args == null ? prepared : (String) args[0], params);
            case "setString", "setObject", "setLong", "setInt", "setTimestamp", "setBoolean", "setDouble" -> {
                params.put((Integer) args[0], args[1] instanceof java.time.OffsetDateTime t ? java.sql.Timestamp.from(t.toInstant()) : args[1]);
                yield null;
            }
            case "clearParameters" -> {
                params.clear();
                yield null;
            }
            case "close" -> null;
            default -> unsupported(m);
        });
    }

    /** A statement's result: its column names and rows, collected. */
    private record Collected(String[] columns, List<Row> rows) {
    }

    private static Collected run(SparkSession spark, String sql, Map<Integer, Object> params) throws SQLException {
        long t = System.nanoTime();
        try {
            var frame = params.isEmpty() ? spark.sql(sql) : spark.sql(sql, params.values().toArray());
            return new Collected(frame.columns(), frame.collectAsList());
        } catch (Exception e) {
            // Spark's AnalysisException is a checked exception Java does not see declared
            throw new SQLException(e.getMessage(), e);
        } finally {
            if (Boolean.getBoolean("camp.spark.trace")) {
                System.err.printf("SPARKTRACE %d %s%n", (System.nanoTime() - t) / 1_000_000, sql.replace('\n', ' ').substring(0, Math.min(90, sql.length())));
            }
        }
    }

    /** An INSERT's rows: the table's count after it less before (Spark returns no count); 0 for another statement. */
    private static int update(SparkSession spark, String sql, Map<Integer, Object> params) throws SQLException {
        Matcher insert = INSERT.matcher(sql);
        if (!insert.find()) {
            run(spark, sql, params);
            return 0;
        }
        long before = count(spark, insert.group(1));
        run(spark, sql, params);
        return Math.toIntExact(count(spark, insert.group(1)) - before);
    }

    private static long count(SparkSession spark, String table) throws SQLException {
        return run(spark, "SELECT count(*) FROM " + table, Map.of()).rows().get(0).getLong(0);
    }

    /** The rows as camp's connection over Spark gives them. */
    private static ResultSet resultSet(Collected result) {
        List<Object[]> rows = new java.util.ArrayList<>();
        for (Row r : result.rows()) {
            Object[] values = new Object[r.length()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            rows.add(values);
        }
        return camp.run.Rows.of(List.of(result.columns()), rows);
    }

    private static Object unsupported(Method m) throws SQLException {
        throw new SQLException("not in the tests' JDBC over Spark: " + m.getDeclaringClass().getSimpleName() + "." + m.getName());
    }

    private interface Handler {
        Object handle(Object self, Method m, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        InvocationHandler h = (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> type.getSimpleName() + " over Spark";
                };
            }
            try {
                return handler.handle(self, m, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(SparkJdbc.class.getClassLoader(), new Class<?>[] {type}, h));
    }
}
