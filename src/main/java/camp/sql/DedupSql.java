package camp.sql;

import camp.ir.Shape;
import camp.ir.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Dedup (§6): rows with equal keys (nulls equal, as in GROUP BY) form a group; the first
 * {@code keep} rows of each group by the method's order go to {@code out}, the rest to
 * {@code duplicates}. Ties, and the default random method, are broken by a hash of the row
 * key and the run's seed, so that a run and its dry run choose the same rows.
 */
final class DedupSql {
    private final StepSql steps;
    private final SqlContext ctx;

    DedupSql(StepSql steps) {
        this.steps = steps;
        this.ctx = steps.ctx;
    }

    StepScript lower(Step.Dedup d) {
        Shape in = steps.inputShape(0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(0));
        List<String> partition = new ArrayList<>();
        for (var key : d.keys()) {
            partition.add(exprs.render(key, f));
        }
        List<String> order = new ArrayList<>();
        if (d.method() instanceof Step.FirstBy first) {
            for (var o : first.order()) {
                order.add(StepSql.order(exprs.render(o.value(), f), o.descending()));
            }
        } else if (d.method() instanceof Step.NonEmpty n) {
            String v = exprs.render(n.value(), f);
            order.add("CASE WHEN " + v + " IS NULL OR trim(" + ctx.dialect().text(v) + ") = '' THEN 1 ELSE 0 END");
        } else if (d.method() instanceof Step.Prefer p) {
            String v = exprs.render(p.value(), f);
            StringBuilder c = new StringBuilder("CASE");
            for (int i = 0; i < p.choices().size(); i++) {
                c.append(" WHEN ").append(v).append(" = ").append(exprs.render(p.choices().get(i), f)).append(" THEN ").append(i);
            }
            order.add(c.append(" ELSE ").append(p.choices().size()).append(" END").toString());
        }
        order.add(ctx.dialect().hash("w.__key", steps.keyType(in), ctx.seed()));
        order.add("w.__key");
        String scratch = ctx.scratch(steps.step().name(), "ranked");
        String select = "SELECT " + steps.columns(in, "w") + ",\n  row_number() OVER (\n    PARTITION BY "
                + String.join(", ", partition) + "\n    ORDER BY " + String.join(", ", order) + ") AS __rank\nFROM "
                + f.fromWorktable(steps.input(0), "");
        String out = steps.output("out");
        String duplicates = steps.output("duplicates");
        String kept = d.keep() == 0 ? "TRUE" : "r.__rank <= " + d.keep();
        return steps.script().scratch(scratch, steps.createScratch(scratch, select))
                .port("out", out, steps.create(out, "SELECT " + steps.columns(in, "r") + "\nFROM " + scratch + " AS r\nWHERE " + kept))
                .port("duplicates", duplicates, steps.create(duplicates, "SELECT " + steps.columns(in, "r") + "\nFROM " + scratch
                        + " AS r\nWHERE NOT (" + kept + ")"))
                .build();
    }
}
