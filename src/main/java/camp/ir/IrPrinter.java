package camp.ir;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plan as compact text for {@code camp explain --stage ir} and golden tests: one block per
 * step with its inputs, its resolved expressions ({@code @name} an enriched column, {@code $name}
 * a param, {@code ^} one row out) and the rows on each output port; then the aggregates that
 * steps share.
 */
public final class IrPrinter implements Step.Visitor<Void> {
    private final StringBuilder b;

    private IrPrinter(StringBuilder b) {
        this.b = b;
    }

    public static String print(Plan plan) {
        StringBuilder b = new StringBuilder(plan.isCampaign() ? "plan '" + plan.campaign() + "'" : "library").append(" timezone ")
                .append(plan.timezone()).append('\n');
        for (Step s : plan.steps()) {
            b.append('#').append(s.ordinal()).append(' ').append(s.name()).append(": ").append(s.kind());
            if (!s.inputs().isEmpty()) {
                b.append(" <- ").append(s.inputs().stream().map(e -> e.from() + "." + e.port()).collect(Collectors.joining(", ")));
            }
            b.append('\n');
            s.accept(new IrPrinter(b));
            for (var o : s.outputs().entrySet()) {
                b.append("  -> ").append(o.getKey()).append(": ").append(shape(o.getValue())).append('\n');
            }
        }
        for (SharedAggregates.Fact f : plan.shared()) {
            b.append("shared ").append(f.owner()).append('.').append(f.link().name()).append(" for ")
                    .append(String.join(", ", f.users())).append('\n');
            f.aggregates().forEach(a -> b.append("  ").append(expr(a)).append('\n'));
        }
        return b.toString();
    }

    private static String shape(Shape s) {
        String cols = s.columns().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return (s.entity() == null ? "(loaded rows)" : s.entity()) + (cols.isEmpty() ? "" : " + [" + cols + "]");
    }

    private static String expr(Scalar s) {
        return ScalarPrinter.print(s);
    }

    private static String orders(List<Step.Order> order) {
        return order.stream().map(o -> expr(o.value()) + (o.descending() ? " desc" : " asc")).collect(Collectors.joining(", "));
    }

    private void line(String text) {
        b.append("  ").append(text).append('\n');
    }

    @Override
    public Void visitBuild(Step.Build s) {
        if (s.source() instanceof Step.FromAudience a) {
            a.audience().conditions().forEach(c -> line("audience " + a.audience().name() + ": " + expr(c)));
        } else if (s.source() instanceof Step.FromSaved saved) {
            line("saved \"" + saved.audience() + "\" of " + saved.entity());
        } else {
            line("entity " + s.source().entity());
        }
        if (s.where() != null) {
            line("where " + expr(s.where()));
        }
        if (s.incremental() != null) {
            line("incremental" + (s.incremental().on() == null ? "" : " on " + s.incremental().on())
                    + (s.incremental().history() == null ? "" : " history " + s.incremental().history()));
        }
        if (s.skipEmpty()) {
            line("skip empty");
        }
        return null;
    }

    @Override
    public Void visitLoad(Step.Load s) {
        line("csv \"" + s.path() + "\" reject max " + s.rejectMax());
        s.columns().forEach(c -> line("column " + c.name() + " " + c.type()));
        return null;
    }

    @Override
    public Void visitReconcile(Step.Reconcile s) {
        line("to " + s.entity() + (s.keepUnmatched() ? " keep unmatched" : ""));
        s.matches().forEach(m -> line("on @" + m.incoming() + " = " + expr(m.attribute())));
        return null;
    }

    @Override
    public Void visitCombine(Step.Combine s) {
        line(s.mode().name().toLowerCase(Locale.ROOT));
        return null;
    }

    @Override
    public Void visitDedup(Step.Dedup s) {
        line("by " + s.keys().stream().map(IrPrinter::expr).collect(Collectors.joining(", ")) + " keep " + s.keep());
        if (s.method() instanceof Step.FirstBy f) {
            line("first by " + orders(f.order()));
        } else if (s.method() instanceof Step.NonEmpty n) {
            line("non empty " + expr(n.value()));
        } else if (s.method() instanceof Step.Prefer p) {
            line("prefer " + expr(p.value()) + " in (" + p.choices().stream().map(IrPrinter::expr).collect(Collectors.joining(", ")) + ")");
        } else {
            line("random");
        }
        return null;
    }

    @Override
    public Void visitSplit(Step.Split s) {
        for (Step.Segment seg : s.segments()) {
            StringBuilder l = new StringBuilder("segment ").append(seg.port()).append(": ")
                    .append(seg.isRemainder() ? "remainder" : expr(seg.condition()));
            if (seg.limit() != null) {
                l.append(" limit ").append(seg.limit().amount()).append(seg.limit().percent() ? "%" : "");
            }
            if (!seg.orderBy().isEmpty()) {
                l.append(" order by ").append(orders(seg.orderBy()));
            }
            if (seg.random()) {
                l.append(" random");
            }
            if (seg.skipEmpty()) {
                l.append(" skip empty");
            }
            line(l.toString());
        }
        if (s.overlapping()) {
            line("overlapping");
        }
        return null;
    }

    @Override
    public Void visitEnrich(Step.Enrich s) {
        s.columns().forEach(c -> line(c.name() + " = " + expr(c.value())));
        return null;
    }

    @Override
    public Void visitChangeDimension(Step.ChangeDimension s) {
        line("to " + s.link().name() + " (" + (s.link().many() ? "many " : "one ") + s.link().target() + ")");
        return null;
    }

    @Override
    public Void visitTest(Step.Test s) {
        s.branches().forEach(br -> line("branch " + br.port() + ": " + (br.condition() == null ? "otherwise" : expr(br.condition()))));
        return null;
    }

    @Override
    public Void visitFork(Step.Fork s) {
        return null;
    }

    @Override
    public Void visitJoin(Step.Join s) {
        line("primary " + s.inputs().get(s.primary()).from());
        return null;
    }

    @Override
    public Void visitWait(Step.Wait s) {
        line(s.duration() != null ? "for " + s.duration() : "until " + expr(s.until()));
        return null;
    }

    @Override
    public Void visitChannel(Step.Channel s) {
        StringBuilder l = new StringBuilder("to ").append(expr(s.address())).append(" (recipient ").append(s.recipient()).append(')');
        if (s.consent() != null) {
            l.append(" consent ").append(expr(s.consent()));
        }
        if (s.per() != null) {
            l.append(" per ").append(s.per().name());
        }
        line(l.toString());
        for (Step.Text t : s.texts()) {
            String v = t.value().replace("\\", "\\\\").replace("\n", "\\n");
            line(t.field() + (t.html() ? " (html)" : "") + " \"" + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "\"");
        }
        for (Step.Placeholder p : s.placeholders()) {
            line("{{" + p.path() + "}} = " + (p.perRecord() ? s.per().name() + ": " : "") + expr(p.value()));
        }
        if (s.throttle() != null) {
            line("throttle " + s.throttle() + " per second");
        }
        if (s.waves() != null) {
            line("waves " + s.waves().count() + " every " + s.waves().every());
        }
        if (s.cap() != null) {
            line("cap " + s.cap().amount() + " per " + s.cap().period().name().toLowerCase(Locale.ROOT));
        }
        return null;
    }

    @Override
    public Void visitSaveAudience(Step.SaveAudience s) {
        line("as \"" + s.audience() + "\"");
        return null;
    }

    @Override
    public Void visitAlert(Step.Alert s) {
        line("\"" + s.title() + "\" \"" + s.message() + "\"");
        return null;
    }

    @Override
    public Void visitEnd(Step.End s) {
        return null;
    }
}
