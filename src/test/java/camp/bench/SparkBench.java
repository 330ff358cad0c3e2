package camp.bench;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Step;
import camp.run.Params;
import camp.sql.Dialect;
import camp.sql.DuckDbDialect;
import camp.sql.ScriptRunner;
import camp.sql.SparkDialect;
import camp.sql.SparkJdbc;
import camp.sql.SqlContext;
import camp.sql.StateSql;
import camp.sql.StepScript;
import camp.sql.StepSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench/spark.sh}: the bench's campaign as Spark SQL on a Spark standalone cluster, beside
 * the same campaign's DuckDB SQL on DuckDB, over the same generated tables: every statement a run
 * executes (the ledger's sending included, every message recorded as sent), activity by activity,
 * timed per engine; the count of every port compared in every round. camp does not run campaigns
 * on Spark yet, so this times the campaign's SQL, not a whole {@code camp run}. On the classpath of
 * the tests (Spark is a test dependency).
 *
 * <pre>java -cp TEST_CLASSPATH camp.bench.SparkBench --master spark://HOST:PORT [--profiles N] [--runs R] [--work DIR] [--reuse]</pre>
 */
public final class SparkBench {
    private static final String AT = "2026-11-24T09:00:00Z";
    private static final List<String> TABLES = List.of("profiles", "purchases", "stores", "subscriptions");

    private SparkBench() {
    }

    public static void main(String[] args) throws Exception {
        long profiles = 1_000_000;
        int runs = 2;
        String master = null;
        Path work = null;
        boolean reuse = false;
        Path benchDir = Path.of("bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profiles" -> profiles = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--master" -> master = args[++i];
                case "--work" -> work = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                default -> {
                    System.err.println("usage: SparkBench --master spark://HOST:PORT [--profiles N] [--runs R] [--work DIR] [--reuse]");
                    System.exit(2);
                }
            }
        }
        if (master == null) {
            System.err.println("SparkBench: --master spark://HOST:PORT (scripts/spark-cluster.sh start prints one)");
            System.exit(2);
        }
        if (work == null) {
            work = Files.createTempDirectory("camp-spark-bench");
        }
        Path data = work.resolve("bench.duckdb");
        long t0 = System.nanoTime();
        boolean generated = Benchmark.prepare(benchDir, work, data, profiles, reuse);
        System.out.printf(Locale.ROOT, "profiles            %,d%n", profiles);
        System.out.printf(Locale.ROOT, "generate data       %.2f s%s%n", seconds(t0), generated ? "" : " (reused)");

        Path file = Benchmark.campaignFile(benchDir, "campaign");
        Checked checked = Frontend.check(file, file.getFileName().toString());
        if (checked.hasErrors()) {
            throw new IllegalStateException(file + ": " + checked.diagnostics());
        }
        Plan plan = checked.plan();
        List<StepScript> duckScripts = StepSql.lower(context(checked, DuckDbDialect.INSTANCE));
        List<StepScript> sparkScripts = StepSql.lower(context(checked, SparkDialect.INSTANCE));

        long t1 = System.nanoTime();
        SparkSession spark = SparkJdbc.session(master);
        System.out.printf(Locale.ROOT, "Spark session       %.2f s (%s)%n", seconds(t1), master);
        long t2 = System.nanoTime();
        try (Connection s = SparkJdbc.connection(spark)) {
            copyTables(data, s, work);
        }
        System.out.printf(Locale.ROOT, "tables into Spark   %.2f s (parquet written by DuckDB, read into the warehouse: %s)%n%n", seconds(t2),
                String.join(", ", TABLES));

        boolean ok = true;
        double bestDuck = Double.MAX_VALUE;
        double bestSpark = Double.MAX_VALUE;
        for (int round = 1; round <= runs; round++) {
            Path duckFile = work.resolve("round.duckdb");
            Files.deleteIfExists(duckFile);
            Files.copy(data, duckFile);
            Map<String, Long> duckCounts;
            Map<String, Long> sparkCounts;
            double duckSeconds;
            double sparkSeconds;
            try (Connection d = DriverManager.getConnection("jdbc:duckdb:" + duckFile.toAbsolutePath());
                    Connection s = SparkJdbc.connection(spark)) {
                long a = System.nanoTime();
                duckCounts = execute(d, DuckDbDialect.INSTANCE, plan, duckScripts);
                duckSeconds = seconds(a);
                long b = System.nanoTime();
                sparkCounts = execute(s, SparkDialect.INSTANCE, plan, sparkScripts);
                sparkSeconds = seconds(b);
            }
            boolean equal = duckCounts.equals(sparkCounts);
            ok &= equal;
            bestDuck = Math.min(bestDuck, duckSeconds);
            bestSpark = Math.min(bestSpark, sparkSeconds);
            System.out.printf(Locale.ROOT, "round %d  DuckDB %6.2f s   Spark %6.2f s   %d port counts %s%n", round, duckSeconds, sparkSeconds,
                    duckCounts.size(), equal ? "equal" : "DIFFER: " + duckCounts + " vs " + sparkCounts);
        }
        System.out.printf(Locale.ROOT, "%nbest: DuckDB %.2f s, Spark %.2f s (%.1fx), the campaign's SQL only%n", bestDuck, bestSpark,
                bestSpark / bestDuck);
        spark.stop();
        System.exit(ok ? 0 : 1);
    }

    /** What {@code camp sql --at AT} writes: seed 0, the run's schema "run". */
    private static SqlContext context(Checked checked, Dialect dialect) {
        Plan plan = checked.plan();
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Object> params = Params.resolve(plan, Map.of(), problems, checked.root());
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.toString());
        }
        Instant at = Instant.parse(AT);
        return new SqlContext(plan, dialect, at.atZone(ZoneId.of(plan.timezone())).toLocalDateTime(), at, params, 0, "bench", "run",
                Map.of(), false);
    }

    /** The generated tables, as DuckDB holds them, into Spark's default schema (replaced), through parquet files. */
    private static void copyTables(Path data, Connection spark, Path work) throws Exception {
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + data.toAbsolutePath(), readOnly)) {
            for (String table : TABLES) {
                Path parquet = work.resolve(table + ".parquet");
                ScriptRunner.execute(duck, "COPY " + table + " TO '" + parquet.toAbsolutePath() + "' (FORMAT parquet)");
                ScriptRunner.execute(spark, "DROP TABLE IF EXISTS `default`.`" + table + "`");
                ScriptRunner.execute(spark, "CREATE TABLE `default`.`" + table + "` AS SELECT * FROM parquet.`" + parquet.toUri() + "`");
            }
        }
    }

    /** A fresh run state and run schema, then every step's statements in order; the count of every port. */
    private static Map<String, Long> execute(Connection c, Dialect dialect, Plan plan, List<StepScript> scripts) throws Exception {
        // the session settings first (Spark reads double quotes as identifiers only then), then a fresh state
        for (String statement : dialect.setup()) {
            ScriptRunner.execute(c, statement);
        }
        for (String schema : List.of("run", "camp_state", "camp_saved", "camp_incremental", SparkDialect.SCRATCH_SCHEMA)) {
            ScriptRunner.execute(c, "DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
        }
        for (String statement : dialect.setup()) {
            ScriptRunner.execute(c, statement);
        }
        StateSql state = new StateSql(dialect);
        ScriptRunner.execute(c, state.setTimeZone(plan.timezone()));
        if (dialect == SparkDialect.INSTANCE) {
            SparkJdbc.createDeliveries(c);
        } else {
            for (String ddl : state.ddl()) {
                ScriptRunner.execute(c, ddl);
            }
        }
        ScriptRunner.execute(c, "CREATE SCHEMA \"run\"");
        Map<String, Long> counts = new TreeMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            StepScript script = scripts.get(i);
            ScriptRunner.run(c, step, script, step.name() + " on " + dialect.displayName(), null);
            for (Map.Entry<String, String> port : script.outputs().entrySet()) {
                counts.put(step.name() + "." + port.getKey(), ScriptRunner.queryLong(c, step.name(), "SELECT count(*) FROM " + port.getValue()));
            }
        }
        return counts;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
