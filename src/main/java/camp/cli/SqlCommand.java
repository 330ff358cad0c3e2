package camp.cli;

import camp.check.Checked;
import camp.run.Params;
import camp.run.Times;
import camp.sql.SqlContext;
import camp.sql.StepScript;
import camp.sql.StepSql;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp sql FILE}: the SQL of each activity, labelled with the activity and its line, without running anything. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Print the SQL that each activity runs, labelled with the activity and its line: every",
            "statement a real run executes, in order, after camp's helper functions. Nothing is run: worktables",
            "are shown in schema \"run\"; now() is --at (default: now). --engine postgres shows PostgreSQL's SQL."},
        footer = {"", "With --format json, one object on stdout: {\"campaign\",\"logicalTime\",\"activities\":[{\"activity\",",
            "\"kind\",\"line\",\"sql\"}],\"engine\",\"setup\":[...]}: sql is the activity's section as text prints it, without",
            "its first comment line; setup the helper functions' statements.",
            "", "Examples:", "  camp sql samples/spring_promo.camp", "  camp sql samples/winback.camp --at \"2026-11-24 09:00\"",
            "  camp sql samples/spring_promo.camp --engine postgres",
            "  camp sql samples/spring_promo.camp --format json | jq -r '.activities[] | select(.activity == \"tiers\") | .sql'"})
final class SqlCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .camp campaign.")
    Path file;

    @Option(names = "--at", paramLabel = "TIME", description = "The logical time now() stands for (default: now).")
    String at;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "Sets a param (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "duckdb",
            description = "Whose SQL: duckdb, postgres or spark (default: ${DEFAULT-VALUE}).")
    Engine engine = Engine.duckdb;

    @CommandLine.Mixin
    FormatOption output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Checked checked = ExplainCommand.checkOrReport(file, err);
        if (checked == null) {
            return ExitCodes.SCRIPT_ERRORS;
        }
        if (!checked.plan().isCampaign()) {
            err.println("camp: " + file + " has no campaign statement: it is a library, with no activity to show");
            return ExitCodes.SCRIPT_ERRORS;
        }
        java.io.StringWriter problem = new java.io.StringWriter();
        SqlContext ctx = context(checked, at, params, engine, new PrintWriter(problem, true));
        if (ctx == null) {
            return Json.error(out, err, output.json(), ExitCodes.USAGE, problem.toString().strip().replaceFirst("^camp: ", ""));
        }
        if (output.json()) {
            var root = Json.object();
            root.put("campaign", checked.plan().campaign());
            root.put("logicalTime", ctx.instant().toString());
            root.put("engine", engine.name());
            var setup = root.putArray("setup");
            ctx.dialect().setup().forEach(setup::add);
            var activities = root.putArray("activities");
            for (StepScript script : StepSql.lower(ctx)) {
                String text = script.render();
                activities.addObject().put("activity", script.activity()).put("kind", script.kind()).put("line", script.line())
                        .put("sql", text.substring(text.indexOf('\n') + 1));
            }
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        out.print(render(ctx));
        return ExitCodes.OK;
    }

    /** A context for showing SQL: run schema "run", params from defaults and --param. */
    static SqlContext context(Checked checked, String at, Map<String, String> given, Engine engine, PrintWriter err) {
        ZoneId zone = ZoneId.of(checked.plan().timezone());
        Instant instant;
        try {
            instant = (at == null ? Instant.now() : Times.parse(at, zone)).truncatedTo(ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            err.println("camp: --at " + e.getMessage());
            return null;
        }
        Map<String, Object> values;
        try {
            values = Params.resolve(checked.plan(), given);
        } catch (IllegalArgumentException e) {
            err.println("camp: " + e.getMessage());
            return null;
        }
        return new SqlContext(checked.plan(), engine.dialect(), instant.atZone(zone).toLocalDateTime(), instant,
                values, 0, "preview", "run", Map.of(), false);
    }

    /** Every step's script as a run executes it, one section per activity. */
    static String render(SqlContext ctx) {
        StringBuilder b = new StringBuilder();
        if (!ctx.dialect().setup().isEmpty()) {
            b.append("-- camp's helper functions, defined on each connection before the activities run:\n");
            for (String helper : ctx.dialect().setup()) {
                b.append(helper).append(";\n");
            }
            b.append('\n');
        }
        for (StepScript script : StepSql.lower(ctx)) {
            b.append(script.render()).append('\n');
        }
        return b.toString();
    }
}
