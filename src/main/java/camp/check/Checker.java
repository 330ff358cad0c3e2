package camp.check;

import camp.ast.CampFile;
import camp.ast.Expr;
import camp.ast.Name;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Audience;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Param;
import camp.ir.Plan;
import camp.ir.Scalar;
import camp.project.Project;
import camp.source.Span;
import camp.types.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check stage: resolves every name of a campaign and its imports, type-checks every
 * expression, checks the flow graph and the schedule, and builds the {@link Plan}.
 * It reports everything it finds and goes on after an error.
 */
final class Checker {
    static final List<String> CHANNELS = List.of("email", "sms", "push");
    static final Map<String, String> ADDRESS_ATTRIBUTE = Map.of("email", "email", "sms", "phone", "push", "push_token");

    private final CampFile root;
    private final List<CampFile> libraries;
    private final List<Diagnostic> diagnostics;
    private final QueryValidator queries;
    private final Symbols symbols;
    private final ExprChecker exprs;
    private final Map<String, Statement.Audience> audienceDecls = new LinkedHashMap<>();
    private final Set<String> resolving = new java.util.LinkedHashSet<>();
    /** The rows on each port of each activity, once checked. */
    private Map<String, Map<String, camp.ir.Shape>> ports = Map.of();

    Checker(CampFile root, List<CampFile> libraries, List<Diagnostic> diagnostics, QueryValidator queries, Project project) {
        this.symbols = new Symbols(project);
        this.root = root;
        this.libraries = libraries;
        this.diagnostics = diagnostics;
        this.queries = queries;
        this.exprs = new ExprChecker(symbols, diagnostics);
        symbols.audienceResolver = this::resolveAudience;
    }

    Plan check() {
        String campaign = single(Statement.Campaign.class, "campaign") instanceof Statement.Campaign c ? c.name() : null;
        if (campaign != null && campaign.isBlank()) {
            Statement.Campaign c = root.all(Statement.Campaign.class).get(0);
            report(Diagnostic.at(c.nameSpan(), Code.EMPTY_NAME, "the campaign name"));
        }
        Statement.Schedule schedule = (Statement.Schedule) single(Statement.Schedule.class, "schedule");
        single(Statement.Flow.class, "flow");
        single(Statement.TestAudience.class, "test audience");

        List<CampFile> files = new ArrayList<>(libraries);
        files.add(root);
        for (CampFile f : files) {
            for (CampFile.Broken b : f.broken()) {
                if (b.name() != null) {
                    symbols.broken.add(b.name());
                }
            }
            symbols.incomplete |= f.incomplete();
        }
        for (CampFile f : files) {
            for (Statement.Entity e : f.all(Statement.Entity.class)) {
                declareEntity(e);
            }
        }
        for (CampFile f : files) {
            for (Statement.Entity e : f.all(Statement.Entity.class)) {
                checkEntity(e);
            }
        }
        addDeliveries();
        for (CampFile f : files) {
            for (Statement.Param p : f.all(Statement.Param.class)) {
                declareParam(p);
            }
        }
        for (CampFile f : files) {
            for (Statement.Audience a : f.all(Statement.Audience.class)) {
                if (declare("audience", a.name())) {
                    audienceDecls.put(a.name().value(), a);
                }
            }
        }
        for (String name : audienceDecls.keySet()) {
            resolveAudience(name, null);
        }

        Plan.TestAudience testAudience = null;
        for (Statement.TestAudience t : root.all(Statement.TestAudience.class)) {
            Entity e = entity(t.entity());
            if (e != null) {
                Scalar condition = exprs.condition(t.where(), Scope.row(e.name(), Map.of(), "the test audience"));
                testAudience = new Plan.TestAudience(e.name(), condition);
            }
        }

        FlowChecker flow = new FlowChecker(root, symbols, exprs, diagnostics);
        flow.check(campaign != null);
        ports = flow.ports();

        ScheduleChecker.Result sched = schedule == null ? null : new ScheduleChecker(diagnostics).check(schedule);
        String timezone = sched == null ? "UTC" : sched.zone();
        return new Plan(campaign, timezone, sched == null ? null : sched.spec(), symbols.entities, symbols.audiences,
                symbols.params, testAudience, flow.steps(), flow.edges(), List.of());
    }

    /** The rows on each port of each activity checked (after {@link #check}). */
    Map<String, Map<String, camp.ir.Shape>> ports() {
        return ports;
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    /** Reports a second occurrence of a once-only statement; returns the first or null. */
    private Statement single(Class<? extends Statement> kind, String keyword) {
        List<? extends Statement> all = root.all(kind);
        for (int i = 1; i < all.size(); i++) {
            report(Diagnostic.at(firstWord(all.get(i).span(), keyword), Code.DUPLICATE_STATEMENT, keyword));
        }
        return all.isEmpty() ? null : all.get(0);
    }

    private static Span firstWord(Span span, String keyword) {
        int length = keyword.indexOf(' ') > 0 ? keyword.indexOf(' ') : keyword.length();
        return Span.of(span.file(), span.start(), Math.min(span.end(), span.start() + length));
    }

    /** Declares a name in the shared namespace of entities and audiences; false if taken. */
    private boolean declare(String what, Name name) {
        Span previous = symbols.declared.putIfAbsent(name.value(), name.span());
        if (previous != null) {
            report(Diagnostic.at(name.span(), Code.DUPLICATE_NAME, what, name.value())
                    .withHelp("first defined at " + previous));
            return false;
        }
        return true;
    }

    // ------------------------------------------------------------ entities

    private void declareEntity(Statement.Entity e) {
        if (!declare("entity", e.name())) {
            return;
        }
        Map<String, Type> attributes = new LinkedHashMap<>();
        for (Statement.Attribute a : e.attributes()) {
            if (attributes.putIfAbsent(a.name().value(), a.type()) != null) {
                report(Diagnostic.at(a.name().span(), Code.DUPLICATE_NAME, "attribute", a.name().value()));
            }
        }
        Map<String, Link> links = new LinkedHashMap<>();
        for (Statement.Link l : e.links()) {
            if (attributes.containsKey(l.name().value()) || links.containsKey(l.name().value())) {
                report(Diagnostic.at(l.name().span(), Code.DUPLICATE_NAME, "member", l.name().value()));
                continue;
            }
            links.put(l.name().value(), new Link(l.name().value(), e.name().value(), l.many(), l.target().value(), l.column().value()));
        }
        Map<String, String> consents = new LinkedHashMap<>();
        for (Statement.Consent c : e.consents()) {
            consents.put(c.channel().value(), c.attribute().value());
        }
        Path file = null;
        String location = e.location();
        if (e.sourceKind() == Statement.SourceKind.CSV || e.sourceKind() == Statement.SourceKind.PARQUET) {
            file = resolveFile(e.locationSpan(), e.location(), true);
            location = file == null ? e.location() : file.toString();
        } else if (e.sourceKind() == Statement.SourceKind.QUERY && !e.location().isBlank()) {
            String problem = QueryShape.problem(e.location());
            if (problem == null) {
                problem = queries.problem(e.location());
            }
            if (problem != null) {
                report(Diagnostic.at(e.locationSpan(), Code.QUERY_NOT_SELECT, problem)
                        .withHelp("write the SELECT that gives the entity's rows; camp reads it, it never runs anything else"));
            }
        }
        symbols.entities.put(e.name().value(), new Entity(e.name().value(), e.key().value(),
                Entity.SourceKind.valueOf(e.sourceKind().name()), location, file, attributes, links, consents, e.name().span()));
    }

    /** Resolves a path relative to the file that names it; reports it when it does not exist. */
    Path resolveFile(Span at, String relative, boolean mustExist) {
        return resolveFile(at, relative, mustExist, symbols.project, diagnostics);
    }

    /**
     * The file a script names, relative to the script: reported when it does not exist, or when
     * it lies outside the project's folders (E0110); null when it cannot be used at all.
     */
    static Path resolveFile(Span at, String relative, boolean mustExist, Project project, List<Diagnostic> diagnostics) {
        if (Project.isUrl(relative)) {
            if (!project.allowsUrl(relative)) {
                diagnostics.add(Diagnostic.at(at, Code.OUTSIDE_PROJECT, relative, project.root())
                        .withHelp(allowHelp(project, relative)));
                return null;
            }
            return Path.of(relative.replaceFirst("^[A-Za-z0-9+.-]+://", ""));
        }
        Path base = at.file().path() == null ? Path.of("").toAbsolutePath() : at.file().path().toAbsolutePath().getParent();
        Path p;
        try {
            p = base.resolve(relative).normalize();
        } catch (java.nio.file.InvalidPathException x) {
            diagnostics.add(Diagnostic.at(at, Code.FILE_NOT_FOUND, relative));
            return null;
        }
        boolean glob = relative.contains("*") || relative.contains("?");
        Path folder = glob ? globFolder(p) : p;
        if (!project.allows(folder)) {
            diagnostics.add(Diagnostic.at(at, Code.OUTSIDE_PROJECT, relative, project.root()).withHelp(allowHelp(project, folder.toString())));
            return null;
        }
        if (mustExist && !glob && !Files.exists(p)) {
            diagnostics.add(Diagnostic.at(at, Code.FILE_NOT_FOUND, relative));
        }
        return p;
    }

    /** The folders of a glob pattern before its first wildcard. */
    private static Path globFolder(Path pattern) {
        Path folder = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
        for (Path part : pattern) {
            if (part.toString().contains("*") || part.toString().contains("?")) {
                break;
            }
            folder = folder.resolve(part);
        }
        return folder;
    }

    private static String allowHelp(Project project, String what) {
        return project.config() == null
                ? "camp reads only the files of its project; put a camp.toml at the project's root, with [paths] allow = [\"...\"]"
                        + " for other places"
                : "camp reads only the files of its project; list the place in " + project.config() + ": [paths] allow = [\""
                        + what + "\"]";
    }

    private void checkEntity(Statement.Entity e) {
        Entity info = symbols.entities.get(e.name().value());
        if (info == null || info.span() != e.name().span()) {
            return; // a second declaration of the name, reported already
        }
        if (!info.attributes().containsKey(e.key().value())) {
            report(Diagnostic.at(e.key().span(), Code.KEY_NOT_ATTRIBUTE, e.key().value(), e.name().value())
                    .withDidYouMean(e.key().value(), info.attributes().keySet()));
        }
        if (e.location().isBlank()) {
            report(Diagnostic.at(e.locationSpan(), Code.EMPTY_NAME, "the source of entity '" + e.name().value() + "'"));
        }
        for (Statement.Link l : e.links()) {
            Entity target = symbols.entities.get(l.target().value());
            if (target == null && !symbols.reportUnknown(l.target().value())) {
                continue;
            }
            if (target == null) {
                report(Diagnostic.at(l.target().span(), Code.UNKNOWN_ENTITY, l.target().value())
                        .withDidYouMean(l.target().value(), symbols.entities.keySet()));
                continue;
            }
            Entity holder = l.many() ? target : info;
            Entity keyed = l.many() ? info : target;
            Type columnType = holder.attributes().get(l.column().value());
            if (columnType == null) {
                report(Diagnostic.at(l.column().span(), Code.LINK_COLUMN_NOT_ATTRIBUTE, l.column().value(), holder.name())
                        .withDidYouMean(l.column().value(), holder.attributes().keySet()));
            } else if (keyed.attributes().containsKey(keyed.key())
                    && !ExprChecker.comparable(columnType, keyed.keyType())) {
                report(Diagnostic.at(l.column().span(), Code.LINK_TYPES, l.name().value(), columnType, l.column().value(),
                        keyed.keyType(), keyed.key(), keyed.name()));
            }
        }
        for (Statement.Consent c : e.consents()) {
            if (!CHANNELS.contains(c.channel().value())) {
                report(Diagnostic.at(c.channel().span(), Code.UNKNOWN_CHANNEL, c.channel().value())
                        .withDidYouMean(c.channel().value(), CHANNELS));
            }
            Type t = info.attributes().get(c.attribute().value());
            if (t == null) {
                report(Diagnostic.at(c.attribute().span(), Code.UNKNOWN_MEMBER, e.name().value(), c.attribute().value())
                        .withDidYouMean(c.attribute().value(), info.attributes().keySet()));
            } else if (t != Type.BOOL) {
                report(Diagnostic.at(c.attribute().span(), Code.CONSENT_NOT_BOOL, c.attribute().value(), t));
            }
        }
    }

    /** Adds the delivery history entity and its implicit link from every addressable entity. */
    private void addDeliveries() {
        if (symbols.entities.containsKey(Entity.DELIVERIES)) {
            return;
        }
        Map<String, Type> attributes = new LinkedHashMap<>();
        attributes.put("message_key", Type.TEXT);
        attributes.put("campaign", Type.TEXT);
        attributes.put("activity", Type.TEXT);
        attributes.put("channel", Type.TEXT);
        attributes.put("status", Type.TEXT);
        attributes.put("sent_at", Type.TIMESTAMP);
        attributes.put("run", Type.TEXT);
        attributes.put("address", Type.TEXT);
        attributes.put("recipient", Type.TEXT);
        symbols.entities.put(Entity.DELIVERIES, new Entity(Entity.DELIVERIES, "message_key",
                Entity.SourceKind.TABLE, "camp_deliveries", null, attributes, Map.of(), Map.of(), null));
        for (Entity e : List.copyOf(symbols.entities.values())) {
            if (e.isDeliveries() || e.links().containsKey(Entity.DELIVERIES) || e.attributes().containsKey(Entity.DELIVERIES)) {
                continue;
            }
            boolean addressable = ADDRESS_ATTRIBUTE.values().stream().anyMatch(e.attributes()::containsKey);
            if (addressable) {
                Map<String, Link> links = new LinkedHashMap<>(e.links());
                links.put(Entity.DELIVERIES, new Link(Entity.DELIVERIES, e.name(), true, Entity.DELIVERIES, "recipient"));
                symbols.entities.put(e.name(), e.withLinks(links));
            }
        }
    }

    Entity entity(Name name) {
        Entity e = symbols.entities.get(name.value());
        if (e == null && symbols.reportUnknown(name.value())) {
            report(Diagnostic.at(name.span(), Code.UNKNOWN_ENTITY, name.value())
                    .withDidYouMean(name.value(), symbols.entities.keySet()));
        }
        return e;
    }

    // ------------------------------------------------------------ params

    private void declareParam(Statement.Param p) {
        if (symbols.params.containsKey(p.name().value())) {
            report(Diagnostic.at(p.name().span(), Code.DUPLICATE_NAME, "param", p.name().value()));
            return;
        }
        Object value = null;
        boolean hasDefault = p.defaultValue() != null;
        if (hasDefault) {
            value = constant(p.defaultValue(), p.type(), "the default of param '" + p.name().value() + "'");
        }
        symbols.params.put(p.name().value(), new Param(p.name().value(), p.type(), value, hasDefault));
    }

    /** The Java value of a constant expression of the given type, reporting what does not fit. */
    private Object constant(Expr e, Type type, String what) {
        boolean negative = false;
        Expr inner = e;
        if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEGATE) {
            negative = true;
            inner = u.operand();
        }
        if (!(inner instanceof Expr.Literal lit)) {
            report(Diagnostic.at(e.span(), Code.NOT_CONSTANT, what));
            return null;
        }
        Object v = lit.value();
        Object result = switch (type) {
            case INT -> v instanceof Long l ? (negative ? -l : l) : null;
            case DECIMAL, FLOAT -> v instanceof Long l ? BigDecimal.valueOf(negative ? -l : l)
                    : v instanceof BigDecimal b ? (negative ? b.negate() : b) : null;
            case TEXT -> !negative && v instanceof String ? v : null;
            case BOOL -> !negative && v instanceof Boolean ? v : null;
            case DATE -> !negative && v instanceof java.time.LocalDate ? v : null;
            case TIMESTAMP -> !negative && v instanceof java.time.LocalDateTime ? v
                    : !negative && v instanceof java.time.LocalDate d ? d.atStartOfDay() : null;
            default -> null;
        };
        if (lit.kind() == Expr.LiteralKind.NULL) {
            return null;
        }
        if (result == null) {
            report(Diagnostic.at(e.span(), Code.TYPE_MISMATCH, what, type, literalType(lit.kind())));
        }
        return result;
    }

    private static String literalType(Expr.LiteralKind kind) {
        return switch (kind) {
            case INT -> "int";
            case DECIMAL -> "decimal";
            case STRING -> "text";
            case BOOL -> "bool";
            case NULL -> "null";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case DURATION -> "duration";
        };
    }

    // ------------------------------------------------------------ audiences

    private Audience resolveAudience(String name, Span useSite) {
        Audience done = symbols.audiences.get(name);
        if (done != null) {
            return done;
        }
        Statement.Audience decl = audienceDecls.get(name);
        if (decl == null) {
            return null;
        }
        if (symbols.cyclic.contains(name)) {
            return null;
        }
        if (!resolving.add(name)) {
            List<String> chain = new ArrayList<>(resolving);
            chain = new ArrayList<>(chain.subList(chain.indexOf(name), chain.size()));
            symbols.cyclic.addAll(chain);
            chain.add(name);
            report(Diagnostic.at(useSite == null ? decl.name().span() : useSite, Code.AUDIENCE_CYCLE, name,
                    String.join(" -> ", chain)));
            return null;
        }
        try {
            String baseName = decl.base().value();
            List<Scalar> conditions = new ArrayList<>();
            String entity;
            if (symbols.entities.containsKey(baseName) && !symbols.entities.get(baseName).isDeliveries()) {
                entity = baseName;
            } else if (audienceDecls.containsKey(baseName)) {
                Audience base = resolveAudience(baseName, decl.base().span());
                if (base == null) {
                    return null;
                }
                entity = base.entity();
                conditions.addAll(base.conditions());
            } else {
                if (symbols.reportUnknown(baseName)) {
                    Set<String> names = new LinkedHashSet<>(symbols.entities.keySet());
                    names.addAll(audienceDecls.keySet());
                    report(Diagnostic.at(decl.base().span(), Code.UNKNOWN_SOURCE, baseName)
                            .withDidYouMean(baseName, names));
                }
                return null;
            }
            if (decl.where() != null) {
                conditions.add(exprs.condition(decl.where(), Scope.row(entity, Map.of(), "audience '" + name + "'")));
            }
            Audience info = new Audience(name, entity, conditions);
            symbols.audiences.put(name, info);
            return info;
        } finally {
            resolving.remove(name);
        }
    }
}
