package camp.cli;

import camp.check.Frontend;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.run.DuckDbQueries;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp check FILE...}: every diagnostic of every file, in one process, without a database. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Check .camp files: syntax, names, types, the flow graph, schedules and referenced files.",
            "Nothing is run and no database is opened, so it is fast enough for editors and CI.",
            "It checks campaign tests too (files ending in .camptest): their campaign, fixtures and expectations."},
        footer = {
            "",
            "Output: FILE:LINE:COL: error[CODE]: message, with the source line and a caret.",
            "With --format json, exactly one object on stdout:",
            "  {\"diagnostics\":[{\"file\",\"line\",\"column\",\"endLine\",\"endColumn\",\"severity\",\"code\",\"message\"}],",
            "   \"errors\":N,\"warnings\":N}",
            "With --format sarif, a SARIF 2.1.0 log for code scanning: one rule per code",
            "  that occurs, columns in Unicode code points as camp counts them.",
            "With --format junit, JUnit XML for CI servers: a testsuite and a testcase per",
            "  file, failing with the file's errors; its warnings in system-out.",
            "",
            "Exit codes: 0 no errors (warnings allowed), 1 errors in scripts, 2 usage or unreadable file.",
            "",
            "Examples:",
            "  camp check samples/*.camp",
            "  camp check samples/*.camptest",
            "  camp check --format json campaigns/spring.camp | jq '.errors'",
            "  camp check --format github campaigns/*.camp      # in a GitHub Actions step",
            "  camp check --format sarif campaigns/*.camp > camp.sarif",
            "  camp check --format junit campaigns/*.camp > camp-check.xml"})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .camp (and .camptest) files to check.")
    List<Path> files;

    /**
     * How check prints: for people, for tools, as GitHub Actions annotations on the pull request,
     * as a SARIF log for code scanning, or as a JUnit XML report for CI servers.
     */
    enum Format { text, json, github, sarif, junit }

    @Option(names = "--format", defaultValue = "text",
            description = "text, json, github (annotations for GitHub Actions), sarif (SARIF 2.1.0 for code scanning) "
                    + "or junit (JUnit XML for CI servers) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    @Option(names = "--data", description = {"Also hold every entity to its real source: the columns and types of its csv or",
        "parquet file, or of its table or query in the database (--db), as a run would read them. Without it, camp check",
        "reads no data and needs no database."})
    boolean data;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--werror", description = "Treat warnings as errors (exit 1 when there is any warning).")
    boolean warningsAreErrors;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<JUnitReport.FileResult> results = new ArrayList<>();
        List<Diagnostic> all = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        int internal = 0;
        for (Path file : files) {
            long start = System.nanoTime();
            String problem = null;
            List<Diagnostic> diagnostics = List.of();
            if (!Files.isRegularFile(file)) {
                problem = "cannot read '" + file + "': " + (Files.exists(file) ? "not a file" : "no such file");
            } else {
                try {
                    if (camp.check.TestChecker.isTestFile(file)) {
                        // a campaign test file: its campaign, fixtures and expectations, without running it
                        diagnostics = camp.check.TestChecker.check(file, file.toString()).diagnostics();
                    } else {
                        diagnostics = checkCampaign(file);
                    }
                } catch (IOException e) {
                    problem = "cannot read '" + file + "': " + e.getMessage();
                } catch (java.sql.SQLException e) {
                    problem = "cannot check the data of '" + file + "': " + RunState.firstLine(e.getMessage());
                }
            }
            if (problem != null) {
                err.println("camp: " + problem);
                unreadable.add(problem);
            }
            for (Diagnostic d : diagnostics) {
                if (d.code() == camp.diag.Code.INTERNAL) {
                    internal++;
                }
            }
            all.addAll(diagnostics);
            results.add(new JUnitReport.FileResult(file.toString(), diagnostics, problem, System.nanoTime() - start));
        }
        int errors = Diagnostic.errorCount(all);
        switch (format) {
            case json -> out.println(Json.write(Json.diagnostics(all)));
            case github -> {
                for (Diagnostic d : all) {
                    out.println(githubAnnotation(d));
                }
                out.println(summary(errors, all.size() - errors, files.size()));
            }
            case sarif -> out.println(SarifReport.write(all, unreadable, Path.of("").toAbsolutePath()));
            case junit -> out.print(new JUnitReport(warningsAreErrors).write(results));
            case text -> {
                DiagnosticRenderer renderer = new DiagnosticRenderer(verbose);
                for (Diagnostic d : all) {
                    err.print(renderer.render(d));
                }
                if (!all.isEmpty()) {
                    err.println(summary(errors, all.size() - errors, files.size()));
                }
            }
        }
        if (!unreadable.isEmpty()) {
            return ExitCodes.USAGE;
        }
        if (internal > 0) {
            return ExitCodes.INTERNAL;
        }
        return errors > 0 || (warningsAreErrors && !all.isEmpty()) ? ExitCodes.SCRIPT_ERRORS : ExitCodes.OK;
    }

    /** The diagnostics of a .camp file, and with --data those of its entities against their sources. */
    private List<Diagnostic> checkCampaign(Path file) throws IOException, java.sql.SQLException {
        camp.check.Checked checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
        List<Diagnostic> diagnostics = checked.diagnostics();
        if (data && !checked.hasErrors() && checked.plan() != null) {
            List<Diagnostic> withData = new ArrayList<>(diagnostics);
            withData.addAll(camp.run.Sources.check(checked.plan(), file, database.forReading(file)));
            diagnostics = withData;
        }
        return diagnostics;
    }

    /** A GitHub Actions workflow command: the diagnostic appears on the line in the pull request. */
    static String githubAnnotation(Diagnostic d) {
        String level = d.isError() ? "error" : "warning";
        String message = d.message() + (d.help() == null ? "" : " (" + d.help() + ")");
        return "::" + level + " file=" + escapeProperty(d.fileName()) + ",line=" + d.line() + ",col=" + d.column()
                + ",endLine=" + d.endLine() + ",endColumn=" + d.endColumn() + ",title=" + escapeProperty(d.code().id())
                + "::" + escapeData(message);
    }

    private static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }

    static String summary(int errors, int warnings, int files) {
        return plural(errors, "error") + ", " + plural(warnings, "warning") + " in " + plural(files, "file");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
