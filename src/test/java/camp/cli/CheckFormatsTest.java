package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.cli.CliCheckTest.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code camp check --format sarif} and {@code --format junit}: the SARIF log of one broken file
 * pinned in {@code src/test/resources/sarif/broken.sarif.json}, its rules and results consistent
 * with each other and with the text output; the JUnit XML read back with the JDK's DOM parser,
 * as a CI server reads it. {@link SarifSchemaTest} holds the SARIF to the official schema.
 */
class CheckFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    /** The broken file as a path relative to the working folder, as a CI job passes it. */
    static String broken() {
        Path file = Cases.resources("sarif").resolve("broken.camp");
        return Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).toString();
    }

    // ------------------------------------------------------------ sarif

    @Test
    void sarifOfABrokenFileIsPinned() {
        Result r = CliCheckTest.camp("check", "--format", "sarif", broken());
        assertEquals(1, r.code(), r.err());
        assertEquals("", r.err());
        Cases.assertGolden(Cases.resources("sarif").resolve("broken.sarif.json"), r.out());
    }

    @Test
    void sarifResultsAreTheDiagnosticsOfCheckWithTheirRules() throws Exception {
        JsonNode run = MAPPER.readTree(CliCheckTest.camp("check", "--format", "sarif", broken()).out()).get("runs").get(0);
        assertEquals("camp", run.at("/tool/driver/name").asText());
        assertEquals("unicodeCodePoints", run.get("columnKind").asText());
        JsonNode rules = run.at("/tool/driver/rules");
        List<String> ruleIds = new ArrayList<>();
        rules.forEach(rule -> ruleIds.add(rule.get("id").asText()));
        // one rule per code that occurs, in the catalog's order
        assertEquals(List.of("E0202", "E0203", "W0508"), ruleIds);
        assertEquals("warning", rules.get(2).at("/defaultConfiguration/level").asText());
        assertEquals("UnknownName", rules.get(1).get("name").asText());
        assertEquals("Unknown name '...'.", rules.get(1).at("/shortDescription/text").asText());
        assertEquals("Unknown name '...'. Reported by camp's names checks (codes E02xx).", rules.get(1).at("/fullDescription/text").asText());

        List<String> headlines = new ArrayList<>();
        for (JsonNode result : run.get("results")) {
            String ruleId = result.get("ruleId").asText();
            assertEquals(ruleId, rules.get(result.get("ruleIndex").asInt()).get("id").asText());
            JsonNode location = result.at("/locations/0/physicalLocation");
            assertEquals("src/test/resources/sarif/broken.camp", location.at("/artifactLocation/uri").asText());
            JsonNode region = location.get("region");
            headlines.add(region.get("startLine").asInt() + ":" + region.get("startColumn").asInt() + "-" + region.get("endLine").asInt()
                    + ":" + region.get("endColumn").asInt() + " " + result.get("level").asText() + " " + ruleId + " "
                    + result.at("/message/text").asText());
        }
        // columns in code points: the flag before 'contry' is two characters, four UTF-16 units
        assertEquals(List.of(
                "12:55-12:61 error E0203 unknown name 'contry' (did you mean 'country'?)",
                "14:10-14:14 warning W0508 the output of 'rest' goes nowhere (send it to a channel, save it, or end it: "
                        + "'rest -> done' with 'activity done: end')",
                "15:10-15:13 warning W0508 the output of 'bad' goes nowhere (send it to a channel, save it, or end it: "
                        + "'bad -> done' with 'activity done: end')",
                "15:22-15:28 error E0202 unknown entity or audience 'nobody'"), headlines);
        assertTrue(run.at("/invocations/0/executionSuccessful").asBoolean());
    }

    @Test
    void sarifOfCleanFilesHasNoResultAndAnUnreadableFileIsANotification() throws Exception {
        Result clean = CliCheckTest.camp("check", "--format", "sarif", CliCheckTest.sample("spring_promo.camp"),
                CliCheckTest.sample("winback.camp"));
        assertEquals(0, clean.code(), clean.err());
        JsonNode run = MAPPER.readTree(clean.out()).get("runs").get(0);
        assertEquals(0, run.get("results").size());
        assertEquals(0, run.at("/tool/driver/rules").size());

        Result missing = CliCheckTest.camp("check", "--format", "sarif", temp.resolve("missing.camp").toString());
        assertEquals(2, missing.code());
        JsonNode invocation = MAPPER.readTree(missing.out()).at("/runs/0/invocations/0");
        assertFalse(invocation.get("executionSuccessful").asBoolean());
        assertTrue(invocation.at("/toolExecutionNotifications/0/message/text").asText().contains("no such file"), invocation.toString());
        assertEquals("error", invocation.at("/toolExecutionNotifications/0/level").asText());
    }

    @Test
    void sarifPointsAtAnImportedFileWhereTheProblemIs() throws Exception {
        Files.writeString(temp.resolve("lib.camp"), "audience a = nothing\n");
        Files.writeString(temp.resolve("c.camp"), "import \"lib.camp\"\ncampaign \"c\"\n");
        Files.writeString(temp.resolve("d.camp"), "import \"lib.camp\"\ncampaign \"d\"\n");
        Result r = CliCheckTest.camp("check", "--format", "sarif", temp.resolve("c.camp").toString(), temp.resolve("d.camp").toString());
        JsonNode results = MAPPER.readTree(r.out()).at("/runs/0/results");
        List<String> uris = new ArrayList<>();
        results.forEach(x -> uris.add(x.at("/locations/0/physicalLocation/artifactLocation/uri").asText()
                + " " + x.get("ruleId").asText()));
        // the shared import's error is one result, at the imported file (outside the working folder: an absolute URI)
        assertEquals(1, uris.stream().filter(u -> u.endsWith("/lib.camp E0201") || u.endsWith("/lib.camp E0202")).count(), uris.toString());
        assertTrue(uris.stream().allMatch(u -> u.startsWith("file:///")), uris.toString());
    }

    // ------------------------------------------------------------ junit

    @Test
    void junitXmlReadsBackAsOneTestPerFile() throws Exception {
        Path warningsOnly = temp.resolve("warnings only.camp");
        Files.writeString(warningsOnly, "campaign \"w\"\nentity p key id from table \"p\" { id: int }\nactivity a: build p\nflow { a }\n");
        String missing = temp.resolve("missing.camp").toString();
        String clean = CliCheckTest.sample("welcome.camp");
        Result r = CliCheckTest.camp("check", "--format", "junit", broken(), clean, warningsOnly.toString(), missing);
        assertEquals(2, r.code(), r.err()); // an unreadable file is a usage error, as with every format
        Document doc = parse(r.out());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));

        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(4, suites.getLength());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            names.add(suite.getAttribute("name"));
            assertEquals("1", suite.getAttribute("tests"));
            NodeList cases = suite.getElementsByTagName("testcase");
            assertEquals(1, cases.getLength());
            Element testcase = (Element) cases.item(0);
            assertEquals(suite.getAttribute("name"), testcase.getAttribute("name"));
            assertEquals("camp.check", testcase.getAttribute("classname"));
            assertTrue(Double.parseDouble(testcase.getAttribute("time")) >= 0);
        }
        assertEquals(List.of(broken(), clean, warningsOnly.toString(), missing), names);

        Element brokenCase = testcase(suites, 0);
        Element failure = only(brokenCase, "failure");
        assertEquals("E0203", failure.getAttribute("type"));
        assertEquals(broken() + ":12:55: error[E0203]: unknown name 'contry' (and 1 more)", failure.getAttribute("message"));
        String listing = failure.getTextContent();
        assertTrue(listing.startsWith("2 errors, 0 warnings in 1 file\n"), listing);
        assertTrue(listing.contains(broken() + ":12:55: error[E0203]: unknown name 'contry'\n"), listing);
        assertTrue(listing.contains(broken() + ":15:22: error[E0202]: unknown entity or audience 'nobody'\n"), listing);
        assertTrue(listing.contains("= help: did you mean 'country'?"), listing);
        // characters beyond ASCII come back as they were
        assertTrue(listing.contains("country = \"\uD83C\uDDEB\uD83C\uDDF7\" or contry"), listing);
        String out = only(brokenCase, "system-out").getTextContent();
        assertTrue(out.contains(":14:10: warning[W0508]: the output of 'rest' goes nowhere"), out);
        assertFalse(out.contains("error["), out);

        assertEquals(0, testcase(suites, 1).getChildNodes().getLength(), "a clean file is a passing test with nothing in it");
        Element warned = testcase(suites, 2);
        assertEquals(0, warned.getElementsByTagName("failure").getLength());
        assertTrue(only(warned, "system-out").getTextContent().contains("warning[W0508]"));
        Element unreadable = only(testcase(suites, 3), "error");
        assertEquals("unreadable", unreadable.getAttribute("type"));
        assertTrue(unreadable.getAttribute("message").contains("no such file"));
        assertTrue(r.out().chars().allMatch(c -> c < 0x80), "the XML is ASCII, whatever the output encoding");
    }

    @Test
    void junitWithWerrorFailsOnWarnings() throws Exception {
        Path warningsOnly = temp.resolve("w.camp");
        Files.writeString(warningsOnly, "campaign \"w\"\nentity p key id from table \"p\" { id: int }\nactivity a: build p\nflow { a }\n");
        Result r = CliCheckTest.camp("check", "--format", "junit", "--werror", warningsOnly.toString());
        assertEquals(1, r.code());
        Document doc = parse(r.out());
        assertEquals("1", doc.getDocumentElement().getAttribute("failures"));
        Element failure = only(testcase(doc.getElementsByTagName("testsuite"), 0), "failure");
        assertEquals("W0508", failure.getAttribute("type"));
    }

    @Test
    void junitOfABrokenFileIsPinned() {
        Result r = CliCheckTest.camp("check", "--format", "junit", broken());
        assertEquals(1, r.code(), r.err());
        Cases.assertGolden(Cases.resources("sarif").resolve("broken.junit.xml"), r.out().replaceAll("time=\"[0-9.]+\"", "time=\"0\""));
    }

    @Test
    void githubFormatIsUnchanged() {
        Result r = CliCheckTest.camp("check", "--format", "github", broken());
        assertTrue(r.out().startsWith("::error file=" + broken().replace(":", "%3A") + ",line=12,col=55,endLine=12,endColumn=61,"
                + "title=E0203::unknown name 'contry' (did you mean 'country'?)\n"), r.out());
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element testcase(NodeList suites, int i) {
        return (Element) ((Element) suites.item(i)).getElementsByTagName("testcase").item(0);
    }

    private static Element only(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        assertEquals(1, nodes.getLength(), "one <" + tag + "> in " + parent.getAttribute("name"));
        Element e = (Element) nodes.item(0);
        assertNotNull(e);
        return e;
    }
}
