package camp.bench;

import camp.cli.Main;
import camp.run.Database;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The delivery benchmark of bench/ (bench/delivery.sh): how many messages per second a channel
 * task sends, to the default file outbox and to an SMTP server.
 *
 * <p>Generates N opted-in profiles with an e-mail address once (a parquet file in the work
 * folder), writes a campaign of two activities (build, then an e-mail with a subject and a small
 * HTML body using {@code {{first_name}}} and {@code {{email}}}), and runs it with {@code camp run}
 * in a new JVM (the JVM options of {@code ./camp run}), on a new database each time. From
 * {@code camp tasks} it takes the channel task's start and end, from {@code camp report} the first
 * and last recorded send. The SMTP runs send to an {@link SmtpSink} started in this process with
 * {@code --provider email=smtp://127.0.0.1:PORT?starttls=off}.
 *
 * <p>Every run is checked, and the benchmark fails (exit 1) when a check does not hold: the task
 * sent all N messages; the outbox file has exactly as many lines as the delivery history has sent
 * messages of the run, no key twice, the same keys, every body rendered; the SMTP sink received
 * exactly as many messages as were recorded sent, each with its own Message-ID, and those are the
 * history's keys.
 *
 * <pre>java -cp target/camp.jar camp.bench.DeliveryBench [--messages 100000] [--smtp-messages 10000] [--runs 3]
 *     [--work DIR] [--format text|json] [--keep] [--java-opt OPTION]...</pre>
 */
public final class DeliveryBench {
    /** The run's logical time; no schedule, so the run id is always 20261124T090000Z. */
    static final String AT = "2026-11-24T09:00:00Z";
    /** The project's target for the file outbox, in messages per second at 100,000 messages. */
    static final double TARGET = 50_000;
    static final String ACTIVITY = "mail";

    private DeliveryBench() {
    }

    /** One timed run of camp and what its checks found. */
    public record Run(String provider, int index, long messages, long sent, double taskSeconds, double wallSeconds,
            double firstRecordSeconds, double reportRate, String checked) {
        /** Messages per second over the channel task (from its start to its end). */
        public double rate() {
            return taskSeconds <= 0 ? 0 : sent / taskSeconds;
        }
    }

    /** The settings of one benchmark. */
    record Settings(long messages, long smtpMessages, int runs, Path work, boolean json, boolean keep, List<String> javaOptions) {
    }

    /** A check that did not hold: the benchmark stops and exits 1. */
    static final class CheckFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CheckFailed(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        long messages = 100_000;
        long smtpMessages = 10_000;
        int runs = 3;
        Path work = null;
        boolean json = false;
        boolean keep = false;
        List<String> javaOptions = new ArrayList<>();
        String env = System.getenv("CAMP_JAVA_OPTS"); // as ./camp does
        if (env != null && !env.isBlank()) {
            javaOptions.addAll(List.of(env.trim().split("\\s+")));
        }
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--messages" -> messages = number(args, ++i);
                case "--smtp-messages" -> smtpMessages = number(args, ++i);
                case "--runs" -> runs = (int) number(args, ++i);
                case "--work" -> work = Path.of(value(args, ++i));
                case "--format" -> json = switch (value(args, ++i)) {
                    case "json" -> true;
                    case "text" -> false;
                    default -> usage("--format is text or json");
                };
                case "--json" -> json = true;
                case "--keep" -> keep = true;
                case "--java-opt" -> javaOptions.add(value(args, ++i));
                default -> {
                    if (args[i].matches("[0-9_,]+")) {
                        messages = Long.parseLong(args[i].replaceAll("[_,]", ""));
                    } else {
                        usage("unknown argument " + args[i]);
                    }
                }
            }
        }
        if (runs < 1) {
            usage("--runs must be at least 1");
        }
        if (work == null) {
            work = Files.createTempDirectory("camp-delivery");
        }
        Settings settings = new Settings(messages, smtpMessages, runs, work.toAbsolutePath().normalize(), json, keep, javaOptions);
        try {
            Report report = measure(settings);
            System.out.print(json ? report.json() : report.text());
            System.out.flush();
            System.exit(0);
        } catch (CheckFailed e) {
            System.out.flush();
            System.err.println();
            System.err.println("delivery bench: CHECK FAILED: " + e.getMessage());
            System.err.println("(files of the failed run kept under " + settings.work().resolve("runs") + ")");
            System.exit(1);
        }
    }

    private static long number(String[] args, int i) {
        String v = value(args, i);
        try {
            return Long.parseLong(v.replaceAll("[_,]", ""));
        } catch (NumberFormatException e) {
            return usage("not a number: " + v);
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static <T> T usage(String problem) {
        System.err.println("delivery bench: " + problem);
        System.err.println("usage: DeliveryBench [--messages N | N] [--smtp-messages N] [--runs 3] [--work DIR] [--format text|json]"
                + " [--keep] [--java-opt OPTION]...");
        System.exit(2);
        return null;
    }

    // -- measuring --------------------------------------------------------------------------------------------

    /** What the benchmark measured: its setting and every run. */
    record Report(Settings settings, String duckdb, double generateSeconds, boolean generated, List<Run> file, List<Run> smtp) {
        String text() {
            return DeliveryBench.text(this);
        }

        String json() {
            return DeliveryBench.json(this);
        }
    }

    static Report measure(Settings s) throws Exception {
        Files.createDirectories(s.work());
        // a camp.toml of its own, so that no camp.toml above the work folder (its [providers]) applies
        Path config = s.work().resolve("camp.toml");
        if (!Files.exists(config)) {
            Files.writeString(config, "# the delivery benchmark's own project: no [providers], the file outbox by default\n");
        }
        long largest = Math.max(s.messages(), s.smtpMessages());
        Path data = s.work().resolve("profiles-" + largest + ".parquet");
        long t0 = System.nanoTime();
        boolean generated = !Files.exists(data);
        String duckdb = generate(data, largest);
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        progress(s, String.format(Locale.ROOT, "data: %,d profiles in %s (%s in %.2f s)", largest, data,
                generated ? "generated" : "reused", generateSeconds));
        List<Run> file = new ArrayList<>();
        List<Run> smtp = new ArrayList<>();
        if (s.messages() > 0) {
            Path campaign = writeCampaign(s.work(), data, s.messages());
            for (int i = 1; i <= s.runs(); i++) {
                Run r = runFile(s, campaign, i);
                progress(s, line(r));
                file.add(r);
            }
        }
        if (s.smtpMessages() > 0) {
            Path campaign = writeCampaign(s.work(), data, s.smtpMessages());
            for (int i = 1; i <= s.runs(); i++) {
                Run r = runSmtp(s, campaign, i);
                progress(s, line(r));
                smtp.add(r);
            }
        }
        return new Report(s, duckdb, generateSeconds, generated, file, smtp);
    }

    private static void progress(Settings s, String line) {
        System.err.println(line);
    }

    /** Writes {@code count} opted-in profiles with an address to a parquet file (unless it exists); returns DuckDB's version. */
    static String generate(Path parquet, long count) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            if (!Files.exists(parquet)) {
                Path partial = parquet.resolveSibling(parquet.getFileName() + ".partial");
                s.execute("COPY (SELECT i::BIGINT AS id, 'user' || i || '@example.com' AS email,"
                        + " ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken'][1 + i % 8] || ' ' || i AS first_name,"
                        + " TRUE AS email_opt_in FROM range(1, " + (count + 1) + ") AS t(i) ORDER BY i)"
                        + " TO '" + partial.toString().replace("'", "''") + "' (FORMAT parquet)");
                try {
                    Files.move(partial, parquet);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT version()")) {
                r.next();
                return r.getString(1);
            }
        }
    }

    /** The campaign of the benchmark: the first {@code messages} profiles, one e-mail each. */
    static Path writeCampaign(Path work, Path data, long messages) throws IOException {
        Path file = work.resolve("delivery-" + messages + ".camp");
        String text = "// camp delivery benchmark (bench/delivery.sh): one e-mail to each of " + messages + " profiles\n"
                + "campaign \"Bench: delivery throughput\"\n\n"
                + "entity profiles key id from parquet \"" + data.getFileName() + "\" {\n"
                + "  id: int\n"
                + "  email: text\n"
                + "  first_name: text\n"
                + "  email_opt_in: bool\n"
                + "  consent email: email_opt_in\n"
                + "}\n\n"
                + "activity everyone: build profiles where id <= " + messages + "\n"
                + "activity " + ACTIVITY + ": email {\n"
                + "  from \"Winter Shop <news@shop.example>\"\n"
                + "  subject \"{{first_name}}, your winter preview is here\"\n"
                + "  body \"<html><body><h1>Hello {{first_name}}</h1><p>The winter sale opens to you first: 20 % off"
                + " everything until Sunday.</p><p>This message was sent to {{email}}.</p></body></html>\"\n"
                + "}\n\n"
                + "flow {\n  everyone -> " + ACTIVITY + "\n}\n";
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A new folder for one run: its database, outbox and events, nothing left from an earlier run. */
    private static Path freshFolder(Settings s, String name) throws IOException {
        Path folder = s.work().resolve("runs").resolve(name);
        deleteTree(folder);
        Files.createDirectories(folder);
        return folder;
    }

    static Run runFile(Settings s, Path campaign, int index) throws Exception {
        String name = "file-" + index;
        Path folder = freshFolder(s, name);
        Path db = folder.resolve("bench.duckdb");
        Camp camp = camp(s, campaign, db, folder, List.of());
        Timing t = timing(camp, db, s.messages());
        Set<String> ledger = ledger(db, camp.run());
        Path outbox = Database.sideFolder(db, "outbox").resolve(camp.run() + ".jsonl");
        String checked = checkOutbox(outbox, camp.run(), ledger, t.sent(), s.messages());
        if (!s.keep()) {
            deleteTree(folder);
        }
        return new Run("file", index, s.messages(), t.sent(), t.task(), camp.wall(), t.firstRecord(), t.reportRate(), checked);
    }

    static Run runSmtp(Settings s, Path campaign, int index) throws Exception {
        String name = "smtp-" + index;
        Path folder = freshFolder(s, name);
        Path db = folder.resolve("bench.duckdb");
        try (SmtpSink sink = SmtpSink.start(0)) {
            Camp camp = camp(s, campaign, db, folder,
                    List.of("--provider", "email=smtp://127.0.0.1:" + sink.port() + "?starttls=off"));
            Timing t = timing(camp, db, s.smtpMessages());
            Set<String> ledger = ledger(db, camp.run());
            String checked = checkSink(sink, ledger, t.sent(), s.smtpMessages());
            if (!s.keep()) {
                deleteTree(folder);
            }
            return new Run("smtp", index, s.smtpMessages(), t.sent(), t.task(), camp.wall(), t.firstRecord(), t.reportRate(), checked);
        }
    }

    /** What {@code camp run} did: its run id and the whole command's wall time. */
    record Camp(String run, double wall) {
    }

    /** Runs {@code camp run} in a new JVM with the options of {@code ./camp run}; fails unless the run completed. */
    static Camp camp(Settings s, Path campaign, Path db, Path folder, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:+UseParallelGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xss16m");
        // the class-data-sharing archive ./camp makes beside the jar, when there is one
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path archive = Path.of(entry).toAbsolutePath().resolveSibling("camp.jsa");
            if (entry.endsWith("camp.jar") && Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(Path.of(entry))) >= 0) {
                command.add("-XX:SharedArchiveFile=" + archive);
                command.add("-Xshare:auto");
            }
        }
        command.addAll(s.javaOptions());
        command.add("-cp");
        // absolute: the run's process works in the benchmark's folder
        command.add(absoluteClassPath());
        command.add(Main.class.getName());
        command.addAll(List.of("run", campaign.toString(), "--db", db.toString(), "--at", AT, "--format", "json"));
        command.addAll(extra);
        Path out = folder.resolveSibling(folder.getFileName() + ".out.json");
        Path err = folder.resolveSibling(folder.getFileName() + ".err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(s.work().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        // no login: the sink offers none, and the caller's SMTP account has nothing to do here
        pb.environment().remove("CAMP_SMTP_USER");
        pb.environment().remove("CAMP_SMTP_PASSWORD");
        long t0 = System.nanoTime();
        Process p = pb.start();
        int code = p.waitFor();
        double wall = (System.nanoTime() - t0) / 1e9;
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new CheckFailed("camp run exited with " + code + " (" + String.join(" ", command) + "): "
                    + tail(Files.readString(err, StandardCharsets.UTF_8)) + tail(stdout));
        }
        // the JSON object is the last line (a -XX:StartFlightRecording option prints its own lines before it)
        String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
        Map<String, Object> result;
        try {
            result = Json.object(last);
        } catch (IllegalArgumentException e) {
            throw new CheckFailed("camp run printed no JSON object (" + e.getMessage() + "): " + tail(stdout));
        }
        if (!"completed".equals(result.get("status"))) {
            throw new CheckFailed("the run did not complete: " + stdout.strip());
        }
        return new Camp((String) result.get("run"), wall);
    }

    private static String tail(String text) {
        String t = text.strip();
        return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
    }

    /** The channel task's times and counts, from {@code camp tasks} and {@code camp report}. */
    record Timing(long sent, double task, double firstRecord, double reportRate) {
    }

    @SuppressWarnings("unchecked")
    static Timing timing(Camp camp, Path db, long expected) {
        Map<String, Object> tasks = Json.object(cli("tasks", camp.run(), "--db", db.toString(), "--format", "json"));
        Map<String, Object> task = ((List<Object>) tasks.get("tasks")).stream().map(o -> (Map<String, Object>) o)
                .filter(o -> ACTIVITY.equals(o.get("activity"))).findFirst()
                .orElseThrow(() -> new CheckFailed("camp tasks shows no task '" + ACTIVITY + "'"));
        if (!"done".equals(task.get("status"))) {
            throw new CheckFailed("the channel task is " + task.get("status") + ": " + task.get("error"));
        }
        Instant started = Instant.parse((String) task.get("startedAt"));
        Instant ended = Instant.parse((String) task.get("endedAt"));
        Map<String, Object> outputs = (Map<String, Object>) task.get("outputs");
        long sent = ((Number) outputs.get("sent")).longValue();
        long failed = ((Number) outputs.get("failed")).longValue();
        long excluded = ((Number) outputs.get("excluded")).longValue();
        if (sent != expected || failed != 0 || excluded != 0) {
            throw new CheckFailed("the channel task sent " + sent + " (failed " + failed + ", excluded " + excluded + "), not " + expected);
        }
        Map<String, Object> report = Json.object(cli("report", camp.run(), "--db", db.toString(), "--format", "json"));
        Map<String, Object> activity = ((List<Object>) report.get("activities")).stream().map(o -> (Map<String, Object>) o)
                .filter(o -> ACTIVITY.equals(o.get("activity"))).findFirst()
                .orElseThrow(() -> new CheckFailed("camp report shows no channel '" + ACTIVITY + "'"));
        if (((Number) activity.get("sent")).longValue() != sent) {
            throw new CheckFailed("camp report says " + activity.get("sent") + " sent, camp tasks " + sent);
        }
        double firstRecord = activity.get("firstSentAt") == null ? Double.NaN
                : seconds(Duration.between(started, Instant.parse((String) activity.get("firstSentAt"))));
        double rate = activity.get("ratePerSecond") instanceof Number n ? n.doubleValue() : Double.NaN;
        return new Timing(sent, seconds(Duration.between(started, ended)), firstRecord, rate);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** Runs a camp command in this process and returns what it printed; fails unless it exits with 0. */
    static String cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        if (code != 0) {
            throw new CheckFailed("camp " + String.join(" ", args) + " exited with " + code + ": " + err + out);
        }
        return out.toString();
    }

    /** The keys of the run's messages recorded as sent in the delivery history. */
    static Set<String> ledger(Path db, String run) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection c = Database.openReadOnly(db);
                PreparedStatement p = c.prepareStatement(
                        "SELECT message_key, status FROM camp_state.deliveries WHERE run_id = ? AND activity = ?")) {
            p.setString(1, run);
            p.setString(2, ACTIVITY);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    if (!"sent".equals(r.getString(2))) {
                        throw new CheckFailed("the delivery history has message " + r.getString(1) + " " + r.getString(2));
                    }
                    if (!keys.add(r.getString(1))) {
                        throw new CheckFailed("the delivery history has message " + r.getString(1) + " twice");
                    }
                }
            }
        }
        return keys;
    }

    /** Checks the outbox file against the delivery history; returns what was checked, in a few words. */
    @SuppressWarnings("unchecked")
    static String checkOutbox(Path outbox, String run, Set<String> ledger, long sent, long expected) throws IOException {
        if (!Files.isRegularFile(outbox)) {
            throw new CheckFailed("no outbox file at " + outbox);
        }
        long lines = 0;
        Set<String> keys = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(outbox, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines++;
                Map<String, Object> m;
                try {
                    m = Json.object(line);
                } catch (IllegalArgumentException e) {
                    throw new CheckFailed("line " + lines + " of " + outbox + " is not a JSON object: " + e.getMessage());
                }
                String key = (String) m.get("messageKey");
                if (key == null || !keys.add(key)) {
                    throw new CheckFailed("line " + lines + " of " + outbox + (key == null ? " has no messageKey" : " repeats key " + key));
                }
                String body = String.valueOf(m.get("body"));
                if (!run.equals(m.get("runId")) || !ACTIVITY.equals(m.get("activity")) || body.contains("{{")
                        || !body.contains(String.valueOf(m.get("address"))) || !Boolean.TRUE.equals(m.get("html"))) {
                    throw new CheckFailed("line " + lines + " of " + outbox + " is not a rendered message of this run: " + line);
                }
            }
        }
        if (lines != ledger.size() || lines != sent || lines != expected) {
            throw new CheckFailed("the outbox has " + lines + " messages, the delivery history " + ledger.size() + " sent, camp tasks "
                    + sent + ", expected " + expected);
        }
        if (!keys.equals(ledger)) {
            throw new CheckFailed("the outbox's keys are not those of the delivery history");
        }
        return String.format(Locale.ROOT, "outbox %,d lines = %,d keys = history", lines, keys.size());
    }

    /** Checks what the SMTP sink received against the delivery history; returns what was checked, in a few words. */
    static String checkSink(SmtpSink sink, Set<String> ledger, long sent, long expected) {
        long messages = sink.messages();
        if (sink.duplicateMessageIds() > 0 || sink.withoutMessageId() > 0) {
            throw new CheckFailed("the SMTP sink received " + sink.duplicateMessageIds() + " messages with a Message-ID seen before and "
                    + sink.withoutMessageId() + " without one");
        }
        if (messages != ledger.size() || messages != sent || messages != expected || sink.recipients() != messages) {
            throw new CheckFailed("the SMTP sink received " + messages + " messages (" + sink.recipients() + " recipients), the delivery"
                    + " history has " + ledger.size() + " sent, camp tasks " + sent + ", expected " + expected);
        }
        Set<String> keys = new HashSet<>();
        for (String id : sink.messageIds()) {
            keys.add(id.replaceFirst("^<", "").replaceFirst("@camp>$", ""));
        }
        if (!keys.equals(ledger)) {
            throw new CheckFailed("the Message-IDs the SMTP sink received are not the delivery history's keys");
        }
        return String.format(Locale.ROOT, "sink %,d messages = %,d Message-IDs = history (%d connection%s)", messages,
                sink.distinctMessageIds(), sink.connections(), sink.connections() == 1 ? "" : "s");
    }

    /** This JVM's class path with absolute entries, for a process that works in another folder. */
    static String absoluteClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // -- printing ---------------------------------------------------------------------------------------------

    private static String label(String provider) {
        return provider.equals("file") ? "file outbox" : "SMTP sink";
    }

    static String line(Run r) {
        return String.format(Locale.ROOT, "%-13s %9s %10.2f s %12s %10.2f s %10.2f s   %s", label(r.provider()) + " #" + r.index(),
                String.format(Locale.ROOT, "%,d", r.sent()), r.taskSeconds(), String.format(Locale.ROOT, "%,.0f", r.rate()),
                r.firstRecordSeconds(), r.wallSeconds(), r.checked());
    }

    private static double min(List<Run> runs, ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).min().orElse(Double.NaN);
    }

    private static double max(List<Run> runs, ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).max().orElse(Double.NaN);
    }

    private static String range(List<Run> runs, ToDoubleFunction<Run> f, String format) {
        double lo = min(runs, f);
        double hi = max(runs, f);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, format, lo) + "–" + String.format(Locale.ROOT, format, hi);
    }

    static String text(Report r) {
        Settings s = r.settings();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "camp delivery benchmark: %d cores, Java %s, DuckDB %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), r.duckdb()));
        b.append(String.format(Locale.ROOT, "work folder %s; data %s in %.2f s%n%n", s.work(), r.generated() ? "generated" : "reused",
                r.generateSeconds()));
        b.append(String.format(Locale.ROOT, "%-13s %9s %12s %12s %12s %12s   %s%n", "run", "messages", "channel task", "msg/s (task)",
                "1st batch", "whole cmd", "checks"));
        Stream.concat(r.file().stream(), r.smtp().stream()).forEach(run -> b.append(line(run)).append('\n'));
        b.append(String.format(Locale.ROOT, "%nmin–max of %d run%s%n", s.runs(), s.runs() == 1 ? "" : "s"));
        b.append(String.format(Locale.ROOT, "%-12s %9s %16s %18s %16s %18s%n", "provider", "messages", "channel task", "msg/s (task)",
                "whole command", "camp report rate"));
        for (List<Run> runs : List.of(r.file(), r.smtp())) {
            if (runs.isEmpty()) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-12s %9s %16s %18s %16s %18s%n", label(runs.get(0).provider()),
                    String.format(Locale.ROOT, "%,d", runs.get(0).messages()), range(runs, Run::taskSeconds, "%.2f") + " s",
                    range(runs, Run::rate, "%,.0f"), range(runs, Run::wallSeconds, "%.2f") + " s", range(runs, Run::reportRate, "%,.0f")));
        }
        if (!r.file().isEmpty()) {
            double best = max(r.file(), Run::rate);
            b.append(String.format(Locale.ROOT, "%ntarget %,.0f messages/s to the file outbox (at 100,000 messages): %s (best run %,.0f/s, %.0f %%)%n",
                    TARGET, best >= TARGET ? "met" : "NOT met", best, 100 * best / TARGET));
        }
        b.append("""

                channel task: endedAt - startedAt of the e-mail task in `camp tasks` (plans the ledger, renders, sends, records);
                msg/s (task): messages sent / channel task; 1st batch: from the task's start to the first batch recorded sent;
                whole cmd: `camp run` in a new JVM, start to exit; camp report rate: its first..last recorded send, which
                leaves out the planning and the first batch. Every run checked against the delivery history.
                """);
        return b.toString();
    }

    static String json(Report r) {
        Settings s = r.settings();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        root.put("duckdb", r.duckdb());
        root.put("work", s.work().toString());
        root.put("runs", s.runs());
        root.put("generateSeconds", r.generateSeconds());
        root.put("dataGenerated", r.generated());
        root.put("targetPerSecond", TARGET);
        for (List<Run> runs : List.of(r.file(), r.smtp())) {
            if (runs.isEmpty()) {
                continue;
            }
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("messages", runs.get(0).messages());
            series.put("taskSeconds", minMax(runs, Run::taskSeconds));
            series.put("perSecond", minMax(runs, Run::rate));
            series.put("wallSeconds", minMax(runs, Run::wallSeconds));
            series.put("firstBatchSeconds", minMax(runs, Run::firstRecordSeconds));
            series.put("reportPerSecond", minMax(runs, Run::reportRate));
            List<Object> each = new ArrayList<>();
            for (Run run : runs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("run", run.index());
                m.put("sent", run.sent());
                m.put("taskSeconds", run.taskSeconds());
                m.put("perSecond", run.rate());
                m.put("wallSeconds", run.wallSeconds());
                m.put("firstBatchSeconds", run.firstRecordSeconds());
                m.put("reportPerSecond", run.reportRate());
                m.put("checked", run.checked());
                each.add(m);
            }
            series.put("each", each);
            root.put(runs.get(0).provider().equals("file") ? "fileOutbox" : "smtp", series);
        }
        if (!r.file().isEmpty()) {
            root.put("targetMet", max(r.file(), Run::rate) >= TARGET);
        }
        return Json.write(root) + "\n";
    }

    private static Map<String, Object> minMax(List<Run> runs, ToDoubleFunction<Run> f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min(runs, f));
        m.put("max", max(runs, f));
        return m;
    }

    /** Just enough JSON for camp's own output (this package may use no JSON library): objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.space();
            if (p.i != p.s.length() || !(v instanceof Map)) {
                throw new IllegalArgumentException("not one JSON object: " + tail(text));
            }
            return (Map<String, Object>) v;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + i);
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{' -> {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    space();
                    if (i < s.length() && s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        space();
                        if (i >= s.length() || s.charAt(i) != '"') {
                            throw error("expected a name");
                        }
                        String name = string();
                        space();
                        expect(':');
                        m.put(name, value());
                        space();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[' -> {
                    i++;
                    List<Object> l = new ArrayList<>();
                    space();
                    if (i < s.length() && s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        space();
                        if (i < s.length() && s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", i)) {
                        i += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", i)) {
                        i += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", i)) {
                        i += 4;
                        return null;
                    }
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    if (start == i) {
                        throw error("unexpected '" + c + "'");
                    }
                    String n = s.substring(start, i);
                    return n.matches("-?[0-9]+") && n.length() < 19 ? (Object) Long.parseLong(n) : (Object) Double.parseDouble(n);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private String string() {
            expect('"');
            StringBuilder b = null;
            int start = i;
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i);
                if (c == '"') {
                    String plain = s.substring(start, i++);
                    return b == null ? plain : b.append(plain).toString();
                }
                if (c != '\\') {
                    i++;
                    continue;
                }
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(s, start, i);
                if (i + 1 >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
                start = i;
            }
        }

        /** Writes maps, lists, strings, numbers (NaN as null), booleans and null. */
        static String write(Object v) {
            StringBuilder b = new StringBuilder();
            write(b, v);
            return b.toString();
        }

        private static void write(StringBuilder b, Object v) {
            if (v == null) {
                b.append("null");
            } else if (v instanceof Map<?, ?> m) {
                b.append('{');
                boolean first = true;
                for (var e : m.entrySet()) {
                    if (!first) {
                        b.append(',');
                    }
                    first = false;
                    write(b, String.valueOf(e.getKey()));
                    b.append(':');
                    write(b, e.getValue());
                }
                b.append('}');
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    write(b, l.get(k));
                }
                b.append(']');
            } else if (v instanceof Double d) {
                b.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.6f", d).replaceAll("0+$", "").replaceAll("\\.$", ""));
            } else if (v instanceof Number || v instanceof Boolean) {
                b.append(v);
            } else {
                String t = v.toString();
                b.append('"');
                for (int k = 0; k < t.length(); k++) {
                    char c = t.charAt(k);
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            }
        }
    }
}
