package camp.ir;

import java.util.stream.Collectors;

/** Prints a resolved expression back in camp syntax, with resolution marks: {@code @w.} columns, {@code $} params. */
public final class ScalarPrinter implements Scalar.Visitor<String> {
    public static String print(Scalar s) {
        return s.accept(new ScalarPrinter());
    }

    private String path(java.util.List<Link> links, String name, int depth) {
        StringBuilder b = new StringBuilder("^".repeat(depth));
        for (Link l : links) {
            b.append(l.name()).append('.');
        }
        return b.append(name).toString();
    }

    @Override
    public String visitLiteral(Scalar.Literal s) {
        Object v = s.value();
        if (v instanceof String str) {
            return '"' + str.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        return String.valueOf(v);
    }

    @Override
    public String visitColumn(Scalar.Column s) {
        return "^".repeat(s.depth()) + "@" + s.name();
    }

    @Override
    public String visitAttribute(Scalar.Attribute s) {
        return path(s.path(), s.name(), s.depth());
    }

    @Override
    public String visitParam(Scalar.Param s) {
        return "$" + s.name();
    }

    @Override
    public String visitNow(Scalar.Now s) {
        return s.type() == camp.types.Type.DATE ? "today()" : "now()";
    }

    @Override
    public String visitFunction(Scalar.Function s) {
        return s.function().label() + "(" + s.arguments().stream().map(a -> a.accept(this)).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public String visitUnary(Scalar.Unary s) {
        return (s.op() == Scalar.UnaryOp.NOT ? "not " : "-") + s.operand().accept(this);
    }

    @Override
    public String visitBinary(Scalar.Binary s) {
        return "(" + s.left().accept(this) + " " + s.op().symbol() + " " + s.right().accept(this) + ")";
    }

    @Override
    public String visitInList(Scalar.InList s) {
        return "(" + s.value().accept(this) + (s.negated() ? " not in (" : " in (")
                + s.items().stream().map(a -> a.accept(this)).collect(Collectors.joining(", ")) + "))";
    }

    @Override
    public String visitBetween(Scalar.Between s) {
        return "(" + s.value().accept(this) + (s.negated() ? " not between " : " between ") + s.low().accept(this)
                + " and " + s.high().accept(this) + ")";
    }

    @Override
    public String visitIsNull(Scalar.IsNull s) {
        return "(" + s.value().accept(this) + (s.negated() ? " is not null)" : " is null)");
    }

    @Override
    public String visitAggregate(Scalar.Aggregate s) {
        StringBuilder b = new StringBuilder(s.function().name().toLowerCase(java.util.Locale.ROOT)).append('(');
        b.append("^".repeat(s.depth()));
        b.append(s.path().stream().map(Link::name).collect(Collectors.joining(".")));
        if (s.value() != null) {
            b.append(" -> ").append(s.value().accept(this));
        }
        if (s.filter() != null) {
            b.append(" where ").append(s.filter().accept(this));
        }
        return b.append(')').toString();
    }

    @Override
    public String visitInAudience(Scalar.InAudience s) {
        return "in audience " + s.audience().name();
    }

    @Override
    public String visitInSaved(Scalar.InSaved s) {
        return "in saved \"" + s.audience() + "\"";
    }
}
