package camp.ir;

import camp.ast.Activity;
import camp.model.Model;
import camp.model.Shape;
import java.util.stream.Collectors;

/**
 * The plan as compact text for {@code camp explain --stage ir} and golden tests: one block per
 * step with its inputs, its resolved expressions ({@code @name} an enriched column, {@code $name}
 * a param, {@code ^} one row out) and the rows on each output port.
 */
public final class IrPrinter {
    private IrPrinter() {
    }

    public static String print(Plan plan) {
        Model m = plan.model();
        StringBuilder b = new StringBuilder("plan '").append(m.campaign()).append("' timezone ").append(m.timezone()).append('\n');
        for (Step s : plan.steps()) {
            b.append('#').append(s.ordinal()).append(' ').append(s.name()).append(": ").append(s.kind());
            if (!s.inputs().isEmpty()) {
                b.append(" <- ").append(s.inputs().stream().map(e -> e.from() + "." + e.port()).collect(Collectors.joining(", ")));
            }
            b.append('\n');
            details(b, m, s.name(), s.activity());
            for (var o : s.outputs().entrySet()) {
                b.append("  -> ").append(o.getKey()).append(": ").append(shape(o.getValue())).append('\n');
            }
        }
        return b.toString();
    }

    private static String shape(Shape s) {
        String cols = s.columns().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return (s.entity() == null ? "(loaded rows)" : s.entity()) + (cols.isEmpty() ? "" : " + [" + cols + "]");
    }

    private static String expr(Model m, camp.ast.Expr e) {
        return ScalarPrinter.print(m.scalar(e));
    }

    private static void details(StringBuilder b, Model m, String name, Activity a) {
        if (a instanceof Activity.Build x) {
            if (x.source() instanceof Activity.NamedSource n) {
                var audience = m.audiences().get(n.name().value());
                if (audience != null && !m.entities().containsKey(n.name().value())) {
                    audience.conditions().forEach(c -> b.append("  audience ").append(audience.name()).append(": ")
                            .append(ScalarPrinter.print(c)).append('\n'));
                }
            } else if (x.source() instanceof Activity.SavedSource s) {
                b.append("  saved \"").append(s.audience()).append("\"\n");
            }
            if (x.where() != null) {
                b.append("  where ").append(expr(m, x.where())).append('\n');
            }
            if (x.incremental() != null) {
                b.append("  incremental").append(x.incremental().on() == null ? "" : " on " + x.incremental().on())
                        .append(x.incremental().history() == null ? "" : " history " + x.incremental().history()).append('\n');
            }
            if (x.skipEmpty()) {
                b.append("  skip empty\n");
            }
        } else if (a instanceof Activity.Split x) {
            for (var s : x.segments()) {
                b.append("  segment ").append(s.name()).append(": ").append(s.isRemainder() ? "remainder" : expr(m, s.condition()));
                if (s.limit() != null) {
                    b.append(" limit ").append(s.limit().amount()).append(s.limit().percent() ? "%" : "");
                }
                if (!s.orderBy().isEmpty()) {
                    b.append(" order by ").append(s.orderBy().stream().map(o -> expr(m, o.expr()) + (o.descending() ? " desc" : " asc"))
                            .collect(Collectors.joining(", ")));
                }
                if (s.random()) {
                    b.append(" random");
                }
                b.append('\n');
            }
            if (x.overlapping()) {
                b.append("  overlapping\n");
            }
        } else if (a instanceof Activity.Enrich x) {
            x.columns().forEach(c -> b.append("  ").append(c.name()).append(" = ").append(expr(m, c.value())).append('\n'));
        } else if (a instanceof Activity.Dedup x) {
            b.append("  by ").append(x.keys().stream().map(k -> expr(m, k)).collect(Collectors.joining(", ")))
                    .append(" keep ").append(x.keep() == null ? 1 : x.keep()).append('\n');
            if (x.method() instanceof Activity.FirstBy f) {
                b.append("  first by ").append(f.order().stream().map(o -> expr(m, o.expr()) + (o.descending() ? " desc" : " asc"))
                        .collect(Collectors.joining(", "))).append('\n');
            } else if (x.method() != null) {
                b.append("  method ").append(x.method().getClass().getSimpleName()).append('\n');
            }
        } else if (a instanceof Activity.Test x) {
            x.branches().forEach(br -> b.append("  branch ").append(br.name()).append(": ")
                    .append(br.condition() == null ? "otherwise" : expr(m, br.condition())).append('\n'));
        } else if (a instanceof Activity.Channel) {
            var ci = m.channels().get(name);
            if (ci != null) {
                b.append("  to ").append(ScalarPrinter.print(ci.address())).append(" (recipient ").append(ci.recipientEntity()).append(')');
                if (ci.consent() != null) {
                    b.append(" consent ").append(ScalarPrinter.print(ci.consent()));
                }
                if (ci.per() != null) {
                    b.append(" per ").append(ci.per().name());
                }
                b.append('\n');
            }
        } else if (a instanceof Activity.Combine x) {
            b.append("  ").append(x.mode().name().toLowerCase(java.util.Locale.ROOT)).append('\n');
        } else if (a instanceof Activity.ChangeDimension x) {
            b.append("  to ").append(x.link()).append('\n');
        }
    }
}
