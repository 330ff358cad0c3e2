package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.Type;
import java.util.List;

/**
 * A checked, typed expression whose every name is resolved: the expressions of the IR. The
 * checker builds them from the AST's expressions; the SQL writer renders them.
 *
 * <p>Row references carry a {@code depth}: 0 is the innermost row (inside an aggregate's
 * parentheses, the linked record), 1 the row around it, and so on. This is how
 * {@code count(purchases where store_id = favorite_store_id)} refers to both rows.
 */
public sealed interface Scalar {
    Type type();

    Span span();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitLiteral(Literal s);

        R visitColumn(Column s);

        R visitAttribute(Attribute s);

        R visitParam(Param s);

        R visitNow(Now s);

        R visitFunction(Function s);

        R visitUnary(Unary s);

        R visitBinary(Binary s);

        R visitInList(InList s);

        R visitBetween(Between s);

        R visitIsNull(IsNull s);

        R visitAggregate(Aggregate s);

        R visitInAudience(InAudience s);

        R visitInSaved(InSaved s);
    }

    /**
     * A constant: a Long, BigDecimal, String, Boolean, LocalDate, LocalTime, LocalDateTime or
     * {@link camp.types.DurationValue}, or null.
     */
    record Literal(Type type, Object value, Span span) implements Scalar {
        public Literal {
            requireNonNull(type, "type is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLiteral(this);
        }
    }

    /** An enriched column of the worktable row at {@code depth}. */
    record Column(String name, int depth, Type type, Span span) implements Scalar {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitColumn(this);
        }
    }

    /**
     * An attribute of the row's entity at {@code depth}, reached through zero or more one links
     * ({@code store.city} has path [store]); absent links give null.
     */
    record Attribute(List<Link> path, String entity, String name, int depth, Type type, Span span) implements Scalar {
        public Attribute {
            path = List.copyOf(path);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAttribute(this);
        }
    }

    record Param(String name, Type type, Span span) implements Scalar {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitParam(this);
        }
    }

    /** {@code now()} (TIMESTAMP) or {@code today()} (DATE): the run's logical time in the campaign zone. */
    record Now(Type type, Span span) implements Scalar {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitNow(this);
        }
    }

    /** A built-in function of §5 such as lower or days_between. */
    record Function(Builtin function, List<Scalar> arguments, Type type, Span span) implements Scalar {
        public Function {
            arguments = List.copyOf(arguments);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFunction(this);
        }
    }

    record Unary(UnaryOp op, Scalar operand, Type type, Span span) implements Scalar {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitUnary(this);
        }
    }

    record Binary(BinaryOp op, Scalar left, Scalar right, Type type, Span span) implements Scalar {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBinary(this);
        }
    }

    record InList(Scalar value, List<Scalar> items, boolean negated, Span span) implements Scalar {
        public InList {
            items = List.copyOf(items);
        }

        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInList(this);
        }
    }

    record Between(Scalar value, Scalar low, Scalar high, boolean negated, Span span) implements Scalar {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBetween(this);
        }
    }

    record IsNull(Scalar value, boolean negated, Span span) implements Scalar {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitIsNull(this);
        }
    }

    enum AggregateFunction { COUNT, SUM, AVG, MIN, MAX, EXISTS }

    enum UnaryOp { NEGATE, NOT }

    enum BinaryOp {
        OR("or"), AND("and"),
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        CONTAINS("contains"), STARTS_WITH("starts with"), ENDS_WITH("ends with"), MATCHES("matches");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in scripts. */
        public String symbol() {
            return symbol;
        }
    }

    /**
     * An aggregate over the records of a many link reached from the row at {@code depth}
     * through {@code path} (zero or more one links, then the many link). {@code value} and
     * {@code filter} are evaluated on the linked record (depth 0 inside them).
     */
    record Aggregate(AggregateFunction function, List<Link> path, int depth, Scalar value, Scalar filter,
            Type type, Span span) implements Scalar {
        public Aggregate {
            path = List.copyOf(path);
        }

        public Link link() {
            return path.get(path.size() - 1);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAggregate(this);
        }
    }

    /** Membership of the row's key (at depth) in an audience's rule. */
    record InAudience(Audience audience, int depth, Span span) implements Scalar {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInAudience(this);
        }
    }

    /** Membership of the row's key (at depth) in a saved audience of the row's entity. */
    record InSaved(String audience, String entity, int depth, Span span) implements Scalar {
        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInSaved(this);
        }
    }
}
