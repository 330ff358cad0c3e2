package camp.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Benchmark --process}: camp and the hand-written SQL each as a whole process (new JVM,
 * database opened, work done, database closed, process ended), on copies of one generated
 * database, alternated (camp first in odd rounds, the hand-written SQL first in even ones), the
 * counts of both compared in every round.
 */
final class Processes {
    private static final String AT = "2026-11-24T09:00:00Z";

    private Processes() {
    }

    /** What one process took: wall time from start to exit, its peak resident memory, what it printed. */
    record Result(double seconds, long peakKib, String out, int exit) {
    }

    /** Runs the rounds and prints them; false when a process failed or a count differs. */
    static boolean measure(Path benchDir, String campaign, Path work, long profiles, boolean dryRun, boolean reuse, int runs, Path launcher)
            throws IOException, SQLException, InterruptedException {
        Path data = work.resolve("bench.duckdb");
        long t0 = System.nanoTime();
        boolean generate = Benchmark.prepare(benchDir, work, data, profiles, reuse);
        System.out.printf(Locale.ROOT, "profiles            %,d%n", profiles);
        System.out.printf(Locale.ROOT, "generate data       %.2f s%s%n", (System.nanoTime() - t0) / 1e9, generate ? "" : " (reused)");
        System.out.printf(Locale.ROOT, "camp                %s run %s%s (new JVM each round)%n", launcher,
                Benchmark.campaignFile(benchDir, campaign), dryRun ? " --dry-run" : "");
        System.out.printf(Locale.ROOT, "hand-written SQL    java -cp ... %s %s (new JVM each round, DuckDB's JDBC driver)%n%n",
                HandWritten.class.getName(), Benchmark.handwrittenFile(benchDir, campaign));
        List<double[]> rounds = new ArrayList<>();
        long campPeak = 0;
        long handPeak = 0;
        boolean ok = true;
        for (int i = 1; i <= runs; i++) {
            Path round = work.resolve("round");
            DeliveryBench.deleteTree(round);
            Path campDb = round.resolve("camp").resolve("camp.duckdb");
            Path handDb = round.resolve("hand").resolve("hand.duckdb");
            Files.createDirectories(campDb.getParent());
            Files.createDirectories(handDb.getParent());
            Files.copy(data, campDb);
            Files.copy(data, handDb);
            List<String> campCommand = new ArrayList<>(List.of(launcher.toString(), "run",
                    Benchmark.campaignFile(benchDir, campaign).toString(), "--db", campDb.toString(), "--at", AT, "--format", "json"));
            if (dryRun) {
                campCommand.add("--dry-run");
            }
            List<String> handCommand = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    DeliveryBench.absoluteClassPath(), HandWritten.class.getName(), handDb.toString(), Benchmark.handwrittenFile(benchDir, campaign).toString());
            Result camp;
            Result hand;
            if (i % 2 == 1) {
                camp = run(campCommand, round.resolve("camp.out"));
                hand = run(handCommand, round.resolve("hand.out"));
            } else {
                hand = run(handCommand, round.resolve("hand.out"));
                camp = run(campCommand, round.resolve("camp.out"));
            }
            if (camp.exit() != 0 || hand.exit() != 0) {
                System.out.println("round " + i + ": FAILED (camp exit " + camp.exit() + ", hand-written exit " + hand.exit()
                        + "; output in " + round + ")");
                return false;
            }
            Map<String, Long> campCounts = campCounts(camp.out());
            Map<String, Long> handCounts = handCounts(hand.out());
            boolean equal = campCounts.equals(handCounts);
            ok &= equal;
            campPeak = Math.max(campPeak, camp.peakKib());
            handPeak = Math.max(handPeak, hand.peakKib());
            rounds.add(new double[] {camp.seconds(), hand.seconds()});
            System.out.printf(Locale.ROOT, "round %d   camp %6.2f s  %6s   hand-written %6.2f s  %6s   ratio %.2f   %s%n", i,
                    camp.seconds(), mib(camp.peakKib()), hand.seconds(), mib(hand.peakKib()), camp.seconds() / hand.seconds(),
                    equal ? "all " + handCounts.size() + " port counts equal" : "COUNTS DIFFER: camp " + campCounts + ", hand-written " + handCounts);
        }
        DeliveryBench.deleteTree(work.resolve("round"));
        double campMin = rounds.stream().mapToDouble(r -> r[0]).min().orElse(0);
        double campMax = rounds.stream().mapToDouble(r -> r[0]).max().orElse(0);
        double handMin = rounds.stream().mapToDouble(r -> r[1]).min().orElse(0);
        double handMax = rounds.stream().mapToDouble(r -> r[1]).max().orElse(0);
        double ratioMin = rounds.stream().mapToDouble(r -> r[0] / r[1]).min().orElse(0);
        double ratioMax = rounds.stream().mapToDouble(r -> r[0] / r[1]).max().orElse(0);
        System.out.printf(Locale.ROOT, "%ncamp run%s        %.2f–%.2f s, peak RSS %s%n", dryRun ? " --dry-run" : "", campMin, campMax, mib(campPeak));
        System.out.printf(Locale.ROOT, "hand-written SQL    %.2f–%.2f s, peak RSS %s%n", handMin, handMax, mib(handPeak));
        System.out.printf(Locale.ROOT, "ratio camp / SQL    %.2f–%.2f per round; best of each side %.2f%n", ratioMin, ratioMax, campMin / handMin);
        System.out.println(ok ? "counts              equal in every round" : "counts              MISMATCH");
        return ok;
    }

    /** Starts a command, polls its peak resident memory until it ends, and times it. */
    static Result run(List<String> command, Path output) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = 0;
        while (p.isAlive()) {
            peak = Math.max(peak, peakKib(status));
            p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(seconds, peak, Files.readString(output, StandardCharsets.UTF_8), p.exitValue());
    }

    /** VmHWM of a live process, in KiB; 0 once it is gone or off Linux. */
    private static long peakKib(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** The port counts of {@code camp run --format json}: activity.port -> rows. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> campCounts(String out) {
        // the JSON document, without what the launcher may print before it (a build) or after it
        String json = out.substring(out.indexOf('{'), out.lastIndexOf('}') + 1);
        Map<String, Long> counts = new TreeMap<>();
        Map<String, Object> activities = (Map<String, Object>) DeliveryBench.Json.object(json).get("activities");
        activities.forEach((activity, a) -> ((Map<String, Object>) ((Map<String, Object>) a).get("outputs"))
                .forEach((port, n) -> counts.put(activity + "." + port, ((Number) n).longValue())));
        return counts;
    }

    /** The lines {@code activity.port=rows} of {@link HandWritten}. */
    static Map<String, Long> handCounts(String out) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                counts.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1).trim()));
            }
        }
        return counts;
    }

    private static String mib(long kib) {
        return kib == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
