package camp.bench;

import camp.lsp.LspSettings;
import camp.lsp.ProtocolClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The language server benchmark of bench/ (bench/lsp.sh): how long after an edit the editor gets
 * the diagnostics, the hover of an activity, and completions when the server offers them, on a
 * generated campaign of about 2,000 lines.
 *
 * <p>Writes the campaign ({@link LargeScript}: chains of build, enrich, split, e-mail, save
 * audience, end, over a library of table entities) to a work folder, starts the server (in this
 * process on pipes, or with {@code --process} as {@code camp lsp} in a new JVM), opens the file,
 * then edits a number in a rule in the middle of it, back and forth: each edit is one
 * {@code didChange} with a new version, timed from just before it is written to the arrival of the
 * {@code publishDiagnostics} of that version; then a hover on the activity that was edited (its
 * kind, outputs and SQL; the first request after an edit also builds the symbol index), then a
 * completion inside the rule if the server offers completion. Warm-up edits first, then the
 * measured ones; prints median, p95, min and max of each.
 *
 * <p>The campaign must check without errors (the benchmark fails with exit 1 otherwise), and every
 * edit's diagnostics must come back as they were (none).
 *
 * <pre>java -cp target/camp.jar camp.bench.LspBench [--lines 2000] [--edits 100] [--warmup 50] [--work DIR]
 *     [--process] [--java-opt OPTION]... [--format text|json]</pre>
 */
public final class LspBench {
    /** The JVM options of {@code ./camp lsp} (the launcher's options for commands that are not engine commands). */
    static final List<String> LAUNCHER_OPTIONS = List.of("-XX:+UseSerialGC", "-Xss16m");
    /** The project's target and goal for diagnostics after an edit of a 2,000-line file, in ms. */
    static final double TARGET_MS = 100;
    static final double GOAL_MS = 20;

    private LspBench() {
    }

    /** What was asked for. */
    record Settings(int lines, int edits, int warmup, Path work, boolean process, List<String> javaOptions, boolean json) {
    }

    /** Times of one measure, in milliseconds. */
    record Measure(String what, double[] millis, String note) {
        double percentile(double p) {
            if (millis.length == 0) {
                return Double.NaN;
            }
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
        }

        double min() {
            return Arrays.stream(millis).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(millis).max().orElse(Double.NaN);
        }
    }

    public static void main(String[] args) throws Exception {
        int lines = 2000;
        int edits = 100;
        int warmup = 50;
        Path work = null;
        boolean process = false;
        boolean json = false;
        List<String> javaOptions = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = number(args, ++i);
                case "--edits" -> edits = number(args, ++i);
                case "--warmup" -> warmup = number(args, ++i);
                case "--work" -> work = Path.of(value(args, ++i));
                case "--process" -> process = true;
                case "--java-opt" -> javaOptions.add(value(args, ++i));
                case "--format" -> json = switch (value(args, ++i)) {
                    case "json" -> true;
                    case "text" -> false;
                    default -> usage("--format is text or json");
                };
                default -> usage("unknown argument " + args[i]);
            }
        }
        if (edits < 1 || lines < 100) {
            usage("--edits must be at least 1 and --lines at least 100");
        }
        if (work == null) {
            work = Files.createTempDirectory("camp-lsp-bench");
        }
        if (process && javaOptions.isEmpty()) {
            javaOptions.addAll(LAUNCHER_OPTIONS);
        }
        Settings s = new Settings(lines, edits, warmup, work.toAbsolutePath().normalize(), process, javaOptions, json);
        try {
            Report r = measure(s);
            System.out.print(json ? r.json() : r.text());
            System.out.flush();
            System.exit(0);
        } catch (IllegalStateException e) {
            System.err.println("lsp bench: CHECK FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private static int number(String[] args, int i) {
        try {
            return Integer.parseInt(value(args, i).replaceAll("[_,]", ""));
        } catch (NumberFormatException e) {
            return usage("not a number: " + args[i]);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static <T> T usage(String problem) {
        System.err.println("lsp bench: " + problem);
        System.err.println("usage: LspBench [--lines 2000] [--edits 100] [--warmup 50] [--work DIR] [--process] [--java-opt OPTION]..."
                + " [--format text|json]");
        System.exit(2);
        return null;
    }

    /** What the benchmark found. */
    record Report(Settings settings, String server, int lineCount, int activities, long warnings, List<Measure> measures) {
        String text() {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "camp lsp latency: %,d-line campaign (%,d activities, %d warnings), %d edits after %d"
                    + " warm-up, server %s%n", lineCount, activities, warnings, settings.edits(), settings.warmup(),
                    settings.process() ? "in its own JVM (" + String.join(" ", settings.javaOptions()) + ")" : "in this JVM"));
            b.append(String.format(Locale.ROOT, "%-44s %9s %9s %9s %9s%n", "after an edit", "median", "p95", "min", "max"));
            for (Measure m : measures) {
                if (m.millis().length == 0) {
                    b.append(String.format(Locale.ROOT, "%-44s %s%n", m.what(), m.note()));
                } else {
                    b.append(String.format(Locale.ROOT, "%-44s %6.1f ms %6.1f ms %6.1f ms %6.1f ms%n", m.what(), m.percentile(50),
                            m.percentile(95), m.min(), m.max()));
                }
            }
            Measure d = measures.get(0);
            b.append(String.format(Locale.ROOT, "diagnostics: median %.1f ms, p95 %.1f ms: target %.0f ms %s, goal %.0f ms %s%n",
                    d.percentile(50), d.percentile(95), TARGET_MS, d.percentile(95) <= TARGET_MS ? "met" : "NOT met", GOAL_MS,
                    d.percentile(50) <= GOAL_MS ? "met" : "not met"));
            return b.toString();
        }

        String json() {
            StringBuilder b = new StringBuilder("{");
            b.append("\"lines\":").append(lineCount).append(",\"activities\":").append(activities).append(",\"warnings\":").append(warnings)
                    .append(",\"edits\":").append(settings.edits()).append(",\"warmup\":").append(settings.warmup())
                    .append(",\"server\":\"").append(settings.process() ? "process" : "in-process").append('"')
                    .append(",\"javaOptions\":[");
            for (int i = 0; i < settings.javaOptions().size(); i++) {
                b.append(i == 0 ? "" : ",").append('"').append(settings.javaOptions().get(i).replace("\"", "\\\"")).append('"');
            }
            b.append("],\"measures\":{");
            for (int i = 0; i < measures.size(); i++) {
                Measure m = measures.get(i);
                b.append(i == 0 ? "" : ",").append('"').append(key(m.what())).append("\":");
                if (m.millis().length == 0) {
                    b.append("null");
                } else {
                    b.append(String.format(Locale.ROOT, "{\"medianMs\":%.2f,\"p95Ms\":%.2f,\"minMs\":%.2f,\"maxMs\":%.2f,\"count\":%d}",
                            m.percentile(50), m.percentile(95), m.min(), m.max(), m.millis().length));
                }
            }
            return b.append("}}\n").toString();
        }

        private static String key(String what) {
            return what.startsWith("diagnostics") ? "diagnostics" : what.startsWith("hover") ? "hover" : "completion";
        }
    }

    static Report measure(Settings s) throws Exception {
        Files.createDirectories(s.work());
        Files.writeString(s.work().resolve("camp.toml"), "# the language server benchmark's own project\n");
        Files.writeString(s.work().resolve("retail.camp"), SCHEMA, StandardCharsets.UTF_8);
        String text = LargeScript.generate(s.lines());
        Path file = s.work().resolve("large.camp");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String uri = file.toUri().toString();
        String[] lines = text.split("\n", -1);
        int activities = (int) Arrays.stream(lines).filter(l -> l.startsWith("activity ")).count();
        // the rule edited: the loyalty threshold of the chain in the middle
        int chain = (int) Arrays.stream(lines).filter(l -> l.startsWith("// chain ")).count() / 2;
        int line = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals("// chain " + chain)) {
                line = i + 2;
                break;
            }
        }
        String rule = lines[line];
        int numberStart = rule.indexOf(">= ") + 3;
        int numberEnd = rule.indexOf(' ', numberStart);
        String original = rule.substring(numberStart, numberEnd);
        int activityLine = line - 1;
        int activityColumn = "activity b".length();

        Process child = null;
        ProtocolClient client;
        if (s.process()) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(s.javaOptions());
            // the server runs in the work folder: a relative class path (-cp target/camp.jar) must not follow it there
            String classPath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .map(e -> Path.of(e).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
            command.addAll(List.of("-cp", classPath, "camp.cli.Main", "lsp"));
            child = new ProcessBuilder(command).directory(s.work().toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            client = ProtocolClient.over(child.getInputStream(), child.getOutputStream());
        } else {
            client = ProtocolClient.inProcess(LspSettings.defaults());
        }
        try {
            String server = client.initialize(s.work().toUri().toString());
            client.open(uri, text);
            long[] first = client.awaitDiagnostics(uri, 1);
            long warnings = first[1];
            if (hasErrors(client, uri, activityLine)) {
                throw new IllegalStateException("the generated campaign does not check cleanly");
            }
            boolean completion = client.offers("completionProvider");
            Map<String, List<Double>> times = new LinkedHashMap<>();
            times.put("diagnostics", new ArrayList<>());
            times.put("hover", new ArrayList<>());
            times.put("completion", new ArrayList<>());
            int version = 1;
            for (int i = 0; i < s.warmup() + s.edits(); i++) {
                String next = i % 2 == 0 ? different(original) : original;
                String current = i % 2 == 0 ? original : different(original);
                version++;
                long sent = client.change(uri, version, line, numberStart, numberStart + current.length(), next);
                long[] got = client.awaitDiagnostics(uri, version);
                boolean measured = i >= s.warmup();
                if (got[1] != warnings) {
                    throw new IllegalStateException("edit " + version + " gave " + got[1] + " diagnostics, not " + warnings);
                }
                long t0 = System.nanoTime();
                String hover = client.hover(uri, activityLine, activityColumn);
                long t1 = System.nanoTime();
                if (!hover.contains("build")) {
                    throw new IllegalStateException("the hover of the edited activity says nothing of it: " + hover);
                }
                if (measured) {
                    times.get("diagnostics").add((got[0] - sent) / 1e6);
                    times.get("hover").add((t1 - t0) / 1e6);
                }
                if (completion) {
                    long c0 = System.nanoTime();
                    client.completion(uri, line, numberStart - 3);
                    if (measured) {
                        times.get("completion").add((System.nanoTime() - c0) / 1e6);
                    }
                }
            }
            List<Measure> measures = List.of(
                    new Measure("diagnostics (didChange to publishDiagnostics)", array(times.get("diagnostics")), null),
                    new Measure("hover on the edited activity (with its SQL)", array(times.get("hover")), null),
                    new Measure("completion in the edited rule", array(times.get("completion")),
                            completion ? null : "not offered by this server"));
            client.shutdown();
            return new Report(s, server, lines.length, activities, warnings, measures);
        } finally {
            client.close();
            if (child != null) {
                child.destroy();
            }
        }
    }

    /** Whether the first activity's hover says the campaign has errors (then it has no SQL). */
    private static boolean hasErrors(ProtocolClient client, String uri, int activityLine) throws Exception {
        return client.hover(uri, activityLine, "activity b".length()).contains("has errors");
    }

    private static String different(String number) {
        char last = number.charAt(number.length() - 1);
        return number.substring(0, number.length() - 1) + (last == '9' ? '8' : (char) (last + 1));
    }

    private static double[] array(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The library the generated campaign imports: the samples' entities, read from tables (no files needed). */
    static final String SCHEMA = """
            // the entities of the generated campaign, from tables of the run's database
            entity profiles key id from table "profiles" {
              id: int
              email: text
              first_name: text
              country: text
              loyalty_points: int
              email_opt_in: bool
              favorite_store_id: int
              purchases: many purchases on profile_id
              store: one stores on favorite_store_id
              consent email: email_opt_in
            }

            entity purchases key purchase_id from table "purchases" {
              purchase_id: int
              profile_id: int
              store_id: int
              amount: decimal
              purchased_at: timestamp
            }

            entity stores key store_id from table "stores" {
              store_id: int
              name: text
              city: text
            }
            """;
}
