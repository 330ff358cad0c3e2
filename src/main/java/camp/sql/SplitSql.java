package camp.sql;

import camp.ast.Activity;
import camp.ir.Step;
import camp.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Split (§6). Conditions and orderings are evaluated once into a scratch table; then segments
 * take rows in order. Without {@code overlapping} a row goes to the first segment that accepts
 * it; a {@code limit} keeps the first N accepted rows by {@code order by} (nulls last), else by
 * the seeded hash for {@code random}, else by ascending key; rows cut by a limit stay available
 * to later segments. {@code limit N%} is N% of the split's input, rounded down. The remainder
 * takes every row no other segment took.
 */
final class SplitSql {
    private final SqlContext ctx;
    private final StepSql steps;

    SplitSql(SqlContext ctx, StepSql steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    Lowered lower(Step step, Activity.Split split) {
        Shape in = steps.inputShape(step, 0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(step, 0));
        List<Activity.Segment> segments = split.segments();
        StringBuilder select = new StringBuilder("SELECT ").append(steps.columns(in, "w"));
        boolean anyLimit = false;
        for (int i = 0; i < segments.size(); i++) {
            Activity.Segment s = segments.get(i);
            if (s.isRemainder()) {
                continue;
            }
            select.append(",\n  coalesce(").append(exprs.render(ctx.model().scalar(s.condition()), f)).append(", FALSE) AS __c").append(i);
            for (int j = 0; j < s.orderBy().size(); j++) {
                select.append(",\n  ").append(exprs.render(ctx.model().scalar(s.orderBy().get(j).expr()), f)).append(" AS __o").append(i).append('_').append(j);
            }
            anyLimit |= s.limit() != null;
        }
        select.append(",\n  ").append(ctx.dialect().hash("w.__key", steps.seed())).append(" AS __h");
        select.append(",\n  CAST(NULL AS INTEGER) AS __segment");
        for (int i = 0; i < segments.size() && split.overlapping(); i++) {
            select.append(",\n  FALSE AS __in").append(i);
        }
        select.append("\nFROM ").append(f.fromWorktable(steps.input(step, 0), ""));
        String scratch = ctx.scratch(step.name(), "split");
        List<String> statements = new ArrayList<>();
        statements.add(steps.create(scratch, select.toString()));
        if (!split.overlapping() && !anyLimit) {
            // no limit: one pass assigns each row its first accepting segment
            StringBuilder c = new StringBuilder("UPDATE " + scratch + " SET __segment = CASE");
            for (int i = 0; i < segments.size(); i++) {
                if (!segments.get(i).isRemainder()) {
                    c.append("\n  WHEN __c").append(i).append(" THEN ").append(i);
                }
            }
            statements.add(c.append("\nEND").toString());
        } else {
            for (int i = 0; i < segments.size(); i++) {
                Activity.Segment s = segments.get(i);
                if (s.isRemainder()) {
                    continue;
                }
                String available = split.overlapping() ? "__c" + i : "__segment IS NULL AND __c" + i;
                String mark = split.overlapping() ? "__in" + i + " = TRUE" : "__segment = " + i;
                if (s.limit() == null) {
                    statements.add("UPDATE " + scratch + " SET " + mark + "\nWHERE " + available);
                } else {
                    String limit = s.limit().percent()
                            ? "(SELECT (count(*) * " + s.limit().amount() + ") // 100 FROM " + scratch + ")"
                            : Long.toString(s.limit().amount());
                    statements.add("UPDATE " + scratch + " SET " + mark + "\nWHERE rowid IN (\n  SELECT rowid FROM (\n"
                            + "    SELECT rowid, row_number() OVER (ORDER BY " + ordering(s, i) + ") AS __n\n    FROM " + scratch
                            + "\n    WHERE " + available + ")\n  WHERE __n <= " + limit + ")");
                }
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Activity.Segment s = segments.get(i);
            String port = s.name().value();
            if (outputs.containsKey(port)) {
                continue;
            }
            String table = ctx.worktable(step.name(), port);
            String where;
            if (s.isRemainder()) {
                if (split.overlapping()) {
                    List<String> none = new ArrayList<>();
                    for (int j = 0; j < segments.size(); j++) {
                        if (!segments.get(j).isRemainder()) {
                            none.add("NOT __in" + j);
                        }
                    }
                    where = none.isEmpty() ? "TRUE" : String.join(" AND ", none);
                } else {
                    where = "__segment IS NULL";
                }
            } else {
                where = split.overlapping() ? "__in" + i : "__segment = " + i;
            }
            statements.add(steps.create(table, "SELECT " + steps.columns(in, "s") + "\nFROM " + scratch + " AS s\nWHERE " + where));
            outputs.put(port, table);
        }
        return new Lowered(statements, outputs, List.of(scratch), List.of(), Map.of());
    }

    private static String ordering(Activity.Segment s, int i) {
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < s.orderBy().size(); j++) {
            terms.add(StepSql.order("__o" + i + "_" + j, s.orderBy().get(j).descending()));
        }
        if (s.random()) {
            terms.add("__h");
        }
        terms.add("__key");
        return String.join(", ", terms);
    }
}
