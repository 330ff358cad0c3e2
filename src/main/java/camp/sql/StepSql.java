package camp.sql;

import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Scalar;
import camp.ir.Shape;
import camp.ir.SharedAggregates;
import camp.ir.Step;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers each kind of step to DuckDB SQL (§6). Every output port becomes a table (or a view,
 * for activities that pass rows through unchanged) with the row key in {@code __key} and the
 * enriched columns after it. Statements are readable: one clause per line, stable aliases
 * ({@code w} the input worktable, {@code e} the row's entity, {@code jN} one-link joins,
 * {@code aN} the records of an aggregate).
 */
public final class StepSql implements Step.Visitor<StepScript> {
    /** The start of the log count of the rows an incremental build leaves out. */
    public static final String INCREMENTAL_LEFT_OUT = "rows left out by incremental history";
    final SqlContext ctx;
    private final Step step;

    private StepSql(SqlContext ctx, Step step) {
        this.ctx = ctx.forStep(step.name());
        this.step = step;
    }

    /** The script of one step of the context's plan. */
    public static StepScript lower(SqlContext ctx, Step step) {
        return step.accept(new StepSql(ctx, step));
    }

    /** The script of every step, in plan order. */
    public static List<StepScript> lower(SqlContext ctx) {
        List<StepScript> scripts = new ArrayList<>();
        for (Step s : ctx.plan().steps()) {
            scripts.add(lower(ctx, s));
        }
        return scripts;
    }

    // ------------------------------------------------------------ building scripts

    /** A script under construction: the step's shared aggregate tables first, then what the kind adds. */
    final class Script {
        final List<String> prepare = new ArrayList<>(factTables());
        String query;
        LoadSql load;
        DeliverySql delivery;
        final List<String> body = new ArrayList<>();
        final List<String> finish = new ArrayList<>();
        final Map<String, String> outputs = new LinkedHashMap<>();
        final List<String> scratch = new ArrayList<>();
        final Map<String, String> logCounts = new LinkedHashMap<>();

        /** Adds a port's table and the statement that creates it. */
        Script port(String port, String table, String statement) {
            outputs.put(port, table);
            if (statement != null) {
                body.add(statement);
            }
            return this;
        }

        /** A scratch table and the statements that compute it, before the body. */
        Script scratch(String table, List<String> statements) {
            scratch.add(table);
            prepare.addAll(statements);
            return this;
        }

        StepScript build() {
            return new StepScript(step.name(), step.kind(), step.span() == null ? 0 : step.span().line(), prepare, query, load,
                    delivery, body, finish, outputs, scratch, logCounts);
        }
    }

    Script script() {
        return new Script();
    }

    /** The shared aggregate tables this step reads, computed by the first step that needs them. */
    private List<String> factTables() {
        List<String> statements = new ArrayList<>();
        for (SharedAggregates.Fact f : ctx.plan().shared()) {
            if (!f.users().contains(step.name())) {
                continue;
            }
            Entity target = ctx.entity(f.link().target());
            Frame.Aliases aliases = new Frame.Aliases();
            Frame inner = new Frame(ctx, aliases, null, "f", target);
            inner.entityUsed = true;
            ExprSql exprs = new ExprSql(ctx, aliases);
            String column = "f." + ctx.id(f.link().column());
            StringBuilder b = new StringBuilder("SELECT ").append(column).append(" AS __k");
            for (int i = 0; i < f.aggregates().size(); i++) {
                b.append(",\n  ").append(exprs.aggregateSelect(f.aggregates().get(i), inner)).append(" AS __a").append(i + 1);
            }
            b.append("\nFROM ").append(inner.fromEntity("")).append("\nGROUP BY ").append(column);
            statements.add(ctx.dialect().createTempTableIfAbsentAs(ctx.factTable(f), b.toString()));
        }
        return statements;
    }

    // ------------------------------------------------------------ helpers

    Plan plan() {
        return ctx.plan();
    }

    Step step() {
        return step;
    }

    String input(int i) {
        var e = step.inputs().get(i);
        return ctx.worktable(e.from(), e.port());
    }

    Shape inputShape(int i) {
        return plan().inputShape(step, i);
    }

    String output(String port) {
        return ctx.worktable(step.name(), port);
    }

    Entity entity(String name) {
        return name == null ? null : ctx.entity(name);
    }

    /** {@code alias.__key, alias."c1", ...} for a shape's columns. */
    String columns(Shape shape, String alias) {
        StringBuilder b = new StringBuilder(alias).append(".__key");
        for (String c : shape.columns().keySet()) {
            b.append(", ").append(alias).append('.').append(ctx.id(c));
        }
        return b.toString();
    }

    /** {@code , alias."c1", ...}: the enriched columns only. */
    String enriched(Shape shape, String alias) {
        StringBuilder b = new StringBuilder();
        for (String c : shape.columns().keySet()) {
            b.append(", ").append(alias).append('.').append(ctx.id(c));
        }
        return b.toString();
    }

    String create(String table, String select) {
        return "CREATE TABLE " + table + " AS\n" + select;
    }

    /** A scratch table (see {@link SqlContext#scratch}) made, or made again, from a select. */
    List<String> createScratch(String table, String select) {
        return ctx.dialect().createTempTableAs(table, select);
    }

    String createView(String table, String select) {
        return "CREATE VIEW " + table + " AS\n" + select;
    }

    /** The top-level frame of a step over its input worktable. */
    Frame frame(Frame.Aliases aliases, Shape shape, String input) {
        return new Frame(ctx, aliases, "w", "e", entity(shape.entity())).grouping(input);
    }

    static String and(List<String> conditions) {
        return conditions.isEmpty() ? "TRUE" : String.join("\n  AND ", conditions);
    }

    /** An ORDER BY term with nulls last, ascending or descending. */
    static String order(String expr, boolean descending) {
        return expr + (descending ? " DESC NULLS LAST" : " ASC NULLS LAST");
    }

    String seed() {
        return Long.toString(ctx.seed());
    }

    // ------------------------------------------------------------ build

    @Override
    public StepScript visitBuild(Step.Build b) {
        Entity e = entity(b.source().entity());
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        List<String> conditions = new ArrayList<>();
        Script script = script();
        Frame f;
        String from;
        String keyExpr;
        if (b.source() instanceof Step.FromSaved saved) {
            f = new Frame(ctx, aliases, "w", "e", e).grouping(ctx.savedTable(saved.audience()));
            if (b.where() != null) {
                conditions.add(exprs.condition(b.where(), f));
            }
            from = f.fromWorktable(ctx.savedTable(saved.audience()), "");
            keyExpr = "w.__key";
        } else {
            f = new Frame(ctx, aliases, null, "e", e).grouping(null);
            f.entityUsed = true;
            if (b.source() instanceof Step.FromAudience a) {
                for (Scalar c : a.audience().conditions()) {
                    conditions.add(exprs.condition(c, f));
                }
            }
            if (b.where() != null) {
                conditions.add(exprs.condition(b.where(), f));
            }
            from = null;
            keyExpr = "e." + ctx.id(e.key());
        }
        // what the incremental clause leaves out, counted into the log (a second run that selects nobody says why)
        String leftOut = null;
        String leftOutLabel = null;
        List<String> before = List.copyOf(conditions);
        if (b.incremental() != null) {
            Step.Incremental inc = b.incremental();
            if (inc.on() != null) {
                var mark = ctx.marks().get(step.name());
                if (mark != null) {
                    String newer = "e." + ctx.id(inc.on()) + " > " + ctx.dialect().timestamp(mark);
                    conditions.add(newer);
                    leftOut = "NOT coalesce(" + newer + ", FALSE)";
                    leftOutLabel = INCREMENTAL_LEFT_OUT + " (" + inc.on() + " not after the previous run's logical time)";
                }
            } else {
                String history = ctx.incrementalTable(step.name());
                script.prepare.add("CREATE SCHEMA IF NOT EXISTS " + ctx.id(ctx.schemas().incremental()));
                script.prepare.add("CREATE TABLE IF NOT EXISTS " + history + " (__key " + ctx.dialect().type(e.keyType())
                        + ", logical_time TIMESTAMP)");
                String window = inc.history() == null ? "" : " AND h.logical_time >= " + ctx.dialect().timestamp(ctx.now()) + " - "
                        + ctx.dialect().interval(inc.history());
                String picked = "EXISTS (\n    SELECT 1 FROM " + history + " AS h\n    WHERE h.__key = " + keyExpr + window + ")";
                conditions.add("NOT " + picked);
                leftOut = picked;
                leftOutLabel = INCREMENTAL_LEFT_OUT + " (picked by an earlier run"
                        + (inc.history() == null ? "" : " of the last " + inc.history()) + ")";
                script.finish.add("INSERT INTO " + history + "\nSELECT __key, " + ctx.dialect().timestamp(ctx.now()) + "\nFROM "
                        + output("out"));
            }
        }
        if (from == null) {
            from = f.fromEntity("");
        }
        if (leftOut != null) {
            List<String> held = new ArrayList<>(before);
            held.add(leftOut);
            script.logCounts.put(leftOutLabel, "SELECT count(*)\nFROM " + from + "\nWHERE " + and(held));
        }
        String select = "SELECT " + keyExpr + " AS __key\nFROM " + from + "\nWHERE " + and(conditions);
        return script.port("out", output("out"), create(output("out"), select)).build();
    }

    // ------------------------------------------------------------ load

    @Override
    public StepScript visitLoad(Step.Load l) {
        StringBuilder columns = new StringBuilder("__key BIGINT");
        for (var c : l.columns()) {
            columns.append(", ").append(ctx.id(c.name())).append(' ').append(ctx.dialect().type(c.type()));
        }
        Script script = script();
        script.port("out", output("out"), "CREATE TABLE " + output("out") + " (" + columns + ")");
        script.port("rejected", output("rejected"),
                "CREATE TABLE " + output("rejected") + " (__key BIGINT, line_number BIGINT, reason " + ctx.dialect().type(camp.types.Type.TEXT)
                        + ", line " + ctx.dialect().type(camp.types.Type.TEXT) + ")");
        // the tables are created first, in the body's place before the rows: a load's body comes before its rows
        script.prepare.addAll(script.body);
        script.body.clear();
        script.load = new LoadSql(ctx, output("out"), output("rejected"), ctx.scratch(step.name(), "csv"),
                ctx.scratch(step.name(), "lines"), l.columns());
        script.scratch.addAll(script.load.scratch());
        return script.build();
    }

    // ------------------------------------------------------------ reconcile

    @Override
    public StepScript visitReconcile(Step.Reconcile r) {
        Shape in = inputShape(0);
        Entity e = entity(r.entity());
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame ef = new Frame(ctx, aliases, null, "e", e);
        ef.entityUsed = true;
        List<String> on = new ArrayList<>();
        for (Step.Match m : r.matches()) {
            on.add(exprs.render(m.attribute(), ef) + " = w." + ctx.id(m.incoming()));
        }
        String joined = ef.joins("  ").isEmpty() ? ctx.source(e) + " AS e" : "(" + ef.fromEntity("  ") + ")";
        String input = input(0);
        Script script = script();
        script.port("out", output("out"), create(output("out"), "SELECT e." + ctx.id(e.key()) + " AS __key" + enriched(in, "w")
                + "\nFROM " + input + " AS w\nJOIN " + joined + "\n  ON " + String.join("\n  AND ", on)));
        String noMatch = "NOT EXISTS (\n    SELECT 1 FROM " + joined + "\n    WHERE " + String.join("\n      AND ", on) + ")";
        script.port("unmatched", output("unmatched"), create(output("unmatched"), "SELECT " + columns(in, "w") + "\nFROM " + input
                + " AS w\nWHERE " + (r.keepUnmatched() ? noMatch : "FALSE")));
        if (!r.keepUnmatched()) {
            script.logCounts.put("incoming rows that match no " + e.name() + " (dropped)",
                    "SELECT count(*) FROM " + input + " AS w WHERE " + noMatch);
        }
        return script.build();
    }

    // ------------------------------------------------------------ combine

    @Override
    public StepScript visitCombine(Step.Combine c) {
        Shape out = step.outputs().get("out");
        int n = step.inputs().size();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(input(i));
        }
        String union = union(inputs, out);
        String outSql;
        String complementSql;
        switch (c.mode()) {
            case UNION -> {
                outSql = union;
                complementSql = "SELECT " + columns(out, "t1") + "\nFROM " + inputs.get(0) + " AS t1\nWHERE FALSE";
            }
            case INTERSECTION -> {
                List<String> inAll = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    inAll.add("EXISTS (SELECT 1 FROM " + inputs.get(i) + " AS t WHERE t.__key = t1.__key)");
                }
                outSql = distinctKeys(out, "FROM " + inputs.get(0) + " AS t1\nWHERE " + and(inAll));
                // the union's rows whose key is not in every input, that is not on 'out': one anti-join
                // (an OR or a NOT over several correlated EXISTS is a nested loop on some engines)
                complementSql = "SELECT u.*\nFROM (\n" + indent(union) + "\n) AS u\nWHERE NOT EXISTS (SELECT 1 FROM " + output("out")
                        + " AS o WHERE o.__key = u.__key)";
            }
            case EXCLUSION -> {
                List<String> inNoOther = new ArrayList<>();
                List<String> others = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    inNoOther.add("NOT EXISTS (SELECT 1 FROM " + inputs.get(i) + " AS t WHERE t.__key = t1.__key)");
                    others.add("SELECT __key FROM " + inputs.get(i));
                }
                outSql = distinctKeys(out, "FROM " + inputs.get(0) + " AS t1\nWHERE " + and(inNoOther));
                complementSql = distinctKeys(out, "FROM " + inputs.get(0) + " AS t1\nWHERE t1.__key IN (" + String.join(" UNION ALL ", others)
                        + ")");
            }
            default -> throw new IllegalStateException("combine mode " + c.mode());
        }
        return script().port("out", output("out"), create(output("out"), outSql))
                .port("complement", output("complement"), create(output("complement"), complementSql)).build();
    }

    /** Every key of any input once; columns from the first input (in flow order) that has the key. */
    private String union(List<String> inputs, Shape out) {
        if (out.columns().isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (String t : inputs) {
                parts.add("SELECT __key FROM " + t);
            }
            return String.join("\nUNION\n", parts);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            parts.add("  SELECT " + columns(out, "t") + ", " + (i + 1) + " AS __input FROM " + inputs.get(i) + " AS t");
        }
        return ctx.dialect().qualify(columns(out, "u"), "FROM (\n" + String.join("\n  UNION ALL\n", parts) + "\n) AS u",
                "row_number() OVER (PARTITION BY u.__key ORDER BY u.__input)", "= 1", names(out));
    }

    /** Keeps one row per key of a select over alias t1. */
    private String distinctKeys(Shape out, String rest) {
        if (out.columns().isEmpty()) {
            return "SELECT DISTINCT " + columns(out, "t1") + "\n" + rest;
        }
        return ctx.dialect().qualify(columns(out, "t1"), rest, "row_number() OVER (PARTITION BY t1.__key ORDER BY t1.__key)", "= 1", names(out));
    }

    /** The type of the keys of a shape's rows (text when it has no entity). */
    camp.types.Type keyType(Shape shape) {
        return shape.entity() == null ? camp.types.Type.TEXT : ctx.entity(shape.entity()).keyType();
    }

    /** The column names of a shape's worktable: {@code __key, "c1", ...}. */
    List<String> names(Shape shape) {
        List<String> names = new ArrayList<>();
        names.add("__key");
        shape.columns().keySet().forEach(c -> names.add(ctx.id(c)));
        return names;
    }

    static String indent(String sql) {
        return "  " + sql.replace("\n", "\n  ");
    }

    // ------------------------------------------------------------ dedup, split, channels

    @Override
    public StepScript visitDedup(Step.Dedup d) {
        return new DedupSql(this).lower(d);
    }

    @Override
    public StepScript visitSplit(Step.Split s) {
        return new SplitSql(this).lower(s);
    }

    @Override
    public StepScript visitChannel(Step.Channel c) {
        return new ChannelSql(this).lower(c);
    }

    // ------------------------------------------------------------ enrich

    @Override
    public StepScript visitEnrich(Step.Enrich en) {
        Shape in = inputShape(0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = frame(aliases, in, input(0));
        StringBuilder select = new StringBuilder("SELECT ").append(columns(in, "w"));
        for (Step.Derived c : en.columns()) {
            select.append(",\n  ").append(exprs.render(c.value(), f)).append(" AS ").append(ctx.id(c.name()));
        }
        select.append("\nFROM ").append(f.fromWorktable(input(0), ""));
        return script().port("out", output("out"), create(output("out"), select.toString())).build();
    }

    // ------------------------------------------------------------ change dimension

    @Override
    public StepScript visitChangeDimension(Step.ChangeDimension c) {
        Shape in = inputShape(0);
        Entity owner = entity(in.entity());
        var link = c.link();
        Entity target = entity(link.target());
        String input = input(0);
        String select;
        if (link.isDeliveries()) {
            select = "SELECT t." + ctx.id(target.key()) + " AS __key" + enriched(in, "w") + "\nFROM " + input + " AS w\nJOIN "
                    + ctx.source(target) + " AS t\n  ON t.entity = " + ctx.dialect().string(owner.name())
                    + " AND t.recipient = " + ctx.dialect().text("w.__key");
        } else if (link.many()) {
            select = "SELECT t." + ctx.id(target.key()) + " AS __key" + enriched(in, "w") + "\nFROM " + input + " AS w\nJOIN "
                    + ctx.source(target) + " AS t\n  ON t." + ctx.id(link.column()) + " = w.__key";
        } else {
            select = "SELECT t." + ctx.id(target.key()) + " AS __key" + enriched(in, "w") + "\nFROM " + input + " AS w\nJOIN "
                    + ctx.source(owner) + " AS e\n  ON e." + ctx.id(owner.key()) + " = w.__key\nJOIN " + ctx.source(target)
                    + " AS t\n  ON t." + ctx.id(target.key()) + " = e." + ctx.id(link.column());
        }
        return script().port("out", output("out"), create(output("out"), select)).build();
    }

    // ------------------------------------------------------------ test

    /**
     * A test routes its whole input to the first branch whose condition holds: every port is a
     * view of the input that keeps its rows only when its branch is the one taken, so that the
     * SQL alone routes the rows. The query is the index of the branch taken, -1 when none.
     */
    @Override
    public StepScript visitTest(Step.Test t) {
        String input = input(0);
        String choice = testCondition(t);
        Script script = script();
        script.query = choice;
        List<String> ports = List.copyOf(step.outputs().keySet());
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i);
            script.port(port, output(port), createView(output(port), "SELECT * FROM " + input + "\nWHERE (\n" + indent(choice)
                    + "\n) = " + branchOf(t, port)));
        }
        return script.build();
    }

    /** The index of the first branch whose port is this one. */
    private static int branchOf(Step.Test t, String port) {
        for (int i = 0; i < t.branches().size(); i++) {
            if (t.branches().get(i).port().equals(port)) {
                return i;
            }
        }
        throw new IllegalStateException("no branch " + port);
    }

    /** {@code SELECT} of the index of the first test branch whose condition holds, -1 when none. */
    private String testCondition(Step.Test t) {
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases, Map.of("count", "(SELECT count(*) FROM " + input(0) + ")"));
        StringBuilder b = new StringBuilder("SELECT CASE");
        for (int i = 0; i < t.branches().size(); i++) {
            var branch = t.branches().get(i);
            String cond = branch.condition() == null ? "TRUE" : exprs.render(branch.condition(), new ArrayDeque<>());
            b.append("\n  WHEN ").append(cond).append(" THEN ").append(i);
        }
        return b.append("\n  ELSE -1\nEND").toString();
    }

    // ------------------------------------------------------------ pass-through kinds

    /** Every port a view of one input. */
    private StepScript passThrough(int input) {
        Script script = script();
        for (String port : step.outputs().keySet()) {
            script.port(port, output(port), createView(output(port), "SELECT * FROM " + input(input)));
        }
        return script.build();
    }

    @Override
    public StepScript visitFork(Step.Fork s) {
        return passThrough(0);
    }

    @Override
    public StepScript visitJoin(Step.Join s) {
        return passThrough(s.primary());
    }

    /** A wait's rows pass on when it is released; for {@code wait until}, the query is the release time. */
    @Override
    public StepScript visitWait(Step.Wait w) {
        StepScript pass = passThrough(0);
        if (w.until() == null) {
            return pass;
        }
        String release = "SELECT CAST(" + new ExprSql(ctx, new Frame.Aliases()).render(w.until(), new ArrayDeque<>()) + " AS TIMESTAMP)";
        return new StepScript(pass.activity(), pass.kind(), pass.line(), pass.prepare(), release, null, null, pass.body(),
                pass.finish(), pass.outputs(), pass.scratch(), pass.logCounts());
    }

    @Override
    public StepScript visitAlert(Step.Alert s) {
        return passThrough(0);
    }

    @Override
    public StepScript visitSaveAudience(Step.SaveAudience s) {
        StepScript pass = passThrough(0);
        List<String> finish = new ArrayList<>();
        finish.add("CREATE SCHEMA IF NOT EXISTS " + ctx.id(ctx.schemas().saved()));
        finish.addAll(ctx.dialect().createOrReplaceTableAs(ctx.savedTable(s.audience()), "SELECT DISTINCT __key FROM " + input(0)));
        return new StepScript(pass.activity(), pass.kind(), pass.line(), pass.prepare(), null, null, null, pass.body(), finish,
                pass.outputs(), pass.scratch(), pass.logCounts());
    }

    @Override
    public StepScript visitEnd(Step.End s) {
        return script().build();
    }
}
