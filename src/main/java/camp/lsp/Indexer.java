package camp.lsp;

import camp.ast.Activity;
import camp.ast.CampFile;
import camp.ast.Name;
import camp.ast.Statement;
import camp.check.Checked;
import camp.ir.Shape;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.Syntax;
import camp.types.Type;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link SymbolIndex} of an analysis: parses the document and the files it imports
 * (the very source texts the check read, so positions agree), declares their names in the
 * checker's order (imports first, the first declaration of a name wins, entities and audiences
 * share one namespace, activities are the document's own), then resolves every use. Names in
 * expressions resolve as the checker resolves them, against the rows that reach each activity
 * ({@link Checked#ports()}); that part is {@link NameResolver}.
 *
 * <p>Best effort by design: a name that does not resolve (a typo the checker reports) is simply
 * not indexed, and a statement with a syntax error is not in the AST at all.
 */
final class Indexer {
    /** What is known of an entity: its symbol, members and where its links lead. */
    static final class EntityInfo {
        final Symbol symbol;
        final Map<String, Symbol> attributes = new LinkedHashMap<>();
        final Map<String, Type> types = new LinkedHashMap<>();
        final Map<String, Symbol> links = new LinkedHashMap<>();
        final Map<String, String> targets = new HashMap<>();
        final Map<String, Boolean> many = new HashMap<>();

        EntityInfo(Symbol symbol) {
            this.symbol = symbol;
        }

        String name() {
            return symbol.name();
        }
    }

    /** The delivery history every addressable entity links to (§6), as the checker adds it. */
    static final String DELIVERIES = "deliveries";
    private static final List<String> ADDRESSES = List.of("email", "phone", "push_token");

    final Analysis analysis;
    final Checked checked;
    final List<CampFile> files = new ArrayList<>();
    CampFile root;
    final List<Symbol> symbols = new ArrayList<>();
    final List<Occurrence> occurrences = new ArrayList<>();
    final Map<String, EntityInfo> entities = new LinkedHashMap<>();
    final Map<String, Symbol> entitySymbols = new LinkedHashMap<>();
    final Map<String, Symbol> audiences = new LinkedHashMap<>();
    final Map<String, Statement.Audience> audienceDecls = new HashMap<>();
    final Map<String, Symbol> params = new LinkedHashMap<>();
    final Map<String, Symbol> activities = new LinkedHashMap<>();
    final Map<String, Statement.ActivityDecl> activityDecls = new LinkedHashMap<>();
    /** Per activity, its named outputs (split segments, test branches) and the columns it makes (enrich, load). */
    final Map<String, Map<String, Symbol>> segments = new HashMap<>();
    final Map<String, Map<String, Symbol>> columns = new HashMap<>();
    final Map<String, Symbol> saved = new LinkedHashMap<>();
    final Map<Path, Span> imports = new LinkedHashMap<>();
    /** The transitions of the document's flow: from, port (null: the default one), to. */
    final List<String[]> edges = new ArrayList<>();
    private final Map<String, Symbol> columnMemo = new HashMap<>();

    private Indexer(Analysis analysis) {
        this.analysis = analysis;
        this.checked = analysis.checked();
    }

    static SymbolIndex index(Analysis analysis) {
        Indexer ix = new Indexer(analysis);
        ix.parse();
        ix.declare();
        NameResolver names = new NameResolver(ix);
        ix.resolve(names);
        return SymbolIndex.of(ix.files, ix.symbols, ix.entitySymbols, ix.audiences, ix.params, ix.activities, ix.imports,
                ix.occurrences);
    }

    // ------------------------------------------------------------ files

    /** Parses the document and, depth first, the imports the check read, each after its own imports. */
    private void parse() {
        Map<Path, SourceFile> sources = new HashMap<>();
        for (SourceFile f : checked.sources()) {
            if (f.path() != null && f != analysis.source()) {
                sources.putIfAbsent(f.path().toAbsolutePath().normalize(), f);
            }
        }
        root = Syntax.parse(analysis.source()).file();
        Set<Path> visited = new HashSet<>();
        if (analysis.source().path() != null) {
            visited.add(analysis.source().path().toAbsolutePath().normalize());
        }
        follow(root, null, sources, visited);
        files.add(root);
    }

    private void follow(CampFile file, Span viaRootImport, Map<Path, SourceFile> sources, Set<Path> visited) {
        Path folder = file.source().path() == null ? Path.of("").toAbsolutePath() : file.source().path().toAbsolutePath().getParent();
        for (Statement.Import imp : file.all(Statement.Import.class)) {
            Path target;
            try {
                target = (folder == null ? Path.of(imp.path()) : folder.resolve(imp.path())).toAbsolutePath().normalize();
            } catch (java.nio.file.InvalidPathException e) {
                continue;
            }
            Span via = viaRootImport != null ? viaRootImport : imp.pathSpan();
            imports.putIfAbsent(target, via);
            SourceFile source = sources.get(target);
            if (source == null || !visited.add(target)) {
                continue;
            }
            CampFile library = Syntax.parse(source).file();
            follow(library, via, sources, visited);
            files.add(library);
        }
    }

    // ------------------------------------------------------------ declarations

    Symbol declare(SymbolKind kind, Name name, String owner, Span extent, String detail) {
        Symbol s = new Symbol(kind, name.value(), owner, name.span(), extent, detail);
        symbols.add(s);
        occurrences.add(new Occurrence(s, name.span(), true));
        return s;
    }

    void use(Symbol s, Span span) {
        if (s != null && span != null) {
            occurrences.add(new Occurrence(s, span, false));
        }
    }

    private void declare() {
        for (CampFile f : files) {
            for (Statement.Entity e : f.all(Statement.Entity.class)) {
                declareEntity(e);
            }
        }
        addDeliveries();
        for (CampFile f : files) {
            for (Statement.Param p : f.all(Statement.Param.class)) {
                Symbol s = declare(SymbolKind.PARAM, p.name(), null, p.span(), p.type().label());
                params.putIfAbsent(s.name(), s);
            }
            for (Statement.Audience a : f.all(Statement.Audience.class)) {
                Symbol s = declare(SymbolKind.AUDIENCE, a.name(), null, a.span(), a.base().value());
                if (!entities.containsKey(s.name()) && !audiences.containsKey(s.name())) {
                    audiences.put(s.name(), s);
                    audienceDecls.put(s.name(), a);
                }
            }
        }
        for (Statement.ActivityDecl a : root.all(Statement.ActivityDecl.class)) {
            Symbol s = declare(SymbolKind.ACTIVITY, a.name(), null, a.span(), a.activity().kind());
            if (activities.putIfAbsent(s.name(), s) == null) {
                activityDecls.put(s.name(), a);
            }
            declareOutputs(a);
            if (a.activity() instanceof Activity.SaveAudience save && !saved.containsKey(save.audience())) {
                Span at = NameResolver.insideQuotes(save.audienceSpan());
                Symbol audience = new Symbol(SymbolKind.SAVED_AUDIENCE, save.audience(), null, at, a.span(), "saved by " + s.name());
                symbols.add(audience);
                saved.put(save.audience(), audience);
                occurrences.add(new Occurrence(audience, at, true));
            }
        }
        for (Statement.Flow flow : root.all(Statement.Flow.class)) {
            for (Statement.Chain chain : flow.chains()) {
                for (int i = 0; i + 1 < chain.steps().size(); i++) {
                    for (Statement.Endpoint from : chain.steps().get(i)) {
                        for (Statement.Endpoint to : chain.steps().get(i + 1)) {
                            edges.add(new String[] {from.activity().value(), from.port() == null ? null : from.port().value(),
                                to.activity().value()});
                        }
                    }
                }
            }
            break; // the checker reads the first flow only
        }
    }

    private void declareEntity(Statement.Entity e) {
        Symbol s = declare(SymbolKind.ENTITY, e.name(), null, e.span(), "key " + e.key().value());
        EntityInfo info = new EntityInfo(s);
        for (Statement.Attribute a : e.attributes()) {
            Symbol attr = declare(SymbolKind.ATTRIBUTE, a.name(), e.name().value(), a.span(), a.type().label());
            info.attributes.putIfAbsent(attr.name(), attr);
            info.types.putIfAbsent(attr.name(), a.type());
        }
        for (Statement.Link l : e.links()) {
            String detail = (l.many() ? "many " : "one ") + l.target().value() + " on " + l.column().value();
            Symbol link = declare(SymbolKind.LINK, l.name(), e.name().value(), l.span(), detail);
            if (!info.attributes.containsKey(link.name()) && !info.links.containsKey(link.name())) {
                info.links.put(link.name(), link);
                info.targets.put(link.name(), l.target().value());
                info.many.put(link.name(), l.many());
            }
        }
        if (!entities.containsKey(s.name())) {
            entities.put(s.name(), info);
            entitySymbols.put(s.name(), s);
        }
    }

    private void addDeliveries() {
        if (entities.containsKey(DELIVERIES)) {
            return;
        }
        Symbol history = new Symbol(SymbolKind.ENTITY, DELIVERIES, null, null, null, "the delivery history (built in)");
        EntityInfo info = new EntityInfo(history);
        camp.ir.Entity planned = checked.plan() == null ? null : checked.plan().entities().get(DELIVERIES);
        Map<String, Type> attributes = planned != null ? planned.attributes() : Map.of("message_key", Type.TEXT, "campaign", Type.TEXT,
                "activity", Type.TEXT, "channel", Type.TEXT, "status", Type.TEXT, "sent_at", Type.TIMESTAMP, "run", Type.TEXT,
                "address", Type.TEXT, "recipient", Type.TEXT);
        attributes.forEach((name, type) -> {
            info.attributes.put(name, new Symbol(SymbolKind.ATTRIBUTE, name, DELIVERIES, null, null, type.label()));
            info.types.put(name, type);
        });
        for (EntityInfo e : List.copyOf(entities.values())) {
            boolean addressable = ADDRESSES.stream().anyMatch(e.attributes::containsKey);
            if (addressable && !e.attributes.containsKey(DELIVERIES) && !e.links.containsKey(DELIVERIES)) {
                e.links.put(DELIVERIES, new Symbol(SymbolKind.LINK, DELIVERIES, e.name(), null, null,
                        "many deliveries (the delivery history, built in)"));
                e.targets.put(DELIVERIES, DELIVERIES);
                e.many.put(DELIVERIES, true);
            }
        }
        entities.put(DELIVERIES, info);
    }

    private void declareOutputs(Statement.ActivityDecl decl) {
        String activity = decl.name().value();
        Activity a = decl.activity();
        Map<String, Symbol> outputs = segments.computeIfAbsent(activity, k -> new LinkedHashMap<>());
        Map<String, Symbol> made = columns.computeIfAbsent(activity, k -> new LinkedHashMap<>());
        if (a instanceof Activity.Split split) {
            for (Activity.Segment s : split.segments()) {
                outputs.putIfAbsent(s.name().value(), declare(SymbolKind.SEGMENT, s.name(), activity, s.span(), "segment of split"));
            }
        } else if (a instanceof Activity.Test test) {
            for (Activity.TestBranch b : test.branches()) {
                outputs.putIfAbsent(b.name().value(), declare(SymbolKind.SEGMENT, b.name(), activity, b.span(), "branch of test"));
            }
        } else if (a instanceof Activity.Enrich enrich) {
            Shape out = checked.port(activity, "out");
            for (Activity.EnrichColumn c : enrich.columns()) {
                Type t = out == null ? null : out.columns().get(c.name().value());
                made.putIfAbsent(c.name().value(), declare(SymbolKind.COLUMN, c.name(), activity, c.span(), t == null ? null : t.label()));
            }
        } else if (a instanceof Activity.Load load) {
            for (Activity.Column c : load.columns()) {
                made.putIfAbsent(c.name().value(), declare(SymbolKind.COLUMN, c.name(), activity, c.span(), c.type().label()));
            }
        }
    }

    // ------------------------------------------------------------ uses

    private void resolve(NameResolver names) {
        for (CampFile f : files) {
            for (Statement.Entity e : f.all(Statement.Entity.class)) {
                entityUses(e);
            }
            for (Statement.Param p : f.all(Statement.Param.class)) {
                if (p.defaultValue() != null) {
                    names.expr(p.defaultValue(), NameResolver.Scope.constant());
                }
            }
            for (Statement.Audience a : f.all(Statement.Audience.class)) {
                String base = a.base().value();
                Symbol named = entities.containsKey(base) && !DELIVERIES.equals(base) ? entitySymbols.get(base) : audiences.get(base);
                use(named, a.base().span());
                if (a.where() != null) {
                    names.expr(a.where(), NameResolver.Scope.row(audienceEntity(a.name().value()), Map.of(), null));
                }
            }
        }
        for (Statement.TestAudience t : root.all(Statement.TestAudience.class)) {
            use(entitySymbols.get(t.entity().value()), t.entity().span());
            names.expr(t.where(), NameResolver.Scope.row(t.entity().value(), Map.of(), null));
        }
        for (Statement.ActivityDecl decl : root.all(Statement.ActivityDecl.class)) {
            if (activityDecls.get(decl.name().value()) == decl) {
                new ActivityNames(this, names, decl).index();
            }
        }
        for (Statement.Flow flow : root.all(Statement.Flow.class)) {
            for (Statement.Chain chain : flow.chains()) {
                for (List<Statement.Endpoint> step : chain.steps()) {
                    for (Statement.Endpoint p : step) {
                        use(activities.get(p.activity().value()), p.activity().span());
                        if (p.port() != null) {
                            Map<String, Symbol> outputs = segments.get(p.activity().value());
                            use(outputs == null ? null : outputs.get(p.port().value()), p.port().span());
                        }
                    }
                }
            }
            break;
        }
    }

    private void entityUses(Statement.Entity e) {
        EntityInfo self = entities.get(e.name().value());
        if (self == null || self.symbol.declaration() != e.name().span()) {
            return; // a second declaration of the name: the checker ignores its members too
        }
        use(self.attributes.get(e.key().value()), e.key().span());
        for (Statement.Link l : e.links()) {
            EntityInfo target = entities.get(l.target().value());
            use(target == null ? null : target.symbol, l.target().span());
            EntityInfo holder = l.many() ? target : self;
            use(holder == null ? null : holder.attributes.get(l.column().value()), l.column().span());
        }
        for (Statement.Consent c : e.consents()) {
            use(self.attributes.get(c.attribute().value()), c.attribute().span());
        }
    }

    /** The saved audience of a name: the one the document saves, or one saved by another campaign. */
    Symbol savedAudience(String name) {
        return saved.computeIfAbsent(name, n -> new Symbol(SymbolKind.SAVED_AUDIENCE, n, null, null, null, "saved by another campaign"));
    }

    /** The entity an audience selects, following its bases; null when unknown or cyclic. */
    String audienceEntity(String audience) {
        Set<String> seen = new HashSet<>();
        String at = audience;
        while (at != null && seen.add(at)) {
            Statement.Audience a = audienceDecls.get(at);
            if (a == null) {
                return null;
            }
            String base = a.base().value();
            if (entities.containsKey(base)) {
                return base;
            }
            at = base;
        }
        return null;
    }

    /** The entity a build reads: an entity's name, or the entity of an audience. */
    String sourceEntity(String name) {
        return entities.containsKey(name) && !DELIVERIES.equals(name) ? name : audienceEntity(name);
    }

    /** The rows on the first input of an activity, as the checker computed them; null when unknown. */
    Shape input(String activity) {
        for (String[] e : edges) {
            if (e[2].equals(activity)) {
                String port = e[1] != null ? e[1] : defaultPort(e[0]);
                return port == null ? null : checked.port(e[0], port);
            }
        }
        return null;
    }

    /** The names of the activities whose rows reach an activity directly. */
    List<String> inputs(String activity) {
        List<String> out = new ArrayList<>();
        for (String[] e : edges) {
            if (e[2].equals(activity) && !out.contains(e[0])) {
                out.add(e[0]);
            }
        }
        return out;
    }

    private String defaultPort(String activity) {
        Statement.ActivityDecl d = activityDecls.get(activity);
        if (d == null) {
            return null;
        }
        Activity a = d.activity();
        if (a instanceof Activity.Split || a instanceof Activity.Test) {
            return null;
        }
        return a instanceof Activity.Channel ? "sent" : "out";
    }

    /** The column a name stands for in the rows reaching an activity: made by the nearest enrich or load upstream. */
    Symbol column(String activity, String name) {
        if (activity == null) {
            return null;
        }
        return columnMemo.computeIfAbsent(activity + "\u0000" + name, k -> {
            Deque<String> queue = new ArrayDeque<>(inputs(activity));
            Set<String> seen = new HashSet<>(queue);
            while (!queue.isEmpty()) {
                String at = queue.removeFirst();
                Symbol made = columns.getOrDefault(at, Map.of()).get(name);
                if (made != null) {
                    return made;
                }
                for (String next : inputs(at)) {
                    if (seen.add(next)) {
                        queue.addLast(next);
                    }
                }
            }
            return null;
        });
    }
}
