package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code camp graph}: the formats, a file written whole, mistakes, and a run's counts on the edges as camp tasks gives them. */
class GraphCommandTest {
    @TempDir
    Path temp;

    @Test
    void svgDotAndMermaid() throws Exception {
        RunFixture fx = new RunFixture(temp);
        String spring = fx.sample("spring_promo.camp").toString();
        RunFixture.Result svg = RunFixture.camp("graph", spring);
        assertEquals(0, svg.code(), svg.toString());
        assertTrue(svg.out().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg.out());
        parse(svg.out());
        RunFixture.Result dot = RunFixture.camp("graph", spring, "--format", "dot");
        assertTrue(dot.out().startsWith("digraph \"Spring promo 2026\" {\n  rankdir=LR;"), dot.out());
        assertTrue(dot.out().contains("\"tiers\" -> \"gold_mail\" [label=\"gold\"];"), dot.out());
        RunFixture.Result mermaid = RunFixture.camp("graph", spring, "--format", "mermaid");
        assertTrue(mermaid.out().startsWith("flowchart LR\n"), mermaid.out());
        assertTrue(mermaid.out().contains("  tiers -->|\"gold\"| gold_mail\n"), mermaid.out());

        Path file = temp.resolve("spring.svg");
        RunFixture.Result written = RunFixture.camp("graph", spring, "-o", file.toString());
        assertEquals(0, written.code(), written.toString());
        assertEquals("", written.out());
        assertTrue(written.err().contains("wrote " + file), written.err());
        assertEquals(svg.out(), Files.readString(file, StandardCharsets.UTF_8), "the same picture, in the file");
        try (var files = Files.list(temp)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void mistakesAreReported() {
        RunFixture fx = new RunFixture(temp);
        Path broken = fx.write("broken.camp", "campaign \"b\"\nactivity a: build profile\nflow {\n  a\n}\n");
        RunFixture.Result r = RunFixture.camp("graph", broken.toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.err().contains("error[E0202]"), r.err());
        assertEquals(2, RunFixture.camp("graph", fx.sample("nope.camp").toString()).code());
        RunFixture.Result library = RunFixture.camp("graph", fx.sample("retail.camp").toString());
        assertEquals(2, library.code());
        assertTrue(library.err().contains("it is a library"), library.err());
        RunFixture.Result unknown = fx.withDb("graph", fx.sample("spring_promo.camp").toString(), "--run", "20990101T000000Z");
        assertEquals(2, unknown.code(), unknown.toString());
        RunFixture.Result format = RunFixture.camp("graph", fx.sample("spring_promo.camp").toString(), "--format", "png");
        assertEquals(2, format.code());
    }

    @Test
    void aRunsCountsAreOnItsEdgesAndItsStatusesOnItsBoxes() throws Exception {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result run = fx.run("spring_promo.camp", "--at", "2026-03-10 09:00", "--dry-run", "--format", "json");
        assertEquals(0, run.code(), run.toString());
        String id = run.json().get("run").asText();
        RunFixture.Result tasks = fx.withDb("tasks", id, "--format", "json");
        Map<String, Long> counts = new HashMap<>();
        Map<String, String> statuses = new HashMap<>();
        for (JsonNode t : tasks.json().get("tasks")) {
            statuses.put(t.get("activity").asText(), t.get("status").asText());
            t.get("outputs").fields().forEachRemaining(p -> counts.put(t.get("activity").asText() + "." + p.getKey(), p.getValue().asLong()));
        }
        RunFixture.Result svg = fx.withDb("graph", fx.sample("spring_promo.camp").toString(), "--run", id);
        assertEquals(0, svg.code(), svg.toString());
        Document doc = parse(svg.out());
        NodeList groups = doc.getElementsByTagName("g");
        int labels = 0;
        int steps = 0;
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (g.getAttribute("class").equals("label")) {
                String key = g.getAttribute("data-from") + "." + g.getAttribute("data-port");
                assertEquals(String.valueOf(counts.get(key)), g.getAttribute("data-count"), key);
                labels++;
            } else if (g.getAttribute("class").startsWith("step ")) {
                assertEquals(statuses.get(g.getAttribute("data-step")), g.getAttribute("data-status"));
                steps++;
            }
        }
        assertEquals(tasks.json().get("tasks").size(), steps);
        assertEquals(13, labels, "the 13 transitions of spring_promo.camp, each labelled");
        assertTrue(counts.get("tiers.gold") > 0, "the counts are real");
        RunFixture.Result mermaid = fx.withDb("graph", fx.sample("spring_promo.camp").toString(), "--run", id, "--format", "mermaid");
        assertTrue(mermaid.out().contains("tiers -->|\"gold \u00b7 " + counts.get("tiers.gold") + "\"| gold_mail"), mermaid.out());
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
