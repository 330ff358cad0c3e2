package camp.sql;

import camp.ast.Activity;
import camp.ir.Step;
import camp.model.Edge;
import camp.model.EntityInfo;
import camp.model.Scalar;
import camp.model.Shape;
import camp.types.Type;
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
public final class StepSql {
    private final SqlContext ctx;

    public StepSql(SqlContext ctx) {
        this.ctx = ctx;
    }

    /** The SQL of a step; load, test and channel steps get their table definitions here and the rest in the interpreter. */
    public Lowered lower(Step step) {
        if (ctx.facts() == null) {
            return lowerStep(step);
        }
        ctx.facts().begin(step.name());
        Lowered lowered = lowerStep(step);
        List<String> first = ctx.facts().prerequisites();
        if (first.isEmpty()) {
            return lowered;
        }
        List<String> statements = new ArrayList<>(first);
        statements.addAll(lowered.statements());
        return new Lowered(statements, lowered.outputs(), lowered.scratch(), lowered.commit(), lowered.logCounts());
    }

    private Lowered lowerStep(Step step) {
        Activity a = step.activity();
        if (a instanceof Activity.Build b) {
            return build(step, b);
        } else if (a instanceof Activity.Load l) {
            return load(step, l);
        } else if (a instanceof Activity.Reconcile r) {
            return reconcile(step, r);
        } else if (a instanceof Activity.Combine c) {
            return combine(step, c);
        } else if (a instanceof Activity.Dedup d) {
            return new DedupSql(ctx, this).lower(step, d);
        } else if (a instanceof Activity.Split s) {
            return new SplitSql(ctx, this).lower(step, s);
        } else if (a instanceof Activity.Enrich e) {
            return enrich(step, e);
        } else if (a instanceof Activity.ChangeDimension c) {
            return changeDimension(step, c);
        } else if (a instanceof Activity.Channel c) {
            return new ChannelSql(ctx, this).lower(step, c);
        } else if (a instanceof Activity.SaveAudience s) {
            return save(step, s);
        } else if (a instanceof Activity.End) {
            return new Lowered(List.of(), Map.of(), List.of(), List.of(), Map.of());
        }
        // fork, join, wait, alert, test: the rows pass through (test chooses its branch at run time)
        return passThrough(step);
    }

    // ------------------------------------------------------------ helpers

    String input(Step step, int i) {
        Edge e = step.inputs().get(i);
        return ctx.worktable(e.from(), e.port());
    }

    EntityInfo entity(String name) {
        return name == null ? null : ctx.model().entity(name);
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
        if (table.startsWith(SqlContext.TEMP_PREFIX)) {
            return "CREATE OR REPLACE TEMP TABLE " + table + " AS\n" + select;
        }
        return "CREATE TABLE " + table + " AS\n" + select;
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

    private Lowered build(Step step, Activity.Build b) {
        Shape out = step.outputs().get("out");
        EntityInfo e = entity(out.entity());
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        List<String> conditions = new ArrayList<>();
        List<String> statements = new ArrayList<>();
        List<String> commit = new ArrayList<>();
        Frame f;
        String from;
        if (b.source() instanceof Activity.SavedSource saved) {
            f = new Frame(ctx, aliases, "w", "e", e).grouping(ctx.savedTable(saved.audience()));
            addConditions(b, e, exprs, f, conditions);
            from = null;
            String fromSql = f.fromWorktable(ctx.savedTable(saved.audience()), "");
            from = fromSql;
        } else {
            f = new Frame(ctx, aliases, null, "e", e).grouping(null);
            f.entityUsed = true;
            var named = (Activity.NamedSource) b.source();
            var audience = ctx.model().audiences().get(named.name().value());
            if (audience != null && !ctx.model().entities().containsKey(named.name().value())) {
                for (Scalar c : audience.conditions()) {
                    conditions.add(exprs.condition(c, f));
                }
            }
            addConditions(b, e, exprs, f, conditions);
            from = null;
        }
        String keyExpr = b.source() instanceof Activity.SavedSource ? "w.__key" : "e." + ctx.id(e.key());
        if (b.incremental() != null) {
            Activity.Incremental inc = b.incremental();
            if (inc.on() != null) {
                var mark = ctx.marks().get(step.name());
                if (mark != null) {
                    conditions.add("e." + ctx.id(inc.on().value()) + " > " + ctx.dialect().timestamp(mark));
                }
            } else {
                String history = ctx.incrementalTable(step.name());
                statements.add("CREATE SCHEMA IF NOT EXISTS " + ctx.id("camp_incremental"));
                statements.add("CREATE TABLE IF NOT EXISTS " + history + " (__key " + ExprSql.sqlType(e.keyType())
                        + ", logical_time TIMESTAMP)");
                String window = inc.history() == null ? "" : "\n    WHERE h.logical_time >= "
                        + ctx.dialect().timestamp(ctx.now()) + " - " + ctx.dialect().interval(inc.history());
                conditions.add("NOT EXISTS (\n    SELECT 1 FROM " + history + " AS h\n    WHERE h.__key = " + keyExpr
                        + (window.isEmpty() ? "" : " AND " + window.substring(window.indexOf("h.logical_time"))) + ")");
                commit.add("INSERT INTO " + history + "\nSELECT __key, " + ctx.dialect().timestamp(ctx.now()) + "\nFROM "
                        + ctx.worktable(step.name(), "out"));
            }
        }
        if (from == null) {
            from = f.fromEntity("");
        }
        String select = "SELECT " + keyExpr + " AS __key\nFROM " + from + "\nWHERE " + and(conditions);
        statements.add(create(ctx.worktable(step.name(), "out"), select));
        return new Lowered(statements, Map.of("out", ctx.worktable(step.name(), "out")), List.of(), commit, Map.of());
    }

    private void addConditions(Activity.Build b, EntityInfo e, ExprSql exprs, Frame f, List<String> conditions) {
        if (b.where() != null) {
            conditions.add(exprs.condition(ctx.model().scalar(b.where()), f));
        }
    }

    // ------------------------------------------------------------ load

    private Lowered load(Step step, Activity.Load l) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> statements = new ArrayList<>();
        StringBuilder columns = new StringBuilder("__key BIGINT");
        for (var c : l.columns()) {
            columns.append(", ").append(ctx.id(c.name().value())).append(' ').append(ExprSql.sqlType(c.type()));
        }
        String out = ctx.worktable(step.name(), "out");
        String rejected = ctx.worktable(step.name(), "rejected");
        statements.add("CREATE TABLE " + out + " (" + columns + ")");
        statements.add("CREATE TABLE " + rejected + " (__key BIGINT, line_number BIGINT, reason VARCHAR, line VARCHAR)");
        outputs.put("out", out);
        outputs.put("rejected", rejected);
        return new Lowered(statements, outputs, List.of(), List.of(), Map.of());
    }

    // ------------------------------------------------------------ reconcile

    private Lowered reconcile(Step step, Activity.Reconcile r) {
        Shape in = step.inputs().isEmpty() ? null : inputShape(step, 0);
        EntityInfo e = entity(r.entity().value());
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame ef = new Frame(ctx, aliases, null, "e", e);
        ef.entityUsed = true;
        List<String> on = new ArrayList<>();
        for (var rule : r.rules()) {
            Scalar attr = attributeOf(rule, e);
            on.add(exprs.render(attr, ef) + " = w." + ctx.id(rule.incoming().value()));
        }
        String joined = ef.joins("  ").isEmpty() ? ctx.source(e) + " AS e" : "(" + ef.fromEntity("  ") + ")";
        String table = ctx.worktable(step.name(), "out");
        String unmatched = ctx.worktable(step.name(), "unmatched");
        String input = input(step, 0);
        List<String> statements = new ArrayList<>();
        statements.add(create(table, "SELECT e." + ctx.id(e.key()) + " AS __key" + enriched(in, "w") + "\nFROM " + input
                + " AS w\nJOIN " + joined + "\n  ON " + String.join("\n  AND ", on)));
        String noMatch = "NOT EXISTS (\n    SELECT 1 FROM " + joined + "\n    WHERE " + String.join("\n      AND ", on) + ")";
        statements.add(create(unmatched, "SELECT " + columns(in, "w") + "\nFROM " + input + " AS w\nWHERE "
                + (r.keepUnmatched() ? noMatch : "FALSE")));
        Map<String, String> logCounts = new LinkedHashMap<>();
        if (!r.keepUnmatched()) {
            logCounts.put("incoming rows that match no " + e.name() + " (dropped)", "SELECT count(*) FROM " + input + " AS w WHERE " + noMatch);
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("out", table);
        outputs.put("unmatched", unmatched);
        return new Lowered(statements, outputs, List.of(), List.of(), logCounts);
    }

    private Scalar attributeOf(Activity.MatchRule rule, EntityInfo e) {
        // the checker bound the rule's attribute path through a synthesized expression; rebuild it here
        List<camp.model.LinkInfo> links = new ArrayList<>();
        EntityInfo at = e;
        for (int i = 0; i < rule.attribute().size() - 1; i++) {
            var link = at.links().get(rule.attribute().get(i).value());
            links.add(link);
            at = entity(link.target());
        }
        String name = rule.attribute().get(rule.attribute().size() - 1).value();
        return new Scalar.Attribute(links, at.name(), name, 0, at.attributes().getOrDefault(name, Type.TEXT), rule.span());
    }

    Shape inputShape(Step step, int i) {
        Edge e = step.inputs().get(i);
        return ctx.model().activities().get(e.from()).outputs().get(e.port());
    }

    // ------------------------------------------------------------ combine

    private Lowered combine(Step step, Activity.Combine c) {
        Shape out = step.outputs().get("out");
        int n = step.inputs().size();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(input(step, i));
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
                outSql = distinctKeys(out, "SELECT " + columns(out, "t1") + "\nFROM " + inputs.get(0) + " AS t1\nWHERE " + and(inAll));
                List<String> all = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    all.add("EXISTS (SELECT 1 FROM " + inputs.get(i) + " AS t WHERE t.__key = u.__key)");
                }
                complementSql = "SELECT u.*\nFROM (\n" + indent(union) + "\n) AS u\nWHERE NOT (" + String.join("\n  AND ", all) + ")";
            }
            default -> {
                List<String> inOther = new ArrayList<>();
                for (int i = 1; i < n; i++) {
                    inOther.add("EXISTS (SELECT 1 FROM " + inputs.get(i) + " AS t WHERE t.__key = t1.__key)");
                }
                String any = "(" + String.join("\n  OR ", inOther) + ")";
                outSql = distinctKeys(out, "SELECT " + columns(out, "t1") + "\nFROM " + inputs.get(0) + " AS t1\nWHERE NOT " + any);
                complementSql = distinctKeys(out, "SELECT " + columns(out, "t1") + "\nFROM " + inputs.get(0) + " AS t1\nWHERE " + any);
            }
        }
        String outTable = ctx.worktable(step.name(), "out");
        String complement = ctx.worktable(step.name(), "complement");
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("out", outTable);
        outputs.put("complement", complement);
        return new Lowered(List.of(create(outTable, outSql), create(complement, complementSql)), outputs, List.of(), List.of(), Map.of());
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
        return "SELECT " + columns(out, "u") + "\nFROM (\n" + String.join("\n  UNION ALL\n", parts)
                + "\n) AS u\nQUALIFY row_number() OVER (PARTITION BY u.__key ORDER BY u.__input) = 1";
    }

    /** Keeps one row per key of a select over alias t1. */
    private String distinctKeys(Shape out, String select) {
        if (out.columns().isEmpty()) {
            return select.replaceFirst("^SELECT ", "SELECT DISTINCT ");
        }
        return select + "\nQUALIFY row_number() OVER (PARTITION BY t1.__key) = 1";
    }

    static String indent(String sql) {
        return "  " + sql.replace("\n", "\n  ");
    }

    // ------------------------------------------------------------ enrich

    private Lowered enrich(Step step, Activity.Enrich en) {
        Shape in = inputShape(step, 0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = frame(aliases, in, input(step, 0));
        StringBuilder select = new StringBuilder("SELECT ").append(columns(in, "w"));
        for (var c : en.columns()) {
            if (!step.outputs().get("out").columns().containsKey(c.name().value()) || in.columns().containsKey(c.name().value())) {
                continue;
            }
            select.append(",\n  ").append(exprs.render(ctx.model().scalar(c.value()), f)).append(" AS ").append(ctx.id(c.name().value()));
        }
        select.append("\nFROM ").append(f.fromWorktable(input(step, 0), ""));
        String out = ctx.worktable(step.name(), "out");
        return new Lowered(List.of(create(out, select.toString())), Map.of("out", out), List.of(), List.of(), Map.of());
    }

    // ------------------------------------------------------------ change dimension

    private Lowered changeDimension(Step step, Activity.ChangeDimension c) {
        Shape in = inputShape(step, 0);
        EntityInfo owner = entity(in.entity());
        var link = owner.links().get(c.link().value());
        EntityInfo target = entity(link.target());
        String input = input(step, 0);
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
        String out = ctx.worktable(step.name(), "out");
        return new Lowered(List.of(create(out, select)), Map.of("out", out), List.of(), List.of(), Map.of());
    }

    // ------------------------------------------------------------ pass-through and save

    private Lowered passThrough(Step step) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> statements = new ArrayList<>();
        String input = input(step, primaryInput(step));
        for (String port : step.outputs().keySet()) {
            String table = ctx.worktable(step.name(), port);
            outputs.put(port, table);
            if (!(step.activity() instanceof Activity.Test)) {
                statements.add(createView(table, "SELECT * FROM " + input));
            }
        }
        return new Lowered(statements, outputs, List.of(), List.of(), Map.of());
    }

    /** The input a join carries: its primary, else the first listed. */
    int primaryInput(Step step) {
        if (step.activity() instanceof Activity.Join j && j.primary() != null) {
            for (int i = 0; i < step.inputs().size(); i++) {
                if (step.inputs().get(i).from().equals(j.primary().value())) {
                    return i;
                }
            }
        }
        return 0;
    }

    /** The statements that route a test's whole input to one branch and leave the others empty. */
    public List<String> testRouting(Step step, String chosen) {
        List<String> statements = new ArrayList<>();
        String input = input(step, 0);
        for (String port : step.outputs().keySet()) {
            String table = ctx.worktable(step.name(), port);
            statements.add(port.equals(chosen) ? createView(table, "SELECT * FROM " + input)
                    : create(table, "SELECT * FROM " + input + " WHERE FALSE"));
        }
        return statements;
    }

    /** {@code SELECT} of the index of the first test branch whose condition holds, -1 when none. */
    public String testCondition(Step step) {
        Activity.Test t = (Activity.Test) step.activity();
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases, Map.of("count", "(SELECT count(*) FROM " + input(step, 0) + ")"));
        StringBuilder b = new StringBuilder("SELECT CASE");
        for (int i = 0; i < t.branches().size(); i++) {
            var branch = t.branches().get(i);
            String cond = branch.condition() == null ? "TRUE" : exprs.render(ctx.model().scalar(branch.condition()), new java.util.ArrayDeque<>());
            b.append("\n  WHEN ").append(cond).append(" THEN ").append(i);
        }
        return b.append("\n  ELSE -1\nEND").toString();
    }

    private Lowered save(Step step, Activity.SaveAudience s) {
        Lowered pass = passThrough(step);
        String input = input(step, 0);
        List<String> commit = List.of(
                "CREATE SCHEMA IF NOT EXISTS " + ctx.id("camp_saved"),
                "CREATE OR REPLACE TABLE " + ctx.savedTable(s.audience()) + " AS\nSELECT DISTINCT __key FROM " + input);
        return new Lowered(pass.statements(), pass.outputs(), List.of(), commit, Map.of());
    }
}
