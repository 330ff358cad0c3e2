package camp.run;

import camp.model.ActivityInfo;
import camp.model.AudienceInfo;
import camp.model.ChannelInfo;
import camp.model.LinkInfo;
import camp.model.Model;
import camp.model.Scalar;
import camp.model.Shape;
import java.util.LinkedHashSet;
import java.util.Set;

/** The entities a campaign really reads: only their sources are prepared and verified. */
final class UsedEntities {
    private UsedEntities() {
    }

    static Set<String> of(Model model) {
        Set<String> used = new LinkedHashSet<>();
        for (ActivityInfo a : model.activities().values()) {
            for (Shape s : a.outputs().values()) {
                if (s.entity() != null) {
                    used.add(s.entity());
                }
            }
        }
        for (Scalar s : model.scalars().values()) {
            s.accept(new Collector(used));
        }
        for (ChannelInfo c : model.channels().values()) {
            used.add(c.recipientEntity());
            c.recipientPath().forEach(l -> used.add(l.target()));
            if (c.per() != null) {
                used.add(c.per().target());
            }
        }
        for (AudienceInfo a : model.audiences().values()) {
            used.add(a.entity());
        }
        if (model.testAudience() != null) {
            used.add(model.testAudience().entity());
        }
        return used;
    }

    /** Adds the entities an expression reaches. */
    private record Collector(Set<String> used) implements Scalar.Visitor<Void> {
        private void links(java.util.List<LinkInfo> path) {
            for (LinkInfo l : path) {
                used.add(l.owner());
                used.add(l.target());
            }
        }

        @Override
        public Void visitLiteral(Scalar.Literal s) {
            return null;
        }

        @Override
        public Void visitColumn(Scalar.Column s) {
            return null;
        }

        @Override
        public Void visitAttribute(Scalar.Attribute s) {
            used.add(s.entity());
            links(s.path());
            return null;
        }

        @Override
        public Void visitParam(Scalar.Param s) {
            return null;
        }

        @Override
        public Void visitNow(Scalar.Now s) {
            return null;
        }

        @Override
        public Void visitFunction(Scalar.Function s) {
            s.arguments().forEach(a -> a.accept(this));
            return null;
        }

        @Override
        public Void visitUnary(Scalar.Unary s) {
            return s.operand().accept(this);
        }

        @Override
        public Void visitBinary(Scalar.Binary s) {
            s.left().accept(this);
            return s.right().accept(this);
        }

        @Override
        public Void visitInList(Scalar.InList s) {
            s.value().accept(this);
            s.items().forEach(a -> a.accept(this));
            return null;
        }

        @Override
        public Void visitBetween(Scalar.Between s) {
            s.value().accept(this);
            s.low().accept(this);
            return s.high().accept(this);
        }

        @Override
        public Void visitIsNull(Scalar.IsNull s) {
            return s.value().accept(this);
        }

        @Override
        public Void visitAggregate(Scalar.Aggregate s) {
            links(s.path());
            if (s.value() != null) {
                s.value().accept(this);
            }
            if (s.filter() != null) {
                s.filter().accept(this);
            }
            return null;
        }

        @Override
        public Void visitInAudience(Scalar.InAudience s) {
            used.add(s.audience().entity());
            s.audience().conditions().forEach(c -> c.accept(this));
            return null;
        }

        @Override
        public Void visitInSaved(Scalar.InSaved s) {
            used.add(s.entity());
            return null;
        }
    }
}
