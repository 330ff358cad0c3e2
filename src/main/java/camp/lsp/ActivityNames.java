package camp.lsp;

import camp.ast.Activity;
import camp.ast.Name;
import camp.ast.Statement;
import camp.ir.Shape;
import java.util.List;
import java.util.Map;

/**
 * The names of one activity for the {@link Indexer}: what it reads (an entity, an audience, a
 * saved audience, a link, another activity) and the names in its expressions and message
 * placeholders, resolved against the rows that reach it, as the checker's {@code ActivityChecker}
 * resolves them.
 */
final class ActivityNames implements Activity.Visitor<Void> {
    private final Indexer ix;
    private final NameResolver names;
    private final String name;
    private final Statement.ActivityDecl decl;

    ActivityNames(Indexer ix, NameResolver names, Statement.ActivityDecl decl) {
        this.ix = ix;
        this.names = names;
        this.decl = decl;
        this.name = decl.name().value();
    }

    void index() {
        decl.activity().accept(this);
    }

    /** The scope of the rows reaching this activity; with unknown rows, only params resolve. */
    private NameResolver.Scope input() {
        Shape in = ix.input(name);
        return in == null ? NameResolver.Scope.row(null, Map.of(), name) : NameResolver.Scope.row(in.entity(), in.columns(), name);
    }

    private Indexer.EntityInfo inputEntity() {
        Shape in = ix.input(name);
        return in == null || in.entity() == null ? null : ix.entities.get(in.entity());
    }

    private void members(Indexer.EntityInfo entity, List<Name> path) {
        if (entity != null) {
            names.members(entity, path, 0);
        }
    }

    private void orders(List<Activity.OrderItem> items, NameResolver.Scope scope) {
        for (Activity.OrderItem o : items) {
            names.expr(o.expr(), scope);
        }
    }

    @Override
    public Void visitBuild(Activity.Build a) {
        String entity = null;
        if (a.source() instanceof Activity.NamedSource n) {
            String source = n.name().value();
            Symbol s = ix.entities.containsKey(source) && !Indexer.DELIVERIES.equals(source) ? ix.entitySymbols.get(source)
                    : ix.audiences.get(source);
            ix.use(s, n.name().span());
            entity = ix.sourceEntity(source);
        } else if (a.source() instanceof Activity.SavedSource saved) {
            ix.use(ix.savedAudience(saved.audience()), NameResolver.insideQuotes(saved.audienceSpan()));
            ix.use(ix.entitySymbols.get(saved.entity().value()), saved.entity().span());
            entity = saved.entity().value();
        }
        NameResolver.Scope scope = NameResolver.Scope.row(entity, Map.of(), name);
        names.expr(a.where(), scope);
        if (a.incremental() != null && a.incremental().on() != null && entity != null && ix.entities.get(entity) != null) {
            ix.use(ix.entities.get(entity).attributes.get(a.incremental().on().value()), a.incremental().on().span());
        }
        return null;
    }

    @Override
    public Void visitLoad(Activity.Load a) {
        return null;
    }

    @Override
    public Void visitReconcile(Activity.Reconcile a) {
        Indexer.EntityInfo entity = ix.entities.get(a.entity().value());
        ix.use(entity == null ? null : entity.symbol, a.entity().span());
        for (Activity.MatchRule rule : a.rules()) {
            ix.use(ix.column(name, rule.incoming().value()), rule.incoming().span());
            members(entity, rule.attribute());
        }
        return null;
    }

    @Override
    public Void visitCombine(Activity.Combine a) {
        return null;
    }

    @Override
    public Void visitDedup(Activity.Dedup a) {
        NameResolver.Scope scope = input();
        a.keys().forEach(k -> names.expr(k, scope));
        if (a.method() instanceof Activity.FirstBy f) {
            orders(f.order(), scope);
        } else if (a.method() instanceof Activity.NonEmpty n) {
            names.path(n.attribute(), scope);
        } else if (a.method() instanceof Activity.Prefer p) {
            names.path(p.attribute(), scope);
            p.values().forEach(v -> names.expr(v, scope));
        }
        return null;
    }

    @Override
    public Void visitSplit(Activity.Split a) {
        NameResolver.Scope scope = input();
        for (Activity.Segment s : a.segments()) {
            names.expr(s.condition(), scope);
            orders(s.orderBy(), scope);
        }
        return null;
    }

    @Override
    public Void visitEnrich(Activity.Enrich a) {
        NameResolver.Scope scope = input();
        for (Activity.EnrichColumn c : a.columns()) {
            names.expr(c.value(), scope);
        }
        return null;
    }

    @Override
    public Void visitChangeDimension(Activity.ChangeDimension a) {
        Indexer.EntityInfo entity = inputEntity();
        ix.use(entity == null ? null : entity.links.get(a.link().value()), a.link().span());
        return null;
    }

    @Override
    public Void visitTest(Activity.Test a) {
        for (Activity.TestBranch b : a.branches()) {
            names.expr(b.condition(), NameResolver.Scope.test());
        }
        return null;
    }

    @Override
    public Void visitFork(Activity.Fork a) {
        return null;
    }

    @Override
    public Void visitJoin(Activity.Join a) {
        if (a.primary() != null) {
            ix.use(ix.activities.get(a.primary().value()), a.primary().span());
        }
        return null;
    }

    @Override
    public Void visitWait(Activity.Wait a) {
        names.expr(a.until(), NameResolver.Scope.constant());
        return null;
    }

    @Override
    public Void visitChannel(Activity.Channel a) {
        NameResolver.Scope scope = input();
        Indexer.EntityInfo entity = inputEntity();
        String perTarget = null;
        for (Activity.ChannelOption o : a.options()) {
            if (o instanceof Activity.Per per && entity != null) {
                ix.use(entity.links.get(per.link().value()), per.link().span());
                perTarget = entity.targets.get(per.link().value());
            }
        }
        for (Activity.ChannelOption o : a.options()) {
            if (o instanceof Activity.To to) {
                names.expr(to.address(), scope);
            } else if (o instanceof Activity.Content c && !c.template()) {
                names.placeholders(c.valueSpan(), scope, perTarget);
            }
        }
        return null;
    }

    @Override
    public Void visitSaveAudience(Activity.SaveAudience a) {
        Symbol s = ix.savedAudience(a.audience());
        if (s.declaration() == null || s.declaration().start() != NameResolver.insideQuotes(a.audienceSpan()).start()) {
            ix.use(s, NameResolver.insideQuotes(a.audienceSpan()));
        }
        return null;
    }

    @Override
    public Void visitAlert(Activity.Alert a) {
        return null;
    }

    @Override
    public Void visitEnd(Activity.End a) {
        return null;
    }
}
