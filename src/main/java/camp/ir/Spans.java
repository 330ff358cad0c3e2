package camp.ir;

import java.util.List;

/** Expressions without their source positions, so that two expressions written alike compare equal. */
final class Spans {
    private Spans() {
    }

    static Scalar erase(Scalar s) {
        return s == null ? null : s.accept(ERASER);
    }

    private static List<Scalar> erase(List<Scalar> list) {
        return list.stream().map(Spans::erase).toList();
    }

    private static final Scalar.Visitor<Scalar> ERASER = new Scalar.Visitor<>() {
        @Override
        public Scalar visitLiteral(Scalar.Literal s) {
            return new Scalar.Literal(s.type(), s.value(), null);
        }

        @Override
        public Scalar visitColumn(Scalar.Column s) {
            return new Scalar.Column(s.name(), s.depth(), s.type(), null);
        }

        @Override
        public Scalar visitAttribute(Scalar.Attribute s) {
            return new Scalar.Attribute(s.path(), s.entity(), s.name(), s.depth(), s.type(), null);
        }

        @Override
        public Scalar visitParam(Scalar.Param s) {
            return new Scalar.Param(s.name(), s.type(), null);
        }

        @Override
        public Scalar visitNow(Scalar.Now s) {
            return new Scalar.Now(s.type(), null);
        }

        @Override
        public Scalar visitFunction(Scalar.Function s) {
            return new Scalar.Function(s.function(), erase(s.arguments()), s.type(), null);
        }

        @Override
        public Scalar visitUnary(Scalar.Unary s) {
            return new Scalar.Unary(s.op(), erase(s.operand()), s.type(), null);
        }

        @Override
        public Scalar visitBinary(Scalar.Binary s) {
            return new Scalar.Binary(s.op(), erase(s.left()), erase(s.right()), s.type(), null);
        }

        @Override
        public Scalar visitInList(Scalar.InList s) {
            return new Scalar.InList(erase(s.value()), erase(s.items()), s.negated(), null);
        }

        @Override
        public Scalar visitBetween(Scalar.Between s) {
            return new Scalar.Between(erase(s.value()), erase(s.low()), erase(s.high()), s.negated(), null);
        }

        @Override
        public Scalar visitIsNull(Scalar.IsNull s) {
            return new Scalar.IsNull(erase(s.value()), s.negated(), null);
        }

        @Override
        public Scalar visitAggregate(Scalar.Aggregate s) {
            return new Scalar.Aggregate(s.function(), s.path(), s.depth(), erase(s.value()), erase(s.filter()), s.type(), null);
        }

        @Override
        public Scalar visitInAudience(Scalar.InAudience s) {
            Audience a = s.audience();
            return new Scalar.InAudience(new Audience(a.name(), a.entity(), erase(a.conditions())), s.depth(), null);
        }

        @Override
        public Scalar visitInSaved(Scalar.InSaved s) {
            return new Scalar.InSaved(s.audience(), s.entity(), s.depth(), null);
        }
    };
}
