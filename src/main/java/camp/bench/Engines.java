package camp.bench;

import camp.sql.PostgresDialect;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * {@code bench/engines.sh} and {@code bench/spark-runs.sh}: the bench's campaign on two engines,
 * as whole processes: {@code ./camp run} over a copy of the generated DuckDB database, and {@code
 * ./camp run --engine postgres|spark} over the same tables (loaded once into a PostgreSQL
 * database; for Spark, one parquet file per table linked into the top of each round's warehouse,
 * where camp finds the sources of {@code from table} entities), alternated, the port counts of
 * both compared in every round. The engine is the URL's: {@code jdbc:postgresql://...} or
 * {@code spark://...}.
 *
 * <pre>java -cp target/camp.jar camp.bench.Engines --url URL [--profiles N] [--runs R] [--campaign baskets] [--work DIR] [--reuse]</pre>
 */
public final class Engines {
    private static final String AT = "2026-11-24T09:00:00Z";
    private static final List<String> TABLES = List.of("profiles", "purchases", "stores", "subscriptions");

    private Engines() {
    }

    public static void main(String[] args) throws Exception {
        long profiles = 1_000_000;
        int runs = 2;
        String url = System.getenv("CAMP_URL");
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
                    System.err.println("usage: Engines --url URL [--profiles N] [--runs R] [--campaign baskets] [--work DIR] [--reuse]");
                    System.exit(2);
                }
            }
        }
        if (url == null) {
            System.err.println("Engines: --url jdbc:postgresql://HOST:PORT/DATABASE or spark://HOST:PORT (scripts/postgres.sh start and"
                    + " scripts/spark-cluster.sh start print one)");
            System.exit(2);
        }
        boolean spark = url.startsWith("spark://");
        String engine = spark ? "Spark" : "PostgreSQL";
        if (work == null) {
            work = Files.createTempDirectory("camp-engines");
        }
        Path data = work.resolve("bench.duckdb");
        long t0 = System.nanoTime();
        boolean generated = Benchmark.prepare(benchDir, work, data, profiles, reuse);
        System.out.printf(Locale.ROOT, "profiles            %,d%n", profiles);
        System.out.printf(Locale.ROOT, "generate data       %.2f s%s%n", (System.nanoTime() - t0) / 1e9, generated ? "" : " (reused)");
        long t1 = System.nanoTime();
        Path tables = work.resolve("spark-tables");
        if (spark) {
            export(data, tables);
        } else {
            load(data, url, work);
        }
        System.out.printf(Locale.ROOT, "%s %.2f s (the %s tables)%n%n", spark ? "export to parquet  " : "load into PostgreSQL",
                (System.nanoTime() - t1) / 1e9, String.join(", ", TABLES));
        Path launcher = Path.of("camp").toAbsolutePath();
        Path file = Benchmark.campaignFile(benchDir, campaign).toAbsolutePath();
        String name = url.replaceFirst("^spark://", "").replaceAll("[^A-Za-z0-9_.-]+", "_").replaceAll("^_+|_+$", "");
        boolean ok = true;
        List<double[]> times = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path round = work.resolve("engines-round");
            DeliveryBench.deleteTree(round);
            Files.createDirectories(round.resolve("duckdb"));
            Path other = Files.createDirectories(round.resolve(spark ? "spark" : "postgres"));
            Path duckDb = round.resolve("duckdb").resolve("camp.duckdb");
            Files.copy(data, duckDb);
            if (spark) {
                Path warehouse = Files.createDirectories(other.resolve("spark-warehouse").resolve(name));
                for (String table : TABLES) {
                    // the sources, linked into the warehouse (no copy): a folder of parquet files each
                    Files.createLink(Files.createDirectories(warehouse.resolve(table)).resolve("part-00000.parquet"),
                            tables.resolve(table).resolve("part-00000.parquet"));
                }
            } else {
                resetCamp(url);
            }
            List<String> duck = List.of(launcher.toString(), "run", file.toString(), "--db", duckDb.toString(), "--at", AT, "--format", "json");
            List<String> theirs = List.of(launcher.toString(), "run", file.toString(), "--db", other.resolve("camp.duckdb").toString(),
                    "--engine", spark ? "spark" : "postgres", "--url", url, "--at", AT, "--format", "json");
            Path theirsOut = round.resolve(other.getFileName() + ".out");
            Processes.Result d;
            Processes.Result p;
            if (i % 2 == 1) {
                d = Processes.run(duck, round.resolve("duckdb.out"));
                p = Processes.run(theirs, theirsOut);
            } else {
                p = Processes.run(theirs, theirsOut);
                d = Processes.run(duck, round.resolve("duckdb.out"));
            }
            if (d.exit() != 0 || p.exit() != 0) {
                System.out.println("round " + i + ": FAILED (duckdb exit " + d.exit() + ", " + other.getFileName() + " exit " + p.exit()
                        + "; output in " + round + ")");
                System.exit(1);
            }
            Map<String, Long> dc = Processes.campCounts(d.out());
            Map<String, Long> pc = Processes.campCounts(p.out());
            boolean equal = dc.equals(pc);
            ok &= equal;
            times.add(new double[] {d.seconds(), p.seconds()});
            System.out.printf(Locale.ROOT, "round %d  camp on DuckDB %6.2f s (peak %s)   camp on %s %6.2f s (camp's peak %s)   %d port counts %s%n",
                    i, d.seconds(), mib(d.peakKib()), engine, p.seconds(), mib(p.peakKib()), dc.size(),
                    equal ? "equal" : "DIFFER: " + dc + " vs " + pc);
        }
        double bestDuck = times.stream().mapToDouble(t -> t[0]).min().orElse(0);
        double bestOther = times.stream().mapToDouble(t -> t[1]).min().orElse(0);
        System.out.printf(Locale.ROOT, "%nbest: DuckDB %.2f s, %s %.2f s (%.2fx)%n", bestDuck, engine, bestOther, bestOther / bestDuck);
        System.exit(ok ? 0 : 1);
    }

    /** The bench's tables, as DuckDB generated them, as one parquet file each: {@code DIR/TABLE/part-00000.parquet}. */
    private static void export(Path data, Path dir) throws SQLException, IOException {
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

    /** The bench's tables, as DuckDB generated them, into PostgreSQL's public schema (replaced). */
    static void load(Path data, String url, Path work) throws SQLException, IOException {
        java.util.Properties readOnly = new java.util.Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + data.toAbsolutePath(), readOnly);
                Connection pg = DriverManager.getConnection(url); Statement d = duck.createStatement(); Statement p = pg.createStatement()) {
            for (String table : TABLES) {
                List<String> columns = new ArrayList<>();
                try (ResultSet r = d.executeQuery("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '"
                        + table + "' ORDER BY ordinal_position")) {
                    while (r.next()) {
                        columns.add("\"" + r.getString(1) + "\" " + PostgresDialect.INSTANCE.typeFromDuckDb(r.getString(2)));
                    }
                }
                p.execute("DROP TABLE IF EXISTS public.\"" + table + "\" CASCADE");
                p.execute("CREATE TABLE public.\"" + table + "\" (" + String.join(", ", columns) + ")");
                Path csv = work.resolve(table + ".csv");
                d.execute("COPY " + table + " TO '" + csv.toAbsolutePath() + "' (FORMAT csv, HEADER false, NULLSTR '\\N', FORCE_QUOTE *)");
                try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
                    new CopyManager(pg.unwrap(BaseConnection.class)).copyIn("COPY public.\"" + table + "\" FROM STDIN (FORMAT csv, NULL '\\N')", in);
                }
                Files.delete(csv);
                p.execute("ANALYZE public.\"" + table + "\"");
            }
        }
    }

    /** Drops what earlier runs of camp left in PostgreSQL (its state, saved audiences, runs' schemas). */
    static void resetCamp(String url) throws SQLException {
        try (Connection pg = DriverManager.getConnection(url); Statement s = pg.createStatement()) {
            List<String> schemas = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'camp\\_%' OR nspname LIKE 'run\\_%'")) {
                while (r.next()) {
                    schemas.add(r.getString(1));
                }
            }
            for (String schema : schemas) {
                s.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
            }
        }
    }


    private static String mib(long kib) {
        return kib == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
