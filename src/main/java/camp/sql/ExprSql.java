package camp.sql;

import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Scalar;
import camp.ir.SharedAggregates;
import camp.types.DurationValue;
import camp.types.Type;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders a {@link Scalar} as a DuckDB SQL expression. Every literal goes through the
 * {@link Dialect}'s quoting; names are resolved already, so the only thing decided here is
 * which alias a row reference uses: {@code frames.get(depth)}.
 */
final class ExprSql {
    private final SqlContext ctx;
    private final Frame.Aliases aliases;
    private final Map<String, String> columnOverrides;

    ExprSql(SqlContext ctx, Frame.Aliases aliases) {
        this(ctx, aliases, Map.of());
    }

    /** With overrides for columns that are not in a worktable (the {@code count} of a test). */
    ExprSql(SqlContext ctx, Frame.Aliases aliases, Map<String, String> columnOverrides) {
        this.ctx = ctx;
        this.aliases = aliases;
        this.columnOverrides = columnOverrides;
    }

    String render(Scalar s, Frame top) {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(top);
        return render(s, frames);
    }

    /** A condition as a WHERE accepts it: only true passes, so unknown counts as false. */
    String condition(Scalar s, Frame top) {
        return render(s, top);
    }

    String render(Scalar s, Deque<Frame> frames) {
        return s.accept(new Renderer(frames));
    }

    static Frame at(Deque<Frame> frames, int depth) {
        int i = 0;
        for (Frame f : frames) {
            if (i++ == depth) {
                return f;
            }
        }
        throw new IllegalStateException("no row at depth " + depth);
    }

    String literal(Type type, Object value) {
        Dialect d = ctx.dialect();
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Long l) {
            return d.integer(l);
        }
        if (value instanceof BigDecimal b) {
            return d.decimal(b);
        }
        if (value instanceof Double x) {
            return BigDecimal.valueOf(x).toPlainString();
        }
        if (value instanceof String str) {
            return d.string(str);
        }
        if (value instanceof Boolean b) {
            return d.bool(b);
        }
        if (value instanceof LocalDateTime t) {
            return d.timestamp(t);
        }
        if (value instanceof LocalDate dt) {
            return type == Type.TIMESTAMP ? d.timestamp(dt.atStartOfDay()) : d.date(dt);
        }
        if (value instanceof LocalTime t) {
            return d.time(t);
        }
        if (value instanceof DurationValue dv) {
            return d.interval(dv);
        }
        throw new IllegalArgumentException("no SQL literal for " + value.getClass());
    }

    private final class Renderer implements Scalar.Visitor<String> {
        private final Deque<Frame> frames;

        Renderer(Deque<Frame> frames) {
            this.frames = frames;
        }

        private String sub(Scalar s) {
            return s.accept(this);
        }

        @Override
        public String visitLiteral(Scalar.Literal s) {
            return literal(s.type(), s.value());
        }

        @Override
        public String visitColumn(Scalar.Column s) {
            String override = columnOverrides.get(s.name());
            if (override != null) {
                return override;
            }
            Frame f = at(frames, s.depth());
            return f.worktableAlias + "." + ctx.id(s.name());
        }

        @Override
        public String visitAttribute(Scalar.Attribute s) {
            Frame f = at(frames, s.depth());
            return f.aliasFor(s.path()) + "." + ctx.id(s.name());
        }

        @Override
        public String visitParam(Scalar.Param s) {
            Object value = ctx.param(s.name());
            return value == null ? "CAST(NULL AS " + ctx.dialect().type(s.type()) + ")" : literal(s.type(), value);
        }

        @Override
        public String visitNow(Scalar.Now s) {
            return s.type() == Type.DATE ? ctx.dialect().date(ctx.now().toLocalDate()) : ctx.dialect().timestamp(ctx.now());
        }

        @Override
        public String visitFunction(Scalar.Function s) {
            List<String> a = s.arguments().stream().map(this::sub).toList();
            Dialect d = ctx.dialect();
            String today = d.date(ctx.now().toLocalDate());
            return switch (s.function()) {
                case LOWER, UPPER, TRIM, LENGTH, ABS, FLOOR, CEIL, COALESCE -> s.function().label() + "(" + String.join(", ", a) + ")";
                case CONCAT -> d.concat(a);
                case ROUND -> d.round(a, s.arguments().get(0).type());
                case YEAR, MONTH, DAY, HOUR -> d.datePart(s.function().label().toUpperCase(java.util.Locale.ROOT), a.get(0));
                case WEEKDAY -> d.isoWeekday(a.get(0));
                case DATE -> s.arguments().get(0).type() == Type.TEXT ? d.tryCast(a.get(0), "DATE") : "CAST(" + a.get(0) + " AS DATE)";
                case AGE -> d.yearsBetween(a.get(0), today);
                case DAYS_BETWEEN -> d.daysBetween(a.get(0), a.get(1));
            };
        }

        @Override
        public String visitUnary(Scalar.Unary s) {
            String operand = sub(s.operand());
            return s.op() == Scalar.UnaryOp.NOT ? "(NOT " + operand + ")" : "(-" + operand + ")";
        }

        @Override
        public String visitBinary(Scalar.Binary s) {
            String l = sub(s.left());
            String r = sub(s.right());
            Dialect d = ctx.dialect();
            return switch (s.op()) {
                case OR -> "(" + l + " OR " + r + ")";
                case AND -> "(" + l + " AND " + r + ")";
                case EQ -> "(" + l + " = " + r + ")";
                case NE -> "(" + l + " <> " + r + ")";
                case LT -> "(" + l + " < " + r + ")";
                case LE -> "(" + l + " <= " + r + ")";
                case GT -> "(" + l + " > " + r + ")";
                case GE -> "(" + l + " >= " + r + ")";
                case ADD, SUB -> {
                    if (s.op() == Scalar.BinaryOp.SUB && s.left().type() == Type.DATE && s.right().type() == Type.DATE) {
                        yield d.subtractDates(l, r);
                    }
                    String op = s.op() == Scalar.BinaryOp.ADD ? " + " : " - ";
                    String e = "(" + l + op + r + ")";
                    yield s.type() == Type.DATE && (s.left().type() == Type.DURATION || s.right().type() == Type.DURATION)
                            ? "CAST(" + e + " AS DATE)" : e;
                }
                case MUL -> "(" + l + " * " + r + ")";
                case DIV -> d.divide(l, r, s.type());
                case MOD -> "(" + l + " % " + r + ")";
                case CONTAINS -> d.contains(l, r);
                case STARTS_WITH -> d.startsWith(l, r);
                case ENDS_WITH -> d.endsWith(l, r);
                case MATCHES -> d.regexMatches(l, r);
            };
        }

        @Override
        public String visitInList(Scalar.InList s) {
            return "(" + sub(s.value()) + (s.negated() ? " NOT IN (" : " IN (")
                    + s.items().stream().map(this::sub).collect(Collectors.joining(", ")) + "))";
        }

        @Override
        public String visitBetween(Scalar.Between s) {
            return "(" + sub(s.value()) + (s.negated() ? " NOT BETWEEN " : " BETWEEN ") + sub(s.low()) + " AND " + sub(s.high()) + ")";
        }

        @Override
        public String visitIsNull(Scalar.IsNull s) {
            return "(" + sub(s.value()) + (s.negated() ? " IS NOT NULL)" : " IS NULL)");
        }

        @Override
        public String visitAggregate(Scalar.Aggregate s) {
            Frame owner = at(frames, s.depth());
            List<Link> prefix = s.path().subList(0, s.path().size() - 1);
            String ownerAlias = owner.aliasFor(prefix);
            Entity ownerEntity = prefix.isEmpty() ? owner.entity : ctx.entities().get(prefix.get(prefix.size() - 1).target());
            if (owner.groupAggregates && s.depth() == frames.size() - 1 && SharedAggregates.isLocal(s)) {
                return grouped(s, owner, ownerAlias, ownerEntity);
            }
            Link link = s.link();
            Entity target = ctx.entities().get(link.target());
            String alias = aliases.next("a");
            Frame inner = new Frame(ctx, aliases, null, alias, target);
            inner.entityUsed = true;
            frames.push(inner);
            List<String> where = new ArrayList<>();
            String value;
            try {
                if (link.isDeliveries()) {
                    where.add(alias + ".entity = " + ctx.dialect().string(ownerEntity.name()));
                    where.add(alias + ".recipient = " + ctx.dialect().text(ownerAlias + "." + ctx.id(ownerEntity.key())));
                } else {
                    where.add(alias + "." + ctx.id(link.column()) + " = " + ownerAlias + "." + ctx.id(ownerEntity.key()));
                }
                value = s.value() == null ? null : sub(s.value());
                if (s.filter() != null) {
                    where.add(sub(s.filter()));
                }
            } finally {
                frames.pop();
            }
            String from = inner.fromEntity("  ");
            String whereSql = String.join(" AND ", where);
            return switch (s.function()) {
                case EXISTS -> "EXISTS (SELECT 1 FROM " + from + " WHERE " + whereSql + ")";
                case COUNT -> "(SELECT count(" + (value == null ? "*" : value) + ") FROM " + from + " WHERE " + whereSql + ")";
                case SUM -> "coalesce((SELECT sum(" + value + ") FROM " + from + " WHERE " + whereSql + "), 0)";
                case AVG -> "(SELECT avg(" + value + ") FROM " + from + " WHERE " + whereSql + ")";
                case MIN -> "(SELECT min(" + value + ") FROM " + from + " WHERE " + whereSql + ")";
                case MAX -> "(SELECT max(" + value + ") FROM " + from + " WHERE " + whereSql + ")";
            };
        }

        /** An aggregate of the top-level row, computed in its link's grouped subquery. */
        private String grouped(Scalar.Aggregate s, Frame owner, String ownerAlias, Entity ownerEntity) {
            Frame.Group g = owner.group(ownerAlias, ownerEntity, s.link());
            String column;
            int shared = g.fact == null ? -1 : g.fact.indexOf(s);
            if (shared >= 0) {
                column = g.alias + ".__a" + (shared + 1);
            } else {
                if (g.fact != null) {
                    // the plan shares this link but not this aggregate: compute it in the step's own group
                    g = owner.ownGroup(ownerAlias, ownerEntity, s.link());
                }
                column = g.alias + "." + g.add(groupSelect(s, g));
            }
            return switch (s.function()) {
                case EXISTS -> "(coalesce(" + column + ", 0) > 0)";
                case COUNT, SUM -> "coalesce(" + column + ", 0)";
                case AVG, MIN, MAX -> column;
            };
        }

        /** The aggregate's select in its group, rendered over the group's records. */
        private String groupSelect(Scalar.Aggregate s, Frame.Group g) {
            return aggregateSelect(s, g.inner);
        }

        @Override
        public String visitInAudience(Scalar.InAudience s) {
            Frame row = at(frames, s.depth());
            Deque<Frame> own = new ArrayDeque<>();
            own.push(row);
            Renderer r = new Renderer(own);
            if (s.audience().conditions().isEmpty()) {
                return "TRUE";
            }
            String conditions = s.audience().conditions().stream().map(c -> c.accept(r)).collect(Collectors.joining(" AND "));
            return "coalesce(" + conditions + ", FALSE)";
        }

        @Override
        public String visitInSaved(Scalar.InSaved s) {
            Frame row = at(frames, s.depth());
            String alias = row.aliasFor(List.of());
            return "(" + alias + "." + ctx.id(row.entity.key()) + " IN (SELECT __key FROM " + ctx.savedTable(s.audience()) + "))";
        }
    }

    /** An aggregate as a select over the linked records of {@code records}, as a grouped subquery or a shared table computes it. */
    String aggregateSelect(Scalar.Aggregate s, Frame records) {
        Deque<Frame> inner = new ArrayDeque<>();
        inner.push(records);
        Renderer r = new Renderer(inner);
        String value = s.value() == null ? null : s.value().accept(r);
        String filter = s.filter() == null ? "" : " FILTER (WHERE " + s.filter().accept(r) + ")";
        return switch (s.function()) {
            case EXISTS -> "count(*)" + filter;
            case COUNT -> "count(" + (value == null ? "*" : value) + ")" + filter;
            case SUM -> "sum(" + value + ")" + filter;
            case AVG -> "avg(" + value + ")" + filter;
            case MIN -> "min(" + value + ")" + filter;
            case MAX -> "max(" + value + ")" + filter;
        };
    }
}
