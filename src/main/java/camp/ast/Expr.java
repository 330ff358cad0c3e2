package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.DurationValue;
import java.util.List;

/** An expression of the rule language (§5). Consumers dispatch with {@link Visitor}. */
public sealed interface Expr {
    Span span();

    <R> R accept(Visitor<R> visitor);

    /** One method per node kind: implementing it is the exhaustiveness check. */
    interface Visitor<R> {
        R visitLiteral(Literal e);

        R visitRef(Ref e);

        R visitMember(Member e);

        R visitCall(Call e);

        R visitUnary(Unary e);

        R visitBinary(Binary e);

        R visitInList(InList e);

        R visitBetween(Between e);

        R visitIsNull(IsNull e);

        R visitInAudience(InAudience e);

        R visitInSaved(InSaved e);
    }

    enum LiteralKind { INT, DECIMAL, STRING, BOOL, NULL, DATE, TIME, TIMESTAMP, DURATION }

    /**
     * A literal. {@code value} is a Long, BigDecimal, String, Boolean, LocalDate, LocalTime,
     * LocalDateTime or {@link DurationValue} according to {@code kind}, and null for NULL.
     */
    record Literal(LiteralKind kind, Object value, Span span) implements Expr {
        public Literal {
            requireNonNull(kind, "kind is null");
            requireNonNull(span, "span is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLiteral(this);
        }
    }

    /** A bare name: an enriched column, attribute, link or param. */
    record Ref(Name name) implements Expr {
        public Ref {
            requireNonNull(name, "name is null");
        }

        @Override
        public Span span() {
            return name.span();
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitRef(this);
        }
    }

    /** {@code target.member}: an attribute through a one link, or a many link's attribute in an aggregate. */
    record Member(Expr target, Name member, Span span) implements Expr {
        public Member {
            requireNonNull(target, "target is null");
            requireNonNull(member, "member is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitMember(this);
        }
    }

    /** One argument of a call; {@code filter} is the optional {@code where} of an aggregate. */
    record Argument(Expr value, Expr filter, Span span) {
        public Argument {
            requireNonNull(value, "value is null");
        }
    }

    /** A function call or an aggregate such as {@code count(purchases where amount > 10)}. */
    record Call(Name function, List<Argument> arguments, Span span) implements Expr {
        public Call {
            requireNonNull(function, "function is null");
            arguments = List.copyOf(arguments);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCall(this);
        }
    }

    enum UnaryOp { NEGATE, NOT }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
        public Unary {
            requireNonNull(op, "op is null");
            requireNonNull(operand, "operand is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitUnary(this);
        }
    }

    enum BinaryOp {
        OR("or"), AND("and"),
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        CONTAINS("contains"), STARTS_WITH("starts with"), ENDS_WITH("ends with"), MATCHES("matches");

        private final String symbol;

        BinaryOp(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isComparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span span) implements Expr {
        public Binary {
            requireNonNull(op, "op is null");
            requireNonNull(left, "left is null");
            requireNonNull(right, "right is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBinary(this);
        }
    }

    record InList(Expr value, List<Expr> items, boolean negated, Span span) implements Expr {
        public InList {
            requireNonNull(value, "value is null");
            items = List.copyOf(items);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInList(this);
        }
    }

    record Between(Expr value, Expr low, Expr high, boolean negated, Span span) implements Expr {
        public Between {
            requireNonNull(value, "value is null");
            requireNonNull(low, "low is null");
            requireNonNull(high, "high is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBetween(this);
        }
    }

    record IsNull(Expr value, boolean negated, Span span) implements Expr {
        public IsNull {
            requireNonNull(value, "value is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitIsNull(this);
        }
    }

    /** {@code in audience NAME}: the row's key is in the named audience's rule. */
    record InAudience(Name audience, Span span) implements Expr {
        public InAudience {
            requireNonNull(audience, "audience is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInAudience(this);
        }
    }

    /** {@code in saved "name"}: the row's key is in a saved audience. */
    record InSaved(String name, Span nameSpan, Span span) implements Expr {
        public InSaved {
            requireNonNull(name, "name is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitInSaved(this);
        }
    }
}
