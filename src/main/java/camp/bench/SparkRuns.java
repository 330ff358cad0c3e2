package camp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/spark-runs.sh}: the bench's campaign as whole processes, {@code ./camp run} on
 * DuckDB and {@code ./camp run --engine spark} on a Spark cluster, over the same generated tables
 * (for Spark, parquet folders at the top of the run's warehouse, which camp registers as the
 * sources of its {@code from table} entities), rounds alternated, the port counts compared.
 *
 * <pre>java -cp target/camp.jar camp.bench.SparkRuns --url spark://HOST:PORT [--profiles N] [--runs R] [--campaign baskets] [--work DIR] [--reuse]</pre>
 */
public final class SparkRuns {
    private static final String AT = "2026-11-24T09:00:00Z";
    private static final List<String> TABLES = List.of("profiles", "purchases", "stores", "subscriptions");

    private SparkRuns() {
    }

    public static void main(String[] args) throws Exception {
        long profiles = 1_000_000;
        int runs = 2;
        String url = null;
        String campaign = "campaign";
        Path work = null;
        boolean reuse = false;
        Path benchDir = Path.of("bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--profiles" -> profiles = Long.parseLong(args[++i].replace("_", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--url" -> url = args[++i];
                case "--campaign" -> campaign = args[++i];
                case "--work" -> work = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                default -> {
                    System.err.println("usage: SparkRuns --url spark://HOST:PORT [--profiles N] [--runs R] [--campaign baskets] [--work DIR] [--reuse]");
                    System.exit(2);
                }
            }
        }
        if (url == null) {
            System.err.println("SparkRuns: --url spark://HOST:PORT (scripts/spark-cluster.sh start prints one)");
            System.exit(2);
        }
        if (work == null) {
            work = Files.createTempDirectory("camp-spark-runs");
        }
        Path data = work.resolve("bench.duckdb");
        long t0 = System.nanoTime();
        boolean generated = Benchmark.prepare(benchDir, work, data, profiles, reuse);
        System.out.printf(Locale.ROOT, "profiles            %,d%n", profiles);
        System.out.printf(Locale.ROOT, "generate data       %.2f s%s%n", (System.nanoTime() - t0) / 1e9, generated ? "" : " (reused)");
        long t1 = System.nanoTime();
        Path tables = work.resolve("spark-tables");
        export(data, tables);
        System.out.printf(Locale.ROOT, "export to parquet   %.2f s (the %s tables)%n%n", (System.nanoTime() - t1) / 1e9, String.join(", ", TABLES));
        Path launcher = Path.of("camp").toAbsolutePath();
        Path file = Benchmark.campaignFile(benchDir, campaign).toAbsolutePath();
        String name = url.replaceFirst("^spark://", "").replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        boolean ok = true;
        List<double[]> times = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path round = work.resolve("spark-round");
            DeliveryBench.deleteTree(round);
            Files.createDirectories(round.resolve("duckdb"));
            Path warehouse = Files.createDirectories(round.resolve("spark").resolve("spark-warehouse").resolve(name));
            for (String table : TABLES) {
                // the sources, linked into the warehouse (no copy): a folder of parquet files each
                Path folder = Files.createDirectories(warehouse.resolve(table));
                Files.createLink(folder.resolve("part-00000.parquet"), tables.resolve(table).resolve("part-00000.parquet"));
            }
            Path duckDb = round.resolve("duckdb").resolve("camp.duckdb");
            Files.copy(data, duckDb);
            List<String> duck = List.of(launcher.toString(), "run", file.toString(), "--db", duckDb.toString(), "--at", AT, "--format", "json");
            List<String> spark = List.of(launcher.toString(), "run", file.toString(), "--db", round.resolve("spark").resolve("camp.duckdb").toString(),
                    "--engine", "spark", "--url", url, "--at", AT, "--format", "json");
            Processes.Result d;
            Processes.Result s;
            if (i % 2 == 1) {
                d = Processes.run(duck, round.resolve("duckdb.out"));
                s = Processes.run(spark, round.resolve("spark.out"));
            } else {
                s = Processes.run(spark, round.resolve("spark.out"));
                d = Processes.run(duck, round.resolve("duckdb.out"));
            }
            if (d.exit() != 0 || s.exit() != 0) {
                System.out.println("round " + i + ": FAILED (duckdb exit " + d.exit() + ", spark exit " + s.exit() + "; output in " + round + ")");
                System.exit(1);
            }
            Map<String, Long> dc = Processes.campCounts(d.out());
            Map<String, Long> sc = Processes.campCounts(s.out());
            boolean equal = dc.equals(sc);
            ok &= equal;
            times.add(new double[] {d.seconds(), s.seconds()});
            System.out.printf(Locale.ROOT, "round %d  camp on DuckDB %6.2f s (peak %s)   camp on Spark %6.2f s (camp's peak %s)   %d port counts %s%n",
                    i, d.seconds(), mib(d.peakKib()), s.seconds(), mib(s.peakKib()), dc.size(), equal ? "equal" : "DIFFER: " + dc + " vs " + sc);
        }
        double bestDuck = times.stream().mapToDouble(t -> t[0]).min().orElse(0);
        double bestSpark = times.stream().mapToDouble(t -> t[1]).min().orElse(0);
        System.out.printf(Locale.ROOT, "%nbest: DuckDB %.2f s, Spark %.2f s (%.2fx)%n", bestDuck, bestSpark, bestSpark / bestDuck);
        System.exit(ok ? 0 : 1);
    }

    /** The bench's tables, as DuckDB generated them, as one parquet file each: {@code DIR/TABLE/part-00000.parquet}. */
    private static void export(Path data, Path dir) throws Exception {
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        DeliveryBench.deleteTree(dir);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + data.toAbsolutePath(), readOnly); Statement d = duck.createStatement()) {
            for (String table : TABLES) {
                Path folder = Files.createDirectories(dir.resolve(table));
                d.execute("COPY " + table + " TO '" + folder.resolve("part-00000.parquet").toAbsolutePath() + "' (FORMAT parquet)");
            }
        }
    }

    private static String mib(long kib) {
        return kib == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
