package camp.graph;

import camp.ir.Edge;
import camp.ir.Plan;
import camp.ir.Step;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The canvas as text for other tools: Graphviz DOT and Mermaid (no layout: theirs does it). */
public final class Text {
    /** Words Mermaid reads as its own in a flowchart: never a node id. */
    private static final Set<String> MERMAID_WORDS = Set.of("end", "graph", "subgraph", "flowchart", "class", "classDef", "click",
            "style", "linkStyle", "direction", "default");

    private Text() {
    }

    /** Graphviz DOT: {@code dot -Tsvg} draws it. */
    public static String dot(Plan plan, Overlay overlay) {
        StringBuilder b = new StringBuilder();
        b.append("digraph ").append(dotString(plan.campaign() == null ? "campaign" : plan.campaign())).append(" {\n");
        b.append("  rankdir=LR;\n");
        b.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\"];\n");
        b.append("  edge [fontname=\"Helvetica\", fontsize=10];\n");
        for (Step s : plan.steps()) {
            Family f = Family.of(s.kind());
            String status = overlay.status(s.name());
            b.append("  ").append(dotString(s.name())).append(" [label=").append(dotString(s.name() + "\n" + Layout.kindLine(s.kind(), status)))
                    .append(", fillcolor=\"").append(Svg.fill(f)).append("\", color=\"")
                    .append(status == null ? Svg.stroke(f) : Svg.statusColor(status)).append('"')
                    .append(status == null ? "" : ", penwidth=3").append("];\n");
        }
        for (Edge e : plan.edges()) {
            b.append("  ").append(dotString(e.from())).append(" -> ").append(dotString(e.to())).append(" [label=")
                    .append(dotString(Layout.label(e.port(), overlay.count(e.from(), e.port())))).append("];\n");
        }
        b.append("}\n");
        return b.toString();
    }

    /** A DOT string: quoted, with quotes, backslashes and line breaks escaped. */
    static String dotString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\r", "").replace("\n", "\\n") + "\"";
    }

    /** Mermaid's {@code flowchart LR}: GitHub and GitLab draw it in Markdown. */
    public static String mermaid(Plan plan, Overlay overlay) {
        Map<String, String> ids = ids(plan);
        StringBuilder b = new StringBuilder("flowchart LR\n");
        for (Step s : plan.steps()) {
            b.append("  ").append(ids.get(s.name())).append("[\"").append(mermaidText(s.name())).append("<br/>")
                    .append(mermaidText(Layout.kindLine(s.kind(), overlay.status(s.name())))).append("\"]\n");
        }
        for (Edge e : plan.edges()) {
            if (ids.containsKey(e.from()) && ids.containsKey(e.to())) {
                b.append("  ").append(ids.get(e.from())).append(" -->|\"").append(mermaidText(Layout.label(e.port(), overlay.count(e.from(), e.port()))))
                        .append("\"| ").append(ids.get(e.to())).append('\n');
            }
        }
        for (Family f : Family.values()) {
            List<String> members = new ArrayList<>();
            for (Step s : plan.steps()) {
                if (Family.of(s.kind()) == f) {
                    members.add(ids.get(s.name()));
                }
            }
            String name = f.name().toLowerCase(java.util.Locale.ROOT);
            b.append("  classDef ").append(name).append(" fill:").append(Svg.fill(f)).append(",stroke:").append(Svg.stroke(f)).append('\n');
            if (!members.isEmpty()) {
                b.append("  class ").append(String.join(",", members)).append(' ').append(name).append('\n');
            }
        }
        for (Step s : plan.steps()) {
            String status = overlay.status(s.name());
            if (status != null) {
                b.append("  style ").append(ids.get(s.name())).append(" stroke:").append(Svg.statusColor(status)).append(",stroke-width:3px\n");
            }
        }
        return b.toString();
    }

    /** A node id per activity: its name when Mermaid can take it as one, else a_ and its position. */
    private static Map<String, String> ids(Plan plan) {
        Map<String, String> ids = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        int i = 0;
        for (Step s : plan.steps()) {
            String name = s.name();
            String id = name.matches("[A-Za-z][A-Za-z0-9_]*") && !MERMAID_WORDS.contains(name) && !name.startsWith("a_") ? name : "a_" + i;
            while (!used.add(id)) {
                id = id + "_";
            }
            ids.put(name, id);
            i++;
        }
        return ids;
    }

    /** Text inside a quoted Mermaid label: quotes and markup as entity codes. */
    static String mermaidText(String s) {
        return s.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;").replace("\n", " ");
    }
}
