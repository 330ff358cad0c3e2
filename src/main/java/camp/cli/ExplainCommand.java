package camp.cli;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.run.DuckDbQueries;
import camp.syntax.Parsed;
import camp.syntax.SourceReader;
import camp.syntax.Syntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp explain --stage S FILE}: shows what one stage of the compiler makes of a file. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show one stage of the compiler for a file: its tokens, its syntax tree, its plan (ir) or its SQL."},
        footer = {"", "Examples:", "  camp explain --stage tokens samples/spring_promo.camp",
            "  camp explain --stage ast samples/spring_promo.camp"})
final class ExplainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--stage", required = true, description = "tokens, ast, ir or sql.")
    String stage;

    @Parameters(paramLabel = "FILE", description = "The .camp file.")
    Path file;

    @Option(names = "--at", paramLabel = "TIME", description = "For --stage sql: the logical time now() stands for (default: now).")
    String at;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "For --stage sql: sets a param (repeatable).")
    java.util.Map<String, String> params = new java.util.LinkedHashMap<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SourceReader.Read read;
        try {
            read = SourceReader.read(file.toString(), file);
        } catch (IOException e) {
            err.println("camp: cannot read '" + file + "': " + e.getMessage());
            return ExitCodes.USAGE;
        }
        switch (stage) {
            case "tokens" -> {
                for (Syntax.TokenView t : Syntax.tokens(read.source())) {
                    out.println(t.span().line() + ":" + t.span().column() + "\t" + t.type() + "\t" + t.text().replace("\n", "\\n"));
                }
                return ExitCodes.OK;
            }
            case "ast" -> {
                Parsed parsed = Syntax.parse(read.source());
                out.print(parsed.printedTree());
                return report(parsed.diagnostics(), err);
            }
            default -> {
                return Stages.explain(stage, file, at, params, out, err);
            }
        }
    }

    static int report(List<Diagnostic> diagnostics, PrintWriter err) {
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        diagnostics.forEach(d -> err.print(renderer.render(d)));
        return Diagnostic.errorCount(diagnostics) > 0 ? ExitCodes.SCRIPT_ERRORS : ExitCodes.OK;
    }

    /** Checks a file, printing diagnostics; returns null if it has errors. */
    static Checked checkOrReport(Path file, PrintWriter err) {
        try {
            Checked checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
            report(checked.diagnostics(), err);
            return checked.hasErrors() ? null : checked;
        } catch (IOException e) {
            err.println("camp: cannot read '" + file + "': " + e.getMessage());
            return null;
        }
    }
}
