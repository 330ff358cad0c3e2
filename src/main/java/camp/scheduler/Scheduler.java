package camp.scheduler;

import camp.run.Database;
import camp.run.Interpreter;
import camp.run.RunOptions;
import camp.run.RunResult;
import camp.run.Store;
import camp.schedule.LaunchCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Runs campaigns on their schedules (§8) over one database.
 *
 * <p>At each step, at a time {@code now} (the wall clock, or a simulated time): the campaign
 * files are read again where they changed; runs that a crash or a shutdown interrupted are
 * resumed; waiting runs whose time has come are resumed; and each campaign's due slot is
 * launched, with {@code now()} equal to the slot. A slot is recorded with its run in one
 * transaction, so that it is never launched twice; slots missed while nothing ran are
 * collapsed into the latest, which runs once, and the others are recorded as skipped; a slot
 * whose campaign still has a run going on (running, paused or waiting) is skipped too. A
 * campaign the scheduler has never launched starts with its first slot after the scheduler
 * started (a first slot in the past rolls over to the next one).
 */
public final class Scheduler {
    /** How long to wait for a database that another process holds before trying again. */
    static final Duration BUSY_RETRY = Duration.ofSeconds(5);

    private final Path db;
    private final Campaigns campaigns;
    private final Events events;
    private final BooleanSupplier shutdown;
    private final Duration purgeOlderThan;
    private final LaunchCalendar calendar = new LaunchCalendar();
    /** Where a campaign never launched starts: slots after this time. */
    private Instant start;
    private Instant lastPurge;
    /** Runs that could not be resumed, with the time their campaign file had then. */
    private final Map<String, FileTime> unresumable = new java.util.HashMap<>();
    private boolean busyReported;
    /** Whether the last step found the database held by another process. */
    private boolean busy;

    /**
     * @param purgeOlderThan drop the worktables of runs that ended longer ago than this, once a day; null for never
     */
    public Scheduler(Path db, List<Path> paths, PrintWriterEvents out, BooleanSupplier shutdown, Duration purgeOlderThan) {
        this.db = db;
        this.events = out.events();
        this.campaigns = new Campaigns(paths, events);
        this.shutdown = shutdown == null ? () -> false : shutdown;
        this.purgeOlderThan = purgeOlderThan;
    }

    /** Where the events go, and how. */
    public record PrintWriterEvents(java.io.PrintWriter out, boolean json) {
        Events events() {
            return new Events(out, json);
        }
    }

    /** {@code --provider} values for every run: where their channels send, over each project's camp.toml. */
    private Map<String, String> providers = Map.of();

    public Scheduler providers(Map<String, String> values) {
        this.providers = Map.copyOf(values);
        return this;
    }

    /** Reads the campaigns; false when there is none with a schedule under the paths. */
    public boolean load(Instant now) {
        campaigns.refresh(now);
        return !campaigns.isEmpty();
    }

    /**
     * Runs for real: steps at each due time of the wall clock, reads changed files every
     * {@code poll}, until {@code shutdown} says to end (the run in progress stops after its
     * current task and goes on at the next start).
     */
    public void runForever(Clock clock, Duration poll) throws InterruptedException {
        start = clock.instant();
        events.emit(start, "started", null, null, "over " + db);
        while (!shutdown.getAsBoolean()) {
            Instant now = clock.instant();
            Instant next = step(now, clock);
            Instant wake = next == null || next.isAfter(now.plus(poll)) ? now.plus(poll) : next;
            while (!shutdown.getAsBoolean() && clock.instant().isBefore(wake)) {
                Thread.sleep(Math.max(1, Math.min(200, Duration.between(clock.instant(), wake).toMillis())));
            }
        }
        events.emit(clock.instant(), "stopped", null, null, "the scheduler ends; what it was running goes on at its next start");
    }

    /**
     * Runs a window of time as if it had passed: every launch and every wait that falls in
     * [{@code from}, {@code until}], in time order, each run at its logical time. A run whose
     * wait ends after {@code until} stays waiting; a later window goes on with it.
     */
    public void runWindow(Instant from, Instant until) throws InterruptedException {
        start = from.minusMillis(1);
        Instant now = resumePoint(from, until);
        while (!shutdown.getAsBoolean()) {
            Instant next = step(now, Clock.fixed(now, ZoneOffset.UTC));
            if (busy) {
                Thread.sleep(BUSY_RETRY.toMillis()); // the same simulated moment, once the database is free
                continue;
            }
            if (next == null || next.isAfter(until)) {
                break;
            }
            now = next.isAfter(now) ? next : now.plusMillis(1);
        }
    }

    /**
     * Where a window starts: at {@code from}, or, when a window over these campaigns was already
     * run up to a later slot (a scheduler that was killed and started again), at that slot, so
     * that its events go on in time order. Nothing due after that slot was done yet: a step
     * resumes due waits before it launches.
     */
    private Instant resumePoint(Instant from, Instant until) {
        Instant point = from;
        try {
            for (Campaigns.Campaign c : campaigns.current(from)) {
                Optional<Instant> last = withStore(store -> store.lastSlot(c.name()));
                if (last.isPresent() && last.get().isAfter(point) && !last.get().isAfter(until)) {
                    point = last.get();
                }
            }
        } catch (Busy b) {
            return from; // the steps wait for the database
        }
        return point;
    }

    /**
     * Does everything due at {@code now}; returns the next time something is due, or null when
     * nothing ever will be.
     */
    Instant step(Instant now, Clock clock) {
        campaigns.refresh(now);
        Map<String, Campaigns.Campaign> known = new java.util.LinkedHashMap<>();
        campaigns.current(now).forEach(c -> known.put(c.name(), c));
        try {
            purge(now);
            resumeInterrupted(now, clock);
            resumeDue(now, clock);
            for (Campaigns.Campaign c : known.values()) {
                if (shutdown.getAsBoolean()) {
                    return null;
                }
                launchDue(c, now, clock);
            }
            busyReported = false;
            busy = false;
            return next(now, known);
        } catch (Busy b) {
            busy = true;
            if (!busyReported) {
                events.emit(now, "busy", null, null, "another process holds " + db + "; trying again every "
                        + BUSY_RETRY.toSeconds() + " s");
                busyReported = true;
            }
            return now.plus(BUSY_RETRY);
        }
    }

    /** The database is held by another process: the step is tried again later. */
    private static final class Busy extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Busy() {
            super(null, null, false, false);
        }
    }

    private Connection open() {
        try {
            return Database.open(db);
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("in use by another camp process")) {
                throw new Busy();
            }
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private <T> T withStore(StoreAction<T> action) {
        try (Connection c = open()) {
            return action.apply(new Store(c));
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private interface StoreAction<T> {
        T apply(Store store) throws SQLException;
    }

    // ------------------------------------------------------------ resuming

    private void resumeInterrupted(Instant now, Clock clock) {
        for (Store.RunRow run : withStore(Store::interrupted)) {
            if (shutdown.getAsBoolean()) {
                return;
            }
            if (unresumable(run.id(), Path.of(run.file()))) {
                continue;
            }
            events.emit(now, "resumed", run.campaign(), run.id(), "it was interrupted: it goes on from where it stopped");
            resume(run.id(), run.campaign(), Path.of(run.file()), now, clock);
        }
    }

    private void resumeDue(Instant now, Clock clock) {
        List<Store.WaitingRow> due = withStore(store -> store.waiting().stream()
                .filter(w -> w.due() != null && !w.due().isAfter(now)).toList());
        for (Store.WaitingRow w : due) {
            if (shutdown.getAsBoolean()) {
                return;
            }
            if (unresumable(w.run(), Path.of(w.file()))) {
                continue;
            }
            events.emit(now, "resumed", w.campaign(), w.run(), "its wait is over (" + w.due() + ")");
            resume(w.run(), w.campaign(), Path.of(w.file()), now, clock);
        }
    }

    /**
     * Whether a run could not be resumed and its campaign file has not changed since: it is not
     * tried again (and reported again) at every step, only once the file is fixed.
     */
    private boolean unresumable(String run, Path file) {
        FileTime failedWith = unresumable.get(run);
        return failedWith != null && failedWith.equals(modified(file));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private void resume(String run, String campaign, Path file, Instant now, Clock clock) {
        FileTime version = modified(file);
        try {
            RunResult result = Interpreter.resume(run, db, null, providers, null, clock, false, shutdown);
            if (result.run() == null) {
                unresumable.put(run, version);
            } else {
                unresumable.remove(run);
            }
            report(now, campaign, result);
        } catch (SQLException | IOException | RuntimeException e) {
            if (e instanceof SQLException && String.valueOf(e.getMessage()).contains("in use by another camp process")) {
                throw new Busy();
            }
            unresumable.put(run, version);
            events.emit(now, "failed", campaign, run, "cannot resume: " + e.getMessage()
                    + " (tried again when " + file.getFileName() + " changes)");
        }
    }

    // ------------------------------------------------------------ launching

    private void launchDue(Campaigns.Campaign c, Instant now, Clock clock) {
        Instant last = withStore(store -> store.lastSlot(c.name()).orElse(null));
        Instant after = last != null ? last : start;
        List<ZonedDateTime> due = new ArrayList<>();
        for (ZonedDateTime slot : calendar.next(c.plan().schedule(), after, 10_000)) {
            if (slot.toInstant().isAfter(now)) {
                break;
            }
            due.add(slot);
        }
        if (due.isEmpty()) {
            return;
        }
        ZonedDateTime slot = due.get(due.size() - 1);
        if (due.size() > 1) {
            for (ZonedDateTime missed : due.subList(0, due.size() - 1)) {
                skip(c, missed, now, "missed while the scheduler was not running; the latest missed slot, "
                        + local(slot) + ", runs once instead");
            }
        }
        Optional<Store.RunRow> active = withStore(store -> store.active(c.name()).stream().findFirst());
        if (active.isPresent()) {
            skip(c, slot, now, "the previous run " + active.get().id() + " is still " + active.get().shownStatus());
            return;
        }
        events.emit(now, "launched", c.name(), null, "slot " + local(slot) + " (" + slot.toInstant() + ")");
        RunOptions options = new RunOptions(c.file(), db, slot.toInstant(), Map.of(), false, null, null, clock,
                new RunOptions.Launch(c.name(), slot.toInstant()), shutdown, providers);
        try {
            report(now, c.name(), Interpreter.run(options));
        } catch (SQLException | IOException | RuntimeException e) {
            if (e instanceof SQLException && String.valueOf(e.getMessage()).contains("in use by another camp process")) {
                throw new Busy();
            }
            events.emit(now, "failed", c.name(), null, "cannot launch: " + e.getMessage());
        }
    }

    private void skip(Campaigns.Campaign c, ZonedDateTime slot, Instant now, String reason) {
        withStore(store -> {
            if (store.launch(c.name(), slot.toInstant()).isEmpty()) {
                store.recordLaunch(c.name(), slot.toInstant(), "skipped", null, reason, c.file().toString());
            }
            return null;
        });
        events.emit(now, "skipped", c.name(), null, "slot " + local(slot) + ": " + reason);
    }

    private void report(Instant now, String campaign, RunResult result) {
        if (result.run() == null) {
            StringBuilder why = new StringBuilder("the run did not start:");
            result.diagnostics().forEach(d -> why.append("\n").append(d.headline()));
            events.emit(now, "failed", campaign, null, why.toString());
            return;
        }
        switch (result.status()) {
            case COMPLETED -> events.emit(now, "completed", campaign, result.run(), counts(result));
            case FAILED -> events.emit(now, "failed", campaign, result.run(), result.error());
            case WAITING -> events.emit(now, "waiting", campaign, result.run(), "until " + due(result.run()));
            case RUNNING -> events.emit(now, "interrupted", campaign, result.run(), "the scheduler is ending; the run goes on at its next start");
            case PAUSED, STOPPED -> events.emit(now, result.status().label(), campaign, result.run(), "by command");
        }
    }

    private static String counts(RunResult result) {
        long sent = result.activities().values().stream().mapToLong(a -> a.outputs().getOrDefault("sent", 0L)).sum();
        return result.activities().size() + " tasks" + (sent > 0 ? ", " + sent + (sent == 1 ? " message" : " messages") + " sent" : "");
    }

    private Instant due(String run) {
        return withStore(store -> store.waiting().stream().filter(w -> w.run().equals(run)).map(Store.WaitingRow::due)
                .findFirst().orElse(null));
    }

    // ------------------------------------------------------------ what comes next

    private Instant next(Instant now, Map<String, Campaigns.Campaign> known) {
        Instant next = null;
        for (Campaigns.Campaign c : known.values()) {
            Instant last = withStore(store -> store.lastSlot(c.name()).orElse(null));
            Instant after = last == null || last.isBefore(now) ? now : last;
            Optional<ZonedDateTime> slot = calendar.nextAfter(c.plan().schedule(), after);
            if (slot.isPresent() && (next == null || slot.get().toInstant().isBefore(next))) {
                next = slot.get().toInstant();
            }
        }
        for (Store.WaitingRow w : withStore(Store::waiting)) {
            if (w.due() != null && w.due().isAfter(now) && (next == null || w.due().isBefore(next))) {
                next = w.due();
            }
        }
        return next;
    }

    // ------------------------------------------------------------ retention

    /**
     * Drops the worktables of runs that ended longer ago than the retention, once a day. Both
     * are wall-clock times (a run's end is recorded as such), also when a window is simulated.
     */
    private void purge(Instant now) {
        Instant wall = Instant.now();
        if (purgeOlderThan == null || (lastPurge != null && lastPurge.plus(Duration.ofDays(1)).isAfter(wall))) {
            return;
        }
        lastPurge = wall;
        List<String> purged = withStore(store -> {
            List<String> runs = store.purgeable(wall.minus(purgeOlderThan));
            for (String run : runs) {
                store.purge(run, store.runSchema(run));
                store.log(run, null, "info", "worktables purged by the scheduler (ended more than " + purgeOlderThan + " ago)");
            }
            return runs;
        });
        if (!purged.isEmpty()) {
            events.emit(now, "purged", null, null, "the worktables of " + purged.size() + " runs: " + String.join(", ", purged));
        }
    }

    private static String local(ZonedDateTime slot) {
        return DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT).format(slot) + " " + slot.getZone();
    }
}
