package camp.run;

import camp.ast.Activity;
import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Step;
import camp.model.Edge;
import camp.model.Model;
import camp.model.ParamInfo;
import camp.sql.DuckDbDialect;
import camp.sql.Lowered;
import camp.sql.SqlContext;
import camp.sql.StepSql;
import camp.types.DurationValue;
import camp.types.Type;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a campaign: one task per activity, in the plan's order (a ready save audience before a
 * ready channel), each in its own transaction that creates its worktables, records its counts
 * and commits together, so that a crash leaves every task either done or not started. A failing
 * task fails the run; {@link #resume} re-executes from that task, not before.
 */
public final class Interpreter {
    private final Connection c;
    private final Store store;
    private final RunListener listener;

    private Interpreter(Connection c, RunListener listener) {
        this.c = c;
        this.store = new Store(c);
        this.listener = listener == null ? RunListener.NONE : listener;
    }

    /** Checks the file and, when it has no error, runs it. */
    public static RunResult run(RunOptions options) throws SQLException, IOException {
        return run(options, Frontend.check(options.file(), options.file().toString()));
    }

    /** Runs a file the caller has checked already. */
    public static RunResult run(RunOptions options, Checked checked) throws SQLException, IOException {
        if (checked.hasErrors()) {
            return RunResult.rejected(checked.diagnostics());
        }
        Model model = checked.model();
        if (model.campaign() == null) {
            return RunResult.rejected(List.of(Diagnostic.inFile(checked.root(), Code.NOT_RUNNABLE, options.file().toString())));
        }
        Map<String, Object> params = Params.resolve(model, options.params());
        try (Connection c = Database.open(options.db())) {
            return new Interpreter(c, options.listener()).start(model, options, params);
        }
    }

    /** Continues a paused, waiting or failed run from where it stopped. */
    public static RunResult resume(String runId, Path db, Path outbox, RunListener listener) throws SQLException, IOException {
        try (Connection c = Database.open(db)) {
            Interpreter in = new Interpreter(c, listener);
            Optional<Store.RunRow> row = in.store.run(runId);
            if (row.isEmpty()) {
                throw new IllegalArgumentException("no run '" + runId + "' in " + db);
            }
            Store.RunRow run = row.get();
            if (run.status().equals("completed") || run.status().equals("stopped")) {
                throw new IllegalArgumentException("run '" + runId + "' is " + run.status() + " and cannot be resumed");
            }
            Control.clear(db, runId);
            Path file = Path.of(run.file());
            Checked checked = Frontend.check(file, run.file());
            if (checked.hasErrors()) {
                return RunResult.rejected(checked.diagnostics());
            }
            Map<String, Object> params = Params.resolve(checked.model(), run.params());
            RunOptions options = new RunOptions(file, db, run.logicalTime(), run.params(), run.dryRun(), outbox, in.listener);
            return in.continueRun(checked.model(), options, params, run);
        }
    }

    // ------------------------------------------------------------ starting

    private RunResult start(Model model, RunOptions options, Map<String, Object> params) throws SQLException {
        ZoneId zone = ZoneId.of(model.timezone());
        Instant at = (options.at() == null ? Instant.now() : options.at()).truncatedTo(ChronoUnit.SECONDS);
        store.execute("SET TimeZone = " + DuckDbDialect.INSTANCE.string(model.timezone()));
        String runId = newRunId(at);
        long seed = seed(model.campaign(), at);
        Store.RunRow run = new Store.RunRow(runId, model.campaign(), options.file().toAbsolutePath().toString(), at,
                model.timezone(), "running", options.dryRun(), seed, options.params(), null);
        SqlContext ctx = context(model, run, params);
        store.execute("CREATE SCHEMA " + ctx.dialect().quoteIdentifier(ctx.runSchema()));
        if (options.dryRun()) {
            store.execute("CREATE TABLE " + ctx.dryDeliveries() + " (activity VARCHAR, channel VARCHAR, entity VARCHAR, recipient VARCHAR)");
        }
        List<Diagnostic> problems = Sources.prepare(c, model, ctx, UsedEntities.of(model));
        if (!problems.isEmpty()) {
            store.execute("DROP SCHEMA " + ctx.dialect().quoteIdentifier(ctx.runSchema()) + " CASCADE");
            return RunResult.rejected(problems);
        }
        Plan plan = Plan.of(model);
        c.setAutoCommit(false);
        store.createRun(run);
        for (Step s : plan.steps()) {
            store.createTask(runId, s.name(), s.kind(), s.ordinal(), s.span().line(), s.span().column());
        }
        store.log(runId, null, "info", "run " + runId + " of '" + model.campaign() + "' at "
                + at.atZone(zone).toLocalDateTime() + " " + zone + (options.dryRun() ? " (dry run)" : ""));
        c.commit();
        c.setAutoCommit(true);
        return execute(plan, ctx, options, run, false);
    }

    private RunResult continueRun(Model model, RunOptions options, Map<String, Object> params, Store.RunRow run)
            throws SQLException {
        store.execute("SET TimeZone = " + DuckDbDialect.INSTANCE.string(model.timezone()));
        SqlContext ctx = context(model, run, params);
        List<Diagnostic> problems = Sources.prepareAgain(c, model, ctx, UsedEntities.of(model));
        if (!problems.isEmpty()) {
            return RunResult.rejected(problems);
        }
        Plan plan = Plan.of(model);
        Map<String, Store.TaskRow> tasks = store.tasks(run.id());
        for (Step s : plan.steps()) {
            Store.TaskRow t = tasks.get(s.name());
            if (t == null) {
                store.createTask(run.id(), s.name(), s.kind(), s.ordinal(), s.span().line(), s.span().column());
            } else if (t.status().equals("failed") || t.status().equals("running") || t.status().equals("stopped")
                    || t.status().equals("waiting")) {
                store.setTaskStatus(run.id(), s.name(), "pending");
            }
        }
        store.setRunStatus(run.id(), "running", null);
        store.log(run.id(), null, "info", "run resumed");
        return execute(plan, ctx, options, run, true);
    }

    private SqlContext context(Model model, Store.RunRow run, Map<String, Object> params) throws SQLException {
        ZoneId zone = ZoneId.of(model.timezone());
        LocalDateTime now = run.logicalTime().atZone(zone).toLocalDateTime();
        Map<String, LocalDateTime> marks = store.incrementalMarks(model.campaign());
        return new SqlContext(model, DuckDbDialect.INSTANCE, now, run.logicalTime(), params, run.seed(), run.id(),
                "run_" + run.id().replaceAll("[^A-Za-z0-9_]", "_"), marks, run.dryRun());
    }

    private String newRunId(Instant at) throws SQLException {
        String base = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(at.atOffset(ZoneOffset.UTC));
        String id = base;
        for (int n = 2; store.runExists(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** The seed of random choices: the same campaign at the same logical time chooses the same rows. */
    static long seed(String campaign, Instant at) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((campaign + "@" + at).getBytes(StandardCharsets.UTF_8));
            long seed = 0;
            for (int i = 0; i < 7; i++) {
                seed = (seed << 8) | (h[i] & 0xff);
            }
            return seed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------ the task loop

    private RunResult execute(Plan plan, SqlContext ctx, RunOptions options, Store.RunRow run, boolean resumed)
            throws SQLException {
        try (EventLog events = EventLog.open(options.db(), run.id())) {
            RunResult result = execute(plan, ctx, options, run, resumed, events);
            events.ended(result.status(), result.error());
            return result;
        }
    }

    private RunResult execute(Plan plan, SqlContext ctx, RunOptions options, Store.RunRow run, boolean resumed, EventLog events)
            throws SQLException {
        Map<String, Store.TaskRow> tasks = store.tasks(run.id());
        TaskRunner runner = new TaskRunner(c, store, ctx.sharing(plan), options, events.and(listener)).resumed(resumed);
        Map<String, Instant> release = new HashMap<>();
        String failure = null;
        Diagnostic failedAt = null;
        String interrupted = null;
        while (true) {
            tasks = store.tasks(run.id());
            Step next = nextReady(plan, tasks);
            if (next == null) {
                break;
            }
            Optional<Control.Command> command = Control.pending(options.db(), run.id());
            if (command.isPresent()) {
                interrupted = command.get() == Control.Command.STOP ? "stopped" : "paused";
                break;
            }
            Instant base = baseTime(next, release, run.logicalTime());
            TaskRunner.Outcome outcome = runner.run(next, activation(next, tasks), base);
            if (outcome.releaseAt() != null) {
                release.put(next.name(), outcome.releaseAt());
            } else {
                release.put(next.name(), base);
            }
            if (outcome.status().equals("failed")) {
                failure = "task '" + next.name() + "' failed: " + outcome.error();
                failedAt = Diagnostic.at(next.span(), outcome.error() != null && outcome.error().startsWith("DuckDB:")
                        ? Code.SQL_FAILED : Code.RUN_FAILED, "activity '" + next.name() + "' failed: " + outcome.error());
                break;
            }
            if (outcome.status().equals("stopped")) {
                interrupted = "stopped";
                break;
            }
        }
        tasks = store.tasks(run.id());
        String status;
        if (interrupted != null) {
            status = interrupted;
            if (interrupted.equals("stopped")) {
                for (Store.TaskRow t : tasks.values()) {
                    if (t.status().equals("pending") || t.status().equals("waiting")) {
                        store.setTaskStatus(run.id(), t.activity(), "stopped");
                    }
                }
                tasks = store.tasks(run.id());
            }
            Control.clear(options.db(), run.id());
        } else if (failure != null) {
            status = "failed";
        } else if (tasks.values().stream().anyMatch(t -> t.status().equals("waiting"))) {
            status = "waiting";
        } else {
            status = "completed";
        }
        store.setRunStatus(run.id(), status, failure);
        store.log(run.id(), null, failure != null ? "error" : "info", "run " + status + (failure != null ? ": " + failure : ""));
        RunResult result = result(run.id(), plan.model().campaign(), status, failure, tasks, plan, run.dryRun());
        if (failedAt != null) {
            result = new RunResult(result.run(), result.campaign(), result.status(), result.activities(),
                    List.of(failedAt.withHelp("fix the cause, then: camp resume " + run.id())), result.error(), result.dryRun());
        }
        return result;
    }

    /** The logical time a step starts at: the latest release of the waits before it, else the run's time. */
    private static Instant baseTime(Step step, Map<String, Instant> release, Instant runTime) {
        Instant base = runTime;
        for (Edge e : step.inputs()) {
            Instant r = release.get(e.from());
            if (r != null && r.isAfter(base)) {
                base = r;
            }
        }
        return base;
    }

    /** The next pending step whose inputs are all settled: save audiences first, channels last. */
    private static Step nextReady(Plan plan, Map<String, Store.TaskRow> tasks) {
        return plan.steps().stream()
                .filter(s -> tasks.get(s.name()) != null && tasks.get(s.name()).status().equals("pending"))
                .filter(s -> s.inputs().stream().allMatch(e -> settled(tasks.get(e.from()))))
                .min(Comparator.comparingInt((Step s) -> s.isSaveAudience() ? 0 : s.isChannel() ? 2 : 1)
                        .thenComparingInt(Step::ordinal))
                .orElse(null);
    }

    private static boolean settled(Store.TaskRow t) {
        return t != null && (t.status().equals("done") || t.status().equals("skipped"));
    }

    /** Whether the step's inputs activate it (§6, §7): all of them for combine and join, any for end. */
    private static boolean activation(Step step, Map<String, Store.TaskRow> tasks) {
        if (step.isStart()) {
            return true;
        }
        List<Boolean> active = new ArrayList<>();
        for (Edge e : step.inputs()) {
            Store.TaskRow t = tasks.get(e.from());
            active.add(t.status().equals("done") && !t.inactive().contains(e.port()));
        }
        if (step.activity() instanceof Activity.End) {
            return active.contains(true);
        }
        return !active.isEmpty() && !active.contains(false);
    }

    private RunResult result(String runId, String campaign, String status, String error, Map<String, Store.TaskRow> tasks,
            Plan plan, boolean dryRun) {
        Map<String, RunResult.Activity> activities = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            Store.TaskRow t = tasks.get(s.name());
            Map<String, Long> outputs = new LinkedHashMap<>();
            for (String port : s.outputs().keySet()) {
                outputs.put(port, t == null ? 0L : t.outputs().getOrDefault(port, 0L));
            }
            activities.put(s.name(), new RunResult.Activity(s.kind(), t == null ? "pending" : t.status(),
                    t == null || t.input() == null ? 0 : t.input(), outputs, t == null ? null : t.error()));
        }
        return new RunResult(runId, campaign, status, activities, List.of(), error, dryRun);
    }

    /**
     * Pauses or stops a run that no process is running (the caller could open the database):
     * pause marks it paused; stop marks it and its unfinished tasks stopped, for good.
     */
    public static String control(String runId, Path db, Control.Command command) throws SQLException {
        try (Connection c = Database.open(db)) {
            Store store = new Store(c);
            Store.RunRow run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run '" + runId + "' in " + db));
            if (run.status().equals("completed") || run.status().equals("stopped")) {
                throw new IllegalArgumentException("run '" + runId + "' is already " + run.status());
            }
            String status = command == Control.Command.STOP ? "stopped" : "paused";
            if (command == Control.Command.STOP) {
                for (Store.TaskRow t : store.tasks(runId).values()) {
                    if (!t.status().equals("done") && !t.status().equals("skipped") && !t.status().equals("failed")) {
                        store.setTaskStatus(runId, t.activity(), "stopped");
                    }
                }
            }
            store.setRunStatus(runId, status, run.error());
            store.log(runId, null, "info", "run " + status + " by command");
            return status;
        }
    }

    static Instant plus(Instant base, DurationValue d, ZoneId zone) {
        return base.atZone(zone).plus(d.amount(), d.unit()).toInstant();
    }

}
