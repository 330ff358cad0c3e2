package camp.cli;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.diag.Suggestions;
import camp.ir.Plan;
import camp.ir.Step;
import camp.run.Database;
import camp.run.DuckDbQueries;
import camp.run.Interpreter;
import camp.run.Params;
import camp.run.RunOptions;
import camp.run.RunResult;
import camp.run.RunStatus;
import camp.run.Times;
import camp.source.SourceFile;
import camp.syntax.SourceReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp diff OLD NEW}: what a change to a campaign does, from dry runs of both versions over the same data. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {
            "Show what a change to a campaign does before it is merged: both versions",
            "are dry-run at the same logical time over the same data, each in a",
            "throwaway copy of the database, then compared activity by activity",
            "(added, removed, changed: its SQL or its messages differ; unchanged), with",
            "the rows on each port before and after and the messages of each channel."},
        footer = {
            "",
            "OLD is checked as if it sat in NEW's place: its imports and its csv, parquet",
            "and template files are NEW's, so both versions read the same data and OLD",
            "may be a copy anywhere (git show main:FILE > old.camp). --old-in-place",
            "reads OLD's own imports and files instead (to see a shared import's change).",
            "The database (--db, else the one camp run NEW would use, when it exists) holds the source",
            "tables and the run state the runs read (incremental history, saved",
            "audiences, delivery history for caps); it is copied, never written.",
            "",
            "Output: the summary line, then a table of every activity and port (text),",
            "a pull-request comment (--format markdown) or one JSON object:",
            "  {\"old\":{\"file\",\"campaign\",\"status\"},\"new\":{...},\"at\",\"timezone\",",
            "   \"summary\",\"changes\":{\"added\",\"removed\",\"changed\",\"unchanged\"},",
            "   \"activities\":[{\"activity\",\"change\",\"aspects\":[\"kind\"|\"sql\"|",
            "     \"message\"|\"pacing\"],\"old\":{\"kind\",\"status\"},\"new\":{...},",
            "     \"ports\":[{\"port\",\"before\",\"after\",\"difference\",\"percent\"}]}],",
            "   \"messages\":[{\"channel\",\"before\",\"after\",\"difference\",\"percent\",",
            "     \"complete\"}]}",
            "",
            "Exit codes: 0 both versions ran, 1 a version has errors (printed as camp",
            "check prints them; nothing is run), 2 usage or unreadable file, 3 a dry run",
            "failed (the diff is printed all the same), 4 internal error.",
            "",
            "Examples:",
            "  camp diff spring_v1.camp samples/spring_promo.camp --at \"2026-03-10 09:00\"",
            "  git show origin/main:samples/spring_promo.camp > /tmp/old.camp",
            "  camp diff /tmp/old.camp samples/spring_promo.camp --format markdown",
            "  camp diff a.camp b.camp --db crm.duckdb --param min_points=800 --format json"})
final class DiffCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "OLD", description = "The campaign as it is.")
    Path oldFile;

    @Parameters(index = "1", paramLabel = "NEW", description = "The campaign as changed.")
    Path newFile;

    @Option(names = "--db", paramLabel = "PATH", description = "The database the runs read, copied and never written "
            + "(default: the database camp run NEW would use, if it exists, else none).")
    Path db;

    @Option(names = "--at", paramLabel = "TIME", description = "The logical time of both runs, what now() is: 2026-03-10T09:00:00Z or "
            + "\"2026-03-10 09:00\" in NEW's time zone (default: now).")
    String at;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets a param in each version that declares it (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    /** How diff prints: for people, as a pull-request comment, or for tools. */
    enum Format { text, json, markdown }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, markdown (a pull-request comment) or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.text;

    @Option(names = "--old-in-place", description = "Check and run OLD with its own imports and files, not NEW's.")
    boolean oldInPlace;

    @Option(names = "--through-waits", description = "Release every wait at once, so that the activities after it run and are counted too.")
    boolean throughWaits;

    @CommandLine.Mixin
    VerboseOption verbosity;

    /** Ends the command with an exit code, its reason already printed. */
    private static final class Exit extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DiagnosticRenderer renderer = new DiagnosticRenderer(verbosity.verbose);
        try {
            Checked[] versions = check(renderer, out, err);
            Instant instant = logicalTime(versions[1].plan(), err);
            requireKnownParams(versions[0].plan(), versions[1].plan(), err);
            Run old;
            Run neu;
            try (DiffDatabases databases = DiffDatabases.of(DiffDatabases.source(db, newFile))) {
                old = run(versions[0], oldInPlace ? oldFile : newFile, databases.database("old"), instant);
                neu = run(versions[1], newFile, databases.database("new"), instant);
            } catch (IllegalArgumentException | IOException e) {
                err.println("camp: " + e.getMessage());
                return ExitCodes.USAGE;
            } catch (SQLException e) {
                err.println("camp: " + e.getMessage());
                return e instanceof Database.Unavailable || e instanceof DiffDatabases.InUse ? ExitCodes.USAGE : ExitCodes.RUN_FAILED;
            }
            return print(old, neu, instant, versions[1].plan().timezone(), renderer, out, err);
        } catch (Exit e) {
            return e.code;
        }
    }

    /** Both versions checked, OLD first; a missing file, or a version with errors, ends the command. */
    private Checked[] check(DiagnosticRenderer renderer, PrintWriter out, PrintWriter err) throws Exit {
        for (Path file : List.of(oldFile, newFile)) {
            if (!Files.isRegularFile(file)) {
                err.println("camp: cannot read '" + file + "': " + (Files.exists(file) ? "not a file" : "no such file"));
                throw new Exit(ExitCodes.USAGE);
            }
        }
        if (db != null && !Files.isRegularFile(db)) {
            err.println("camp: no database at " + db);
            throw new Exit(ExitCodes.USAGE);
        }
        Checked before;
        Checked after;
        try {
            after = Frontend.check(newFile, newFile.toString(), DuckDbQueries.INSTANCE);
            before = oldInPlace ? Frontend.check(oldFile, oldFile.toString(), DuckDbQueries.INSTANCE) : checkInPlaceOfNew();
        } catch (IOException e) {
            err.println("camp: cannot read a file: " + e.getMessage());
            throw new Exit(ExitCodes.USAGE);
        }
        List<Diagnostic> problems = new ArrayList<>(problems(before, oldFile));
        problems.addAll(problems(after, newFile));
        // the new version's warnings are worth a look; the old one's are not the change's
        after.diagnostics().stream().filter(d -> !d.isError()).forEach(d -> err.print(renderer.render(d)));
        if (!problems.isEmpty()) {
            throw new Exit(scriptErrors(problems, renderer, out, err));
        }
        return new Checked[] {before, after};
    }

    /** --at in NEW's time zone, or now; to the second, as a run's logical time is. */
    private Instant logicalTime(Plan plan, PrintWriter err) throws Exit {
        try {
            ZoneId zone = ZoneId.of(plan.timezone());
            return (at == null ? Instant.now() : Times.parse(at, zone)).truncatedTo(ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            err.println("camp: --at " + e.getMessage());
            throw new Exit(ExitCodes.USAGE);
        }
    }

    /** The diff, unless a version was refused before it started (its sources do not fit): then its diagnostics. */
    private int print(Run old, Run neu, Instant instant, String timezone, DiagnosticRenderer renderer, PrintWriter out,
            PrintWriter err) {
        List<Diagnostic> rejected = new ArrayList<>(old.result().run() == null ? old.result().diagnostics() : List.of());
        rejected.addAll(neu.result().run() == null ? neu.result().diagnostics() : List.of());
        if (!rejected.isEmpty()) {
            int code = scriptErrors(rejected, renderer, out, err);
            // a source the engine cannot read fails the runs, as it fails camp run
            return rejected.stream().anyMatch(d -> d.code() == camp.diag.Code.SOURCE_UNREADABLE) ? ExitCodes.RUN_FAILED : code;
        }
        // a failed task: shown where its activity is written; its run is a throwaway copy, so no resume is offered
        for (Run r : List.of(old, neu)) {
            r.result().diagnostics().forEach(d -> err.print(renderer.render(d.withHelp(null))));
        }
        DiffReport report = report(old, neu, instant, timezone);
        switch (format) {
            case text -> DiffPrinter.text(report, out);
            case markdown -> DiffPrinter.markdown(report, out);
            case json -> out.println(DiffPrinter.json(report));
        }
        boolean failed = old.result().status() == RunStatus.FAILED || neu.result().status() == RunStatus.FAILED;
        return failed ? ExitCodes.RUN_FAILED : ExitCodes.OK;
    }

    /**
     * OLD's text checked at NEW's path: its imports and files resolve where NEW's do. Its
     * diagnostics still name OLD, whose text they point into.
     */
    private Checked checkInPlaceOfNew() throws IOException {
        SourceReader.Read read = SourceReader.read(oldFile.toString(), oldFile);
        SourceFile relocated = new SourceFile(read.source().name(), newFile, read.source().text());
        Checked checked = Frontend.check(relocated, DuckDbQueries.INSTANCE);
        if (read.diagnostics().isEmpty()) {
            return checked;
        }
        List<Diagnostic> all = new ArrayList<>(read.diagnostics());
        all.addAll(checked.diagnostics());
        return new Checked(checked.root(), checked.sources(), all, checked.plan(), checked.ports());
    }

    /** A version's errors, and a library (no campaign statement) as one: it cannot be run. */
    private static List<Diagnostic> problems(Checked checked, Path file) {
        List<Diagnostic> errors = checked.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (errors.isEmpty() && !checked.plan().isCampaign()) {
            return List.of(Diagnostic.inFile(checked.root(), Code.NOT_RUNNABLE, file.toString()));
        }
        return errors;
    }

    /** A version that does not check: its errors as camp check prints them, and nothing is run. */
    private int scriptErrors(List<Diagnostic> errors, DiagnosticRenderer renderer, PrintWriter out, PrintWriter err) {
        errors.forEach(d -> err.print(renderer.render(d)));
        int count = Diagnostic.errorCount(errors);
        err.println(CheckCommand.summary(count, errors.size() - count, 2) + "; nothing was run");
        switch (format) {
            case json -> out.println(Json.write(Json.diagnostics(errors)));
            case markdown -> {
                Set<String> files = new LinkedHashSet<>();
                errors.forEach(d -> files.add(d.fileName()));
                out.println("**camp diff**: " + String.join(", ", files.stream().map(f -> "`" + f + "`").toList())
                        + (files.size() == 1 ? " does" : " do") + " not check (" + CheckCommand.summary(count, errors.size() - count, files.size())
                        + "); nothing was run.");
                out.println();
                StringBuilder text = new StringBuilder();
                errors.forEach(d -> text.append(new DiagnosticRenderer(false).render(d)));
                String fence = "`".repeat(Math.max(3, longestBacktickRun(text.toString()) + 1));
                out.println(fence + "text");
                out.print(text);
                out.println(fence);
            }
            case text -> {
            }
        }
        return ExitCodes.SCRIPT_ERRORS;
    }

    private static int longestBacktickRun(String s) {
        int longest = 0;
        int run = 0;
        for (char c : s.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** Every --param is declared by some version (each version gets the ones it declares). */
    private void requireKnownParams(Plan before, Plan after, PrintWriter err) throws Exit {
        Set<String> declared = new LinkedHashSet<>(after.params().keySet());
        declared.addAll(before.params().keySet());
        for (String name : params.keySet()) {
            if (!declared.contains(name)) {
                String hint = Suggestions.didYouMean(name, declared);
                err.println("camp: --param " + name + ": neither version declares a param '" + name + "'" + (hint == null ? "" : "; " + hint));
                throw new Exit(ExitCodes.USAGE);
            }
        }
    }

    /** One version's dry run, and what each of its activities is. */
    private record Run(String file, Checked checked, RunResult result, Map<String, DiffReport.Definition> definitions) {
    }

    private Run run(Checked checked, Path runAs, Path database, Instant instant) throws IOException, SQLException {
        Plan plan = checked.plan();
        Map<String, String> given = new LinkedHashMap<>(params);
        given.keySet().retainAll(plan.params().keySet());
        Map<String, Object> values = Params.resolve(plan, given);
        // a wait is over when the clock has passed its time: far in the future, every wait is
        Clock clock = throughWaits ? Clock.fixed(Instant.parse("9999-12-31T00:00:00Z"), ZoneOffset.UTC) : null;
        RunOptions options = new RunOptions(runAs, database, instant, given, true, null, null, clock, null, null);
        RunResult result = Interpreter.run(options, checked);
        return new Run(checked.root().name(), checked, result, DiffDefinitions.of(plan, instant, values));
    }

    private static DiffReport report(Run old, Run neu, Instant instant, String timezone) {
        List<DiffReport.ActivityDiff> activities = DiffReport.compare(old.checked().plan().steps(), versions(old),
                neu.checked().plan().steps(), versions(neu));
        return new DiffReport(side(old), side(neu), instant, timezone, activities, DiffReport.totals(activities));
    }

    private static Map<String, DiffReport.Version> versions(Run run) {
        Map<String, DiffReport.Version> out = new LinkedHashMap<>();
        for (Step s : run.checked().plan().steps()) {
            RunResult.Activity a = run.result().activities().get(s.name());
            out.put(s.name(), new DiffReport.Version(a.kind(), a.status(), a.outputs(), run.definitions().get(s.name())));
        }
        return out;
    }

    private static DiffReport.Side side(Run run) {
        return new DiffReport.Side(run.file(), run.result().campaign(), run.result().status().label(), run.result().error());
    }
}
