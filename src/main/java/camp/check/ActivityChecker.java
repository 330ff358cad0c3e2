package camp.check;

import camp.ast.Activity;
import camp.ast.Expr;
import camp.ast.Name;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Placeholders;
import camp.ir.Scalar;
import camp.ir.Shape;
import camp.ir.Step;
import camp.source.Span;
import camp.types.Type;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks one activity against the rows that reach it and computes the rows it sends on each
 * output port. A null input shape means an upstream error was reported; expressions that
 * would depend on it are not checked, so one mistake is reported once.
 */
final class ActivityChecker {
    private final Symbols symbols;
    private final ExprChecker exprs;
    private final List<Diagnostic> diagnostics;

    ActivityChecker(Symbols symbols, ExprChecker exprs, List<Diagnostic> diagnostics) {
        this.symbols = symbols;
        this.exprs = exprs;
        this.diagnostics = diagnostics;
    }

    /**
     * A checked activity: the rows on each of its output ports, and how to make its step of the
     * plan once its place in the flow is known; {@code step} is null when the activity or its
     * input has an error.
     */
    record Result(Map<String, Shape> outputs, Function<Step.Node, Step> step) {
        static final Result FAILED = new Result(Map.of(), null);

        Result {
            outputs = outputs == null ? Map.of() : outputs;
        }
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    Result check(Statement.ActivityDecl decl, List<Shape> inputs, List<String> inputNames) {
        Context ctx = new Context(decl, inputs, inputNames);
        int errors = Diagnostic.errorCount(diagnostics);
        Result result = decl.activity().accept(ctx);
        if (result == null || inputs.contains(null) || Diagnostic.errorCount(diagnostics) > errors) {
            return new Result(result == null ? null : result.outputs(), null);
        }
        return result;
    }

    private final class Context implements Activity.Visitor<Result> {
        private final Statement.ActivityDecl decl;
        private final List<Shape> inputs;
        private final List<String> inputNames;
        private final String name;

        Context(Statement.ActivityDecl decl, List<Shape> inputs, List<String> inputNames) {
            this.decl = decl;
            this.inputs = inputs;
            this.inputNames = inputNames;
            this.name = decl.name().value();
        }

        /** The single input's shape, or null if unknown or absent. */
        private Shape input() {
            return inputs.isEmpty() ? null : inputs.get(0);
        }

        private Scope rowScope(Shape shape) {
            return Scope.row(shape.entity(), shape.columns(), "'" + name + "'");
        }

        private Map<String, Shape> all(List<String> ports, Shape shape) {
            if (shape == null) {
                return null;
            }
            Map<String, Shape> out = new LinkedHashMap<>();
            for (String p : ports) {
                out.put(p, shape);
            }
            return out;
        }

        /** Rows from a load that were not reconciled have no entity; most activities need one. */
        private boolean needsEntity(Shape shape) {
            if (shape != null && shape.entity() == null) {
                report(Diagnostic.at(decl.name().span(), Code.TYPE_MISMATCH, "the input of '" + name + "'",
                        "rows of an entity", "rows of a load")
                        .withHelp("reconcile the loaded rows to an entity first: 'reconcile to profiles on email = email'"));
                return false;
            }
            return shape != null;
        }

        private List<Step.Order> orders(List<Activity.OrderItem> items, Scope scope) {
            List<Step.Order> out = new ArrayList<>();
            for (Activity.OrderItem o : items) {
                out.add(new Step.Order(exprs.check(o.expr(), scope), o.descending()));
            }
            return out;
        }

        @Override
        public Result visitBuild(Activity.Build a) {
            Step.BuildSource source = null;
            if (a.source() instanceof Activity.NamedSource n) {
                String s = n.name().value();
                Entity e = symbols.entities.get(s);
                if (e != null) {
                    source = new Step.FromEntity(s);
                } else {
                    var audience = symbols.audience(s, n.name().span());
                    if (audience != null) {
                        source = new Step.FromAudience(audience);
                    } else if (symbols.reportUnknown(s)) {
                        Set<String> names = new LinkedHashSet<>(symbols.entities.keySet());
                        names.addAll(symbols.audiences.keySet());
                        report(Diagnostic.at(n.name().span(), Code.UNKNOWN_SOURCE, s)
                                .withDidYouMean(s, names));
                    }
                }
            } else if (a.source() instanceof Activity.SavedSource saved) {
                Entity e = symbols.entities.get(saved.entity().value());
                if (e == null) {
                    report(Diagnostic.at(saved.entity().span(), Code.UNKNOWN_ENTITY, saved.entity().value())
                            .withDidYouMean(saved.entity().value(), symbols.entities.keySet()));
                } else {
                    source = new Step.FromSaved(saved.audience(), e.name());
                }
                checkAudienceName(saved.audience(), saved.audienceSpan());
            }
            if (source == null) {
                return null;
            }
            String entity = source.entity();
            Scalar where = a.where() == null ? null : exprs.condition(a.where(), Scope.row(entity, Map.of(), "'" + name + "'"));
            Step.Incremental incremental = null;
            if (a.incremental() != null) {
                Activity.Incremental inc = a.incremental();
                if (inc.on() != null) {
                    Type t = symbols.entities.get(entity).attributes().get(inc.on().value());
                    if (t == null) {
                        report(Diagnostic.at(inc.on().span(), Code.UNKNOWN_MEMBER, entity, inc.on().value())
                                .withDidYouMean(inc.on().value(), symbols.entities.get(entity).attributes().keySet()));
                    } else if (!t.isTemporal()) {
                        report(Diagnostic.at(inc.on().span(), Code.INCREMENTAL_ATTRIBUTE, inc.on().value(), t));
                    }
                }
                if (inc.history() != null && inc.history().unit().compareTo(ChronoUnit.DAYS) < 0) {
                    report(Diagnostic.at(inc.historySpan(), Code.BAD_INTERVAL, "history is counted in days, weeks, months or years"));
                }
                incremental = new Step.Incremental(inc.on() == null ? null : inc.on().value(), inc.history());
            }
            Step.BuildSource from = source;
            Step.Incremental inc = incremental;
            return new Result(Map.of("out", Shape.of(entity)), node -> new Step.Build(node, from, where, inc, a.skipEmpty()));
        }

        private void checkAudienceName(String audience, Span span) {
            if (audience.isBlank()) {
                report(Diagnostic.at(span, Code.EMPTY_NAME, "a saved audience name"));
            } else if (!audience.matches("[A-Za-z0-9_\\- ]+")) {
                report(Diagnostic.at(span, Code.SAVED_AUDIENCE_NAME, audience));
            }
        }

        @Override
        public Result visitLoad(Activity.Load a) {
            Path file = Checker.resolveFile(a.pathSpan(), a.path(), true, symbols.project, diagnostics);
            Map<String, Type> columns = new LinkedHashMap<>();
            for (Activity.Column c : a.columns()) {
                if (columns.putIfAbsent(c.name().value(), c.type()) != null) {
                    report(Diagnostic.at(c.name().span(), Code.DUPLICATE_NAME, "column", c.name().value()));
                }
            }
            if (a.columns().isEmpty()) {
                report(Diagnostic.at(a.span(), Code.LOAD_EMPTY));
            }
            Map<String, Type> rejected = new LinkedHashMap<>();
            rejected.put("line_number", Type.INT);
            rejected.put("reason", Type.TEXT);
            rejected.put("line", Type.TEXT);
            Map<String, Shape> out = new LinkedHashMap<>();
            out.put("out", new Shape(null, columns));
            out.put("rejected", new Shape(null, rejected));
            List<Step.Column> declared = a.columns().stream().map(c -> new Step.Column(c.name().value(), c.type())).toList();
            long rejectMax = a.rejectMax() == null ? 0 : a.rejectMax();
            return new Result(out, node -> new Step.Load(node, a.path(), file, declared, rejectMax));
        }

        @Override
        public Result visitReconcile(Activity.Reconcile a) {
            Entity e = symbols.entities.get(a.entity().value());
            if (e == null) {
                report(Diagnostic.at(a.entity().span(), Code.UNKNOWN_ENTITY, a.entity().value())
                        .withDidYouMean(a.entity().value(), symbols.entities.keySet()));
            }
            Shape in = input();
            if (in == null || e == null) {
                return null;
            }
            List<Step.Match> matches = new ArrayList<>();
            for (Activity.MatchRule rule : a.rules()) {
                Type incoming = in.columns().get(rule.incoming().value());
                if (incoming == null) {
                    report(Diagnostic.at(rule.incoming().span(), Code.UNKNOWN_COLUMN, rule.incoming().value(), name)
                            .withDidYouMean(rule.incoming().value(), in.columns().keySet()));
                }
                Expr path = pathExpr(rule.attribute());
                Scalar attr = exprs.check(path, Scope.row(e.name(), Map.of(), "'" + name + "'"));
                if (incoming != null && !ExprChecker.comparable(incoming, attr.type())) {
                    report(Diagnostic.at(rule.span(), Code.RECONCILE_TYPES, incoming, rule.incoming().value(), attr.type(),
                            ExprChecker.joined(rule.attribute())));
                }
                matches.add(new Step.Match(rule.incoming().value(), attr));
            }
            Map<String, Shape> out = new LinkedHashMap<>();
            out.put("out", new Shape(e.name(), in.columns()));
            out.put("unmatched", new Shape(null, in.columns()));
            return new Result(out, node -> new Step.Reconcile(node, e.name(), matches, a.keepUnmatched()));
        }

        @Override
        public Result visitCombine(Activity.Combine a) {
            Shape common = sameEntity("combine");
            if (common == null) {
                return null;
            }
            Shape out = a.mode() == Activity.CombineMode.EXCLUSION ? inputs.get(0) : commonColumns();
            Step.CombineMode mode = Step.CombineMode.valueOf(a.mode().name());
            return new Result(all(List.of("out", "complement"), out), node -> new Step.Combine(node, mode));
        }

        /** Checks that all inputs have one entity; returns the first input's shape or null. */
        private Shape sameEntity(String kind) {
            if (inputs.isEmpty() || inputs.contains(null)) {
                return null;
            }
            Shape first = inputs.get(0);
            if (!needsEntity(first)) {
                return null;
            }
            for (int i = 1; i < inputs.size(); i++) {
                Shape s = inputs.get(i);
                if (!needsEntity(s)) {
                    return null;
                }
                if (!s.entity().equals(first.entity())) {
                    report(Diagnostic.at(decl.name().span(), Code.ENTITY_MISMATCH, kind, inputNames.get(0), first.entity(),
                            inputNames.get(i), s.entity())
                            .withHelp(changeDimensionHelp(s.entity(), first.entity())));
                    return null;
                }
            }
            return first;
        }

        private String changeDimensionHelp(String from, String to) {
            Entity e = symbols.entities.get(from);
            if (e != null) {
                for (Link l : e.links().values()) {
                    if (l.target().equals(to)) {
                        return "bring them to one entity first with 'change dimension to " + l.name() + "'";
                    }
                }
            }
            return "bring them to one entity first with 'change dimension to LINK'";
        }

        private Shape commonColumns() {
            Map<String, Type> columns = new LinkedHashMap<>(inputs.get(0).columns());
            for (Shape s : inputs.subList(1, inputs.size())) {
                columns.entrySet().removeIf(c -> s.columns().get(c.getKey()) != c.getValue());
            }
            return new Shape(inputs.get(0).entity(), columns);
        }

        @Override
        public Result visitDedup(Activity.Dedup a) {
            Shape in = input();
            if (!needsEntity(in)) {
                return null;
            }
            Scope scope = rowScope(in);
            List<Scalar> keys = new ArrayList<>();
            for (Expr key : a.keys()) {
                keys.add(exprs.check(key, scope));
            }
            if (a.keep() != null && a.keep() < 0) {
                report(Diagnostic.at(a.keepSpan(), Code.BAD_COUNT, "keep", 0, a.keep()));
            }
            Step.DedupMethod method = new Step.RandomPick();
            if (a.method() instanceof Activity.FirstBy f) {
                method = new Step.FirstBy(orders(f.order(), scope));
            } else if (a.method() instanceof Activity.NonEmpty n) {
                method = new Step.NonEmpty(exprs.check(pathExpr(n.attribute()), scope));
            } else if (a.method() instanceof Activity.Prefer p) {
                Scalar attr = exprs.check(pathExpr(p.attribute()), scope);
                List<Scalar> choices = new ArrayList<>();
                for (Expr v : p.values()) {
                    Scalar s = exprs.check(v, scope);
                    if (!ExprChecker.comparable(attr.type(), s.type())) {
                        report(Diagnostic.at(v.span(), Code.INCOMPARABLE, attr.type(), s.type()));
                    }
                    choices.add(s);
                }
                method = new Step.Prefer(attr, choices);
            }
            long keep = a.keep() == null ? 1 : a.keep();
            Step.DedupMethod chosen = method;
            return new Result(all(List.of("out", "duplicates"), in), node -> new Step.Dedup(node, keys, keep, chosen));
        }

        @Override
        public Result visitSplit(Activity.Split a) {
            if (a.segments().isEmpty()) {
                report(Diagnostic.at(a.span(), Code.SPLIT_NEEDS_SEGMENT));
            }
            Set<String> names = new HashSet<>();
            Activity.Segment remainder = null;
            Shape in = input();
            boolean rows = needsEntity(in);
            List<Step.Segment> segments = new ArrayList<>();
            for (Activity.Segment s : a.segments()) {
                if (!names.add(s.name().value())) {
                    report(Diagnostic.at(s.name().span(), Code.DUPLICATE_PORT, s.name().value()));
                }
                if (s.isRemainder()) {
                    if (remainder != null) {
                        report(Diagnostic.at(s.span(), Code.TWO_REMAINDERS)
                                .withHelp("the first remainder is '" + remainder.name().value() + "'"));
                    }
                    remainder = s;
                    if (s.limit() != null) {
                        report(Diagnostic.at(s.limit().span(), Code.REMAINDER_OPTION, "limit"));
                    }
                    if (s.orderSpan() != null) {
                        report(Diagnostic.at(s.orderSpan(), Code.REMAINDER_OPTION, "order by"));
                    }
                    if (s.randomSpan() != null) {
                        report(Diagnostic.at(s.randomSpan(), Code.REMAINDER_OPTION, "random"));
                    }
                }
                if (s.limit() != null && s.limit().percent() && s.limit().amount() > 100) {
                    report(Diagnostic.at(s.limit().span(), Code.BAD_PERCENT, s.limit().amount()));
                }
                if (s.orderSpan() != null && s.randomSpan() != null) {
                    report(Diagnostic.at(s.randomSpan(), Code.ORDER_AND_RANDOM));
                }
                if (s.limit() == null && (s.orderSpan() != null || s.randomSpan() != null) && !s.isRemainder()) {
                    Span at = s.orderSpan() != null ? s.orderSpan() : s.randomSpan();
                    report(Diagnostic.at(at, Code.ORDER_WITHOUT_LIMIT));
                }
                if (rows) {
                    Scope scope = rowScope(in);
                    Scalar condition = s.condition() == null ? null : exprs.condition(s.condition(), scope);
                    List<Step.Order> order = orders(s.orderBy(), scope);
                    // without a limit, an order or random chooses nothing (W0427): the plan leaves them out
                    Step.Limit limit = s.limit() == null ? null : new Step.Limit(s.limit().amount(), s.limit().percent());
                    segments.add(new Step.Segment(s.name().value(), condition, limit, limit == null ? List.of() : order,
                            limit != null && s.random(), s.skipEmpty()));
                }
            }
            boolean overlapping = a.overlapping();
            return new Result(all(ActivityKinds.of(a).ports(), rows ? in : null),
                    node -> new Step.Split(node, overlapping, segments));
        }

        @Override
        public Result visitEnrich(Activity.Enrich a) {
            if (a.columns().isEmpty()) {
                report(Diagnostic.at(a.span(), Code.ENRICH_EMPTY));
            }
            Shape in = input();
            if (in == null) {
                return null;
            }
            Scope scope = rowScope(in);
            Shape out = in;
            Entity entity = in.entity() == null ? null : symbols.entities.get(in.entity());
            List<Step.Derived> columns = new ArrayList<>();
            for (Activity.EnrichColumn c : a.columns()) {
                Scalar value = exprs.check(c.value(), scope);
                String col = c.name().value();
                if (out.columns().containsKey(col) || (entity != null && (entity.attributes().containsKey(col) || entity.links().containsKey(col)))) {
                    report(Diagnostic.at(c.name().span(), Code.COLUMN_EXISTS, col, name)
                            .withHelp("choose another name; enriched columns cannot replace attributes or earlier columns"));
                    continue;
                }
                Type t = value.type();
                if (t == Type.DURATION || t == Type.TIME) {
                    report(Diagnostic.at(c.value().span(), Code.TYPE_MISMATCH, "an enriched column", "a value that can be stored", t));
                }
                out = out.with(col, t == Type.NULL ? Type.TEXT : t);
                columns.add(new Step.Derived(col, value));
            }
            return new Result(Map.of("out", out), node -> new Step.Enrich(node, columns));
        }

        @Override
        public Result visitChangeDimension(Activity.ChangeDimension a) {
            Shape in = input();
            if (!needsEntity(in)) {
                return null;
            }
            Entity e = symbols.entities.get(in.entity());
            Link link = e == null ? null : e.links().get(a.link().value());
            if (link == null) {
                report(Diagnostic.at(a.link().span(), Code.UNKNOWN_LINK, in.entity(), a.link().value())
                        .withDidYouMean(a.link().value(), e == null ? List.of() : e.links().keySet()));
                return null;
            }
            return new Result(Map.of("out", new Shape(link.target(), in.columns())), node -> new Step.ChangeDimension(node, link));
        }

        @Override
        public Result visitTest(Activity.Test a) {
            if (a.branches().isEmpty()) {
                report(Diagnostic.at(a.span(), Code.TEST_NEEDS_BRANCH));
            }
            Set<String> names = new HashSet<>();
            List<Step.Branch> branches = new ArrayList<>();
            for (int i = 0; i < a.branches().size(); i++) {
                Activity.TestBranch b = a.branches().get(i);
                if (!names.add(b.name().value())) {
                    report(Diagnostic.at(b.name().span(), Code.DUPLICATE_PORT, b.name().value()));
                }
                Scalar condition = null;
                if (b.condition() == null) {
                    if (i != a.branches().size() - 1) {
                        report(Diagnostic.at(b.span(), Code.OTHERWISE_NOT_LAST));
                    }
                } else {
                    condition = exprs.condition(b.condition(), Scope.test());
                }
                branches.add(new Step.Branch(b.name().value(), condition));
            }
            return new Result(all(ActivityKinds.of(a).ports(), input()), node -> new Step.Test(node, branches));
        }

        @Override
        public Result visitFork(Activity.Fork a) {
            return new Result(all(List.of("out"), input()), Step.Fork::new);
        }

        @Override
        public Result visitJoin(Activity.Join a) {
            Shape first = sameEntity("join");
            int primary = 0;
            if (a.primary() != null) {
                primary = inputNames.indexOf(a.primary().value());
                if (primary < 0) {
                    report(Diagnostic.at(a.primary().span(), Code.PRIMARY_NOT_INPUT, a.primary().value(), name)
                            .withDidYouMean(a.primary().value(), inputNames));
                    return null;
                }
            }
            int carried = primary;
            return new Result(first == null ? null : all(List.of("out"), inputs.get(carried)), node -> new Step.Join(node, carried));
        }

        @Override
        public Result visitWait(Activity.Wait a) {
            if (a.duration() != null && a.duration().amount() <= 0) {
                report(Diagnostic.at(a.span(), Code.BAD_COUNT, "a wait", 1, a.duration()));
            }
            Scalar until = null;
            if (a.until() != null) {
                until = exprs.check(a.until(), Scope.constant("a 'wait until'"));
                if (!until.type().isTemporal() && until.type() != Type.ERROR) {
                    report(Diagnostic.at(a.until().span(), Code.TYPE_MISMATCH, "'wait until'", "a timestamp", until.type()));
                }
            }
            Scalar time = until;
            return new Result(all(List.of("out"), input()), node -> new Step.Wait(node, a.duration(), time));
        }

        @Override
        public Result visitChannel(Activity.Channel a) {
            return new ChannelChecker(symbols, exprs, diagnostics).check(decl, a, input(), this::needsEntity);
        }

        @Override
        public Result visitSaveAudience(Activity.SaveAudience a) {
            checkAudienceName(a.audience(), a.audienceSpan());
            Shape in = input();
            return needsEntity(in) ? new Result(all(List.of("out"), in), node -> new Step.SaveAudience(node, a.audience())) : null;
        }

        @Override
        public Result visitAlert(Activity.Alert a) {
            if (a.title().isBlank()) {
                report(Diagnostic.at(a.span(), Code.EMPTY_NAME, "an alert title"));
            }
            return new Result(all(List.of("out"), input()), node -> new Step.Alert(node, a.title(), a.message()));
        }

        @Override
        public Result visitEnd(Activity.End a) {
            return new Result(Map.of(), Step.End::new);
        }
    }

    /** A path of names as an expression, so that it resolves like any other. */
    static Expr pathExpr(List<Name> path) {
        Expr e = new Expr.Ref(path.get(0));
        for (Name n : path.subList(1, path.size())) {
            e = new Expr.Member(e, n, e.span().to(n.span()));
        }
        return e;
    }

    /** Reads a template file relative to the script; null when it cannot be read (reported). */
    static String readTemplate(Span at, String relative, camp.project.Project project, List<Diagnostic> diagnostics) {
        Path p = Checker.resolveFile(at, relative, true, project, diagnostics);
        if (p == null || !Files.isRegularFile(p)) {
            return null;
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            diagnostics.add(Diagnostic.at(at, Code.FILE_NOT_FOUND, relative));
            return null;
        }
    }

    static List<Placeholders.Placeholder> placeholders(String text) {
        return new ArrayList<>(Placeholders.scan(text).placeholders());
    }
}
