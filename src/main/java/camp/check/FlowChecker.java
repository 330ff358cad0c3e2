package camp.check;

import camp.ast.Activity;
import camp.ast.CampFile;
import camp.ast.Name;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Edge;
import camp.ir.Shape;
import camp.ir.Step;
import camp.source.Span;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the activities and the flow between them (§6, §7): names and ports of every
 * transition, the number of inputs each kind takes, cycles, reachability from the start
 * activities, and then each activity in topological order with the shape of its input rows.
 */
final class FlowChecker {
    private final CampFile root;
    private final Symbols symbols;
    private final ExprChecker exprs;
    private final List<Diagnostic> diagnostics;
    private final Map<String, Statement.ActivityDecl> decls = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    /** The activities checked so far, in topological order. */
    private final Map<String, ActivityChecker.Result> checked = new LinkedHashMap<>();
    /** Whether every activity was checked and yields a step. */
    private boolean complete;

    FlowChecker(CampFile root, Symbols symbols, ExprChecker exprs, List<Diagnostic> diagnostics) {
        this.root = root;
        this.symbols = symbols;
        this.exprs = exprs;
        this.diagnostics = diagnostics;
    }

    List<Edge> edges() {
        return edges;
    }

    /** The rows on each port of each activity checked, in topological order, errors or not. */
    Map<String, Map<String, Shape>> ports() {
        Map<String, Map<String, Shape>> ports = new LinkedHashMap<>();
        checked.forEach((name, result) -> ports.put(name, result.outputs()));
        return ports;
    }

    /**
     * The steps of the plan in topological order; empty when an activity could not be checked
     * (the campaign has errors then).
     */
    List<Step> steps() {
        if (!complete) {
            return List.of();
        }
        List<Step> steps = new ArrayList<>();
        int ordinal = 0;
        for (var e : checked.entrySet()) {
            Statement.ActivityDecl decl = decls.get(e.getKey());
            ActivityKinds.Kind kind = ActivityKinds.of(decl.activity());
            List<Edge> inputs = edges.stream().filter(edge -> edge.to().equals(e.getKey())).toList();
            Step.Node node = new Step.Node(ordinal++, e.getKey(), decl.activity().kind(), decl.name().span(), kind.arity(),
                    kind.terminal(), inputs, e.getValue().outputs());
            steps.add(e.getValue().step().apply(node));
        }
        return steps;
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    void check(boolean runnable) {
        for (Statement.ActivityDecl a : root.all(Statement.ActivityDecl.class)) {
            Statement.ActivityDecl previous = decls.putIfAbsent(a.name().value(), a);
            if (previous != null) {
                report(Diagnostic.at(a.name().span(), Code.DUPLICATE_NAME, "activity", a.name().value())
                        .withHelp("first defined at " + previous.name().span()));
            }
        }
        List<Statement.Flow> flows = root.all(Statement.Flow.class);
        Set<String> mentioned = new HashSet<>();
        if (!flows.isEmpty()) {
            buildEdges(flows.get(0), mentioned);
        } else if (!decls.isEmpty() && runnable && !root.hasBroken("flow")) {
            Statement.ActivityDecl first = decls.values().iterator().next();
            report(Diagnostic.at(first.name().span(), Code.MISSING_FLOW)
                    .withHelp("add a flow block, as in: flow { " + first.name().value() + " }"));
        }
        if (runnable && decls.isEmpty() && !symbols.incomplete) {
            Statement.Campaign c = root.all(Statement.Campaign.class).get(0);
            report(Diagnostic.at(c.span(), Code.NO_ACTIVITIES));
        }
        checkInputCounts();
        List<String> order = topologicalOrder();
        if (order == null) {
            return;
        }
        if (!flows.isEmpty() && !symbols.incomplete) {
            checkReachability(mentioned);
        }
        ActivityChecker activityChecker = new ActivityChecker(symbols, exprs, diagnostics);
        complete = !symbols.incomplete;
        for (String name : order) {
            Statement.ActivityDecl decl = decls.get(name);
            List<Shape> inputShapes = new ArrayList<>();
            List<String> inputNames = new ArrayList<>();
            for (Edge e : edges) {
                if (e.to().equals(name)) {
                    ActivityChecker.Result from = checked.get(e.from());
                    inputShapes.add(from == null ? null : from.outputs().get(e.port()));
                    inputNames.add(e.from());
                }
            }
            ActivityChecker.Result result = activityChecker.check(decl, inputShapes, inputNames);
            complete &= result.step() != null;
            checked.put(name, result);
        }
        if (!symbols.incomplete) {
            warnings();
        }
    }

    private void buildEdges(Statement.Flow flow, Set<String> mentioned) {
        Set<String> seen = new HashSet<>();
        for (Statement.Chain chain : flow.chains()) {
            List<List<Statement.Endpoint>> steps = chain.steps();
            for (List<Statement.Endpoint> step : steps) {
                for (Statement.Endpoint p : step) {
                    if (known(p.activity())) {
                        mentioned.add(p.activity().value());
                    }
                }
            }
            for (int i = 0; i + 1 < steps.size(); i++) {
                for (Statement.Endpoint from : steps.get(i)) {
                    for (Statement.Endpoint to : steps.get(i + 1)) {
                        addEdge(from, to, seen);
                    }
                }
            }
            // a port on the last step of a chain leads nowhere; still check it names a port
            for (Statement.Endpoint p : steps.get(steps.size() - 1)) {
                if (p.port() != null && steps.size() == 1) {
                    port(p);
                }
            }
        }
    }

    private boolean known(Name activity) {
        return decls.containsKey(activity.value());
    }

    private void addEdge(Statement.Endpoint from, Statement.Endpoint to, Set<String> seen) {
        String port = port(from);
        boolean targetKnown = checkKnown(to.activity());
        if (to.port() != null) {
            report(Diagnostic.at(to.port().span(), Code.SYNTAX, "a transition enters an activity, not one of its ports")
                    .withHelp("write '-> " + to.activity().value() + "'"));
        }
        if (port == null || !targetKnown) {
            return;
        }
        Edge edge = new Edge(from.activity().value(), port, to.activity().value(), from.span().to(to.span()));
        if (!seen.add(edge.toString())) {
            report(Diagnostic.at(edge.span(), Code.DUPLICATE_EDGE, from.activity().value() + (from.port() == null ? "" : "." + port), to.activity().value()));
            return;
        }
        edges.add(edge);
    }

    private boolean checkKnown(Name activity) {
        if (known(activity)) {
            return true;
        }
        if (!reportedUnknown.add(activity.span().start()) || !symbols.reportUnknown(activity.value())) {
            return false;
        }
        report(Diagnostic.at(activity.span(), Code.UNKNOWN_ACTIVITY, activity.value())
                .withDidYouMean(activity.value(), decls.keySet()));
        return false;
    }

    private final Set<Integer> reportedUnknown = new HashSet<>();

    /** The port an endpoint leaves by, or null (reported) when it has none by that name. */
    private String port(Statement.Endpoint from) {
        if (!checkKnown(from.activity())) {
            return null;
        }
        Activity a = decls.get(from.activity().value()).activity();
        ActivityKinds.Kind kind = ActivityKinds.of(a);
        List<String> ports = kind.ports();
        String port = from.port() == null ? kind.defaultPort() : from.port().value();
        if (ports.contains(port)) {
            return port;
        }
        Span at = from.port() == null ? from.activity().span() : from.port().span();
        if (ports.isEmpty()) {
            report(Diagnostic.at(at, Code.UNKNOWN_PORT, a.kind(), from.activity().value(), port, "none: it ends the flow"));
        } else if (from.port() == null) {
            report(Diagnostic.at(at, Code.UNKNOWN_PORT, a.kind(), from.activity().value(), port, String.join(", ", ports))
                    .withHelp("name one of its outputs, as in '" + from.activity().value() + "." + ports.get(0) + "'"));
        } else {
            report(Diagnostic.at(at, Code.UNKNOWN_PORT, a.kind(), from.activity().value(), port, String.join(", ", ports))
                    .withDidYouMean(port, ports));
        }
        return null;
    }

    private void checkInputCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (Edge e : edges) {
            counts.merge(e.to(), 1, Integer::sum);
        }
        for (Statement.ActivityDecl d : decls.values()) {
            int n = counts.getOrDefault(d.name().value(), 0);
            Activity a = d.activity();
            Step.Arity arity = ActivityKinds.of(a).arity();
            switch (arity) {
                case NONE -> {
                    if (n > 0) {
                        Edge first = edges.stream().filter(e -> e.to().equals(d.name().value())).findFirst().orElseThrow();
                        report(Diagnostic.at(first.span(), Code.START_WITH_INPUT, d.name().value(), a.kind()));
                    }
                }
                case TWO_OR_MORE -> {
                    if (n < 2 && (n > 0 || isMentioned(d))) {
                        report(Diagnostic.at(d.name().span(), Code.INPUT_COUNT, a.kind(), d.name().value(), arity.text(), n));
                    }
                }
                case ONE_OR_MORE -> {
                    if (n < 1 && isMentioned(d)) {
                        report(Diagnostic.at(d.name().span(), Code.INPUT_COUNT, a.kind(), d.name().value(), arity.text(), n));
                    }
                }
                case ONE -> {
                    if (n > 1) {
                        report(Diagnostic.at(d.name().span(), Code.INPUT_COUNT, a.kind(), d.name().value(), arity.text(), n)
                                .withHelp("combine the inputs first, as in 'activity all: combine union'"));
                    }
                }
            }
        }
    }

    private boolean isMentioned(Statement.ActivityDecl d) {
        return edges.stream().anyMatch(e -> e.from().equals(d.name().value()) || e.to().equals(d.name().value()));
    }

    /** Kahn's algorithm in declaration order; reports a cycle and returns null if there is one. */
    private List<String> topologicalOrder() {
        Map<String, Integer> indegree = new LinkedHashMap<>();
        for (String name : decls.keySet()) {
            indegree.put(name, 0);
        }
        for (Edge e : edges) {
            indegree.merge(e.to(), 1, Integer::sum);
        }
        Deque<String> ready = new ArrayDeque<>();
        indegree.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (Edge e : edges) {
                if (e.from().equals(n) && indegree.merge(e.to(), -1, Integer::sum) == 0) {
                    ready.add(e.to());
                }
            }
        }
        if (order.size() == decls.size()) {
            return order;
        }
        List<String> cycle = findCycle(new HashSet<>(order));
        Edge closing = edges.stream()
                .filter(e -> e.from().equals(cycle.get(cycle.size() - 2)) && e.to().equals(cycle.get(cycle.size() - 1)))
                .findFirst().orElse(edges.get(0));
        report(Diagnostic.at(closing.span(), Code.FLOW_CYCLE, String.join(" -> ", cycle))
                .withHelp("a campaign runs once from its start activities to its ends; loop with a schedule instead"));
        return null;
    }

    private List<String> findCycle(Set<String> acyclic) {
        for (String start : decls.keySet()) {
            if (acyclic.contains(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            Set<String> onPath = new HashSet<>();
            List<String> found = dfs(start, path, onPath, new HashSet<>(), acyclic);
            if (found != null) {
                return found;
            }
        }
        return List.of("?", "?");
    }

    private List<String> dfs(String node, List<String> path, Set<String> onPath, Set<String> done, Set<String> acyclic) {
        path.add(node);
        onPath.add(node);
        for (Edge e : edges) {
            if (!e.from().equals(node) || acyclic.contains(e.to()) || done.contains(e.to())) {
                continue;
            }
            if (onPath.contains(e.to())) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(e.to()), path.size()));
                cycle.add(e.to());
                return cycle;
            }
            List<String> found = dfs(e.to(), path, onPath, done, acyclic);
            if (found != null) {
                return found;
            }
        }
        path.remove(path.size() - 1);
        onPath.remove(node);
        done.add(node);
        return null;
    }

    private void checkReachability(Set<String> mentioned) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Statement.ActivityDecl d : decls.values()) {
            if (ActivityKinds.of(d.activity()).arity() == Step.Arity.NONE) {
                todo.add(d.name().value());
            }
        }
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (reached.add(n)) {
                edges.stream().filter(e -> e.from().equals(n)).forEach(e -> todo.add(e.to()));
            }
        }
        for (Statement.ActivityDecl d : decls.values()) {
            if (!reached.contains(d.name().value())) {
                boolean inFlow = mentioned.contains(d.name().value());
                report(Diagnostic.at(d.name().span(), Code.UNREACHABLE, d.name().value())
                        .withHelp(inFlow ? "connect it to a build or load, directly or through other activities"
                                : "it is not in the flow; add it, as in 'x -> " + d.name().value() + "'"));
            }
        }
    }

    private void warnings() {
        int channelCount = 0;
        for (String id : checked.keySet()) {
            Statement.ActivityDecl decl = decls.get(id);
            Activity a = decl.activity();
            List<Edge> out = edges.stream().filter(e -> e.from().equals(id)).toList();
            if (a instanceof Activity.Channel) {
                channelCount++;
            }
            if (a instanceof Activity.Split s) {
                for (Activity.Segment seg : s.segments()) {
                    if (out.stream().noneMatch(e -> e.port().equals(seg.name().value()))) {
                        report(Diagnostic.at(seg.name().span(), Code.UNUSED_PORT, seg.name().value(), id));
                    }
                }
                continue;
            }
            if (!ActivityKinds.of(a).terminal() && out.isEmpty()) {
                report(Diagnostic.at(decl.name().span(), Code.DEAD_END, id)
                        .withHelp("send it to a channel, save it, or end it: '" + id + " -> done' with 'activity done: end'"));
            }
        }
        if (channelCount > 10) {
            report(Diagnostic.at(root.all(Statement.Campaign.class).isEmpty() ? decls.values().iterator().next().span()
                    : root.all(Statement.Campaign.class).get(0).span(), Code.CHANNEL_LIMIT, channelCount));
        }
    }
}
