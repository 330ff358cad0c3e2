package camp.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * The expressions of a step, in the order the step evaluates them. {@link #of} gives every
 * expression a step holds (for analyses such as which entities or saved audiences a run
 * reads); {@link #onRows} only those evaluated once per row of the step's own rows (its input
 * worktable, or the entity a build reads), which is where aggregates over a link can be
 * computed for all rows at once and shared between steps.
 */
public final class Expressions {
    private Expressions() {
    }

    /** Every expression of the step, including the conditions of the audience a build reads. */
    public static List<Scalar> of(Step step) {
        return step.accept(new Collector(true));
    }

    /** The expressions evaluated on each of the step's rows, in evaluation order. */
    public static List<Scalar> onRows(Step step) {
        return step.accept(new Collector(false));
    }

    private record Collector(boolean all) implements Step.Visitor<List<Scalar>> {
        private static void add(List<Scalar> out, Scalar s) {
            if (s != null) {
                out.add(s);
            }
        }

        private static void orders(List<Scalar> out, List<Step.Order> order) {
            order.forEach(o -> out.add(o.value()));
        }

        @Override
        public List<Scalar> visitBuild(Step.Build s) {
            List<Scalar> out = new ArrayList<>();
            if (s.source() instanceof Step.FromAudience a) {
                out.addAll(a.audience().conditions());
            }
            add(out, s.where());
            return out;
        }

        @Override
        public List<Scalar> visitLoad(Step.Load s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitReconcile(Step.Reconcile s) {
            // the attributes are evaluated on the entity's records, not on the incoming rows
            return all ? s.matches().stream().map(Step.Match::attribute).toList() : List.of();
        }

        @Override
        public List<Scalar> visitCombine(Step.Combine s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitDedup(Step.Dedup s) {
            List<Scalar> out = new ArrayList<>(s.keys());
            if (s.method() instanceof Step.FirstBy f) {
                orders(out, f.order());
            } else if (s.method() instanceof Step.NonEmpty n) {
                out.add(n.value());
            } else if (s.method() instanceof Step.Prefer p) {
                out.add(p.value());
                out.addAll(p.choices());
            }
            return out;
        }

        @Override
        public List<Scalar> visitSplit(Step.Split s) {
            List<Scalar> out = new ArrayList<>();
            for (Step.Segment seg : s.segments()) {
                add(out, seg.condition());
                orders(out, seg.orderBy());
            }
            return out;
        }

        @Override
        public List<Scalar> visitEnrich(Step.Enrich s) {
            return s.columns().stream().map(Step.Derived::value).toList();
        }

        @Override
        public List<Scalar> visitChangeDimension(Step.ChangeDimension s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitTest(Step.Test s) {
            // conditions see the input's count and params, not rows
            List<Scalar> out = new ArrayList<>();
            if (all) {
                s.branches().forEach(b -> add(out, b.condition()));
            }
            return out;
        }

        @Override
        public List<Scalar> visitFork(Step.Fork s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitJoin(Step.Join s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitWait(Step.Wait s) {
            List<Scalar> out = new ArrayList<>();
            if (all) {
                add(out, s.until());
            }
            return out;
        }

        @Override
        public List<Scalar> visitChannel(Step.Channel s) {
            List<Scalar> out = new ArrayList<>();
            out.add(s.address());
            add(out, s.consent());
            for (Step.Placeholder p : s.placeholders()) {
                // a placeholder of the related record is evaluated on that record, not on the row
                if (all || !p.perRecord()) {
                    out.add(p.value());
                }
            }
            return out;
        }

        @Override
        public List<Scalar> visitSaveAudience(Step.SaveAudience s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitAlert(Step.Alert s) {
            return List.of();
        }

        @Override
        public List<Scalar> visitEnd(Step.End s) {
            return List.of();
        }
    }
}
