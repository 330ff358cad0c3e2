package camp.graph;

import camp.ir.Edge;
import camp.ir.Plan;
import camp.ir.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a plan out with ELK's layered algorithm, left to right, edges routed orthogonally and their
 * labels placed by ELK in the room it keeps for them, so that no box, label or edge is placed by
 * hand. Text is measured with a generous estimate of the SVG's font, so that it never overflows
 * its box.
 */
public final class Layout {
    /** Box text: the activity's name (bold) and its kind. */
    static final double NAME_SIZE = 13;
    static final double KIND_SIZE = 11;
    static final double LABEL_SIZE = 11;
    private static final double BOX_HEIGHT = 44;
    private static final double MIN_BOX_WIDTH = 96;
    private static final double LABEL_HEIGHT = 16;
    private static final double PADDING = 24;

    static {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private Layout() {
    }

    /** The campaign's canvas, with the run's statuses and counts when {@code overlay} has them. */
    public static Canvas of(Plan plan, Overlay overlay) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(PADDING));
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 28.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 18.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 12.0);
        root.setProperty(CoreOptions.SPACING_EDGE_LABEL, 4.0);
        root.setProperty(LayeredOptions.RANDOM_SEED, 1);

        Map<String, ElkNode> nodes = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            ElkNode n = ElkGraphUtil.createNode(root);
            n.setIdentifier(s.name());
            n.setWidth(boxWidth(s.name(), kindLine(s.kind(), overlay.status(s.name()))));
            n.setHeight(BOX_HEIGHT);
            nodes.put(s.name(), n);
        }
        List<ElkEdge> edges = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (Edge e : plan.edges()) {
            ElkNode from = nodes.get(e.from());
            ElkNode to = nodes.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
            String text = label(e.port(), overlay.count(e.from(), e.port()));
            ElkLabel label = ElkGraphUtil.createLabel(text, edge);
            label.setWidth(textWidth(text, LABEL_SIZE, false) + 8);
            label.setHeight(LABEL_HEIGHT);
            label.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, EdgeLabelPlacement.CENTER);
            edges.add(edge);
            labels.add(text);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Canvas.Box> boxes = new ArrayList<>();
        for (Step s : plan.steps()) {
            ElkNode n = nodes.get(s.name());
            boxes.add(new Canvas.Box(s.name(), s.kind(), Family.of(s.kind()), overlay.status(s.name()),
                    new Canvas.Rect(n.getX(), n.getY(), n.getWidth(), n.getHeight())));
        }
        List<Canvas.Link> links = new ArrayList<>();
        int i = 0;
        for (Edge e : plan.edges()) {
            if (!nodes.containsKey(e.from()) || !nodes.containsKey(e.to())) {
                continue;
            }
            ElkEdge edge = edges.get(i);
            List<Canvas.Point> points = new ArrayList<>();
            for (ElkEdgeSection section : edge.getSections()) {
                add(points, section.getStartX(), section.getStartY());
                for (ElkBendPoint b : section.getBendPoints()) {
                    add(points, b.getX(), b.getY());
                }
                add(points, section.getEndX(), section.getEndY());
            }
            ElkLabel label = edge.getLabels().get(0);
            links.add(new Canvas.Link(e.from(), e.port(), e.to(), overlay.count(e.from(), e.port()), points, labels.get(i),
                    new Canvas.Rect(label.getX(), label.getY(), label.getWidth(), label.getHeight())));
            i++;
        }
        return new Canvas(plan.campaign(), boxes, links, root.getWidth(), root.getHeight(), overlay);
    }

    /** A point of a route, skipping one that repeats the last. */
    private static void add(List<Canvas.Point> points, double x, double y) {
        Canvas.Point p = new Canvas.Point(x, y);
        if (points.isEmpty() || !points.get(points.size() - 1).equals(p)) {
            points.add(p);
        }
    }

    /** The second line of a box: the kind, and the task's status in a run. */
    static String kindLine(String kind, String status) {
        return status == null ? kind : kind + " \u00b7 " + status;
    }

    /** A transition's label: its port, and the rows a run counted on it. */
    static String label(String port, Long count) {
        return count == null ? port : port + " \u00b7 " + String.format(Locale.ROOT, "%,d", count);
    }

    private static double boxWidth(String name, String kindLine) {
        double text = Math.max(textWidth(name, NAME_SIZE, true), textWidth(kindLine, KIND_SIZE, false));
        return Math.max(MIN_BOX_WIDTH, Math.ceil(text + 24));
    }

    /**
     * A generous estimate of a text's width in a sans-serif font: wide letters (m, w, capitals)
     * count more, narrow ones (i, l, punctuation) less, so that the text fits whatever the font.
     */
    static double textWidth(String text, double size, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if ("il.,:;'|!".indexOf(cp) >= 0) {
                em += 0.32;
            } else if ("mwMW@".indexOf(cp) >= 0) {
                em += 0.92;
            } else if (Character.isUpperCase(cp) || Character.isDigit(cp)) {
                em += 0.68;
            } else if (cp > 0x2E80) {
                em += 1.0; // CJK and other wide characters
            } else {
                em += 0.6;
            }
        }
        return em * size * (bold ? 1.08 : 1.0);
    }
}
