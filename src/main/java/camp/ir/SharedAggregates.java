package camp.ir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pass over the plan: the aggregates that several steps compute over the same link of the
 * same entity ({@code count(purchases where ...)} in two builds and an enrich). Each such link
 * becomes a {@link Fact}: every aggregate over it, to be computed in one pass over the linked
 * records for every owner, which each step then reads by key; what a person writing the whole
 * campaign by hand would do. A link used by one step only is not a fact: that step computes its
 * aggregates over its own rows. The delivery history is never shared, since the run adds to it.
 *
 * <p>An aggregate can be shared when it belongs to a step's rows (it is evaluated per row of
 * the step, {@link Expressions#onRows}), starts at the row's own entity (not through a one link)
 * and refers only to the linked records. Aggregates that compute the same thing are computed
 * once ({@link #key}).
 */
public final class SharedAggregates {
    private SharedAggregates() {
    }

    /**
     * The aggregates over one link of one entity that several steps compute.
     *
     * @param aggregates each distinct aggregate once, in order of first use
     * @param users the steps that compute some of them, in plan order
     */
    public record Fact(String owner, Link link, List<Scalar.Aggregate> aggregates, List<String> users) {
        public Fact {
            aggregates = List.copyOf(aggregates);
            users = List.copyOf(users);
        }

        /** The position of an aggregate in this fact, or -1. */
        public int indexOf(Scalar.Aggregate aggregate) {
            Scalar key = key(aggregate);
            for (int i = 0; i < aggregates.size(); i++) {
                if (key(aggregates.get(i)).equals(key)) {
                    return i;
                }
            }
            return -1;
        }
    }

    /**
     * What makes two aggregates the same fact: equal but for their source positions, and
     * {@code exists(x where c)} the same as {@code count(x where c)} (it is that count above zero).
     */
    static Scalar key(Scalar.Aggregate a) {
        Scalar.Aggregate erased = (Scalar.Aggregate) Spans.erase(a);
        if (erased.function() == Scalar.AggregateFunction.EXISTS) {
            return new Scalar.Aggregate(Scalar.AggregateFunction.COUNT, erased.path(), erased.depth(), null, erased.filter(),
                    camp.types.Type.INT, null);
        }
        return erased;
    }

    /** The plan with its facts. */
    public static Plan apply(Plan plan) {
        Map<String, Builder> found = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            String entity = rowEntity(step, plan);
            if (entity == null) {
                continue;
            }
            for (Scalar s : Expressions.onRows(step)) {
                collect(s, 0, entity, step.name(), found);
            }
        }
        List<Fact> facts = new ArrayList<>();
        for (Builder b : found.values()) {
            if (b.users.size() >= 2) {
                facts.add(new Fact(b.owner, b.link, b.aggregates, List.copyOf(b.users)));
            }
        }
        return plan.withShared(facts);
    }

    /** The entity of the rows a step evaluates its row expressions on, or null. */
    private static String rowEntity(Step step, Plan plan) {
        if (step instanceof Step.Build b) {
            return b.source().entity();
        }
        if (step.inputs().isEmpty()) {
            return null;
        }
        return plan.inputShape(step, 0).entity();
    }

    private static final class Builder {
        final String owner;
        final Link link;
        final List<Scalar.Aggregate> aggregates = new ArrayList<>();
        final List<Scalar> keys = new ArrayList<>();
        final Set<String> users = new LinkedHashSet<>();

        Builder(String owner, Link link) {
            this.owner = owner;
            this.link = link;
        }

        void add(Scalar.Aggregate a, String step) {
            users.add(step);
            Scalar key = key(a);
            if (!keys.contains(key)) {
                keys.add(key);
                aggregates.add(a);
            }
        }
    }

    /**
     * Walks an expression evaluated at the step's row, {@code level} aggregates deep (each a
     * correlated subquery around it), collecting the aggregates that refer to the step's row.
     */
    private static void collect(Scalar s, int level, String entity, String step, Map<String, Builder> found) {
        if (s == null) {
            return;
        }
        s.accept(new Scalar.Visitor<Void>() {
            private Void sub(Scalar x) {
                collect(x, level, entity, step, found);
                return null;
            }

            @Override
            public Void visitLiteral(Scalar.Literal x) {
                return null;
            }

            @Override
            public Void visitColumn(Scalar.Column x) {
                return null;
            }

            @Override
            public Void visitAttribute(Scalar.Attribute x) {
                return null;
            }

            @Override
            public Void visitParam(Scalar.Param x) {
                return null;
            }

            @Override
            public Void visitNow(Scalar.Now x) {
                return null;
            }

            @Override
            public Void visitFunction(Scalar.Function x) {
                x.arguments().forEach(this::sub);
                return null;
            }

            @Override
            public Void visitUnary(Scalar.Unary x) {
                return sub(x.operand());
            }

            @Override
            public Void visitBinary(Scalar.Binary x) {
                sub(x.left());
                return sub(x.right());
            }

            @Override
            public Void visitInList(Scalar.InList x) {
                sub(x.value());
                x.items().forEach(this::sub);
                return null;
            }

            @Override
            public Void visitBetween(Scalar.Between x) {
                sub(x.value());
                sub(x.low());
                return sub(x.high());
            }

            @Override
            public Void visitIsNull(Scalar.IsNull x) {
                return sub(x.value());
            }

            @Override
            public Void visitAggregate(Scalar.Aggregate x) {
                if (x.depth() == level && x.path().size() == 1 && isLocal(x) && !x.link().isDeliveries()) {
                    found.computeIfAbsent(entity + "/" + x.link().name(), k -> new Builder(entity, x.link())).add(x, step);
                    return null;
                }
                if (!isLocal(x)) {
                    // a correlated subquery: what it refers to outside is one level further out
                    collect(x.value(), level + 1, entity, step, found);
                    collect(x.filter(), level + 1, entity, step, found);
                }
                return null;
            }

            @Override
            public Void visitInAudience(Scalar.InAudience x) {
                if (x.depth() == level) {
                    // the audience's conditions are evaluated on the step's row itself
                    x.audience().conditions().forEach(c -> collect(c, 0, entity, step, found));
                }
                return null;
            }

            @Override
            public Void visitInSaved(Scalar.InSaved x) {
                return null;
            }
        });
    }

    /** Whether an aggregate's value and filter refer only to the linked records (not to rows around them). */
    public static boolean isLocal(Scalar.Aggregate a) {
        return escapes(a.value(), 0) == 0 && escapes(a.filter(), 0) == 0;
    }

    /** 1 when the expression, evaluated {@code level} aggregates deep, refers to a row outside them. */
    private static int escapes(Scalar s, int level) {
        if (s == null) {
            return 0;
        }
        return s.accept(new Scalar.Visitor<Integer>() {
            private int of(Scalar x) {
                return escapes(x, level);
            }

            @Override
            public Integer visitLiteral(Scalar.Literal x) {
                return 0;
            }

            @Override
            public Integer visitColumn(Scalar.Column x) {
                return 1;
            }

            @Override
            public Integer visitAttribute(Scalar.Attribute x) {
                return x.depth() > level ? 1 : 0;
            }

            @Override
            public Integer visitParam(Scalar.Param x) {
                return 0;
            }

            @Override
            public Integer visitNow(Scalar.Now x) {
                return 0;
            }

            @Override
            public Integer visitFunction(Scalar.Function x) {
                return x.arguments().stream().mapToInt(this::of).max().orElse(0);
            }

            @Override
            public Integer visitUnary(Scalar.Unary x) {
                return of(x.operand());
            }

            @Override
            public Integer visitBinary(Scalar.Binary x) {
                return Math.max(of(x.left()), of(x.right()));
            }

            @Override
            public Integer visitInList(Scalar.InList x) {
                return Math.max(of(x.value()), x.items().stream().mapToInt(this::of).max().orElse(0));
            }

            @Override
            public Integer visitBetween(Scalar.Between x) {
                return Math.max(of(x.value()), Math.max(of(x.low()), of(x.high())));
            }

            @Override
            public Integer visitIsNull(Scalar.IsNull x) {
                return of(x.value());
            }

            @Override
            public Integer visitAggregate(Scalar.Aggregate x) {
                if (x.depth() > level) {
                    return 1;
                }
                return Math.max(escapes(x.value(), level + 1), escapes(x.filter(), level + 1));
            }

            @Override
            public Integer visitInAudience(Scalar.InAudience x) {
                return x.depth() > level ? 1 : 0;
            }

            @Override
            public Integer visitInSaved(Scalar.InSaved x) {
                return x.depth() > level ? 1 : 0;
            }
        });
    }
}
