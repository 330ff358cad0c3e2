package camp.run;

import camp.deliver.CsvLoader;
import camp.deliver.LoadException;
import camp.ir.Edge;
import camp.ir.Expressions;
import camp.ir.Scalar;
import camp.ir.Shape;
import camp.ir.Step;
import camp.sql.LoadSql;
import camp.sql.SqlContext;
import camp.sql.StepScript;
import camp.sql.StepSql;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import java.util.List;
import java.util.Map;

/**
 * Executes one task: the step's {@link StepScript} (and, for load, test, wait and channels, the
 * work around it) inside one transaction that also records the task's outcome, so that the
 * task's tables and its record commit together or not at all.
 */
final class TaskRunner {
    private final Connection c;
    private final Store store;
    private final SqlContext ctx;
    private final RunOptions options;
    private final RunListener listener;

    /** Whether this is a resumed run: only then can a task find tables of an earlier attempt. */
    private boolean resumed;

    TaskRunner resumed(boolean value) {
        this.resumed = value;
        return this;
    }

    /** Where the channels send. */
    private Providers providers = Providers.files();

    TaskRunner providers(Providers value) {
        this.providers = value;
        return this;
    }

    TaskRunner(Connection c, Store store, SqlContext ctx, RunOptions options, RunListener listener) {
        this.c = c;
        this.store = store;
        this.ctx = ctx;
        this.options = options;
        this.listener = listener;
    }

    /** A task's results, filled as it runs. */
    private static final class Work {
        final Map<String, Long> counts = new LinkedHashMap<>();
        final List<String> inactive = new ArrayList<>();
        final StringBuilder sql = new StringBuilder();
        final List<String> scratch = new ArrayList<>();
        /** Log lines of the task, written after its transaction ends, so that a failure keeps them. */
        final List<String[]> logs = new ArrayList<>();
        Instant releaseAt;
        boolean waiting;
        String note;
    }

    private String run() {
        return ctx.runId();
    }

    TaskOutcome run(Step step, boolean activated, Instant base) throws SQLException {
        long input = inputCount(step);
        if (!activated) {
            Map<String, Long> zeros = new LinkedHashMap<>();
            step.outputs().keySet().forEach(p -> zeros.put(p, 0L));
            TaskOutcome skipped = TaskOutcome.skipped(zeros);
            complete(step, skipped, input, new Work());
            store.log(run(), step.name(), "info", "skipped: its input was not activated");
            notify(step, skipped, input, 0);
            return skipped;
        }
        long started = System.nanoTime();
        Instant startedAt = Instant.now();
        listener.started(step.name(), step.kind());
        Work work = new Work();
        current = work;
        TaskOutcome outcome;
        try {
            // the task's record, its tables and its log lines commit together: one commit per task
            c.setAutoCommit(false);
            store.startTask(run(), step.name(), startedAt);
            execute(step, work, base);
            if (work.waiting) {
                rollback();
                store.startTask(run(), step.name(), startedAt);
                outcome = TaskOutcome.waiting(work.releaseAt, work.sql.toString());
                complete(step, outcome, input, work);
                store.log(run(), step.name(), "info", "waiting until " + work.releaseAt);
                notify(step, outcome, input, started);
                return outcome;
            }
            for (var e : step.outputs().entrySet()) {
                Shape shape = e.getValue();
                String keyColumn = shape.entity() == null ? "line" : ctx.entity(shape.entity()).key();
                store.recordWorktable(run(), step.name(), e.getKey(), ctx.worktable(step.name(), e.getKey()), shape.entity(),
                        keyColumn, work.counts.getOrDefault(e.getKey(), 0L));
            }
            outcome = new TaskOutcome(TaskStatus.DONE, work.counts, work.inactive, work.releaseAt, work.sql.toString(), null, null,
                    work.note);
            complete(step, outcome, input, work);
            c.commit();
            c.setAutoCommit(true);
        } catch (Interrupted x) {
            rollback();
            current = null;
            return TaskOutcome.interrupted();
        } catch (Stopped x) {
            rollback();
            store.startTask(run(), step.name(), startedAt);
            outcome = TaskOutcome.stopped(work.sql.toString(), x.getMessage());
            complete(step, outcome, input, work);
            store.log(run(), step.name(), "warn", "stopped: " + x.getMessage());
            notify(step, outcome, input, started);
            return outcome;
        } catch (SQLException | RuntimeException x) {
            TaskFailure failure = TaskFailure.of(x, ctx.dialect().displayName());
            if (failure.kind() == TaskFailure.Kind.DISK_FULL) {
                DiskFull.release(options.db()); // room to record that the task failed
            }
            rollback();
            store.startTask(run(), step.name(), startedAt);
            outcome = TaskOutcome.failed(work.sql.toString(), failure);
            complete(step, outcome, input, work);
            store.log(run(), step.name(), "error", failure.getMessage());
            if (failure.kind() == TaskFailure.Kind.INTERNAL) {
                StringWriter trace = new StringWriter();
                failure.getCause().printStackTrace(new PrintWriter(trace));
                store.log(run(), step.name(), "debug", trace.toString().strip());
            }
            notify(step, outcome, input, started);
            return outcome;
        }
        dropScratch(work.scratch);
        notify(step, outcome, input, started);
        return outcome;
    }

    private void rollback() throws SQLException {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the failure is what matters
        }
        c.setAutoCommit(true);
    }

    /**
     * The one place a task's end is recorded: its outcome in the task record, and its log lines.
     * A done task's record is written inside its transaction, so that it commits with its
     * tables; the others after their transaction was rolled back.
     */
    private void complete(Step step, TaskOutcome outcome, long input, Work work) throws SQLException {
        flushLogs(step, work);
        store.completeTask(run(), step.name(), outcome, input);
    }

    /** Tells the listeners how a task ended, once its record is committed. */
    private void notify(Step step, TaskOutcome outcome, long input, long started) {
        long millis = started == 0 ? 0 : (System.nanoTime() - started) / 1_000_000;
        listener.finished(step.name(), step.kind(), outcome.status().label(), input, outcome.counts(), millis, outcome.note());
    }

    /**
     * The process is asked to end while a task runs (the scheduler's shutdown): the task is
     * rolled back to where it was, and goes on when the run is resumed.
     */
    static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("the process is ending", null, false, false);
        }
    }

    /** A stop command reached a task while it ran: the task ends stopped, not failed. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String message) {
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

    private void execAll(Work work, List<String> statements) throws SQLException {
        for (String s : statements) {
            exec(work, s);
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
        for (var t : store.tablesStartingWith(ctx.runSchema(), step.name() + "__").entrySet()) {
            String rest = t.getKey().substring(step.name().length() + 2);
            if (rest.contains("__") && !rest.endsWith("__scratch")) {
                continue; // another activity whose name starts with this one's
            }
            if (rest.equals("ledger")) {
                continue; // what a channel planned and sent survives, so that a resume sends only the rest
            }
            store.drop(ctx.runSchema(), t.getKey(), t.getValue());
        }
    }

    private void dropScratch(List<String> scratch) throws SQLException {
        for (String table : scratch) {
            store.dropTableIfExists(table);
        }
    }

    private void execute(Step step, Work work, Instant base) throws SQLException {
        if (step.name().equals(System.getProperty("camp.test.bugInTask"))) {
            // fault injection for the tests: this task fails as a bug in camp would
            throw new IllegalStateException("injected bug in task " + step.name());
        }
        if (resumed) {
            dropOutputs(step);
        }
        checkSavedAudiences(step);
        StepScript script = StepSql.lower(ctx, step);
        work.scratch.addAll(script.scratch());
        step.accept(new Execution(script, work, base));
    }

    /** The per-kind part of a task: what it does around its statements. */
    private final class Execution implements Step.Visitor<Void> {
        private final StepScript script;
        private final Work work;
        private final Instant base;

        Execution(StepScript script, Work work, Instant base) {
            this.script = script;
            this.work = work;
            this.base = base;
        }

        /** Prepare, body, counts, the log's counts, and what only a real run records. */
        private Void plain(Step step) {
            try {
                execAll(work, script.prepare());
                execAll(work, script.body());
                count();
                for (var e : script.logCounts().entrySet()) {
                    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(e.getValue())) {
                        r.next();
                        long n = r.getLong(1);
                        boolean incremental = e.getKey().startsWith(StepSql.INCREMENTAL_LEFT_OUT);
                        if (incremental && n == 0) {
                            continue;       // a first run leaves nobody out: nothing to say
                        }
                        log(step, "info", n + " " + e.getKey());
                        if (incremental) {
                            work.note = n + " left out by incremental history (see camp logs)";
                        }
                    }
                }
                if (!options.dryRun()) {
                    execAll(work, script.finish());
                }
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            return null;
        }

        private void count() throws SQLException {
            for (var e : script.outputs().entrySet()) {
                work.counts.put(e.getKey(), store.count(e.getValue()));
            }
        }

        private Void sql(SqlAction action) {
            try {
                action.run();
            } catch (SQLException e) {
                throw new SqlFailure(e);
            }
            return null;
        }

        @Override
        public Void visitBuild(Step.Build s) {
            plain(s);
            sql(() -> {
                if (s.incremental() == null) {
                    return;
                }
                if (!options.dryRun()) {
                    LocalDateTime mark = s.incremental().on() != null ? ctx.now() : null;
                    store.recordIncremental(ctx.plan().campaign(), s.name(), ctx.incrementalTableName(s.name()), mark);
                } else if (!script.finish().isEmpty()) {
                    log(s, "info", "dry run: incremental history not recorded");
                }
            });
            if (s.skipEmpty() && work.counts.getOrDefault("out", 0L) == 0) {
                work.inactive.add("out");
                work.note = (work.note == null ? "" : work.note + "; ") + "empty: what follows is skipped";
            }
            return null;
        }

        @Override
        public Void visitLoad(Step.Load s) {
            return sql(() -> {
                execAll(work, script.prepare());
                load(s, script.load(), work);
            });
        }

        @Override
        public Void visitReconcile(Step.Reconcile s) {
            return plain(s);
        }

        @Override
        public Void visitCombine(Step.Combine s) {
            return plain(s);
        }

        @Override
        public Void visitDedup(Step.Dedup s) {
            return plain(s);
        }

        @Override
        public Void visitSplit(Step.Split s) {
            plain(s);
            for (Step.Segment seg : s.segments()) {
                if (seg.skipEmpty() && work.counts.getOrDefault(seg.port(), 0L) == 0) {
                    work.inactive.add(seg.port());
                }
            }
            return null;
        }

        @Override
        public Void visitEnrich(Step.Enrich s) {
            return plain(s);
        }

        @Override
        public Void visitChangeDimension(Step.ChangeDimension s) {
            return plain(s);
        }

        /** The ports route the rows by themselves; the query says which branch was taken, for what follows. */
        @Override
        public Void visitTest(Step.Test t) {
            return sql(() -> {
                execAll(work, script.prepare());
                work.sql.append(script.query()).append(";\n");
                int chosen;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(script.query())) {
                    r.next();
                    chosen = r.getInt(1);
                }
                execAll(work, script.body());
                count();
                String port = chosen < 0 ? null : t.branches().get(chosen).port();
                long input = inputCount(t);
                for (String p : t.outputs().keySet()) {
                    if (!p.equals(port)) {
                        work.inactive.add(p);
                    }
                }
                work.note = port == null ? "no condition holds: the branch ends here" : "took '" + port + "'";
                log(t, "info", port == null ? "count = " + input + ": no condition holds and there is no otherwise; the branch ends here"
                        : "count = " + input + ": took '" + port + "'");
            });
        }

        @Override
        public Void visitFork(Step.Fork s) {
            return plain(s);
        }

        @Override
        public Void visitJoin(Step.Join s) {
            return plain(s);
        }

        @Override
        public Void visitWait(Step.Wait w) {
            return sql(() -> {
                Instant release = release(w, script, base);
                work.releaseAt = release;
                if (release.isAfter(options.clock().instant())) {
                    work.waiting = true;
                    return;
                }
                plain(w);
            });
        }

        @Override
        public Void visitChannel(Step.Channel s) {
            return sql(() -> {
                execAll(work, script.prepare());
                Instant nextWave = new ChannelRunner(c, ctx, options, providers, (level, message) -> log(s, level, message))
                        .run(s, script.delivery(), statement -> exec(work, statement), base);
                if (nextWave != null) {
                    // sent in waves: the next one is due later; the task waits, and goes on when run again
                    work.releaseAt = nextWave;
                    work.waiting = true;
                    return;
                }
                execAll(work, script.body());
                count();
            });
        }

        @Override
        public Void visitSaveAudience(Step.SaveAudience s) {
            plain(s);
            return sql(() -> {
                if (options.dryRun()) {
                    log(s, "info", "dry run: would save " + work.counts.getOrDefault("out", 0L) + " rows as audience '" + s.audience() + "'");
                    return;
                }
                Shape shape = s.outputs().get("out");
                long saved = store.count(ctx.savedTable(s.audience()));
                store.recordSavedAudience(s.audience(), shape.entity(), ctx.savedTable(s.audience()), ctx.plan().campaign(), run(), saved);
                log(s, "info", "saved " + saved + " keys as audience '" + s.audience() + "'");
            });
        }

        @Override
        public Void visitAlert(Step.Alert s) {
            plain(s);
            return sql(() -> {
                log(s, "alert", s.title() + ": " + s.message());
                listener.alert(s.title(), s.message());
            });
        }

        @Override
        public Void visitEnd(Step.End s) {
            return plain(s);
        }
    }

    /** A build or an 'in saved' of a saved audience that does not exist, or of another entity, fails clearly. */
    private void checkSavedAudiences(Step step) throws SQLException {
        Map<String, String> needed = new LinkedHashMap<>();
        if (step instanceof Step.Build b && b.source() instanceof Step.FromSaved s) {
            needed.put(s.audience(), s.entity());
        }
        for (Scalar s : Expressions.of(step)) {
            SavedAudiences.collect(s, needed);
        }
        for (var e : needed.entrySet()) {
            var entity = store.savedAudienceEntity(e.getKey());
            if (entity.isEmpty()) {
                throw TaskFailure.user("saved audience '" + e.getKey() + "' does not exist (no campaign has saved it into this database yet)");
            }
            if (!entity.get().equals(e.getValue())) {
                throw TaskFailure.user("saved audience '" + e.getKey() + "' holds " + entity.get() + ", not " + e.getValue());
            }
        }
    }

    // ------------------------------------------------------------ load

    private void load(Step.Load load, LoadSql sql, Work work) throws SQLException {
        List<CsvLoader.Column> columns = load.columns().stream().map(col -> new CsvLoader.Column(col.name(), col.type())).toList();
        CsvLoad.Loaded loaded;
        try {
            // beside the database: the only folder the run's DuckDB may read besides the project's
            Path scratch = Files.createDirectories(Database.folder(options.db()).resolve("tmp"));
            loaded = new CsvLoad(c, s -> work.sql.append(s).append(";\n"), sql, scratch).load(load.file(), columns);
        } catch (LoadException | IOException e) {
            throw TaskFailure.user("cannot load " + load.path() + ": " + e.getMessage());
        }
        if (loaded.slowReason() != null) {
            log(load, "info", "read by camp's own reader, line by line, rather than by DuckDB's: the file has "
                    + loaded.slowReason());
        }
        CsvLoader.Counts counts = loaded.counts();
        work.counts.put("out", counts.rows());
        work.counts.put("rejected", counts.rejected());
        List<CsvLoader.Rejected> firstRejected = loaded.firstRejected();
        for (CsvLoader.Rejected r : firstRejected) {
            log(load, "warn", "line " + r.lineNumber() + " rejected: " + r.reason());
        }
        if (counts.rejected() > load.rejectMax()) {
            throw TaskFailure.user(counts.rejected() + " lines of " + load.path() + " were rejected, more than 'reject max "
                    + load.rejectMax() + "'" + (firstRejected.isEmpty() ? "" : "; the first: line "
                    + firstRejected.get(0).lineNumber() + ": " + firstRejected.get(0).reason()));
        }
        log(load, "info", "loaded " + counts.rows() + " rows from " + load.path() + ", rejected " + counts.rejected());
    }

    // ------------------------------------------------------------ wait

    private Instant release(Step.Wait wait, StepScript script, Instant base) throws SQLException {
        ZoneId zone = ZoneId.of(ctx.plan().timezone());
        if (wait.duration() != null) {
            return Interpreter.plus(base, wait.duration(), zone);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(script.query())) {
            r.next();
            LocalDateTime t = r.getObject(1, LocalDateTime.class);
            if (t == null) {
                throw TaskFailure.user("'wait until' has no time: its value is null");
            }
            return t.atZone(zone).toInstant();
        }
    }

    interface SqlAction {
        void run() throws SQLException;
    }

    /** An SQLException carried through a visitor. */
    static final class SqlFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SqlFailure(SQLException e) {
            super(e.getMessage(), e);
        }
    }
}
