package camp.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A session on a Spark cluster ({@code spark://HOST:PORT}, or {@code local[N]}), reached through
 * Spark's own Java API. camp's jar does not hold Spark (about 200 jars): {@code ./camp} puts them on
 * the class path for {@code --engine spark} only, and this class finds them by name, so that every
 * other command starts as fast as without Spark. Statements run one at a time; rows come back to
 * camp whole.
 */
final class SparkEngine {
    private static final String SESSION = "org.apache.spark.sql.SparkSession";

    private final Object session;
    private final Method sql;
    private final Method sqlWithArgs;

    private SparkEngine(Object session) throws ReflectiveOperationException {
        this.session = session;
        this.sql = session.getClass().getMethod("sql", String.class);
        this.sqlWithArgs = session.getClass().getMethod("sql", String.class, Object.class);
    }

    /** The columns and rows of a statement's result (none for a statement without one). */
    record Result(List<String> columns, List<Object[]> rows) {
    }

    /**
     * Starts a session on the cluster at {@code master}, with its tables in {@code warehouse}: a
     * folder the cluster's executors reach under the same path (the machine's own, on loopback; a
     * shared file system for a real cluster).
     */
    static SparkEngine connect(String master, Path warehouse) throws SQLException {
        if (System.getProperty("log4j.configurationFile") == null) {
            // Spark's own log, errors only, unless the user configured it
            java.net.URL log = SparkEngine.class.getResource("spark-log4j2.properties");
            if (log != null) {
                System.setProperty("log4j.configurationFile", log.toString());
            }
        }
        reachable(master);
        Class<?> type;
        try {
            type = Class.forName(SESSION);
        } catch (ClassNotFoundException e) {
            throw new Database.Unavailable("Spark's jars are not on camp's class path: ./camp adds them for --engine spark"
                    + " (or a camp.toml whose [engine] is spark); a camp started otherwise needs them on its class path", e);
        }
        try {
            Object builder = type.getMethod("builder").invoke(null);
            Class<?> b = builder.getClass();
            b.getMethod("appName", String.class).invoke(builder, "camp");
            b.getMethod("master", String.class).invoke(builder, master);
            Method config = b.getMethod("config", String.class, String.class);
            for (String[] kv : settings(master, warehouse)) {
                config.invoke(builder, kv[0], kv[1]);
            }
            Object session = b.getMethod("getOrCreate").invoke(builder);
            Object context = session.getClass().getMethod("sparkContext").invoke(session);
            context.getClass().getMethod("setLogLevel", String.class).invoke(context, "ERROR");
            return new SparkEngine(session);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new Database.Unreachable("cannot start a Spark session on " + master + ": " + firstLine(String.valueOf(cause.getMessage())),
                    cause);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("this Spark has not the API camp uses (Spark 4.0): " + e, e);
        }
    }

    /**
     * A standalone master that does not answer fails at once, naming it: Spark itself would try
     * for a minute before giving up.
     */
    static void reachable(String master) throws SQLException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("spark://([^:/]+|\\[[^]]+\\])(?::(\\d+))?").matcher(master);
        if (!m.matches()) {
            return;
        }
        String host = m.group(1).replaceAll("^\\[|\\]$", "");
        int port = m.group(2) == null ? 7077 : Integer.parseInt(m.group(2));
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 10_000);
        } catch (java.io.IOException e) {
            throw new Database.Unreachable("cannot connect to the Spark master at " + master + ": " + e.getMessage(), e);
        }
    }

    /** How camp's sessions are configured: the driver on loopback for a cluster there, the warehouse, dates as java.time values. */
    private static List<String[]> settings(String master, Path warehouse) {
        List<String[]> s = new ArrayList<>();
        if (master.matches("spark://(127\\.0\\.0\\.1|localhost)(:\\d+)?")) {
            // a cluster on loopback reaches the driver there, whatever the machine's name resolves to
            s.add(new String[] {"spark.driver.host", "127.0.0.1"});
            s.add(new String[] {"spark.driver.bindAddress", "127.0.0.1"});
        }
        s.add(new String[] {"spark.sql.warehouse.dir", warehouse.toUri().toString()});
        s.add(new String[] {"spark.ui.enabled", "false"});
        s.add(new String[] {"spark.sql.datetime.java8API.enabled", "true"});
        // a table replaced after a crash may leave its folder behind: a new CREATE TABLE AS writes over it
        s.add(new String[] {"spark.sql.legacy.allowNonEmptyLocationInCTAS", "true"});
        s.add(new String[] {"spark.sql.shuffle.partitions", System.getProperty("camp.spark.partitions", "8")});
        s.add(new String[] {"spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2"});
        String host = System.getenv("CAMP_SPARK_DRIVER_HOST");
        if (host != null && !host.isBlank()) {
            s.add(new String[] {"spark.driver.host", host});
        }
        String cores = System.getenv("CAMP_SPARK_CORES");
        if (cores != null && !cores.isBlank()) {
            // a session takes every free core of the cluster unless told otherwise; another waits until they are free
            s.add(new String[] {"spark.cores.max", cores});
        }
        String memory = System.getenv("CAMP_SPARK_EXECUTOR_MEMORY");
        if (memory != null && !memory.isBlank()) {
            s.add(new String[] {"spark.executor.memory", memory});
        }
        return s;
    }

    /** Runs one statement, positional parameters bound ({@code ?}); its rows collected. */
    Result run(String statement, List<Object> params) throws SQLException {
        try {
            Object frame = params.isEmpty() ? sql.invoke(session, statement) : sqlWithArgs.invoke(session, statement, params.toArray());
            String[] columns = (String[]) frame.getClass().getMethod("columns").invoke(frame);
            @SuppressWarnings("unchecked")
            List<Object> rows = (List<Object>) frame.getClass().getMethod("collectAsList").invoke(frame);
            List<Object[]> out = new ArrayList<>(rows.size());
            for (Object row : rows) {
                Method get = row.getClass().getMethod("get", int.class);
                Object[] values = new Object[columns.length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = get.invoke(row, i);
                }
                out.add(values);
            }
            return new Result(List.of(columns), out);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new SQLException(String.valueOf(cause.getMessage()), cause);
        } catch (ReflectiveOperationException e) {
            throw new SQLException("this Spark has not the API camp uses (Spark 4.0): " + e, e);
        }
    }

    void stop() {
        try {
            session.getClass().getMethod("stop").invoke(session);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // the process ends anyway
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
