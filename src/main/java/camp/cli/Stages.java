package camp.cli;

import camp.check.Checked;
import camp.ir.IrPrinter;
import camp.sql.SqlContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/** The later stages of explain: the plan (ir) and its SQL. */
final class Stages {
    private Stages() {
    }

    static int explain(String stage, Path file, String at, Map<String, String> params, Engine engine, PrintWriter out, PrintWriter err) {
        if (!stage.equals("ir") && !stage.equals("sql")) {
            err.println("camp: unknown stage '" + stage + "'; the stages are tokens, ast, ir, sql");
            return ExitCodes.USAGE;
        }
        Checked checked = ExplainCommand.checkOrReport(file, err);
        if (checked == null) {
            return ExitCodes.SCRIPT_ERRORS;
        }
        if (stage.equals("ir")) {
            out.print(IrPrinter.print(checked.plan()));
            return ExitCodes.OK;
        }
        SqlContext ctx = SqlCommand.context(checked, at, params, engine, err);
        if (ctx == null) {
            return ExitCodes.USAGE;
        }
        out.print(SqlCommand.render(ctx));
        return ExitCodes.OK;
    }
}
