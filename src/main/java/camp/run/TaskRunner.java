package camp.run;

import camp.ast.Activity;
import camp.deliver.CsvLoader;
import camp.deliver.LoadException;
import camp.ir.Step;
import camp.model.Edge;
import camp.model.Scalar;
import camp.model.Shape;
import camp.sql.ChannelSql;
import camp.sql.Lowered;
import camp.sql.SqlContext;
import camp.sql.StepSql;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executes one task: the step's SQL (and, for load, test, wait and channels, the work around
 * it) inside one transaction that also records the task's counts, so that the task's tables and
 * its record commit together or not at all.
 */
final class TaskRunner {
    private final Connection c;
    private final Store store;
    private final SqlContext ctx;
    private final RunOptions options;
    private final RunListener listener;
    private final StepSql sql;

    /** Whether this is a resumed run: only then can a task find tables of an earlier attempt. */
    private boolean resumed;

    TaskRunner resumed(boolean value) {
        this.resumed = value;
        return this;
    }

    TaskRunner(Connection c, Store store, SqlContext ctx, RunOptions options, RunListener listener) {
        this.c = c;
        this.store = store;
        this.ctx = ctx;
        this.options = options;
        this.listener = listener;
        this.sql = new StepSql(ctx);
    }

    /** What a task ended as. */
    record Outcome(String status, Instant releaseAt, String error) {
    }

    /** A task's results, filled as it runs. */
    static final class Work {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final List<String> inactive = new ArrayList<>();
        final StringBuilder sql = new StringBuilder();
        String status = "done";
        final List<String> scratch = new ArrayList<>();
        /** Log lines of the task, written after its transaction ends, so that a failure keeps them. */
        final List<String[]> logs = new ArrayList<>();
        Instant releaseAt;
        String note;
    }

    private String run() {
        return ctx.runId();
    }

    Outcome run(Step step, boolean activated, Instant base) throws SQLException {
        long input = inputCount(step);
        if (!activated) {
            Map<String, Long> zeros = new LinkedHashMap<>();
            step.outputs().keySet().forEach(p -> zeros.put(p, 0L));
            store.finishTask(run(), step.name(), "skipped", input, zeros, new ArrayList<>(step.outputs().keySet()), null, null, null);
            store.log(run(), step.name(), "info", "skipped: its input was not activated");
            listener.finished(step.name(), step.kind(), "skipped", input, zeros, 0, null);
            return new Outcome("skipped", null, null);
        }
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        listener.started(step.name(), step.kind());
        Work work = new Work();
        current = work;
        try {
            // the task's record, its tables and its log lines commit together: one commit per task
            c.setAutoCommit(false);
            store.startTask(run(), step.name(), startedAt);
            execute(step, work, base);
            if (work.status.equals("waiting")) {
                c.rollback();
                c.setAutoCommit(true);
                store.startTask(run(), step.name(), startedAt);
                flushLogs(step, work);
                store.finishTask(run(), step.name(), "waiting", input, Map.of(), List.of(), work.sql.toString(), work.releaseAt, null);
                store.log(run(), step.name(), "info", "waiting until " + work.releaseAt);
                listener.finished(step.name(), step.kind(), "waiting", input, Map.of(), elapsed(started), "until " + work.releaseAt);
                return new Outcome("waiting", work.releaseAt, null);
            }
            for (var e : step.outputs().entrySet()) {
                Shape shape = e.getValue();
                String keyColumn = shape.entity() == null ? "line" : ctx.model().entity(shape.entity()).key();
                store.recordWorktable(run(), step.name(), e.getKey(), ctx.worktable(step.name(), e.getKey()), shape.entity(),
                        keyColumn, work.counts.getOrDefault(e.getKey(), 0L));
            }
            store.finishTask(run(), step.name(), "done", input, work.counts, work.inactive, work.sql.toString(), work.releaseAt, null);
            flushLogs(step, work);
            c.commit();
            c.setAutoCommit(true);
        } catch (Stopped x) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // nothing to keep
            }
            c.setAutoCommit(true);
            store.startTask(run(), step.name(), startedAt);
            flushLogs(step, work);
            store.finishTask(run(), step.name(), "stopped", input, Map.of(), List.of(), work.sql.toString(), null, x.getMessage());
            store.log(run(), step.name(), "warn", "stopped: " + x.getMessage());
            listener.finished(step.name(), step.kind(), "stopped", input, Map.of(), elapsed(started), x.getMessage());
            return new Outcome("stopped", null, x.getMessage());
        } catch (SQLException | RuntimeException x) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is broken; the failure below is what matters
            }
            c.setAutoCommit(true);
            store.startTask(run(), step.name(), startedAt);
            flushLogs(step, work);
            Throwable cause = x instanceof SqlFailure ? x.getCause() : x;
            String message = cause instanceof SQLException ? "DuckDB: " + Sources.firstLine(cause.getMessage()) : cause.getMessage();
            if (cause instanceof RuntimeException && !(cause instanceof TaskFailure)) {
                message = "internal error: " + cause;
            }
            store.finishTask(run(), step.name(), "failed", input, Map.of(), List.of(), work.sql.toString(), null, message);
            store.log(run(), step.name(), "error", message);
            listener.finished(step.name(), step.kind(), "failed", input, Map.of(), elapsed(started), message);
            return new Outcome("failed", null, message);
        }
        c.setAutoCommit(true);
        dropScratch(work.scratch);
        listener.finished(step.name(), step.kind(), "done", input, work.counts, elapsed(started), work.note);
        return new Outcome("done", work.releaseAt, null);
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A stop command reached a task while it ran: the task ends stopped, not failed. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    /** A task failure with a message for the user (not a bug). */
    static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailure(String message) {
            super(message, null, false, false);
        }
    }

    private long inputCount(Step step) throws SQLException {
        long n = 0;
        Map<String, Store.TaskRow> tasks = store.tasks(run());
        for (Edge e : step.inputs()) {
            Store.TaskRow t = tasks.get(e.from());
            if (t != null) {
                n += t.outputs().getOrDefault(e.port(), 0L);
            }
        }
        return n;
    }

    private void exec(Work work, String statement) throws SQLException {
        work.sql.append(statement).append(";\n");
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private Work current;

    private void log(Step step, String level, String message) throws SQLException {
        if (current != null) {
            current.logs.add(new String[] {level, message});
        } else {
            store.log(run(), step.name(), level, message);
        }
        listener.log(step.name(), level, message);
    }

    /** Writes the task's log lines once its transaction is over (committed or rolled back). */
    private void flushLogs(Step step, Work work) throws SQLException {
        current = null;
        for (String[] l : work.logs) {
            store.log(run(), step.name(), l[0], l[1]);
        }
        work.logs.clear();
    }

    /** Drops what an earlier attempt of this task left (only a resumed task finds any). */
    private void dropOutputs(Step step) throws SQLException {
        List<String[]> found = new ArrayList<>();
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT table_name, table_type FROM information_schema.tables"
                + " WHERE table_schema = ? AND starts_with(table_name, ?)")) {
            p.setString(1, ctx.runSchema());
            p.setString(2, step.name() + "__");
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    found.add(new String[] {r.getString(1), r.getString(2)});
                }
            }
        }
        for (String[] t : found) {
            String rest = t[0].substring(step.name().length() + 2);
            if (rest.contains("__") && !rest.endsWith("__scratch")) {
                continue; // another activity whose name starts with this one's
            }
            if (rest.equals("ledger")) {
                continue; // what a channel planned and sent survives, so that a resume sends only the rest
            }
            store.execute((t[1].contains("VIEW") ? "DROP VIEW " : "DROP TABLE ") + ctx.table(t[0]) + " CASCADE");
        }
    }

    private void dropScratch(List<String> scratch) throws SQLException {
        for (String table : scratch) {
            store.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    private void execute(Step step, Work work, Instant base) throws SQLException {
        if (resumed) {
            dropOutputs(step);
        }
        checkSavedAudiences(step);
        Activity a = step.activity();
        Lowered lowered = sql.lower(step);
        work.scratch.addAll(lowered.scratch());
        if (a instanceof Activity.Load load) {
            lowered.statements().forEach(s -> uncheck(() -> exec(work, s)));
            load(step, load, work);
        } else if (a instanceof Activity.Test) {
            test(step, work);
        } else if (a instanceof Activity.Wait wait) {
            Instant release = release(wait, base);
            work.releaseAt = release;
            if (release.isAfter(Instant.now())) {
                work.status = "waiting";
                return;
            }
            for (String s : lowered.statements()) {
                exec(work, s);
            }
            count(step, lowered, work);
        } else if (a instanceof Activity.Channel channel) {
            new ChannelRunner(c, ctx, options, (level, message) -> log(step, level, message)).run(step, channel, lowered, work);
            count(step, lowered, work);
        } else {
            for (String s : lowered.statements()) {
                exec(work, s);
            }
            count(step, lowered, work);
            for (var e : lowered.logCounts().entrySet()) {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(e.getValue())) {
                    r.next();
                    log(step, "info", r.getLong(1) + " " + e.getKey());
                }
            }
            if (!options.dryRun()) {
                for (String s : lowered.commit()) {
                    exec(work, s);
                }
                recordState(step, a, work);
            } else if (!lowered.commit().isEmpty()) {
                log(step, "info", "dry run: " + (a instanceof Activity.SaveAudience s
                        ? "would save " + work.counts.getOrDefault("out", 0L) + " rows as audience '" + s.audience() + "'"
                        : "incremental history not recorded"));
            }
            if (a instanceof Activity.Alert alert) {
                log(step, "alert", alert.title() + ": " + alert.message());
                listener.alert(alert.title(), alert.message());
            }
        }
        skipEmpty(step, work);
    }

    private void recordState(Step step, Activity a, Work work) throws SQLException {
        if (a instanceof Activity.SaveAudience s) {
            Shape shape = step.outputs().get("out");
            long saved = store.count(ctx.savedTable(s.audience()));
            store.recordSavedAudience(s.audience(), shape.entity(), ctx.savedTable(s.audience()), ctx.model().campaign(), run(), saved);
            log(step, "info", "saved " + saved + " keys as audience '" + s.audience() + "'");
        } else if (a instanceof Activity.Build b && b.incremental() != null) {
            LocalDateTime mark = b.incremental().on() != null ? ctx.now() : null;
            store.recordIncremental(ctx.model().campaign(), step.name(), ctx.incrementalTableName(step.name()), mark);
        }
    }

    private void count(Step step, Lowered lowered, Work work) throws SQLException {
        for (var e : lowered.outputs().entrySet()) {
            work.counts.put(e.getKey(), store.count(e.getValue()));
        }
    }

    /** Ports of builds and split segments with 'skip empty' and no rows activate nothing. */
    private void skipEmpty(Step step, Work work) {
        Activity a = step.activity();
        if (a instanceof Activity.Build b && b.skipEmpty() && work.counts.getOrDefault("out", 0L) == 0) {
            work.inactive.add("out");
            work.note = "empty: what follows is skipped";
        }
        if (a instanceof Activity.Split s) {
            for (Activity.Segment seg : s.segments()) {
                if (seg.skipEmpty() && work.counts.getOrDefault(seg.name().value(), 0L) == 0) {
                    work.inactive.add(seg.name().value());
                }
            }
        }
    }

    /** A build or an 'in saved' of a saved audience that does not exist, or of another entity, fails clearly. */
    private void checkSavedAudiences(Step step) throws SQLException {
        Map<String, String> needed = new LinkedHashMap<>();
        if (step.activity() instanceof Activity.Build b && b.source() instanceof Activity.SavedSource s) {
            needed.put(s.audience(), s.entity().value());
        }
        for (Scalar s : scalarsOf(step)) {
            collectSaved(s, needed);
        }
        for (var e : needed.entrySet()) {
            var entity = store.savedAudienceEntity(e.getKey());
            if (entity.isEmpty()) {
                throw new TaskFailure("saved audience '" + e.getKey() + "' does not exist (no campaign has saved it into this database yet)");
            }
            if (!entity.get().equals(e.getValue())) {
                throw new TaskFailure("saved audience '" + e.getKey() + "' holds " + entity.get() + ", not " + e.getValue());
            }
        }
    }

    private List<Scalar> scalarsOf(Step step) {
        List<Scalar> out = new ArrayList<>();
        Set<camp.source.Span> inside = new LinkedHashSet<>();
        camp.source.Span span = step.activity().span();
        for (var e : ctx.model().scalars().entrySet()) {
            camp.source.Span s = e.getKey().span();
            if (s.file() == span.file() && s.start() >= span.start() && s.end() <= span.end() && inside.add(s)) {
                out.add(e.getValue());
            }
        }
        return out;
    }

    private static void collectSaved(Scalar s, Map<String, String> needed) {
        if (s instanceof Scalar.InSaved in) {
            needed.put(in.audience(), in.entity());
        } else if (s instanceof Scalar.Binary b) {
            collectSaved(b.left(), needed);
            collectSaved(b.right(), needed);
        } else if (s instanceof Scalar.Unary u) {
            collectSaved(u.operand(), needed);
        } else if (s instanceof Scalar.Aggregate a && a.filter() != null) {
            collectSaved(a.filter(), needed);
        }
    }

    // ------------------------------------------------------------ load

    private void load(Step step, Activity.Load load, Work work) throws SQLException {
        Path base = load.pathSpan().file().path() == null ? Path.of("").toAbsolutePath()
                : load.pathSpan().file().path().toAbsolutePath().getParent();
        Path file = base.resolve(load.path()).normalize();
        List<CsvLoader.Column> columns = load.columns().stream()
                .map(col -> new CsvLoader.Column(col.name().value(), col.type())).toList();
        Path good;
        Path bad;
        CsvLoader.Counts counts;
        List<CsvLoader.Rejected> firstRejected = new ArrayList<>();
        try {
            good = Files.createTempFile("camp-load", ".csv");
            bad = Files.createTempFile("camp-rejected", ".csv");
            try (BufferedWriter g = Files.newBufferedWriter(good, StandardCharsets.UTF_8);
                    BufferedWriter r = Files.newBufferedWriter(bad, StandardCharsets.UTF_8)) {
                counts = CsvLoader.load(file, columns, new CsvLoader.Sink<IOException>() {
                    @Override
                    public void row(CsvLoader.Row row) throws IOException {
                        g.write(Long.toString(row.lineNumber()));
                        for (Object v : row.values()) {
                            g.write(',');
                            g.write(csv(v));
                        }
                        g.write('\n');
                    }

                    @Override
                    public void rejected(CsvLoader.Rejected rej) throws IOException {
                        if (firstRejected.size() < 5) {
                            firstRejected.add(rej);
                        }
                        r.write(rej.lineNumber() + "," + csv(rej.reason()) + "," + csv(rej.line()) + "\n");
                    }
                });
            }
        } catch (LoadException | IOException e) {
            throw new TaskFailure("cannot load " + load.path() + ": " + e.getMessage());
        }
        try {
            StringBuilder types = new StringBuilder("'__key': 'BIGINT'");
            for (var col : load.columns()) {
                types.append(", ").append(ctx.dialect().string(col.name().value())).append(": '")
                        .append(camp.sql.DuckDbTypes.of(col.type())).append('\'');
            }
            if (counts.rows() > 0) {
                exec(work, "INSERT INTO " + ctx.worktable(step.name(), "out") + " SELECT * FROM read_csv("
                        + ctx.dialect().string(good.toString()) + ", header = false, quote = '\"', escape = '\"', nullstr = '\\N', columns = {" + types + "})");
            }
            if (counts.rejected() > 0) {
                exec(work, "INSERT INTO " + ctx.worktable(step.name(), "rejected") + " SELECT line_number, line_number, reason, line FROM read_csv("
                        + ctx.dialect().string(bad.toString())
                        + ", header = false, quote = '\"', escape = '\"', nullstr = '\\N', columns = {'line_number': 'BIGINT', 'reason': 'VARCHAR', 'line': 'VARCHAR'})");
            }
        } finally {
            try {
                Files.deleteIfExists(good);
                Files.deleteIfExists(bad);
            } catch (IOException ignored) {
                // temporary files; the OS cleans them
            }
        }
        work.counts.put("out", counts.rows());
        work.counts.put("rejected", counts.rejected());
        for (CsvLoader.Rejected r : firstRejected) {
            log(step, "warn", "line " + r.lineNumber() + " rejected: " + r.reason());
        }
        long max = load.rejectMax() == null ? 0 : load.rejectMax();
        if (counts.rejected() > max) {
            throw new TaskFailure(counts.rejected() + " lines of " + load.path() + " were rejected, more than 'reject max " + max
                    + "'" + (firstRejected.isEmpty() ? "" : "; the first: line " + firstRejected.get(0).lineNumber() + ": "
                    + firstRejected.get(0).reason()));
        }
        log(step, "info", "loaded " + counts.rows() + " rows from " + load.path() + ", rejected " + counts.rejected());
    }

    private static String csv(Object v) {
        if (v == null) {
            return "\\N";
        }
        String s = v instanceof LocalDateTime t ? t.toString().replace('T', ' ') : v instanceof java.math.BigDecimal b
                ? b.toPlainString() : v.toString();
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    // ------------------------------------------------------------ test and wait

    private void test(Step step, Work work) throws SQLException {
        Activity.Test t = (Activity.Test) step.activity();
        String select = sql.testCondition(step);
        work.sql.append(select).append(";\n");
        int chosen;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            r.next();
            chosen = r.getInt(1);
        }
        String port = chosen < 0 ? null : t.branches().get(chosen).name().value();
        for (String statement : sql.testRouting(step, port)) {
            exec(work, statement);
        }
        long input = inputCount(step);
        for (String p : step.outputs().keySet()) {
            boolean taken = p.equals(port);
            work.counts.put(p, taken ? input : 0L);
            if (!taken) {
                work.inactive.add(p);
            }
        }
        work.note = port == null ? "no condition holds: the branch ends here" : "took '" + port + "'";
        log(step, "info", port == null ? "count = " + input + ": no condition holds and there is no otherwise; the branch ends here"
                : "count = " + input + ": took '" + port + "'");
    }

    private Instant release(Activity.Wait wait, Instant base) throws SQLException {
        ZoneId zone = ZoneId.of(ctx.model().timezone());
        if (wait.duration() != null) {
            return Interpreter.plus(base, wait.duration(), zone);
        }
        Scalar until = ctx.model().scalar(wait.until());
        String select = "SELECT CAST(" + camp.sql.Constants.render(ctx, until) + " AS TIMESTAMP)";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            r.next();
            LocalDateTime t = r.getObject(1, LocalDateTime.class);
            if (t == null) {
                throw new TaskFailure("'wait until' has no time: its value is null");
            }
            return t.atZone(zone).toInstant();
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    static void uncheck(SqlAction a) {
        try {
            a.run();
        } catch (SQLException e) {
            throw new SqlFailure(e);
        }
    }

    /** An SQLException carried through a lambda. */
    static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException e) {
            super(e.getMessage(), e);
        }
    }
}
