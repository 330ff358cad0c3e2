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
        footer = {"",
            "With --format json, one object on stdout: for tokens {\"file\",\"stage\",\"tokens\":[{\"line\",\"column\",",
            "\"type\",\"text\"}]}; for ast, ir and sql {\"file\",\"stage\",\"text\",\"diagnostics\":[...]}, where text is what",
            "the text output prints (null when the file has errors) and diagnostics are as camp check --format json gives them.",
            "",
            "Exit codes: 0 ok, 1 errors in the file, 2 usage or unreadable file.",
            "",
            "Examples:", "  camp explain --stage tokens samples/spring_promo.camp",
            "  camp explain --stage ast samples/spring_promo.camp",
            "  camp explain --stage ir --format json samples/spring_promo.camp | jq -r .text"})
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

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "duckdb",
            description = "For --stage sql: whose SQL, duckdb, postgres or spark (default: ${DEFAULT-VALUE}).")
    Engine engine = Engine.duckdb;

    @CommandLine.Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (output.json()) {
            return json(out, err);
        }
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
                return Stages.explain(stage, file, at, params, engine, out, err);
            }
        }
    }

    /**
     * {@code --format json}: {"file","stage","tokens":[{"line","column","type","text"}]} for tokens;
     * {"file","stage","text","diagnostics":[...]} for the others, text null when the file has errors.
     */
    private int json(PrintWriter out, PrintWriter err) {
        if (!List.of("tokens", "ast", "ir", "sql").contains(stage)) {
            return Json.error(out, err, true, ExitCodes.USAGE, "unknown stage '" + stage + "'; the stages are tokens, ast, ir, sql");
        }
        SourceReader.Read read;
        try {
            read = SourceReader.read(file.toString(), file);
        } catch (IOException e) {
            return Json.error(out, err, true, ExitCodes.USAGE, "cannot read '" + file + "': " + e.getMessage());
        }
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.object();
        root.put("file", file.toString());
        root.put("stage", stage);
        if (stage.equals("tokens")) {
            com.fasterxml.jackson.databind.node.ArrayNode tokens = root.putArray("tokens");
            for (Syntax.TokenView t : Syntax.tokens(read.source())) {
                tokens.addObject().put("line", t.span().line()).put("column", t.span().column()).put("type", t.type()).put("text", t.text());
            }
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        List<Diagnostic> diagnostics;
        String text;
        if (stage.equals("ast")) {
            Parsed parsed = Syntax.parse(read.source());
            diagnostics = parsed.diagnostics();
            text = parsed.printedTree();
        } else {
            Checked checked;
            try {
                checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
            } catch (IOException e) {
                return Json.error(out, err, true, ExitCodes.USAGE, "cannot read '" + file + "': " + e.getMessage());
            }
            diagnostics = checked.diagnostics();
            text = null;
            if (!checked.hasErrors()) {
                if (stage.equals("ir")) {
                    text = camp.ir.IrPrinter.print(checked.plan());
                } else {
                    java.io.StringWriter why = new java.io.StringWriter();
                    camp.sql.SqlContext ctx = SqlCommand.context(checked, at, params, engine, new PrintWriter(why, true));
                    if (ctx == null) {
                        return Json.error(out, err, true, ExitCodes.USAGE, why.toString().trim().replaceFirst("^camp: ", ""));
                    }
                    text = SqlCommand.render(ctx);
                }
            }
        }
        root.put("text", text);
        root.set("diagnostics", Json.diagnostics(diagnostics).get("diagnostics"));
        out.println(Json.write(root));
        return Diagnostic.errorCount(diagnostics) > 0 ? ExitCodes.SCRIPT_ERRORS : ExitCodes.OK;
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
