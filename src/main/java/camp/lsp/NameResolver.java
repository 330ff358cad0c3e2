package camp.lsp;

import camp.ast.Expr;
import camp.ast.Name;
import camp.source.Span;
import camp.types.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the names of expressions for the {@link Indexer}, in the order the checker's
 * {@code ExprChecker} does (§5): the row's enriched columns, then its entity's attributes and
 * links (following one links, {@code store.city}), then the enclosing row's inside an
 * aggregate's parentheses, then params. A test condition sees {@code count} and params only.
 */
final class NameResolver {
    private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "exists");
    /** The name path right after the braces of a message placeholder, as {@code camp.ir.Placeholders} reads it. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{?\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");

    /**
     * What names mean where an expression stands.
     *
     * @param entity the row's entity, or null when unknown or absent
     * @param columns the enriched columns of the row
     * @param activity the activity whose input rows these are (where columns come from), or null
     */
    record Scope(Kind kind, String entity, Map<String, Type> columns, Scope outer, String activity) {
        enum Kind { ROW, CONSTANT, TEST }

        static Scope row(String entity, Map<String, Type> columns, String activity) {
            return new Scope(Kind.ROW, entity, columns == null ? Map.of() : columns, null, activity);
        }

        static Scope constant() {
            return new Scope(Kind.CONSTANT, null, Map.of(), null, null);
        }

        static Scope test() {
            return new Scope(Kind.TEST, null, Map.of(), null, null);
        }

        Scope inner(String linked) {
            return new Scope(Kind.ROW, linked, Map.of(), this, null);
        }
    }

    private final Indexer ix;

    NameResolver(Indexer ix) {
        this.ix = ix;
    }

    void expr(Expr e, Scope scope) {
        if (e != null) {
            e.accept(new Visitor(scope));
        }
    }

    /** The names of a path such as {@code store.city}, or null when the expression is not a plain path. */
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

    /** Resolves a path of names in a scope. */
    void path(List<Name> path, Scope scope) {
        if (path.isEmpty()) {
            return;
        }
        Name first = path.get(0);
        if (scope.kind() == Scope.Kind.TEST) {
            if (path.size() == 1) {
                ix.use(ix.params.get(first.value()), first.span());
            }
            return;
        }
        for (Scope s = scope; s != null && s.kind() == Scope.Kind.ROW; s = s.outer()) {
            if (s.columns().containsKey(first.value())) {
                ix.use(ix.column(s.activity(), first.value()), first.span());
                return;
            }
            Indexer.EntityInfo entity = s.entity() == null ? null : ix.entities.get(s.entity());
            if (entity != null && (entity.attributes.containsKey(first.value()) || entity.links.containsKey(first.value()))) {
                members(entity, path, 0);
                return;
            }
        }
        ix.use(ix.params.get(first.value()), first.span());
    }

    /** Attributes and one links from an entity, name by name; returns the entity reached, or null. */
    Indexer.EntityInfo members(Indexer.EntityInfo start, List<Name> path, int from) {
        Indexer.EntityInfo entity = start;
        for (int i = from; i < path.size() && entity != null; i++) {
            Name n = path.get(i);
            Symbol attribute = entity.attributes.get(n.value());
            if (attribute != null) {
                ix.use(attribute, n.span());
                return null;
            }
            Symbol link = entity.links.get(n.value());
            if (link == null) {
                return null;
            }
            ix.use(link, n.span());
            entity = ix.entities.get(entity.targets.get(n.value()));
        }
        return entity;
    }

    /** {@code count(purchases where ...)}, {@code sum(purchases.amount)}: the link, then names of the linked records. */
    private void aggregate(Expr.Call call, Scope scope) {
        Expr.Argument arg = call.arguments().get(0);
        List<Name> path = path(arg.value());
        if (path == null) {
            expr(arg.value(), scope);
            expr(arg.filter(), scope);
            return;
        }
        Indexer.EntityInfo entity = null;
        for (Scope s = scope; s != null && s.kind() == Scope.Kind.ROW; s = s.outer()) {
            Indexer.EntityInfo candidate = s.entity() == null ? null : ix.entities.get(s.entity());
            if (candidate != null && candidate.links.containsKey(path.get(0).value())) {
                entity = candidate;
                break;
            }
            if (s.columns().containsKey(path.get(0).value())
                    || candidate != null && candidate.attributes.containsKey(path.get(0).value())) {
                break;
            }
        }
        if (entity == null) {
            return;
        }
        int i = 0;
        for (; i < path.size() && entity != null; i++) {
            Name n = path.get(i);
            Symbol link = entity.links.get(n.value());
            if (link == null) {
                return;
            }
            ix.use(link, n.span());
            boolean many = entity.many.getOrDefault(n.value(), false);
            entity = ix.entities.get(entity.targets.get(n.value()));
            if (many) {
                i++;
                break;
            }
        }
        if (entity == null) {
            return;
        }
        Scope inner = scope.inner(entity.name());
        if (i < path.size()) {
            path(path.subList(i, path.size()), inner);
        }
        expr(arg.filter(), inner);
    }

    /**
     * The placeholders of a message text written in the script ({@code "Hello {{first_name}}"}):
     * each name of a placeholder's path, at its place inside the string literal.
     */
    void placeholders(Span literal, Scope scope, String perLinkTarget) {
        if (literal == null) {
            return;
        }
        String raw = literal.text();
        Matcher m = PLACEHOLDER.matcher(raw);
        while (m.find()) {
            String[] parts = m.group(1).split("\\.");
            List<Name> names = new ArrayList<>();
            int at = m.start(1);
            for (String part : parts) {
                int start = literal.start() + raw.codePointCount(0, at);
                names.add(new Name(part, Span.of(literal.file(), start, start + part.length())));
                at += part.length() + 1;
            }
            placeholder(names, scope, perLinkTarget);
        }
    }

    /** As the channel checker resolves a placeholder: a column, the related record's ({@code per}), the row's, the recipient's. */
    private void placeholder(List<Name> names, Scope scope, String perLinkTarget) {
        if (names.size() == 1 && scope.columns().containsKey(names.get(0).value())) {
            ix.use(ix.column(scope.activity(), names.get(0).value()), names.get(0).span());
            return;
        }
        List<Indexer.EntityInfo> candidates = new ArrayList<>();
        if (perLinkTarget != null && ix.entities.get(perLinkTarget) != null) {
            candidates.add(ix.entities.get(perLinkTarget));
        }
        Indexer.EntityInfo row = scope.entity() == null ? null : ix.entities.get(scope.entity());
        if (row != null) {
            candidates.add(row);
            // the recipient: an entity the row reaches through one links (subscription.profile)
            for (Map.Entry<String, String> link : row.targets.entrySet()) {
                Indexer.EntityInfo target = ix.entities.get(link.getValue());
                if (!row.many.getOrDefault(link.getKey(), false) && target != null) {
                    candidates.add(target);
                }
            }
        }
        for (Indexer.EntityInfo entity : candidates) {
            if (resolves(entity, names)) {
                members(entity, names, 0);
                return;
            }
        }
    }

    /** Whether a path of one links ends at an attribute of the entity reached. */
    private boolean resolves(Indexer.EntityInfo start, List<Name> names) {
        Indexer.EntityInfo entity = start;
        for (int i = 0; i < names.size() - 1; i++) {
            String n = names.get(i).value();
            if (entity == null || !entity.links.containsKey(n) || entity.many.getOrDefault(n, false)) {
                return false;
            }
            entity = ix.entities.get(entity.targets.get(n));
        }
        return entity != null && entity.attributes.containsKey(names.get(names.size() - 1).value());
    }

    /** A name written in a string (a saved audience): its span inside the quotes. */
    static Span insideQuotes(Span literal) {
        String text = literal.text();
        int quote = text.startsWith("\"\"\"") ? 3 : text.startsWith("\"") ? 1 : 0;
        int close = quote > 0 && text.length() >= 2 * quote ? quote : 0;
        return Span.of(literal.file(), literal.start() + quote, Math.max(literal.start() + quote, literal.end() - close));
    }

    private final class Visitor implements Expr.Visitor<Void> {
        private final Scope scope;

        Visitor(Scope scope) {
            this.scope = scope;
        }

        @Override
        public Void visitLiteral(Expr.Literal e) {
            return null;
        }

        @Override
        public Void visitRef(Expr.Ref e) {
            path(List.of(e.name()), scope);
            return null;
        }

        @Override
        public Void visitMember(Expr.Member e) {
            List<Name> p = path(e);
            if (p == null) {
                expr(e.target(), scope);
            } else {
                path(p, scope);
            }
            return null;
        }

        @Override
        public Void visitCall(Expr.Call e) {
            if (AGGREGATES.contains(e.function().value()) && e.arguments().size() == 1 && scope.kind() == Scope.Kind.ROW) {
                aggregate(e, scope);
                return null;
            }
            for (Expr.Argument a : e.arguments()) {
                expr(a.value(), scope);
                expr(a.filter(), scope);
            }
            return null;
        }

        @Override
        public Void visitUnary(Expr.Unary e) {
            expr(e.operand(), scope);
            return null;
        }

        @Override
        public Void visitBinary(Expr.Binary e) {
            expr(e.left(), scope);
            expr(e.right(), scope);
            return null;
        }

        @Override
        public Void visitInList(Expr.InList e) {
            expr(e.value(), scope);
            e.items().forEach(item -> expr(item, scope));
            return null;
        }

        @Override
        public Void visitBetween(Expr.Between e) {
            expr(e.value(), scope);
            expr(e.low(), scope);
            expr(e.high(), scope);
            return null;
        }

        @Override
        public Void visitIsNull(Expr.IsNull e) {
            expr(e.value(), scope);
            return null;
        }

        @Override
        public Void visitInAudience(Expr.InAudience e) {
            ix.use(ix.audiences.get(e.audience().value()), e.audience().span());
            return null;
        }

        @Override
        public Void visitInSaved(Expr.InSaved e) {
            ix.use(ix.savedAudience(e.name()), insideQuotes(e.nameSpan()));
            return null;
        }
    }
}
