package camp.sql;

import camp.ast.Activity;
import camp.ir.Step;
import camp.model.Scalar;
import camp.model.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dedup (§6): rows with equal keys (nulls equal, as in GROUP BY) form a group; the first
 * {@code keep} rows of each group by the method's order go to {@code out}, the rest to
 * {@code duplicates}. Ties, and the default random method, are broken by a hash of the row
 * key and the run's seed, so that a run and its dry run choose the same rows.
 */
final class DedupSql {
    private final SqlContext ctx;
    private final StepSql steps;

    DedupSql(SqlContext ctx, StepSql steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    Lowered lower(Step step, Activity.Dedup d) {
        Shape in = steps.inputShape(step, 0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(step, 0));
        List<String> partition = new ArrayList<>();
        for (var key : d.keys()) {
            partition.add(exprs.render(ctx.model().scalar(key), f));
        }
        List<String> order = new ArrayList<>();
        if (d.method() instanceof Activity.FirstBy first) {
            for (var o : first.order()) {
                order.add(StepSql.order(exprs.render(ctx.model().scalar(o.expr()), f), o.descending()));
            }
        } else if (d.method() instanceof Activity.NonEmpty n) {
            String v = exprs.render(pathScalar(n.attribute()), f);
            order.add("CASE WHEN " + v + " IS NULL OR trim(CAST(" + v + " AS VARCHAR)) = '' THEN 1 ELSE 0 END");
        } else if (d.method() instanceof Activity.Prefer p) {
            String v = exprs.render(pathScalar(p.attribute()), f);
            StringBuilder c = new StringBuilder("CASE");
            for (int i = 0; i < p.values().size(); i++) {
                c.append(" WHEN ").append(v).append(" = ").append(exprs.render(ctx.model().scalar(p.values().get(i)), f))
                        .append(" THEN ").append(i);
            }
            order.add(c.append(" ELSE ").append(p.values().size()).append(" END").toString());
        }
        order.add(ctx.dialect().hash("w.__key", steps.seed()));
        order.add("w.__key");
        long keep = d.keep() == null ? 1 : d.keep();
        String scratch = ctx.scratch(step.name(), "ranked");
        String select = "SELECT " + steps.columns(in, "w") + ",\n  row_number() OVER (\n    PARTITION BY "
                + String.join(", ", partition) + "\n    ORDER BY " + String.join(", ", order) + ") AS __rank\nFROM "
                + f.fromWorktable(steps.input(step, 0), "");
        String out = ctx.worktable(step.name(), "out");
        String duplicates = ctx.worktable(step.name(), "duplicates");
        String kept = keep == 0 ? "TRUE" : "r.__rank <= " + keep;
        List<String> statements = List.of(
                steps.create(scratch, select),
                steps.create(out, "SELECT " + steps.columns(in, "r") + "\nFROM " + scratch + " AS r\nWHERE " + kept),
                steps.create(duplicates, "SELECT " + steps.columns(in, "r") + "\nFROM " + scratch + " AS r\nWHERE NOT (" + kept + ")"));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("out", out);
        outputs.put("duplicates", duplicates);
        return new Lowered(statements, outputs, List.of(scratch), List.of(), Map.of());
    }

    /** The scalar the checker bound for a path option (non empty, prefer): rebuilt from the names. */
    private Scalar pathScalar(List<camp.ast.Name> path) {
        return ctx.model().scalars().entrySet().stream()
                .filter(e -> e.getKey().span().equals(pathSpan(path)))
                .map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException("path " + path + " was not checked"));
    }

    private static camp.source.Span pathSpan(List<camp.ast.Name> path) {
        return path.get(0).span().to(path.get(path.size() - 1).span());
    }
}
