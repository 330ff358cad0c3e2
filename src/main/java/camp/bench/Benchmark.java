package camp.bench;

import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunOptions;
import camp.run.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The benchmark of bench/: generates N profiles (~10 purchases each) with bench/generate.sql,
 * runs bench/campaign.camp with camp, then runs bench/handwritten.sql in the same process over
 * the same data, compares every port count and prints both times, their ratio and the peak
 * resident memory. Exit code 1 when a count differs.
 *
 * <pre>java -cp target/camp.jar camp.bench.Benchmark --profiles 1000000 [--dry-run] [--bench-dir bench] [--work DIR] [--reuse]
 *     [--campaign campaign|baskets] [--process [--runs N] [--camp PATH]]</pre>
 *
 * <p>{@code --campaign baskets} times bench/baskets.camp (a change of dimension to purchases and a
 * split on a purchase column) against bench/baskets.sql instead of bench/campaign.camp and
 * bench/handwritten.sql.
 *
 * <p>With {@code --process}, each side is a whole process, as the project's target counts it:
 * {@code ./camp run} (the launcher, with its JVM options) and {@link HandWritten} (a plain JVM and
 * DuckDB's JDBC driver), each on its own copy of the generated database, alternated N times; it
 * prints the min–max of each side and of the ratio of each round, and the peak RSS of each side.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** What one benchmark run measured. */
    public record Measure(long profiles, double generateSeconds, double campSeconds, double handSeconds,
            Map<String, Long> camp, Map<String, Long> expected, String status) {
        public boolean countsMatch() {
            return camp.equals(expected);
        }
    }

    public static void main(String[] args) throws Exception {
        long profiles = 1_000_000;
        boolean dryRun = false;
        Path benchDir = Path.of("bench");
        Path work = null;
        boolean reuse = false;
        boolean process = false;
        String campaign = "campaign";
        int runs = 3;
        Path launcher = Path.of("camp").toAbsolutePath();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--process" -> process = true;
                case "--campaign" -> campaign = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--camp" -> launcher = Path.of(args[++i]).toAbsolutePath();
                case "--profiles" -> profiles = Long.parseLong(args[++i].replace("_", ""));
                case "--dry-run" -> dryRun = true;
                case "--bench-dir" -> benchDir = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                default -> {
                    System.err.println("usage: Benchmark [--profiles N] [--dry-run] [--bench-dir bench] [--work DIR] [--reuse]"
                            + " [--campaign campaign|baskets] [--process [--runs N] [--camp PATH]]");
                    System.exit(2);
                }
            }
        }
        if (work == null) {
            work = Files.createTempDirectory("camp-bench");
        }
        if (process) {
            System.exit(Processes.measure(benchDir, campaign, work, profiles, dryRun, reuse, runs, launcher) ? 0 : 1);
        }
        Measure m = measure(benchDir, campaign, work, profiles, dryRun, reuse);
        print(m, dryRun);
        System.exit(m.countsMatch() ? 0 : 1);
    }

    /** Measures one run; with {@code reuse}, data generated earlier in {@code work} is used again. */
    public static Measure measure(Path benchDir, String campaign, Path work, long profiles, boolean dryRun, boolean reuse)
            throws SQLException, IOException {
        Path db = work.resolve("bench.duckdb");
        long t0 = System.nanoTime();
        prepare(benchDir, work, db, profiles, reuse);
        Files.deleteIfExists(work.resolve("outbox.jsonl"));
        long t1 = System.nanoTime();
        RunOptions options = new RunOptions(campaignFile(benchDir, campaign), db, Instant.parse("2026-11-24T09:00:00Z"),
                Map.of(), dryRun, null, null);
        RunResult result = Interpreter.run(options);
        long t2 = System.nanoTime();
        if (result.run() == null) {
            throw new IllegalStateException("the campaign did not start: " + result.diagnostics());
        }
        Map<String, Long> expected = new TreeMap<>();
        String handwritten = Files.readString(handwrittenFile(benchDir, campaign), StandardCharsets.UTF_8);
        // timed like camp's run: from opening the database to closing it (which checkpoints what was written)
        long t3 = System.nanoTime();
        try (Connection c = Database.open(db); Statement s = c.createStatement()) {
            s.execute(handwritten);
        }
        long t4 = System.nanoTime();
        try (Connection c = Database.open(db); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT activity, port, rows FROM expected")) {
                while (r.next()) {
                    expected.put(r.getString(1) + "." + r.getString(2), r.getLong(3));
                }
            }
        }
        Map<String, Long> camp = new TreeMap<>();
        result.activities().forEach((name, a) -> a.outputs().forEach((port, n) -> camp.put(name + "." + port, n)));
        return new Measure(profiles, seconds(t1 - t0), seconds(t2 - t1), seconds(t4 - t3), camp, expected, result.status().label());
    }

    /**
     * The generated data in {@code db}: made afresh, or, with {@code reuse}, the data an earlier run
     * left there; returns whether it was generated now.
     */
    static boolean prepare(Path benchDir, Path work, Path db, long profiles, boolean reuse) throws SQLException, IOException {
        Files.createDirectories(work);
        boolean generate = !(reuse && Files.exists(db));
        if (generate) {
            Files.deleteIfExists(db);
            Files.deleteIfExists(db.resolveSibling(db.getFileName() + ".wal"));
        }
        generate(benchDir, db, profiles, generate);
        return generate;
    }

    /**
     * Generates the data into {@code db} (unless {@code generate} is false) and checkpoints it,
     * with DuckDB's own settings, as a team's database would be (compressed), not camp's.
     */
    static void generate(Path benchDir, Path db, long profiles, boolean generate) throws SQLException, IOException {
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath()); Statement s = c.createStatement()) {
            if (generate) {
                s.execute("SET VARIABLE profiles = " + profiles);
                s.execute(Files.readString(benchDir.resolve("generate.sql"), StandardCharsets.UTF_8));
            }
            s.execute("CHECKPOINT");
        }
    }

    /** bench/NAME.camp: {@code campaign} (the default) or {@code baskets}. */
    static Path campaignFile(Path benchDir, String campaign) {
        return benchDir.resolve(campaign + ".camp");
    }

    /** Its hand-written SQL: bench/handwritten.sql for the default campaign, bench/NAME.sql for another. */
    static Path handwrittenFile(Path benchDir, String campaign) {
        return benchDir.resolve(campaign.equals("campaign") ? "handwritten.sql" : campaign + ".sql");
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void print(Measure m, boolean dryRun) {
        System.out.printf(Locale.ROOT, "profiles            %,d%n", m.profiles());
        System.out.printf(Locale.ROOT, "generate data       %.2f s%n", m.generateSeconds());
        System.out.printf(Locale.ROOT, "camp run%s      %.2f s (status %s)%n", dryRun ? " --dry-run" : "          ", m.campSeconds(), m.status());
        System.out.printf(Locale.ROOT, "hand-written SQL    %.2f s%n", m.handSeconds());
        System.out.printf(Locale.ROOT, "ratio camp / SQL    %.2f%n", m.campSeconds() / m.handSeconds());
        System.out.printf(Locale.ROOT, "peak memory (RSS)   %s%n", peakRss());
        Map<String, String> diff = new LinkedHashMap<>();
        for (String k : m.expected().keySet()) {
            Long c = m.camp().get(k);
            if (!m.expected().get(k).equals(c)) {
                diff.put(k, "camp " + c + ", hand-written " + m.expected().get(k));
            }
        }
        for (String k : m.camp().keySet()) {
            if (!m.expected().containsKey(k)) {
                diff.put(k, "camp " + m.camp().get(k) + ", hand-written has no such port");
            }
        }
        if (diff.isEmpty()) {
            System.out.println("counts              all " + m.expected().size() + " port counts equal the hand-written SQL");
        } else {
            System.out.println("counts              MISMATCH");
            diff.forEach((k, v) -> System.out.println("  " + k + ": " + v));
        }
    }

    /** The process's peak resident set size, from /proc (Linux), or "n/a". */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MiB", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
        return "n/a";
    }
}
