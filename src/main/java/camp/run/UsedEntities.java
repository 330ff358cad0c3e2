package camp.run;

import camp.ir.Expressions;
import camp.ir.Link;
import camp.ir.Plan;
import camp.ir.Scalar;
import camp.ir.ScalarWalker;
import camp.ir.Shape;
import camp.ir.Step;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The entities a campaign really reads: only their sources are prepared and verified. Every
 * expression of every step counts, the placeholders of messages and the conditions of the
 * audiences they name included.
 */
final class UsedEntities {
    private UsedEntities() {
    }

    static Set<String> of(Plan plan) {
        Set<String> used = new LinkedHashSet<>();
        Collector collector = new Collector(used);
        for (Step step : plan.steps()) {
            for (Shape s : step.outputs().values()) {
                if (s.entity() != null) {
                    used.add(s.entity());
                }
            }
            step.accept(new Kinds(used));
            for (Scalar s : Expressions.of(step)) {
                collector.walk(s);
            }
        }
        if (plan.testAudience() != null) {
            used.add(plan.testAudience().entity());
            collector.walk(plan.testAudience().condition());
        }
        return used;
    }

    /** Adds the entities a step reads besides those of its rows and its expressions. */
    private record Kinds(Set<String> used) implements Step.Visitor<Void> {
        @Override
        public Void visitBuild(Step.Build s) {
            used.add(s.source().entity());
            return null;
        }

        @Override
        public Void visitLoad(Step.Load s) {
            return null;
        }

        @Override
        public Void visitReconcile(Step.Reconcile s) {
            used.add(s.entity());
            return null;
        }

        @Override
        public Void visitCombine(Step.Combine s) {
            return null;
        }

        @Override
        public Void visitDedup(Step.Dedup s) {
            return null;
        }

        @Override
        public Void visitSplit(Step.Split s) {
            return null;
        }

        @Override
        public Void visitEnrich(Step.Enrich s) {
            return null;
        }

        @Override
        public Void visitChangeDimension(Step.ChangeDimension s) {
            used.add(s.link().owner());
            used.add(s.link().target());
            return null;
        }

        @Override
        public Void visitTest(Step.Test s) {
            return null;
        }

        @Override
        public Void visitFork(Step.Fork s) {
            return null;
        }

        @Override
        public Void visitJoin(Step.Join s) {
            return null;
        }

        @Override
        public Void visitWait(Step.Wait s) {
            return null;
        }

        @Override
        public Void visitChannel(Step.Channel s) {
            used.add(s.recipient());
            s.recipientPath().forEach(l -> used.add(l.target()));
            if (s.per() != null) {
                used.add(s.per().target());
            }
            return null;
        }

        @Override
        public Void visitSaveAudience(Step.SaveAudience s) {
            return null;
        }

        @Override
        public Void visitAlert(Step.Alert s) {
            return null;
        }

        @Override
        public Void visitEnd(Step.End s) {
            return null;
        }
    }

    /** Adds the entities an expression reaches. */
    private static final class Collector extends ScalarWalker {
        private final Set<String> used;

        Collector(Set<String> used) {
            this.used = used;
        }

        private void links(List<Link> path) {
            for (Link l : path) {
                used.add(l.owner());
                used.add(l.target());
            }
        }

        @Override
        public Void visitAttribute(Scalar.Attribute s) {
            used.add(s.entity());
            links(s.path());
            return null;
        }

        @Override
        public Void visitAggregate(Scalar.Aggregate s) {
            links(s.path());
            return super.visitAggregate(s);
        }

        @Override
        public Void visitInAudience(Scalar.InAudience s) {
            used.add(s.audience().entity());
            return super.visitInAudience(s);
        }

        @Override
        public Void visitInSaved(Scalar.InSaved s) {
            used.add(s.entity());
            return null;
        }
    }
}
