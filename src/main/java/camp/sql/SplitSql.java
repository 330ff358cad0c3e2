package camp.sql;

import camp.ir.Shape;
import camp.ir.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Split (§6). Conditions and orderings are evaluated once into a scratch table; then segments
 * take rows in order. Without {@code overlapping} a row goes to the first segment that accepts
 * it; a {@code limit} keeps the first N accepted rows by {@code order by} (nulls last), else by
 * the seeded hash for {@code random}, else by ascending key; rows cut by a limit stay available
 * to later segments. {@code limit N%} is N% of the split's input, rounded down. The remainder
 * takes every row no other segment took.
 *
 * <p>Without any limit, one CASE assigns every row its segment. With limits, each segment's
 * rows are chosen by one query over the rows still available (those no earlier segment took),
 * and recorded in a table of taken rows; no row is ever updated in place.
 */
final class SplitSql {
    private final SqlContext ctx;
    private final StepSql steps;

    SplitSql(StepSql steps) {
        this.ctx = steps.ctx;
        this.steps = steps;
    }

    StepScript lower(Step.Split split) {
        Shape in = steps.inputShape(0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(0));
        List<Step.Segment> segments = split.segments();
        boolean anyLimit = segments.stream().anyMatch(s -> s.limit() != null);
        boolean single = !split.overlapping() && !anyLimit;
        StringBuilder select = new StringBuilder("SELECT " + ctx.dialect().rowId() + " AS __rid, ").append(steps.columns(in, "w"));
        StringBuilder assign = new StringBuilder("CASE");
        for (int i = 0; i < segments.size(); i++) {
            Step.Segment s = segments.get(i);
            if (s.isRemainder()) {
                continue;
            }
            String condition = exprs.render(s.condition(), f);
            if (single) {
                assign.append("\n    WHEN ").append(condition).append(" THEN ").append(i);
                continue;
            }
            select.append(",\n  coalesce(").append(condition).append(", FALSE) AS __c").append(i);
            for (int j = 0; j < s.orderBy().size(); j++) {
                select.append(",\n  ").append(exprs.render(s.orderBy().get(j).value(), f))
                        .append(" AS __o").append(i).append('_').append(j);
            }
        }
        if (single) {
            select.append(",\n  ").append(assign.length() > 4 ? assign + "\n  END" : "CAST(NULL AS INTEGER)").append(" AS __segment");
        } else {
            select.append(",\n  ").append(ctx.dialect().hash("w.__key", steps.keyType(in), ctx.seed())).append(" AS __h");
        }
        select.append("\nFROM ").append(f.fromWorktable(steps.input(0), ""));
        String name = steps.step().name();
        String scratch = ctx.scratch(name, "split");
        StepSql.Script script = steps.script().scratch(scratch, steps.createScratch(scratch, select.toString()));
        Set<String> done = new HashSet<>();
        if (single) {
            for (int i = 0; i < segments.size(); i++) {
                Step.Segment s = segments.get(i);
                String port = s.port();
                if (!done.add(port)) {
                    continue;
                }
                String where = s.isRemainder() ? "__segment IS NULL" : "__segment = " + i;
                String table = steps.output(port);
                script.port(port, table, steps.create(table, "SELECT " + steps.columns(in, "s") + "\nFROM " + scratch + " AS s\nWHERE " + where));
            }
            return script.build();
        }
        String taken = ctx.scratch(name, "taken");
        script.scratch(taken, ctx.dialect().createTempTable(taken, "__rid BIGINT, __segment INTEGER"));
        for (int i = 0; i < segments.size(); i++) {
            Step.Segment s = segments.get(i);
            if (s.isRemainder()) {
                continue;
            }
            String available = split.overlapping() ? "s.__c" + i
                    : "s.__c" + i + "\n  AND NOT EXISTS (SELECT 1 FROM " + taken + " AS t WHERE t.__rid = s.__rid)";
            String rest = "FROM " + scratch + " AS s\nWHERE " + available;
            String choose = "SELECT s.__rid, " + i + " AS __segment\n" + rest;
            if (s.limit() != null) {
                String limit = s.limit().percent()
                        ? "(SELECT " + ctx.dialect().integerDivide("count(*) * " + s.limit().amount(), "100") + " FROM " + scratch + ")"
                        : Long.toString(s.limit().amount());
                choose = ctx.dialect().qualify("s.__rid, " + i + " AS __segment", rest, "row_number() OVER (ORDER BY " + ordering(s, i) + ")",
                        "<= " + limit, List.of("__rid", "__segment"));
            }
            script.prepare.add("INSERT INTO " + taken + "\n" + choose);
        }
        for (int i = 0; i < segments.size(); i++) {
            Step.Segment s = segments.get(i);
            String port = s.port();
            if (!done.add(port)) {
                continue;
            }
            String where = s.isRemainder()
                    ? "NOT EXISTS (SELECT 1 FROM " + taken + " AS t WHERE t.__rid = s.__rid)"
                    : "EXISTS (SELECT 1 FROM " + taken + " AS t WHERE t.__rid = s.__rid AND t.__segment = " + i + ")";
            String table = steps.output(port);
            script.port(port, table, steps.create(table, "SELECT " + steps.columns(in, "s") + "\nFROM " + scratch + " AS s\nWHERE " + where));
        }
        return script.build();
    }

    private static String ordering(Step.Segment s, int i) {
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < s.orderBy().size(); j++) {
            terms.add(StepSql.order("s.__o" + i + "_" + j, s.orderBy().get(j).descending()));
        }
        if (s.random()) {
            terms.add("s.__h");
        }
        terms.add("s.__key");
        return String.join(", ", terms);
    }
}
