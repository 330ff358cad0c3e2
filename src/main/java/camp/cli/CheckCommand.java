package camp.cli;

import camp.check.Checked;
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
            "Nothing is run and no database is opened, so it is fast enough for editors and CI."},
        footer = {
            "",
            "Output: FILE:LINE:COL: error[CODE]: message, with the source line and a caret.",
            "With --format json, exactly one object on stdout:",
            "  {\"diagnostics\":[{\"file\",\"line\",\"column\",\"endLine\",\"endColumn\",\"severity\",\"code\",\"message\"}],",
            "   \"errors\":N,\"warnings\":N}",
            "",
            "Exit codes: 0 no errors (warnings allowed), 1 errors in scripts, 2 usage or unreadable file.",
            "",
            "Examples:",
            "  camp check samples/*.camp",
            "  camp check --format json campaigns/spring.camp | jq '.errors'",
            "  camp check --format github campaigns/*.camp      # in a GitHub Actions step"})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .camp files to check.")
    List<Path> files;

    /** How check prints: for people, for tools, or as GitHub Actions annotations on the pull request. */
    enum Format { text, json, github }

    @Option(names = "--format", defaultValue = "text",
            description = "text, json, or github (annotations for GitHub Actions) (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    @Option(names = "--werror", description = "Treat warnings as errors (exit 1 when there is any warning).")
    boolean warningsAreErrors;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Diagnostic> all = new ArrayList<>();
        boolean unreadable = false;
        int internal = 0;
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("camp: cannot read '" + file + "': " + (Files.exists(file) ? "not a file" : "no such file"));
                unreadable = true;
                continue;
            }
            Checked checked;
            try {
                checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
            } catch (IOException e) {
                err.println("camp: cannot read '" + file + "': " + e.getMessage());
                unreadable = true;
                continue;
            }
            for (Diagnostic d : checked.diagnostics()) {
                if (d.code() == camp.diag.Code.INTERNAL) {
                    internal++;
                }
            }
            all.addAll(checked.diagnostics());
        }
        int errors = Diagnostic.errorCount(all);
        if (format == Format.json) {
            out.println(Json.write(Json.diagnostics(all)));
        } else if (format == Format.github) {
            for (Diagnostic d : all) {
                out.println(githubAnnotation(d));
            }
            out.println(summary(errors, all.size() - errors, files.size()));
        } else {
            DiagnosticRenderer renderer = new DiagnosticRenderer(verbose);
            for (Diagnostic d : all) {
                err.print(renderer.render(d));
            }
            if (!all.isEmpty()) {
                err.println(summary(errors, all.size() - errors, files.size()));
            }
        }
        if (unreadable) {
            return ExitCodes.USAGE;
        }
        if (internal > 0) {
            return ExitCodes.INTERNAL;
        }
        return errors > 0 || (warningsAreErrors && !all.isEmpty()) ? ExitCodes.SCRIPT_ERRORS : ExitCodes.OK;
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
