package camp.check;

import camp.ast.Activity;
import camp.ir.Step.Arity;
import java.util.List;

/**
 * What each kind of activity is in the flow (§6, §7): its output ports (the first is the
 * default port), how many inputs it takes, and whether its output may go nowhere without a
 * warning. One visitor, so that a new kind of activity must say it.
 */
final class ActivityKinds implements Activity.Visitor<ActivityKinds.Kind> {
    static final ActivityKinds INSTANCE = new ActivityKinds();

    /**
     * @param ports the output ports in order
     * @param defaultPort where an edge from a bare activity name leaves (§6): {@code out}, or
     *     {@code sent} for a channel; a split or a test has no such port, so its edges name one
     * @param terminal whether an unused output is normal (channels, save audience, end, alert, test)
     */
    record Kind(List<String> ports, String defaultPort, Arity arity, boolean terminal) {
        Kind(List<String> ports, Arity arity, boolean terminal) {
            this(ports, "out", arity, terminal);
        }
    }

    static Kind of(Activity a) {
        return a.accept(INSTANCE);
    }

    private static final List<String> OUT = List.of("out");

    @Override
    public Kind visitBuild(Activity.Build a) {
        return new Kind(OUT, Arity.NONE, false);
    }

    @Override
    public Kind visitLoad(Activity.Load a) {
        return new Kind(List.of("out", "rejected"), Arity.NONE, false);
    }

    @Override
    public Kind visitReconcile(Activity.Reconcile a) {
        return new Kind(List.of("out", "unmatched"), Arity.ONE, false);
    }

    @Override
    public Kind visitCombine(Activity.Combine a) {
        return new Kind(List.of("out", "complement"), Arity.TWO_OR_MORE, false);
    }

    @Override
    public Kind visitDedup(Activity.Dedup a) {
        return new Kind(List.of("out", "duplicates"), Arity.ONE, false);
    }

    @Override
    public Kind visitSplit(Activity.Split a) {
        return new Kind(a.segments().stream().map(s -> s.name().value()).distinct().toList(), Arity.ONE, false);
    }

    @Override
    public Kind visitEnrich(Activity.Enrich a) {
        return new Kind(OUT, Arity.ONE, false);
    }

    @Override
    public Kind visitChangeDimension(Activity.ChangeDimension a) {
        return new Kind(OUT, Arity.ONE, false);
    }

    @Override
    public Kind visitTest(Activity.Test a) {
        return new Kind(a.branches().stream().map(b -> b.name().value()).distinct().toList(), Arity.ONE, true);
    }

    @Override
    public Kind visitFork(Activity.Fork a) {
        return new Kind(OUT, Arity.ONE, false);
    }

    @Override
    public Kind visitJoin(Activity.Join a) {
        return new Kind(OUT, Arity.TWO_OR_MORE, false);
    }

    @Override
    public Kind visitWait(Activity.Wait a) {
        return new Kind(OUT, Arity.ONE, false);
    }

    @Override
    public Kind visitChannel(Activity.Channel a) {
        return new Kind(List.of("sent", "failed", "excluded"), "sent", Arity.ONE, true);
    }

    @Override
    public Kind visitSaveAudience(Activity.SaveAudience a) {
        return new Kind(OUT, Arity.ONE, true);
    }

    @Override
    public Kind visitAlert(Activity.Alert a) {
        return new Kind(OUT, Arity.ONE, true);
    }

    @Override
    public Kind visitEnd(Activity.End a) {
        return new Kind(List.of(), Arity.ONE_OR_MORE, true);
    }
}
