package camp.run;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Edge;
import camp.ir.Plan;
import camp.ir.Step;
import camp.project.Project;
import camp.sql.DuckDbDialect;
import camp.sql.SqlContext;
import camp.types.DurationValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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
import java.util.function.BooleanSupplier;

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
        return run(options, Frontend.check(options.file(), options.file().toString(), DuckDbQueries.INSTANCE));
    }

    /** Runs a file the caller has checked already. */
    public static RunResult run(RunOptions options, Checked checked) throws SQLException, IOException {
        if (checked.hasErrors()) {
            return RunResult.rejected(checked.diagnostics());
        }
        Plan plan = checked.plan();
        if (!plan.isCampaign()) {
            return RunResult.rejected(List.of(Diagnostic.inFile(checked.root(), Code.NOT_RUNNABLE, options.file().toString())));
        }
        Map<String, Object> params = Params.resolve(plan, options.params());
        try (Connection c = Database.open(options.db())) {
            return new Interpreter(c, options.listener()).start(plan, options, params);
        }
    }

    /**
     * Runs a checked plan in a database the caller opened with the run state's tables
     * ({@code camp test}: a fresh in-memory database holding a test's fixtures). The run's side
     * files (its event log, control files, scratch space) go beside {@code options.db()}, which
     * is not opened.
     */
    public static RunResult runIn(Connection c, RunOptions options, Plan plan) throws SQLException {
        Map<String, Object> params = Params.resolve(plan, options.params());
        return new Interpreter(c, options.listener()).start(plan, options, params);
    }

    /** Continues a paused, waiting, failed or interrupted run from where it stopped. */
    public static RunResult resume(String runId, Path db, Path outbox, RunListener listener) throws SQLException, IOException {
        return resume(runId, db, outbox, listener, null, false, null);
    }

    /**
     * Continues a run from where it stopped: a failed run from its failed task, an interrupted
     * one from the task it was in, a paused one where it paused, a waiting one once the clock has
     * reached its wait's time (or at once with {@code now}: the wait is over).
     *
     * @param clock what time it is for the run's waits; null for the system clock
     * @param shutdown true when the process is asked to end; null for never
     */
    public static RunResult resume(String runId, Path db, Path outbox, RunListener listener, Clock clock, boolean now,
            BooleanSupplier shutdown) throws SQLException, IOException {
        return resume(runId, db, outbox, Map.of(), listener, clock, now, shutdown);
    }

    /**
     * Continues a run, its channels sending where {@code providers} ({@code --provider} values)
     * and the project's {@code camp.toml} say now: a provider fixed since the failure is used.
     */
    public static RunResult resume(String runId, Path db, Path outbox, Map<String, String> providers, RunListener listener, Clock clock,
            boolean now, BooleanSupplier shutdown) throws SQLException, IOException {
        Control.requireRunId(runId);
        Clock time = clock == null ? Clock.systemUTC() : clock;
        try (Connection c = Database.openExisting(db)) {
            Interpreter in = new Interpreter(c, listener);
            Optional<Store.RunRow> row = in.store.run(runId);
            if (row.isEmpty()) {
                String hint = camp.diag.Suggestions.didYouMean(runId, in.store.runIds());
                throw new IllegalArgumentException("no run '" + runId + "' in " + db + " (see camp runs)" + (hint == null ? "" : "; " + hint));
            }
            Store.RunRow run = row.get();
            if (run.status().isFinal()) {
                throw new IllegalArgumentException("run '" + runId + "' is " + run.status() + " and cannot be resumed");
            }
            if (run.status() == RunStatus.RUNNING && !run.interrupted()) {
                throw new IllegalArgumentException("run '" + runId + "' is running in process " + run.owner().pid()
                        + "; it goes on by itself (camp status " + runId + ")");
            }
            Instant due = in.due(run);
            if (due != null && due.isAfter(time.instant())) {
                if (!now) {
                    ZoneId zone = ZoneId.of(run.timezone());
                    String local = zone.normalized().equals(java.time.ZoneOffset.UTC) ? ""
                            : " (" + zone + ": " + due.atZone(zone).toLocalDateTime().toString().replace('T', ' ') + ")";
                    throw new IllegalArgumentException("run '" + runId + "' waits until " + due + local + "; resume it then, or now with --now");
                }
                time = Clock.fixed(due, java.time.ZoneOffset.UTC);
            }
            Control.clear(db, runId);
            Path file = Path.of(run.file());
            Checked checked = Frontend.check(file, run.file(), DuckDbQueries.INSTANCE);
            if (checked.hasErrors()) {
                return RunResult.rejected(checked.diagnostics());
            }
            Map<String, Object> params = Params.resolve(checked.plan(), run.params());
            Path recorded = run.options().containsKey("outbox") ? Path.of(run.options().get("outbox")) : null;
            if (outbox != null && recorded != null && !outbox.toAbsolutePath().normalize().equals(recorded)) {
                throw new IllegalArgumentException("run '" + runId + "' was started with --outbox " + recorded
                        + "; a resume sends to the same outbox, so that no message is sent twice: resume it without --outbox");
            }
            Path sendTo = recorded != null ? recorded : outbox;
            RunOptions options = new RunOptions(file, db, run.logicalTime(), run.params(), run.dryRun(), sendTo, in.listener, time,
                    null, shutdown, providers, run.options().containsKey("test"));
            in.providers = in.providers(options);
            for (var e : run.options().entrySet()) {
                String channel = e.getKey().startsWith("provider.") ? e.getKey().substring("provider.".length()) : null;
                if (channel != null && e.getValue().startsWith("file:")
                        && !e.getValue().equals(in.providers.described().getOrDefault(channel, e.getValue()))) {
                    throw new IllegalArgumentException("run '" + runId + "' sent its " + channel + " messages to " + e.getValue()
                            + "; a resume sends to the same outbox, so that no message is sent twice");
                }
            }
            return in.continueRun(checked.plan(), options, params, run);
        }
    }

    /** When the earliest wait of a waiting run is released; null for a run that does not wait. */
    private Instant due(Store.RunRow run) throws SQLException {
        if (run.status() != RunStatus.WAITING) {
            return null;
        }
        return store.tasks(run.id()).values().stream().filter(t -> t.status() == TaskStatus.WAITING && t.releaseAt() != null)
                .map(Store.TaskRow::releaseAt).min(Instant::compareTo).orElse(null);
    }

    // ------------------------------------------------------------ starting

    /** Where the channels send: resolved before a run starts or resumes, so that a mistake stops it before anything is written. */
    private Providers providers = Providers.files();

    private Providers providers(RunOptions options) {
        try {
            return Providers.resolve(Project.of(options.file()), options.providers(), System::getenv);
        } catch (Project.ConfigException e) {
            throw new IllegalArgumentException(e.file() + ": " + e.getMessage());
        }
    }

    private RunResult start(Plan plan, RunOptions options, Map<String, Object> params) throws SQLException {
        providers = providers(options);
        ZoneId zone = ZoneId.of(plan.timezone());
        Instant at = (options.at() == null ? options.clock().instant() : options.at()).truncatedTo(ChronoUnit.SECONDS);
        store.setTimeZone(plan.timezone());
        sandbox(options);
        String runId = newRunId(at);
        long seed = seed(plan.campaign(), at);
        Store.RunRow run = new Store.RunRow(runId, plan.campaign(), options.file().toAbsolutePath().toString(), at,
                plan.timezone(), RunStatus.RUNNING, options.dryRun(), seed, options.params(), null, null, null, recorded(options),
                Owner.current());
        SqlContext ctx = context(plan, run, params);
        try (Sources.Verified sources = Sources.verify(c, plan, ctx, UsedEntities.of(plan))) {
            if (!sources.problems().isEmpty()) {
                return RunResult.rejected(sources.problems());
            }
            // the run's schema, its copies of the sources and its record commit together: a crash while
            // the sources are read leaves nothing behind, and a later run at this time starts afresh
            transaction(c, () -> {
                store.dropSchema(ctx.runSchema()); // a leftover of a camp that crashed here before it did this in one transaction
                store.createSchema(ctx.runSchema());
                if (options.dryRun()) {
                    store.createDryDeliveries(ctx.dryDeliveries());
                }
                Sources.materialize(c, ctx, sources);
                haltWhilePreparing();
                store.createRun(run);
                if (options.launch() != null) {
                    // the launch and its run commit together: a restarted scheduler never launches this slot again
                    store.recordLaunch(options.launch().campaign(), options.launch().slot(), "launched", runId, null,
                            options.file().toAbsolutePath().toString());
                }
                for (Step s : plan.steps()) {
                    store.createTask(runId, s.name(), s.kind(), s.ordinal(), s.span().line(), s.span().column());
                }
                store.log(runId, null, "info", "run " + runId + " of '" + plan.campaign() + "' at "
                        + at.atZone(zone).toLocalDateTime() + " " + zone + (options.dryRun() ? " (dry run)" : ""));
            });
        }
        return execute(plan, ctx, options, run, false);
    }

    private RunResult continueRun(Plan plan, RunOptions options, Map<String, Object> params, Store.RunRow run)
            throws SQLException {
        store.setTimeZone(plan.timezone());
        sandbox(options);
        SqlContext ctx = context(plan, run, params);
        List<Diagnostic> problems = Sources.prepare(c, plan, ctx, UsedEntities.of(plan));
        if (!problems.isEmpty()) {
            return RunResult.rejected(problems);
        }
        Map<String, Store.TaskRow> tasks = store.tasks(run.id());
        // the tasks made pending again and the run marked running commit together: a crash in
        // between once left a waiting run without a waiting task, which nothing ever resumed
        transaction(c, () -> {
            for (Step s : plan.steps()) {
                Store.TaskRow t = tasks.get(s.name());
                if (t == null) {
                    store.createTask(run.id(), s.name(), s.kind(), s.ordinal(), s.span().line(), s.span().column());
                } else if (t.status() == TaskStatus.FAILED || t.status() == TaskStatus.RUNNING || t.status() == TaskStatus.STOPPED
                        || t.status() == TaskStatus.WAITING) {
                    store.setTaskStatus(run.id(), s.name(), TaskStatus.PENDING);
                }
            }
            haltWhileResuming();
            store.setRunStatus(run.id(), RunStatus.RUNNING, null);
            store.setOwner(run.id(), Owner.current());
            store.log(run.id(), null, "info", run.interrupted() ? "run resumed after an interruption" : "run resumed");
        });
        return execute(plan, ctx, options, run, true);
    }

    /**
     * Failure injection for the crash tests: with {@code -Dcamp.test.haltWhilePreparing=true}, the
     * process halts (as kill -9 would) once the run's sources are read and before it is recorded.
     */
    private static void haltWhilePreparing() {
        if (Boolean.getBoolean("camp.test.haltWhilePreparing")) {
            Runtime.getRuntime().halt(137);
        }
    }

    /**
     * Failure injection for the crash tests: with {@code -Dcamp.test.haltWhileResuming=true}, the
     * process halts (as kill -9 would) once a resumed run's tasks are pending again and before the
     * run is marked running.
     */
    private static void haltWhileResuming() {
        if (Boolean.getBoolean("camp.test.haltWhileResuming")) {
            Runtime.getRuntime().halt(137);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs state changes that must be seen together or not at all. */
    private static void transaction(Connection c, SqlWork work) throws SQLException {
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** What a run is started with that its resume must use too. */
    /** What a run keeps of its options: the outbox and the providers it sends to, described without secrets. */
    private Map<String, String> recorded(RunOptions options) {
        Map<String, String> recorded = new LinkedHashMap<>();
        if (options.outbox() != null) {
            recorded.put("outbox", options.outbox().toAbsolutePath().normalize().toString());
        }
        providers.described().forEach((channel, provider) -> recorded.put("provider." + channel, provider));
        if (options.test()) {
            recorded.put("test", "true");
        }
        return recorded;
    }

    private SqlContext context(Plan plan, Store.RunRow run, Map<String, Object> params) throws SQLException {
        ZoneId zone = ZoneId.of(plan.timezone());
        LocalDateTime now = run.logicalTime().atZone(zone).toLocalDateTime();
        Map<String, LocalDateTime> marks = store.incrementalMarks(plan.campaign());
        return new SqlContext(plan, store.dialect(), now, run.logicalTime(), params, run.seed(), run.id(),
                store.runSchema(run.id()), marks, run.dryRun()).withSchemas(store.schemas());
    }

    /**
     * Confines DuckDB to the project's folders and the database's own: no source, query or
     * load of the campaign can read a file anywhere else.
     */
    private void sandbox(RunOptions options) throws SQLException {
        List<Path> folders = new ArrayList<>();
        try {
            folders.addAll(Project.of(options.file()).folders());
        } catch (Project.ConfigException e) {
            folders.add(options.file().toAbsolutePath().normalize().getParent());
        }
        folders.add(Database.folder(options.db()));
        store.sandbox(folders);
    }

    /** The schema that holds a run's worktables, under camp's default schemas (a database's own: {@link Store#runSchema}). */
    public static String runSchema(String runId) {
        return camp.sql.Schemas.DEFAULT.run(runId);
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
        // a request to pause or stop is for the run as it goes on now: none from before counts
        Control.clear(options.db(), run.id());
        try (EventLog events = EventLog.open(options.db(), run.id())) {
            events.begun(resumed, run.campaign(), run.logicalTime(), run.dryRun());
            RunResult result = execute(plan, ctx, options, run, resumed, events);
            events.ended(result.status(), result.error());
            return result;
        } finally {
            Control.clear(options.db(), run.id());
        }
    }

    private RunResult execute(Plan plan, SqlContext ctx, RunOptions options, Store.RunRow run, boolean resumed, EventLog events)
            throws SQLException {
        Map<String, Store.TaskRow> tasks = store.tasks(run.id());
        TaskRunner runner = new TaskRunner(c, store, ctx, options, events.and(listener)).resumed(resumed).providers(providers);
        Map<String, Instant> release = releases(plan, tasks, run.logicalTime());
        String failure = null;
        Diagnostic failedAt = null;
        RunStatus interrupted = null;
        boolean ending = false;
        while (true) {
            tasks = store.tasks(run.id());
            Step next = nextReady(plan, tasks);
            if (next == null) {
                break;
            }
            if (options.shutdown().getAsBoolean()) {
                ending = true;
                break;
            }
            Optional<Control.Command> command = Control.pending(options.db(), run.id());
            if (command.isPresent()) {
                interrupted = command.get() == Control.Command.STOP ? RunStatus.STOPPED : RunStatus.PAUSED;
                break;
            }
            Instant base = baseTime(next, release, run.logicalTime());
            TaskOutcome outcome;
            try {
                outcome = runner.run(next, activation(next, tasks), base);
            } catch (SQLException e) {
                DiskFull full = DiskFull.in(e);
                if (full == null) {
                    throw e;
                }
                throw new SQLException(full.message() + " " + run.id() + "; the run could not even be marked failed, and goes on"
                        + " from task '" + next.name() + "' when resumed", e);
            }
            release.put(next.name(), outcome.releaseAt() != null ? outcome.releaseAt() : base);
            if (outcome.status() == TaskStatus.PENDING) {
                ending = true;
                break;
            }
            if (outcome.status() == TaskStatus.FAILED) {
                failure = "task '" + next.name() + "' failed: " + outcome.error();
                failedAt = diagnostic(next, outcome.failure());
                break;
            }
            if (outcome.status() == TaskStatus.STOPPED) {
                interrupted = RunStatus.STOPPED;
                break;
            }
        }
        tasks = store.tasks(run.id());
        if (ending) {
            // the run stays running, with no process: it is interrupted, and goes on when resumed
            store.log(run.id(), null, "info", "the process is ending: the run goes on from here when it is resumed");
            return result(run.id(), plan.campaign(), RunStatus.RUNNING, null, tasks, plan, run.dryRun());
        }
        RunStatus status;
        if (interrupted != null) {
            status = interrupted;
        } else if (failure != null) {
            status = RunStatus.FAILED;
        } else if (tasks.values().stream().anyMatch(t -> t.status() == TaskStatus.WAITING)) {
            status = RunStatus.WAITING;
        } else {
            status = RunStatus.COMPLETED;
        }
        Map<String, Store.TaskRow> settled = tasks;
        String error = failure;
        transaction(c, () -> {
            if (status == RunStatus.STOPPED) {
                for (Store.TaskRow t : settled.values()) {
                    if (t.status() == TaskStatus.PENDING || t.status() == TaskStatus.WAITING) {
                        store.setTaskStatus(run.id(), t.activity(), TaskStatus.STOPPED);
                    }
                }
            }
            store.setRunStatus(run.id(), status, error);
            store.log(run.id(), null, error != null ? "error" : "info", "run " + status + (error != null ? ": " + error : ""));
        });
        if (status == RunStatus.STOPPED) {
            tasks = store.tasks(run.id());
        }
        RunResult result = result(run.id(), plan.campaign(), status, failure, tasks, plan, run.dryRun());
        if (failedAt != null) {
            result = new RunResult(result.run(), result.campaign(), result.status(), result.activities(),
                    List.of(failedAt.withHelp("fix the cause, then: camp resume " + run.id())), result.error(), result.dryRun());
        }
        return result;
    }

    /** A failed task at its activity's line, with the code of whose the failure is. */
    private static Diagnostic diagnostic(Step step, TaskFailure failure) {
        String message = "activity '" + step.name() + "' failed: " + failure.getMessage();
        return switch (failure.kind()) {
            case USER -> Diagnostic.at(step.span(), Code.RUN_FAILED, message);
            case DATABASE -> Diagnostic.at(step.span(), Code.SQL_FAILED, message);
            case DISK_FULL -> Diagnostic.at(step.span(), Code.DISK_FULL, message);
            case INTERNAL -> Diagnostic.at(step.span(), Code.INTERNAL, "activity '" + step.name() + "' failed: "
                    + failure.getCause()).withCause(failure.getCause());
        };
    }

    /**
     * When the rows of each settled step went on: a wait's at its release time, any other step's
     * at the latest release of its inputs (or the run's logical time). Worked out again from the
     * recorded release times of the waits, so that a resumed run's later waits count from them.
     */
    private static Map<String, Instant> releases(Plan plan, Map<String, Store.TaskRow> tasks, Instant runTime) {
        Map<String, Instant> release = new HashMap<>();
        for (Step s : plan.steps()) {
            Store.TaskRow t = tasks.get(s.name());
            if (t == null || !t.status().isSettled()) {
                continue;
            }
            Instant base = baseTime(s, release, runTime);
            release.put(s.name(), s instanceof Step.Wait && t.releaseAt() != null ? t.releaseAt() : base);
        }
        return release;
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
                .filter(s -> tasks.get(s.name()) != null && tasks.get(s.name()).status() == TaskStatus.PENDING)
                .filter(s -> s.inputs().stream().allMatch(e -> tasks.get(e.from()) != null && tasks.get(e.from()).status().isSettled()))
                .min(Comparator.comparingInt((Step s) -> s instanceof Step.SaveAudience ? 0 : s instanceof Step.Channel ? 2 : 1)
                        .thenComparingInt(Step::ordinal))
                .orElse(null);
    }

    /** Whether the step's inputs activate it (§6, §7): all of them, or any for a kind that takes one or more (end). */
    private static boolean activation(Step step, Map<String, Store.TaskRow> tasks) {
        if (step.isStart()) {
            return true;
        }
        List<Boolean> active = new ArrayList<>();
        for (Edge e : step.inputs()) {
            Store.TaskRow t = tasks.get(e.from());
            active.add(t.status() == TaskStatus.DONE && !t.inactive().contains(e.port()));
        }
        if (step.node().arity() == Step.Arity.ONE_OR_MORE) {
            return active.contains(true);
        }
        return !active.isEmpty() && !active.contains(false);
    }

    private RunResult result(String runId, String campaign, RunStatus status, String error, Map<String, Store.TaskRow> tasks,
            Plan plan, boolean dryRun) {
        Map<String, RunResult.Activity> activities = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            Store.TaskRow t = tasks.get(s.name());
            Map<String, Long> outputs = new LinkedHashMap<>();
            for (String port : s.outputs().keySet()) {
                outputs.put(port, t == null ? 0L : t.outputs().getOrDefault(port, 0L));
            }
            activities.put(s.name(), new RunResult.Activity(s.kind(), t == null ? TaskStatus.PENDING : t.status(),
                    t == null || t.input() == null ? 0 : t.input(), outputs, t == null ? null : t.error(), t == null ? null : t.input(),
                    t == null ? null : t.startedAt(), t == null ? null : t.endedAt(), s.span().line(), s.span().column()));
        }
        return new RunResult(runId, campaign, status, activities, List.of(), error, dryRun);
    }

    /**
     * Pauses or stops a run that no process is running (the caller could open the database):
     * pause marks it paused; stop marks it and its unfinished tasks stopped, for good.
     */
    public static RunStatus control(String runId, Path db, Control.Command command) throws SQLException {
        Control.requireRunId(runId);
        try (Connection c = Database.openExisting(db)) {
            Store store = new Store(c);
            Store.RunRow run = store.run(runId).orElseThrow(() -> new IllegalArgumentException("no run '" + runId + "' in " + db));
            if (run.status().isFinal()) {
                throw new IllegalArgumentException("run '" + runId + "' is already " + run.status());
            }
            RunStatus status = command == Control.Command.STOP ? RunStatus.STOPPED : RunStatus.PAUSED;
            transaction(c, () -> {
                if (command == Control.Command.STOP) {
                    for (Store.TaskRow t : store.tasks(runId).values()) {
                        if (!t.status().isSettled() && t.status() != TaskStatus.FAILED) {
                            store.setTaskStatus(runId, t.activity(), TaskStatus.STOPPED);
                        }
                    }
                }
                store.setRunStatus(runId, status, run.error());
                store.log(runId, null, "info", "run " + status + " by command");
            });
            return status;
        }
    }

    static Instant plus(Instant base, DurationValue d, ZoneId zone) {
        return base.atZone(zone).plus(d.amount(), d.unit()).toInstant();
    }
}
