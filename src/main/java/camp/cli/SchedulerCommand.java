package camp.cli;

import camp.run.Database;
import camp.run.Times;
import camp.scheduler.Scheduler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp scheduler PATH...}: runs campaigns on their schedules, for real or over a window of time. */
@Command(name = "scheduler", mixinStandardHelpOptions = true,
        description = {"Run campaigns on their schedules: every .camp file with a campaign and a schedule, in the files",
            "and folders given. Each run starts at its launch time with now() equal to it; waiting runs go on when",
            "their time comes; a file that changes is read again (one that no longer checks is reported and not",
            "run); a slot missed while the scheduler was down runs once; a slot whose campaign still has a run",
            "going on is skipped. One line per event on stdout. SIGTERM or Ctrl-C: the task in progress finishes",
            "or is rolled back, the scheduler exits 0, and the run goes on at its next start.",
            "",
            "With --from and --until, runs that window of time as if it had passed (every launch and every wait",
            "in it, in time order, each run at its logical time), then exits: a month in a second."},
        footer = {"",
            "Exit codes: 0 ok (also after SIGTERM), 2 usage, no campaign with a schedule under PATH, another",
            "scheduler on the database, or a database that cannot be written.",
            "",
            "Examples:",
            "  camp scheduler campaigns/",
            "  camp scheduler --db /var/lib/camp/camp.duckdb --purge-older-than 30d campaigns/",
            "  camp scheduler --from \"2026-03-01 00:00\" --until \"2026-03-31 23:59\" samples/spring_promo.camp"})
final class SchedulerCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Campaign files, and folders holding them.")
    List<Path> paths;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @CommandLine.Mixin
    ProviderOption delivery;

    @Option(names = "--from", paramLabel = "TIME", description = "With --until: the start of the window of time to run.")
    String from;

    @Option(names = "--until", paramLabel = "TIME", description = "With --from: the end of the window of time to run.")
    String until;

    @Option(names = "--purge-older-than", paramLabel = "DURATION",
            description = "Once a day, drop the worktables of runs that ended longer ago than this (30d, 12h, 2w).")
    String purgeOlderThan;

    @Option(names = "--poll", paramLabel = "SECONDS", defaultValue = "5",
            description = "How often campaign files are looked at for changes (default: ${DEFAULT-VALUE}).")
    int poll;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json lines (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((from == null) != (until == null)) {
            err.println("camp: --from and --until go together: the window of time to run");
            return ExitCodes.USAGE;
        }
        Duration retention;
        try {
            retention = purgeOlderThan == null ? null : Durations.parse(purgeOlderThan);
        } catch (IllegalArgumentException e) {
            err.println("camp: --purge-older-than " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Instant start = null;
        Instant end = null;
        if (from != null) {
            try {
                start = Times.parse(from, ZoneOffset.UTC);
                end = Times.parse(until, ZoneOffset.UTC);
            } catch (IllegalArgumentException e) {
                err.println("camp: " + e.getMessage() + " (a time without a zone is read in UTC here)");
                return ExitCodes.USAGE;
            }
            if (end.isBefore(start)) {
                err.println("camp: --until " + until + " is before --from " + from);
                return ExitCodes.USAGE;
            }
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                err.println("camp: no such file or folder: " + p);
                return ExitCodes.USAGE;
            }
        }
        Path db = database.forWriting().toAbsolutePath();
        try {
            Database.checkWritable(db);
        } catch (Database.Unavailable e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        AtomicBoolean ending = new AtomicBoolean();
        Scheduler scheduler = new Scheduler(db, paths, new Scheduler.PrintWriterEvents(out, format == OutputFormat.json), ending::get,
                retention).providers(delivery.providers);
        if (!scheduler.load(start != null ? start : Instant.now())) {
            err.println("camp: no campaign with a schedule in " + paths);
            return ExitCodes.USAGE;
        }
        try {
            Database.requireWritable(db);
        } catch (Database.Unavailable e) {
            err.println("camp: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Path lockFile = Database.folder(db).resolve(db.getFileName() + ".scheduler");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
                err.println("camp: another scheduler runs over " + db + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; one scheduler per database");
                return ExitCodes.USAGE;
            }
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"));
            channel.force(true);
            try (java.sql.Connection c = Database.open(db)) {
                // the database can be written: say so now rather than at the first launch
            } catch (java.sql.SQLException e) {
                err.println("camp: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            return schedule(scheduler, start, end, ending, out);
        } catch (IOException e) {
            err.println("camp: cannot lock " + lockFile + " (" + e.getMessage() + "): is the folder of the database writable?");
            return ExitCodes.USAGE;
        }
    }

    /**
     * Runs the scheduler until it is done (a window) or asked to end (SIGTERM, Ctrl-C): the
     * shutdown hook says so, waits for the task in progress to finish or be rolled back, and
     * ends the process with 0.
     */
    private int schedule(Scheduler scheduler, Instant start, Instant end, AtomicBoolean ending, PrintWriter out)
            throws InterruptedException {
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ending.set(true);
            try {
                finished.await(10, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(ExitCodes.OK); // a signal ended it as asked: that is a success
        }, "camp-scheduler-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            if (start != null) {
                scheduler.runWindow(start, end);
            } else {
                scheduler.runForever(Clock.systemUTC(), Duration.ofSeconds(Math.max(1, poll)));
            }
            return ExitCodes.OK;
        } finally {
            out.flush();
            if (!ending.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // a signal came just now: the hook ends the process
                }
            }
            finished.countDown();
        }
    }
}
