package camp.ir;

/**
 * A visitor that walks every node of an expression, children after their parent: the
 * arguments of functions, both sides of operators, the value and filter of aggregates, and the
 * conditions of the audiences that {@code in audience} names. Subclasses override the visits
 * they care about and call {@code super} to go on walking below.
 */
public abstract class ScalarWalker implements Scalar.Visitor<Void> {
    /** Walks an expression; null is nothing to walk. */
    public final void walk(Scalar s) {
        if (s != null) {
            s.accept(this);
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
        s.arguments().forEach(this::walk);
        return null;
    }

    @Override
    public Void visitUnary(Scalar.Unary s) {
        walk(s.operand());
        return null;
    }

    @Override
    public Void visitBinary(Scalar.Binary s) {
        walk(s.left());
        walk(s.right());
        return null;
    }

    @Override
    public Void visitInList(Scalar.InList s) {
        walk(s.value());
        s.items().forEach(this::walk);
        return null;
    }

    @Override
    public Void visitBetween(Scalar.Between s) {
        walk(s.value());
        walk(s.low());
        walk(s.high());
        return null;
    }

    @Override
    public Void visitIsNull(Scalar.IsNull s) {
        walk(s.value());
        return null;
    }

    @Override
    public Void visitAggregate(Scalar.Aggregate s) {
        walk(s.value());
        walk(s.filter());
        return null;
    }

    @Override
    public Void visitInAudience(Scalar.InAudience s) {
        s.audience().conditions().forEach(this::walk);
        return null;
    }

    @Override
    public Void visitInSaved(Scalar.InSaved s) {
        return null;
    }
}
