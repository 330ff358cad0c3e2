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
            if (step instanceof Step.Build b) {
                used.add(b.source().entity());
            } else if (step instanceof Step.Reconcile r) {
                used.add(r.entity());
            } else if (step instanceof Step.ChangeDimension c) {
                used.add(c.link().owner());
                used.add(c.link().target());
            } else if (step instanceof Step.Channel c) {
                used.add(c.recipient());
                c.recipientPath().forEach(l -> used.add(l.target()));
                if (c.per() != null) {
                    used.add(c.per().target());
                }
            }
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
