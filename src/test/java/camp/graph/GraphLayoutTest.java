package camp.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.check.Checked;
import camp.check.Frontend;
import camp.ir.Edge;
import camp.ir.Plan;
import camp.ir.Step;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The canvas of every sample campaign, as the SVG a user gets, checked geometrically: no two boxes
 * overlap, no label overlaps a box or another label, every edge starts on its source box's border
 * and ends on its target box's, runs in horizontal and vertical segments and through no box, and
 * everything lies inside the picture. DOT and Mermaid are pinned by golden files.
 */
class GraphLayoutTest {
    /** How far a point may be from a border and still be on it (ELK's coordinates are exact; SVG keeps two decimals). */
    private static final double TOLERANCE = 0.6;

    static Stream<String> campaigns() throws IOException {
        try (Stream<Path> files = Files.list(Cases.projectRoot().resolve("samples"))) {
            List<String> names = new ArrayList<>();
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".camp") && Files.isRegularFile(p)).sorted()::iterator) {
                if (Files.readString(f).lines().anyMatch(l -> l.startsWith("campaign "))) {
                    names.add(f.getFileName().toString());
                }
            }
            assertTrue(names.size() >= 10, names.toString());
            return names.stream();
        }
    }

    static Plan plan(String sample) throws IOException {
        Path file = Cases.projectRoot().resolve("samples").resolve(sample);
        Checked checked = Frontend.check(file, sample);
        assertFalse(checked.hasErrors(), checked.diagnostics().toString());
        return checked.plan();
    }

    private record Rect(String what, double x, double y, double w, double h) {
        boolean overlaps(Rect o) {
            return x < o.x + o.w - TOLERANCE && o.x < x + w - TOLERANCE && y < o.y + o.h - TOLERANCE && o.y < y + h - TOLERANCE;
        }

        boolean onBorder(double px, double py) {
            boolean withinX = px >= x - TOLERANCE && px <= x + w + TOLERANCE;
            boolean withinY = py >= y - TOLERANCE && py <= y + h + TOLERANCE;
            boolean onVertical = Math.abs(px - x) <= TOLERANCE || Math.abs(px - (x + w)) <= TOLERANCE;
            boolean onHorizontal = Math.abs(py - y) <= TOLERANCE || Math.abs(py - (y + h)) <= TOLERANCE;
            return withinX && withinY && (onVertical || onHorizontal);
        }

        /** True when an axis-aligned segment passes through the inside of this rectangle. */
        boolean crossedBy(double x1, double y1, double x2, double y2) {
            double left = Math.min(x1, x2);
            double right = Math.max(x1, x2);
            double top = Math.min(y1, y2);
            double bottom = Math.max(y1, y2);
            return left < x + w - TOLERANCE && right > x + TOLERANCE && top < y + h - TOLERANCE && bottom > y + TOLERANCE;
        }
    }

    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static Rect rect(Element r, String what) {
        return new Rect(what, d(r, "x"), d(r, "y"), d(r, "width"), d(r, "height"));
    }

    private static double d(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }

    private static List<Element> elements(Document doc, String tag, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName(tag);
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("campaigns")
    void theCanvasOfEverySampleIsClean(String sample) throws Exception {
        Plan plan = plan(sample);
        String svg = Svg.render(Layout.of(plan, Overlay.NONE));
        Document doc = parse(svg);
        String[] box = doc.getDocumentElement().getAttribute("viewBox").split(" ");
        double width = Double.parseDouble(box[2]);
        double height = Double.parseDouble(box[3]);

        Map<String, Rect> boxes = new java.util.LinkedHashMap<>();
        for (Element g : elements(doc, "g", "step")) {
            Element r = (Element) g.getElementsByTagName("rect").item(0);
            String step = g.getAttribute("data-step");
            assertTrue(boxes.put(step, rect(r, step)) == null, "one box per activity: " + step);
        }
        assertEquals(plan.steps().stream().map(Step::name).toList(), List.copyOf(boxes.keySet()), "every activity, in plan order");
        List<Rect> all = new ArrayList<>(boxes.values());
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                assertFalse(all.get(i).overlaps(all.get(j)), sample + ": boxes " + all.get(i) + " and " + all.get(j) + " overlap");
            }
        }
        List<Rect> labels = new ArrayList<>();
        for (Element r : elements(doc, "rect", "label-bg")) {
            Element g = (Element) r.getParentNode();
            Rect label = rect(r, "label " + g.getAttribute("data-from") + "." + g.getAttribute("data-port") + "->" + g.getAttribute("data-to"));
            for (Rect b : all) {
                assertFalse(label.overlaps(b), sample + ": " + label + " overlaps box " + b);
            }
            for (Rect other : labels) {
                assertFalse(label.overlaps(other), sample + ": " + label + " overlaps " + other);
            }
            labels.add(label);
        }

        List<String> edges = new ArrayList<>();
        for (Element g : elements(doc, "g", "edge")) {
            String from = g.getAttribute("data-from");
            String to = g.getAttribute("data-to");
            edges.add(from + "." + g.getAttribute("data-port") + "->" + to);
            String[] pts = ((Element) g.getElementsByTagName("polyline").item(0)).getAttribute("points").split(" ");
            assertTrue(pts.length >= 2, "a route of two points at least");
            double[][] p = new double[pts.length][];
            for (int i = 0; i < pts.length; i++) {
                String[] xy = pts[i].split(",");
                p[i] = new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
                assertTrue(p[i][0] >= 0 && p[i][0] <= width && p[i][1] >= 0 && p[i][1] <= height, "inside the picture");
            }
            String edge = sample + ": edge " + from + " -> " + to + " " + String.join(" ", pts);
            assertTrue(boxes.get(from).onBorder(p[0][0], p[0][1]), edge + " starts on its source's border " + boxes.get(from));
            double[] last = p[p.length - 1];
            assertTrue(boxes.get(to).onBorder(last[0], last[1]), edge + " ends on its target's border " + boxes.get(to));
            for (int i = 1; i < p.length; i++) {
                boolean horizontal = Math.abs(p[i][1] - p[i - 1][1]) < 0.01;
                boolean vertical = Math.abs(p[i][0] - p[i - 1][0]) < 0.01;
                assertTrue(horizontal || vertical, edge + ": segment " + i + " is orthogonal");
                for (Rect b : all) {
                    assertFalse(b.crossedBy(p[i - 1][0], p[i - 1][1], p[i][0], p[i][1]), edge + " passes through box " + b);
                }
            }
        }
        List<String> expected = plan.edges().stream().map(e -> e.from() + "." + e.port() + "->" + e.to()).toList();
        assertEquals(expected.stream().sorted().toList(), edges.stream().sorted().toList(), "every transition once");
        for (Rect r : all) {
            assertTrue(r.x() >= 0 && r.y() >= 0 && r.x() + r.w() <= width && r.y() + r.h() <= height, "inside the picture: " + r);
        }
        assertFalse(svg.contains("http://") && svg.replace("http://www.w3.org/2000/svg", "").contains("http://"),
                "nothing to fetch: the only URL is the SVG namespace");
    }

    @Test
    void aRunShowsItsCountsAndStatusesOnTheRightElements() throws Exception {
        Plan plan = plan("spring_promo.camp");
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        Map<String, String> statuses = new java.util.LinkedHashMap<>();
        long n = 1;
        for (Step s : plan.steps()) {
            statuses.put(s.name(), s.name().equals("mail_alert") ? "skipped" : s.name().equals("done") ? "failed" : "done");
            for (String port : s.outputs().keySet()) {
                counts.put(s.name() + "." + port, n * 1000 + 7);
                n++;
            }
        }
        Document doc = parse(Svg.render(Layout.of(plan, new Overlay("R1", statuses, counts))));
        for (Element g : elements(doc, "g", "label")) {
            String key = g.getAttribute("data-from") + "." + g.getAttribute("data-port");
            assertEquals(String.valueOf(counts.get(key)), g.getAttribute("data-count"), key);
            String text = g.getElementsByTagName("text").item(0).getTextContent();
            assertEquals(g.getAttribute("data-port") + " \u00b7 " + String.format(java.util.Locale.ROOT, "%,d", counts.get(key)), text);
        }
        for (Element g : elements(doc, "g", "step")) {
            String step = g.getAttribute("data-step");
            assertEquals(statuses.get(step), g.getAttribute("data-status"));
            Element r = (Element) g.getElementsByTagName("rect").item(0);
            assertEquals(Svg.statusColor(statuses.get(step)), r.getAttribute("stroke"), step);
            assertTrue(g.getAttribute("class").contains("status-" + statuses.get(step)));
        }
        assertEquals("#dc2626", Svg.statusColor("failed"));
        assertTrue(doc.getElementsByTagName("title").item(0).getTextContent().endsWith("run R1"));
    }

    @Test
    void textIsMeasuredGenerouslyAndLongNamesWidenTheirBox() throws Exception {
        assertTrue(Layout.textWidth("WWWWWWWWWW", 13, true) > Layout.textWidth("iiiiiiiiii", 13, true) * 2);
        Path dir = Files.createTempDirectory("camp-graph");
        Path file = dir.resolve("long.camp");
        Files.writeString(file, "campaign \"Long \\\"names\\\" & <tags>\"\n"
                + "entity people key id from csv \"people.csv\" {\n  id: int\n  email: text\n}\n"
                + "activity very_long_activity_name_that_goes_on_and_on: build people\n"
                + "activity `end`: end\n"
                + "flow {\n  very_long_activity_name_that_goes_on_and_on -> `end`\n}\n");
        Files.writeString(dir.resolve("people.csv"), "id,email\n");
        Checked checked = Frontend.check(file, "long.camp");
        assertFalse(checked.hasErrors(), checked.diagnostics().toString());
        Canvas canvas = Layout.of(checked.plan(), Overlay.NONE);
        Canvas.Box wide = canvas.box("very_long_activity_name_that_goes_on_and_on");
        assertTrue(wide.rect().width() >= Layout.textWidth(wide.step(), Layout.NAME_SIZE, true) + 20, wide.toString());
        String svg = Svg.render(canvas);
        Document doc = parse(svg); // the campaign's quotes, & and < are escaped: the SVG parses
        assertEquals("Long \"names\" & <tags>", doc.getElementsByTagName("title").item(0).getTextContent());

        String mermaid = Text.mermaid(checked.plan(), Overlay.NONE);
        assertTrue(mermaid.contains("  a_1[\"end<br/>end\"]"), "Mermaid's own word 'end' is not a node id:\n" + mermaid);
        assertTrue(mermaid.contains("very_long_activity_name_that_goes_on_and_on -->|\"out\"| a_1"), mermaid);
        String dot = Text.dot(checked.plan(), Overlay.NONE);
        assertTrue(dot.startsWith("digraph \"Long \\\"names\\\" & <tags>\" {"), dot);
        assertEquals("\"a\\\\b\\nc\"", Text.dotString("a\\b\nc"));
        assertEquals("x #quot;y#quot; #lt;b#gt;", Text.mermaidText("x \"y\" <b>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void dotAndMermaidArePinned(String sample, String format) throws Exception {
        Plan plan = plan(sample);
        String actual = format.equals("dot") ? Text.dot(plan, Overlay.NONE) : Text.mermaid(plan, Overlay.NONE);
        String name = sample.replace(".camp", "") + "." + (format.equals("dot") ? "dot" : "mmd");
        Path golden = Cases.projectRoot().resolve("src/test/resources/graph").resolve(name);
        if (Boolean.getBoolean("camp.updateGoldens")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "golden " + name + " (-Dcamp.updateGoldens=true rewrites it)");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> goldens() {
        return Stream.of("spring_promo.camp", "winback.camp", "welcome.camp")
                .flatMap(s -> Stream.of(org.junit.jupiter.params.provider.Arguments.of(s, "dot"),
                        org.junit.jupiter.params.provider.Arguments.of(s, "mermaid")));
    }

    @Test
    void everyEdgeOfThePlanIsDrawnFromItsPort() throws Exception {
        Plan plan = plan("winback.camp");
        Canvas canvas = Layout.of(plan, Overlay.NONE);
        assertEquals(plan.edges().size(), canvas.links().size());
        for (int i = 0; i < plan.edges().size(); i++) {
            Edge e = plan.edges().get(i);
            Canvas.Link l = canvas.links().get(i);
            assertEquals(List.of(e.from(), e.port(), e.to()), List.of(l.from(), l.port(), l.to()));
            assertEquals(e.port(), l.label());
        }
    }
}
