package camp.lsp;

import camp.ast.Activity;
import camp.ast.Statement;
import camp.check.Checked;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.source.SourceFile;
import camp.syntax.Syntax;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;

/**
 * Edits of a document's flow block: a transition into an activity that nothing reaches, from the
 * activity whose rows fit it best; a whole flow block for a campaign that has none; a transition
 * to the campaign's {@code end}. Transitions go at the end of the flow block, indented as its
 * last line; a campaign without one gets a new block at the end of the file.
 */
final class CodeActionsFlowEdit {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** An edit and how it reads, such as {@code enriched -> reminder}. */
    record Insertion(String label, TextEdit edit) {
    }

    /** An activity as declared: its kind, output ports (default first when it has one) and the words it uses. */
    private record Decl(int index, String name, String kind, List<String> ports, String defaultPort, String source) {
        boolean start() {
            return kind.equals("build") || kind.equals("load");
        }

        boolean manyInputs() {
            return kind.equals("combine") || kind.equals("join");
        }
    }

    private final SourceFile text;
    private final Checked checked;
    private final Map<String, Decl> decls = new LinkedHashMap<>();
    private final CodeActionsFlow flow;

    CodeActionsFlowEdit(SourceFile text, Checked checked) {
        this.text = text;
        this.checked = checked;
        this.flow = CodeActionsFlow.of(text);
        int i = 0;
        for (Statement.ActivityDecl d : Syntax.parse(text).file().all(Statement.ActivityDecl.class)) {
            if (!decls.containsKey(d.name().value())) {
                Activity a = d.activity();
                List<String> ports = ports(a);
                String defaultPort = a instanceof Activity.Channel ? "sent" : ports.contains("out") ? "out" : null;
                decls.put(d.name().value(), new Decl(i++, d.name().value(), a.kind(), ports, defaultPort, d.span().text()));
            }
        }
    }

    private static List<String> ports(Activity a) {
        if (a instanceof Activity.Split s) {
            return s.segments().stream().map(seg -> seg.name().value()).distinct().toList();
        }
        if (a instanceof Activity.Test t) {
            return t.branches().stream().map(b -> b.name().value()).distinct().toList();
        }
        return switch (a.kind()) {
            case "load" -> List.of("out", "rejected");
            case "reconcile" -> List.of("out", "unmatched");
            case "combine" -> List.of("out", "complement");
            case "dedup" -> List.of("out", "duplicates");
            case "email", "sms", "push" -> List.of("sent", "failed", "excluded");
            case "end" -> List.of();
            default -> List.of("out");
        };
    }

    // ------------------------------------------------------------ a transition into an unreachable activity

    /**
     * The transitions that connect {@code name} to the rest: into the first activity upstream of it
     * that has no input (through activities that nothing reaches either, {@code unreachable}), from
     * the activity whose rows carry most of the names it uses, then one declared before it, then
     * one whose output goes nowhere yet, then the nearest. Null when there is none, or when a transition from
     * a reached activity leads there already (it is broken, and that has its own fix).
     */
    Insertion into(String name, Set<String> unreachable) {
        Decl target = decls.get(name);
        if (target == null || target.start()) {
            return null;
        }
        Decl root = target;
        Set<String> seen = new HashSet<>();
        while (flow.into(root.name()) != null && seen.add(root.name())) {
            Decl up = decls.get(flow.into(root.name()).from());
            if (up == null || !unreachable.contains(up.name())) {
                return null;
            }
            root = up;
        }
        long inputs = flow.edges().stream().filter(e -> e.to().equals(name)).count();
        int needed = root.manyInputs() ? (int) Math.max(1, 2 - (root == target ? inputs : 0)) : 1;
        Set<String> downstream = downstream(root.name());
        Set<String> words = words(target);
        Decl chosenFor = root;
        List<String> sources = decls.values().stream()
                .filter(c -> !downstream.contains(c.name()) && !c.kind().equals("end") && output(c) != null)
                .sorted(Comparator.comparingInt((Decl c) -> -matches(c, words))
                        .thenComparing(c -> c.index() > chosenFor.index())
                        .thenComparing(c -> used(c, output(c)))
                        .thenComparingInt(c -> Math.abs(c.index() - chosenFor.index())))
                .limit(needed)
                .map(this::endpoint)
                .toList();
        if (sources.isEmpty()) {
            return null;
        }
        return insert(String.join(", ", sources) + " -> " + root.name());
    }

    /** The port a new transition leaves by: the default one, else the first that goes nowhere yet, else the first. */
    private String output(Decl c) {
        if (c.defaultPort() != null) {
            return c.defaultPort();
        }
        for (String p : c.ports()) {
            if (!used(c, p)) {
                return p;
            }
        }
        return c.ports().isEmpty() ? null : c.ports().get(0);
    }

    private String endpoint(Decl c) {
        String port = output(c);
        return port.equals(c.defaultPort()) ? c.name() : c.name() + "." + port;
    }

    /** Whether a transition already leaves {@code c} by {@code port}. */
    private boolean used(Decl c, String port) {
        for (CodeActionsFlow.Edge e : flow.edges()) {
            if (e.from().equals(c.name()) && port.equals(e.port() == null ? c.defaultPort() : e.port())) {
                return true;
            }
        }
        return false;
    }

    /** The activity and every activity it leads to (a transition from them would make a cycle). */
    private Set<String> downstream(String name) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        todo.add(name);
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (reached.add(n)) {
                flow.edges().stream().filter(e -> e.from().equals(n)).forEach(e -> todo.add(e.to()));
            }
        }
        return reached;
    }

    /** The names an activity's definition uses (its words, placeholders included). */
    private static Set<String> words(Decl d) {
        Set<String> words = new HashSet<>();
        Matcher m = WORD.matcher(d.source());
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** How many of {@code words} the rows leaving {@code c} have as attribute, link or column, as last checked. */
    private int matches(Decl c, Set<String> words) {
        Shape rows = checked == null ? null : checked.port(c.name(), output(c));
        if (rows == null) {
            return 0;
        }
        Set<String> names = new HashSet<>(rows.columns().keySet());
        Plan plan = checked.plan();
        Entity e = plan == null || rows.entity() == null ? null : plan.entities().get(rows.entity());
        if (e != null) {
            names.addAll(e.attributes().keySet());
            names.addAll(e.links().keySet());
        }
        int n = 0;
        for (String w : words) {
            if (names.contains(w)) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------ a new flow block

    /** A flow block that connects the activities in the order they are declared. */
    Insertion newFlow() {
        List<List<String>> inputs = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        List<Decl> done = new ArrayList<>();
        for (Decl a : decls.values()) {
            if (!a.start()) {
                List<String> in = new ArrayList<>();
                boolean takesAll = a.manyInputs() || a.kind().equals("end");
                while (!pending.isEmpty() && (takesAll || in.isEmpty())) {
                    in.add(0, pending.remove(pending.size() - 1));
                }
                for (int i = done.size() - 1; i >= 0 && in.size() < (a.manyInputs() ? 2 : 1); i--) {
                    Decl previous = done.get(i);
                    if (output(previous) != null && !in.contains(endpoint(previous))) {
                        in.add(0, endpoint(previous));
                    }
                }
                if (!in.isEmpty()) {
                    inputs.add(in);
                    targets.add(a.name());
                }
            }
            if (a.kind().equals("split") || a.kind().equals("test")) {
                a.ports().forEach(p -> pending.add(a.name() + "." + p));
            } else if (output(a) != null) {
                pending.add(a.name());
            }
            done.add(a);
        }
        if (decls.isEmpty()) {
            return null;
        }
        List<String> chains = new ArrayList<>();
        String last = null;
        for (int i = 0; i < targets.size(); i++) {
            List<String> in = inputs.get(i);
            if (last != null && in.size() == 1 && in.get(0).equals(last)) {
                chains.set(chains.size() - 1, chains.get(chains.size() - 1) + " -> " + targets.get(i));
            } else {
                chains.add(String.join(", ", in) + " -> " + targets.get(i));
            }
            last = targets.get(i);
        }
        if (chains.isEmpty()) {
            chains.add(decls.keySet().iterator().next());
        }
        StringBuilder block = new StringBuilder(separator()).append("flow {\n");
        chains.forEach(c -> block.append("  ").append(c).append('\n'));
        block.append("}\n");
        int end = text.length();
        return new Insertion(String.join("; ", chains), new TextEdit(range(text, end, end), block.toString()));
    }

    // ------------------------------------------------------------ a transition to the end

    /** A transition from {@code output} (an activity, or {@code split.port}) to the campaign's first end activity. */
    Insertion toEnd(String output) {
        if (output == null) {
            return null;
        }
        Decl end = decls.values().stream().filter(d -> d.kind().equals("end")).findFirst().orElse(null);
        String from = output.contains(".") ? output.substring(0, output.indexOf('.')) : output;
        if (end == null || end.name().equals(from) || !decls.containsKey(from)) {
            return null;
        }
        return insert(output + " -> " + end.name());
    }

    // ------------------------------------------------------------ editing the block

    /** The edit that adds a chain at the end of the flow block, or a block with it at the end of the file. */
    private Insertion insert(String chain) {
        if (!flow.exists()) {
            int end = text.length();
            return new Insertion(chain, new TextEdit(range(text, end, end), separator() + "flow {\n  " + chain + "\n}\n"));
        }
        if (flow.close() < 0) {
            return null;
        }
        int braceLine = text.line(flow.close());
        int lineStart = text.offsetOfUtf16(braceLine - 1, 0);
        String before = text.slice(lineStart, flow.close());
        if (before.isBlank() && text.line(flow.open()) < braceLine) {
            String indent = before + "  ";
            for (int line = braceLine - 1; line > text.line(flow.open()); line--) {
                String l = text.lineText(line);
                if (!l.isBlank()) {
                    indent = l.substring(0, l.length() - l.stripLeading().length());
                    break;
                }
            }
            return new Insertion(chain, new TextEdit(range(text, lineStart, lineStart), indent + chain + "\n"));
        }
        String inside = text.slice(flow.open() + 1, flow.close());
        int at = flow.open() + 1 + inside.stripTrailing().codePointCount(0, inside.stripTrailing().length());
        String edit = inside.isBlank() ? " " + chain + " " : "; " + chain;
        if (inside.isBlank()) {
            at = flow.open() + 1;
        }
        return new Insertion(chain, new TextEdit(range(text, at, inside.isBlank() ? flow.close() : at), edit));
    }

    /** What goes before a block added at the end of the file: a blank line. */
    private String separator() {
        String s = text.text();
        if (s.isEmpty()) {
            return "";
        }
        return s.endsWith("\n\n") ? "" : s.endsWith("\n") ? "\n" : "\n\n";
    }

    static Range range(SourceFile text, int start, int end) {
        return new Range(new Position(text.line(start) - 1, text.utf16Column(start)),
                new Position(text.line(end) - 1, text.utf16Column(end)));
    }
}
