package camp.check;

import camp.ast.Expr;
import camp.ast.Name;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Suggestions;
import camp.ir.Audience;
import camp.ir.Builtin;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Param;
import camp.ir.Scalar;
import camp.source.Span;
import camp.types.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves and type-checks one expression in a {@link Scope}, producing its {@link Scalar}.
 * Errors are reported and the offending node gets type {@link Type#ERROR}, which matches
 * everything, so one mistake is reported once.
 */
final class ExprChecker {
    /** Every name a script may call, for did-you-mean: the catalog's functions and the aggregates. */
    static final List<String> FUNCTIONS = Builtin.callableNames();

    private final Symbols symbols;
    private final List<Diagnostic> diagnostics;
    ExprChecker(Symbols symbols, List<Diagnostic> diagnostics) {
        this.symbols = symbols;
        this.diagnostics = diagnostics;
    }

    /** Checks a condition: it must be bool. */
    Scalar condition(Expr e, Scope scope) {
        Scalar s = check(e, scope);
        if (s.type() != Type.BOOL && s.type() != Type.ERROR && s.type() != Type.NULL) {
            report(Diagnostic.at(e.span(), Code.NOT_BOOLEAN, s.type())
                    .withHelp(s.type() == Type.TEXT || s.type().isNumeric() ? "compare it, as in '" + e.span().text() + " = ...'" : null));
        }
        return s;
    }

    Scalar check(Expr e, Scope scope) {
        return e.accept(new Visitor(scope));
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    private static Scalar error(Span span) {
        return new Scalar.Literal(Type.ERROR, null, span);
    }

    /** The member path a.b.c of an expression, or null if it is not a plain path. */
    static List<Name> path(Expr e) {
        if (e instanceof Expr.Ref r) {
            List<Name> p = new ArrayList<>();
            p.add(r.name());
            return p;
        }
        if (e instanceof Expr.Member m) {
            List<Name> p = path(m.target());
            if (p != null) {
                p.add(m.member());
            }
            return p;
        }
        return null;
    }

    private final class Visitor implements Expr.Visitor<Scalar> {
        private final Scope scope;

        Visitor(Scope scope) {
            this.scope = scope;
        }

        private Scalar sub(Expr e) {
            return check(e, scope);
        }

        @Override
        public Scalar visitLiteral(Expr.Literal e) {
            Type t = switch (e.kind()) {
                case INT -> Type.INT;
                case DECIMAL -> Type.DECIMAL;
                case STRING -> Type.TEXT;
                case BOOL -> Type.BOOL;
                case NULL -> Type.NULL;
                case DATE -> Type.DATE;
                case TIME -> Type.TIME;
                case TIMESTAMP -> Type.TIMESTAMP;
                case DURATION -> Type.DURATION;
            };
            return new Scalar.Literal(t, e.value(), e.span());
        }

        @Override
        public Scalar visitRef(Expr.Ref e) {
            return resolvePath(List.of(e.name()), e.span());
        }

        @Override
        public Scalar visitMember(Expr.Member e) {
            List<Name> p = path(e);
            if (p == null) {
                sub(e.target());
                report(Diagnostic.at(e.member().span(), Code.UNKNOWN_NAME, e.member().value())
                        .withHelp("'.' follows links and attributes, as in store.city"));
                return error(e.span());
            }
            return resolvePath(p, e.span());
        }

        /** Resolves a path of names to a column, attribute (through one links) or param. */
        private Scalar resolvePath(List<Name> path, Span span) {
            Name first = path.get(0);
            if (scope.kind() == Scope.Kind.TEST) {
                if (first.value().equals("count") && path.size() == 1) {
                    return new Scalar.Column("count", 0, Type.INT, span);
                }
                Param p = symbols.params.get(first.value());
                if (p != null && path.size() == 1) {
                    return new Scalar.Param(p.name(), p.type(), span);
                }
                report(Diagnostic.at(first.span(), Code.TEST_CONDITION_NAME, first.value())
                        .withDidYouMean(first.value(), testNames()));
                return error(span);
            }
            int depth = 0;
            for (Scope s = scope; s != null && s.hasRow(); s = s.outer(), depth++) {
                Type column = s.columns().get(first.value());
                if (column != null) {
                    if (path.size() > 1) {
                        report(Diagnostic.at(path.get(1).span(), Code.UNKNOWN_MEMBER, first.value(), path.get(1).value()));
                        return error(span);
                    }
                    return new Scalar.Column(first.value(), depth, column, span);
                }
                if (s.entity() != null) {
                    Entity entity = symbols.entities.get(s.entity());
                    if (entity != null && (entity.attributes().containsKey(first.value())
                            || entity.links().containsKey(first.value()))) {
                        return attributePath(entity, path, depth, span);
                    }
                }
            }
            Param p = symbols.params.get(first.value());
            if (p != null) {
                if (path.size() > 1) {
                    report(Diagnostic.at(path.get(1).span(), Code.UNKNOWN_MEMBER, first.value(), path.get(1).value()));
                    return error(span);
                }
                return new Scalar.Param(p.name(), p.type(), span);
            }
            if (!symbols.reportUnknown(first.value())) {
                return error(span);
            }
            if (!scope.hasRow()) {
                String help = Suggestions.didYouMean(first.value(), symbols.params.keySet());
                if (help == null && rowName(first.value())) {
                    report(Diagnostic.at(first.span(), Code.NO_ROW_HERE, first.value(), scope.description()));
                } else {
                    report(Diagnostic.at(first.span(), Code.UNKNOWN_NAME, first.value())
                            .withDidYouMean(first.value(), symbols.params.keySet()));
                }
                return error(span);
            }
            report(Diagnostic.at(first.span(), Code.UNKNOWN_NAME, first.value())
                    .withDidYouMean(first.value(), visibleNames()));
            return error(span);
        }

        private Scalar attributePath(Entity start, List<Name> path, int depth, Span span) {
            Entity entity = start;
            List<Link> links = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                Name n = path.get(i);
                Type attr = entity.attributes().get(n.value());
                if (attr != null) {
                    if (i < path.size() - 1) {
                        report(Diagnostic.at(path.get(i + 1).span(), Code.UNKNOWN_MEMBER, n.value(), path.get(i + 1).value())
                                .withHelp("'" + n.value() + "' is an attribute, not a link"));
                        return error(span);
                    }
                    return new Scalar.Attribute(links, entity.name(), n.value(), depth, attr, span);
                }
                Link link = entity.links().get(n.value());
                if (link == null) {
                    Set<String> names = new LinkedHashSet<>(entity.attributes().keySet());
                    names.addAll(entity.links().keySet());
                    report(Diagnostic.at(n.span(), Code.UNKNOWN_MEMBER, entity.name(), n.value())
                            .withDidYouMean(n.value(), names));
                    return error(span);
                }
                if (link.many()) {
                    String text = joined(path.subList(0, i + 1));
                    report(Diagnostic.at(n.span(), Code.MANY_LINK_AS_VALUE, text, text, text));
                    return error(span);
                }
                links.add(link);
                Entity next = symbols.entities.get(link.target());
                if (next == null) {
                    return error(span);
                }
                entity = next;
            }
            Name last = path.get(path.size() - 1);
            report(Diagnostic.at(last.span(), Code.LINK_AS_VALUE, joined(path))
                    .withHelp("use one of its attributes, as in " + joined(path) + "."
                            + entity.attributes().keySet().stream().skip(1).findFirst().orElse(entity.key())));
            return error(span);
        }

        private Set<String> visibleNames() {
            Set<String> names = new LinkedHashSet<>();
            for (Scope s = scope; s != null && s.hasRow(); s = s.outer()) {
                names.addAll(s.columns().keySet());
                Entity entity = s.entity() == null ? null : symbols.entities.get(s.entity());
                if (entity != null) {
                    names.addAll(entity.attributes().keySet());
                    names.addAll(entity.links().keySet());
                }
            }
            names.addAll(symbols.params.keySet());
            return names;
        }

        /** Whether a name is an attribute or link of some entity: then it is a row's value, used where there is no row. */
        private boolean rowName(String name) {
            return symbols.entities.values().stream()
                    .anyMatch(e -> e.attributes().containsKey(name) || e.links().containsKey(name));
        }

        private Set<String> testNames() {
            Set<String> names = new LinkedHashSet<>(symbols.params.keySet());
            names.add("count");
            return names;
        }

        @Override
        public Scalar visitCall(Expr.Call e) {
            String fn = e.function().value();
            switch (fn) {
                case "count", "sum", "avg", "min", "max", "exists":
                    return aggregate(e, fn);
                default:
                    break;
            }
            if (!FUNCTIONS.contains(fn)) {
                report(Diagnostic.at(e.function().span(), Code.UNKNOWN_FUNCTION, fn)
                        .withDidYouMean(fn, FUNCTIONS, "the functions are " + String.join(", ", FUNCTIONS)));
                return error(e.span());
            }
            for (Expr.Argument a : e.arguments()) {
                if (a.filter() != null) {
                    report(Diagnostic.at(a.filter().span(), Code.MISPLACED_WHERE));
                }
            }
            List<Scalar> args = e.arguments().stream().map(a -> sub(a.value())).toList();
            return function(e, fn, args);
        }

        private Scalar function(Expr.Call e, String fn, List<Scalar> args) {
            Span span = e.span();
            if (fn.equals("now") || fn.equals("today")) {
                return count(e, fn, args, 0, 0) ? new Scalar.Now(fn.equals("now") ? Type.TIMESTAMP : Type.DATE, span) : error(span);
            }
            Builtin b = Builtin.byLabel(fn).orElse(null);
            if (b == null) {
                report(Diagnostic.at(e.function().span(), Code.UNKNOWN_FUNCTION, fn)
                        .withDidYouMean(fn, FUNCTIONS, "the functions are " + String.join(", ", FUNCTIONS)));
                return error(span);
            }
            return switch (b) {
                case LOWER, UPPER, TRIM -> fixed(e, b, args, List.of(Type.TEXT), Type.TEXT);
                case LENGTH -> fixed(e, b, args, List.of(Type.TEXT), Type.INT);
                case CONCAT -> {
                    if (args.isEmpty()) {
                        report(Diagnostic.at(span, Code.WRONG_ARGUMENT_COUNT, fn, "at least one argument", 0));
                    }
                    yield new Scalar.Function(b, args, Type.TEXT, span);
                }
                case COALESCE -> coalesce(e, b, args);
                case ABS, FLOOR, CEIL -> {
                    if (!count(e, fn, args, 1, 1)) {
                        yield error(span);
                    }
                    yield numeric(args.get(0), "the argument of " + fn + "()")
                            ? new Scalar.Function(b, args, args.get(0).type() == Type.NULL ? Type.INT : args.get(0).type(), span)
                            : error(span);
                }
                case ROUND -> {
                    if (!count(e, fn, args, 1, 2) || !numeric(args.get(0), "the argument of round()")
                            || (args.size() == 2 && !expect(args.get(1), Type.INT, "the number of decimals of round()"))) {
                        yield error(span);
                    }
                    yield new Scalar.Function(b, args, args.get(0).type() == Type.NULL ? Type.DECIMAL : args.get(0).type(), span);
                }
                case YEAR, MONTH, DAY, WEEKDAY, HOUR, AGE -> {
                    if (!count(e, fn, args, 1, 1) || !temporal(args.get(0), "the argument of " + fn + "()")) {
                        yield error(span);
                    }
                    yield new Scalar.Function(b, args, Type.INT, span);
                }
                case DATE -> {
                    if (!count(e, fn, args, 1, 1)
                            || (args.get(0).type() != Type.TEXT && !temporal(args.get(0), "the argument of date()"))) {
                        yield error(span);
                    }
                    yield new Scalar.Function(b, args, Type.DATE, span);
                }
                case DAYS_BETWEEN -> {
                    if (!count(e, fn, args, 2, 2) || !temporal(args.get(0), "the first argument of days_between()")
                            || !temporal(args.get(1), "the second argument of days_between()")) {
                        yield error(span);
                    }
                    yield new Scalar.Function(b, args, Type.INT, span);
                }
            };
        }

        private Scalar coalesce(Expr.Call e, Builtin b, List<Scalar> args) {
            if (args.isEmpty()) {
                report(Diagnostic.at(e.span(), Code.WRONG_ARGUMENT_COUNT, b.label(), "at least one argument", 0));
                return error(e.span());
            }
            Type t = Type.NULL;
            for (int i = 0; i < args.size(); i++) {
                Type merged = common(t, args.get(i).type());
                if (merged == null) {
                    report(Diagnostic.at(args.get(i).span(), Code.TYPE_MISMATCH, "argument " + (i + 1) + " of coalesce()", t, args.get(i).type()));
                    return error(e.span());
                }
                t = merged;
            }
            return new Scalar.Function(b, args, t, e.span());
        }

        private Scalar fixed(Expr.Call e, Builtin b, List<Scalar> args, List<Type> params, Type result) {
            String fn = b.label();
            if (!count(e, fn, args, params.size(), params.size())) {
                return error(e.span());
            }
            for (int i = 0; i < params.size(); i++) {
                if (!expect(args.get(i), params.get(i), "the argument of " + fn + "()")) {
                    return error(e.span());
                }
            }
            return new Scalar.Function(b, args, result, e.span());
        }

        private boolean count(Expr.Call e, String fn, List<Scalar> args, int min, int max) {
            if (args.size() >= min && args.size() <= max) {
                return true;
            }
            String expected = min == max ? min + (min == 1 ? " argument" : " arguments") : min + " to " + max + " arguments";
            report(Diagnostic.at(e.span(), Code.WRONG_ARGUMENT_COUNT, fn, expected, args.size()));
            return false;
        }

        private boolean expect(Scalar s, Type t, String what) {
            if (s.type() == t || s.type() == Type.ERROR || s.type() == Type.NULL
                    || (t == Type.DECIMAL && s.type().isNumeric()) || (t == Type.FLOAT && s.type().isNumeric())) {
                return true;
            }
            report(Diagnostic.at(s.span(), Code.TYPE_MISMATCH, what, t, s.type()));
            return false;
        }

        private boolean numeric(Scalar s, String what) {
            if (s.type().isNumeric() || s.type() == Type.ERROR || s.type() == Type.NULL) {
                return true;
            }
            report(Diagnostic.at(s.span(), Code.TYPE_MISMATCH, what, "a number", s.type()));
            return false;
        }

        private boolean temporal(Scalar s, String what) {
            if (s.type().isTemporal() || s.type() == Type.ERROR || s.type() == Type.NULL) {
                return true;
            }
            report(Diagnostic.at(s.span(), Code.TYPE_MISMATCH, what, "a date or timestamp", s.type()));
            return false;
        }

        private Scalar aggregate(Expr.Call e, String fn) {
            Span span = e.span();
            if (e.arguments().size() != 1) {
                report(Diagnostic.at(span, Code.WRONG_ARGUMENT_COUNT, fn, "1 argument", e.arguments().size())
                        .withHelp(fn + "(LINK [where CONDITION])" + (fn.equals("count") || fn.equals("exists") ? "" : ", as in " + fn + "(purchases.amount)")));
                return error(span);
            }
            if (!scope.hasRow()) {
                report(Diagnostic.at(span, Code.NO_ROW_HERE, fn + "()", scope.description()));
                return error(span);
            }
            Expr.Argument arg = e.arguments().get(0);
            List<Name> path = path(arg.value());
            if (path == null) {
                report(Diagnostic.at(arg.value().span(), Code.AGGREGATE_ARGUMENT, fn,
                        "a many link, as in " + fn + (fn.equals("count") || fn.equals("exists") ? "(purchases)" : "(purchases.amount)")));
                return error(span);
            }
            // find the row the first name belongs to, then walk one links up to the many link
            int depth = 0;
            Entity entity = null;
            for (Scope s = scope; s != null && s.hasRow(); s = s.outer(), depth++) {
                Entity candidate = s.entity() == null ? null : symbols.entities.get(s.entity());
                if (candidate != null && candidate.links().containsKey(path.get(0).value())) {
                    entity = candidate;
                    break;
                }
                if (s.columns().containsKey(path.get(0).value()) || (candidate != null && candidate.attributes().containsKey(path.get(0).value()))) {
                    break;
                }
            }
            if (entity == null) {
                Entity own = scope.entity() == null ? null : symbols.entities.get(scope.entity());
                Set<String> manyLinks = new LinkedHashSet<>();
                if (own != null) {
                    own.links().values().stream().filter(Link::many).forEach(l -> manyLinks.add(l.name()));
                }
                report(Diagnostic.at(path.get(0).span(), Code.NOT_A_MANY_LINK, fn, path.get(0).value())
                        .withDidYouMean(path.get(0).value(), manyLinks,
                                manyLinks.isEmpty() ? null : "the many links here: " + String.join(", ", manyLinks)));
                return error(span);
            }
            List<Link> links = new ArrayList<>();
            int i = 0;
            Link manyLink = null;
            for (; i < path.size(); i++) {
                Name n = path.get(i);
                Link link = entity.links().get(n.value());
                if (link == null) {
                    report(Diagnostic.at(n.span(), Code.NOT_A_MANY_LINK, fn, joined(path.subList(0, i + 1))));
                    return error(span);
                }
                links.add(link);
                entity = symbols.entities.get(link.target());
                if (entity == null) {
                    return error(span);
                }
                if (link.many()) {
                    manyLink = link;
                    i++;
                    break;
                }
            }
            if (manyLink == null) {
                report(Diagnostic.at(path.get(path.size() - 1).span(), Code.NOT_A_MANY_LINK, fn, joined(path)));
                return error(span);
            }
            Scope inner = scope.innerAt(depth, entity.name());
            Scalar value = null;
            List<Name> rest = path.subList(i, path.size());
            Visitor innerVisitor = new Visitor(inner);
            if (!rest.isEmpty()) {
                value = innerVisitor.resolvePath(rest, Span.of(span.file(), rest.get(0).span().start(), rest.get(rest.size() - 1).span().end()));
            }
            Scalar filter = null;
            if (arg.filter() != null) {
                filter = check(arg.filter(), inner);
                if (filter.type() != Type.BOOL && filter.type() != Type.ERROR) {
                    report(Diagnostic.at(arg.filter().span(), Code.NOT_BOOLEAN, filter.type()));
                }
            }
            Scalar.AggregateFunction function = Scalar.AggregateFunction.valueOf(fn.toUpperCase(java.util.Locale.ROOT));
            Type type;
            switch (function) {
                case COUNT -> type = Type.INT;
                case EXISTS -> {
                    type = Type.BOOL;
                    if (value != null) {
                        report(Diagnostic.at(arg.value().span(), Code.AGGREGATE_ARGUMENT, fn, "a many link, not an attribute: exists(" + joined(path.subList(0, i)) + " where ...)"));
                        return error(span);
                    }
                }
                case SUM, AVG -> {
                    if (value == null) {
                        report(Diagnostic.at(arg.value().span(), Code.AGGREGATE_ARGUMENT, fn, "an attribute of the linked records, as in " + fn + "(" + joined(path) + ".amount)"));
                        return error(span);
                    }
                    if (!numeric(value, "the value of " + fn + "()")) {
                        return error(span);
                    }
                    type = function == Scalar.AggregateFunction.AVG ? Type.FLOAT : value.type();
                }
                default -> {
                    if (value == null) {
                        report(Diagnostic.at(arg.value().span(), Code.AGGREGATE_ARGUMENT, fn, "an attribute of the linked records, as in " + fn + "(" + joined(path) + ".purchased_at)"));
                        return error(span);
                    }
                    type = value.type();
                }
            }
            return new Scalar.Aggregate(function, links, depth, value, filter, type, span);
        }

        @Override
        public Scalar visitUnary(Expr.Unary e) {
            Scalar operand = sub(e.operand());
            if (e.op() == Expr.UnaryOp.NOT) {
                if (operand.type() != Type.BOOL && operand.type() != Type.ERROR && operand.type() != Type.NULL) {
                    report(Diagnostic.at(e.operand().span(), Code.TYPE_MISMATCH, "the operand of 'not'", "bool", operand.type()));
                    return error(e.span());
                }
                return new Scalar.Unary(Scalar.UnaryOp.valueOf(e.op().name()), operand, Type.BOOL, e.span());
            }
            if (!operand.type().isNumeric() && operand.type() != Type.DURATION && operand.type() != Type.ERROR
                    && operand.type() != Type.NULL) {
                report(Diagnostic.at(e.operand().span(), Code.TYPE_MISMATCH, "the operand of '-'", "a number", operand.type()));
                return error(e.span());
            }
            return new Scalar.Unary(Scalar.UnaryOp.valueOf(e.op().name()), operand, operand.type(), e.span());
        }

        @Override
        public Scalar visitBinary(Expr.Binary e) {
            Scalar l = sub(e.left());
            Scalar r = sub(e.right());
            Type lt = l.type();
            Type rt = r.type();
            boolean anyError = lt == Type.ERROR || rt == Type.ERROR;
            switch (e.op()) {
                case AND, OR -> {
                    for (Scalar s : List.of(l, r)) {
                        if (s.type() != Type.BOOL && s.type() != Type.ERROR && s.type() != Type.NULL) {
                            report(Diagnostic.at(s.span(), Code.TYPE_MISMATCH, "each side of '" + e.op().symbol() + "'", "bool", s.type()));
                            return error(e.span());
                        }
                    }
                    return new Scalar.Binary(Scalar.BinaryOp.valueOf(e.op().name()), l, r, Type.BOOL, e.span());
                }
                case EQ, NE, LT, LE, GT, GE -> {
                    if (!anyError && !comparable(lt, rt)) {
                        report(Diagnostic.at(e.span(), Code.INCOMPARABLE, lt, rt).withHelp(comparisonHelp(l, r)));
                        return error(e.span());
                    }
                    return new Scalar.Binary(Scalar.BinaryOp.valueOf(e.op().name()), l, r, Type.BOOL, e.span());
                }
                case CONTAINS, STARTS_WITH, ENDS_WITH, MATCHES -> {
                    if (!anyError && (!textual(lt) || !textual(rt))) {
                        report(Diagnostic.at(e.span(), Code.BAD_OPERANDS, e.op().symbol(), lt, rt));
                        return error(e.span());
                    }
                    if (e.op() == Expr.BinaryOp.MATCHES && r instanceof Scalar.Literal lit && lit.value() instanceof String re) {
                        try {
                            com.google.re2j.Pattern.compile(re);
                        } catch (com.google.re2j.PatternSyntaxException x) {
                            report(Diagnostic.at(e.right().span(), Code.INVALID_REGEX, x.getDescription())
                                    .withHelp("patterns use RE2 syntax (no look-around, no back-references)"));
                        }
                    }
                    return new Scalar.Binary(Scalar.BinaryOp.valueOf(e.op().name()), l, r, Type.BOOL, e.span());
                }
                default -> {
                    Type t = anyError ? Type.ERROR : arithmetic(e.op(), lt, rt, r);
                    if (t == null) {
                        report(Diagnostic.at(e.span(), Code.BAD_OPERANDS, e.op().symbol(), lt, rt)
                                .withHelp(lt == Type.TEXT && rt == Type.TEXT && e.op() == Expr.BinaryOp.ADD
                                        ? "join texts with concat(a, b)"
                                        : lt.isTemporal() && rt.isTemporal() ? "count days with days_between(a, b)" : null));
                        return error(e.span());
                    }
                    return new Scalar.Binary(Scalar.BinaryOp.valueOf(e.op().name()), l, r, t, e.span());
                }
            }
        }

        @Override
        public Scalar visitInList(Expr.InList e) {
            Scalar value = sub(e.value());
            List<Scalar> items = new ArrayList<>();
            for (Expr item : e.items()) {
                Scalar s = sub(item);
                if (!comparable(value.type(), s.type()) && value.type() != Type.ERROR && s.type() != Type.ERROR) {
                    report(Diagnostic.at(item.span(), Code.INCOMPARABLE, value.type(), s.type()));
                }
                items.add(s);
            }
            return new Scalar.InList(value, items, e.negated(), e.span());
        }

        @Override
        public Scalar visitBetween(Expr.Between e) {
            Scalar value = sub(e.value());
            Scalar low = sub(e.low());
            Scalar high = sub(e.high());
            for (Scalar bound : List.of(low, high)) {
                if (!comparable(value.type(), bound.type()) && value.type() != Type.ERROR && bound.type() != Type.ERROR) {
                    report(Diagnostic.at(bound.span(), Code.INCOMPARABLE, value.type(), bound.type()));
                }
            }
            return new Scalar.Between(value, low, high, e.negated(), e.span());
        }

        @Override
        public Scalar visitIsNull(Expr.IsNull e) {
            return new Scalar.IsNull(sub(e.value()), e.negated(), e.span());
        }

        @Override
        public Scalar visitInAudience(Expr.InAudience e) {
            if (!scope.hasRow() || scope.entity() == null) {
                report(Diagnostic.at(e.span(), Code.NO_ROW_HERE, "in audience", scope.description()));
                return error(e.span());
            }
            Audience audience = symbols.audience(e.audience().value(), e.audience().span());
            if (audience == null && !symbols.reportUnknown(e.audience().value())) {
                return error(e.span());
            }
            if (audience == null) {
                report(Diagnostic.at(e.audience().span(), Code.UNKNOWN_AUDIENCE, e.audience().value())
                        .withDidYouMean(e.audience().value(), symbols.audiences.keySet()));
                return error(e.span());
            }
            if (!audience.entity().equals(scope.entity())) {
                report(Diagnostic.at(e.audience().span(), Code.AUDIENCE_ENTITY, audience.name(), audience.entity(), scope.entity()));
                return error(e.span());
            }
            return new Scalar.InAudience(audience, 0, e.span());
        }

        @Override
        public Scalar visitInSaved(Expr.InSaved e) {
            if (!scope.hasRow() || scope.entity() == null) {
                report(Diagnostic.at(e.span(), Code.NO_ROW_HERE, "in saved", scope.description()));
                return error(e.span());
            }
            if (e.name().isBlank()) {
                report(Diagnostic.at(e.nameSpan(), Code.EMPTY_NAME, "a saved audience name"));
            }
            return new Scalar.InSaved(e.name(), scope.entity(), 0, e.span());
        }
    }

    static boolean comparable(Type a, Type b) {
        if (a == Type.ERROR || b == Type.ERROR || a == Type.NULL || b == Type.NULL) {
            return true;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return true;
        }
        if (a.isTemporal() && b.isTemporal()) {
            return true;
        }
        return a == b && a != Type.DURATION;
    }

    private static boolean textual(Type t) {
        return t == Type.TEXT || t == Type.NULL || t == Type.ERROR;
    }

    private static String comparisonHelp(Scalar left, Scalar right) {
        Type a = left.type();
        Type b = right.type();
        Scalar literal = right instanceof Scalar.Literal ? right : left instanceof Scalar.Literal ? left : null;
        if ((a == Type.TEXT && b.isNumeric()) || (b == Type.TEXT && a.isNumeric())) {
            if (literal != null && literal.type().isNumeric()) {
                return "text values are written in double quotes, as in \"" + ((Scalar.Literal) literal).value() + "\"";
            }
            return "numbers are written without quotes";
        }
        if ((a == Type.TEXT && b.isTemporal()) || (b == Type.TEXT && a.isTemporal())) {
            return "dates are written without quotes: 2026-03-01";
        }
        if (a == Type.BOOL || b == Type.BOOL) {
            return "bools are true or false, without quotes";
        }
        return null;
    }

    /** The common type of two branches (coalesce), or null. */
    static Type common(Type a, Type b) {
        if (a == Type.NULL || a == Type.ERROR) {
            return b;
        }
        if (b == Type.NULL || b == Type.ERROR) {
            return a;
        }
        if (a == b) {
            return a;
        }
        if (a.isNumeric() && b.isNumeric()) {
            return a == Type.FLOAT || b == Type.FLOAT ? Type.FLOAT : Type.DECIMAL;
        }
        if (a.isTemporal() && b.isTemporal()) {
            return Type.TIMESTAMP;
        }
        return null;
    }

    private static Type arithmetic(Expr.BinaryOp op, Type l, Type r, Scalar right) {
        if (l == Type.NULL || r == Type.NULL) {
            return l == Type.NULL ? (r == Type.NULL ? Type.NULL : r) : l;
        }
        if (l.isNumeric() && r.isNumeric()) {
            if (op == Expr.BinaryOp.DIV) {
                return l == Type.DECIMAL && r == Type.DECIMAL ? Type.DECIMAL : Type.FLOAT;
            }
            return common(l, r);
        }
        if (op == Expr.BinaryOp.ADD || op == Expr.BinaryOp.SUB) {
            if (l.isTemporal() && r == Type.DURATION) {
                return l == Type.DATE && dayGrained(right) ? Type.DATE : Type.TIMESTAMP;
            }
            if (op == Expr.BinaryOp.ADD && l == Type.DURATION && r.isTemporal()) {
                return r;
            }
            if (op == Expr.BinaryOp.SUB && l == Type.DATE && r == Type.DATE) {
                return Type.INT;
            }
        }
        return null;
    }

    private static boolean dayGrained(Scalar duration) {
        if (duration instanceof Scalar.Literal lit && lit.value() instanceof camp.types.DurationValue d) {
            return d.unit().compareTo(java.time.temporal.ChronoUnit.DAYS) >= 0;
        }
        if (duration instanceof Scalar.Unary u) {
            return dayGrained(u.operand());
        }
        return false;
    }

    static String joined(List<Name> path) {
        return String.join(".", path.stream().map(Name::value).toList());
    }
}
