package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp report RUN --format html}: one page with nothing to fetch, a task row per task with
 * the counts {@code camp tasks} gives, every text escaped; then opened in headless Chromium
 * (Debian's {@code chromium}), whose DOM shows the rows and a log filtered by the search box, and
 * screenshotted. Without chromium on the PATH the browser part is skipped, unless
 * {@code -Dcamp.requireEditors=true} (CI installs it), which makes that a failure.
 */
class ReportHtmlTest {
    private static final String CAMPAIGN = """
            campaign "Promo <script>alert('x')</script> & co"
            import "retail.camp"
            activity members: build contactable where loyalty_points >= min_points
            activity tell:    alert "<b>Members</b> & <script>alert(1)</script>" "There are members."
            activity mail:    email {
                                subject "Hello"
                                body "<p>Hi</p>"
                              }
            flow {
              members -> tell
              members -> mail
            }
            """;

    @TempDir
    Path temp;

    @Test
    void thePageHoldsTheRunAndOpensInABrowser() throws Exception {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result spring = fx.run("spring_promo.camp", "--at", "2026-03-10 09:00", "--format", "json");
        assertEquals(0, spring.code(), spring.toString());
        String run = spring.json().get("run").asText();
        Path page = temp.resolve("report.html");
        RunFixture.Result r = fx.withDb("report", run, "--format", "html", "-o", page.toString());
        assertEquals(0, r.code(), r.toString());
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 100));

        Matcher external = Pattern.compile("(?i)(src|href)\\s*=\\s*\"(https?:)?//").matcher(html);
        assertFalse(external.find(), "nothing to fetch: " + (external.find(0) ? html.substring(external.start(), external.start() + 60) : ""));
        assertFalse(html.contains("<link"), "no stylesheet to fetch");
        assertFalse(Pattern.compile("<script[^>]+src").matcher(html).find(), "no script to fetch");
        assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"camp-graph\""), "the canvas is in the page");

        JsonNode tasks = fx.withDb("tasks", run, "--format", "json").json().get("tasks");
        List<String> rows = rows(html, "<tr class=\"task ");
        assertEquals(tasks.size(), rows.size(), "a row per task");
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode t = tasks.get(i);
            String row = rows.get(i);
            assertTrue(row.contains("data-activity=\"" + t.get("activity").asText() + "\""), row);
            t.get("outputs").fields().forEachRemaining(p -> assertTrue(
                    row.contains("data-port=\"" + p.getKey() + "\" data-count=\"" + p.getValue().asLong() + "\""), p + " in " + row));
            if (t.has("sql") && !t.get("sql").isNull()) {
                assertTrue(row.contains("<details><summary>SQL</summary>"), row);
            }
        }
        assertTrue(html.contains("<tr data-activity=\"gold_mail\">"), "a delivery row per channel");
        assertTrue(html.contains("<td class=\"n sent\">40</td>"), "the gold e-mails sent");
        assertTrue(html.contains("2026-03-10 09:00 Europe/Paris"), "the logical time in the campaign's zone");

        browser(page, fx.withDb("logs", run, "--format", "json").json().get("logs"), tasks.size());
    }

    @Test
    void everyTextIsEscaped() throws Exception {
        RunFixture fx = new RunFixture(temp);
        fx.write("escape.camp", CAMPAIGN);
        RunFixture.Result r = fx.run("escape.camp", "--at", "2026-03-10 09:00", "--dry-run", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        RunFixture.Result page = fx.withDb("report", r.json().get("run").asText(), "--format", "html");
        assertEquals(0, page.code(), page.toString());
        String html = page.out();
        assertFalse(html.contains("<script>alert"), "no script of the campaign's text runs");
        assertFalse(html.contains("<b>Members"), "no markup of the campaign's text");
        assertTrue(html.contains("Promo &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"), "the campaign's name, escaped");
        assertTrue(html.contains("&lt;b&gt;Members&lt;/b&gt;"), "the alert in the log, escaped");
        assertEquals(1, count(html, "<script>"), "one script: the page's own");
    }

    @Test
    void aRunWhoseCampaignFileIsGoneStillHasItsPage() throws Exception {
        RunFixture fx = new RunFixture(temp);
        Path file = fx.write("gone.camp", CAMPAIGN);
        RunFixture.Result r = fx.run("gone.camp", "--at", "2026-03-10 09:00", "--dry-run", "--format", "json");
        assertEquals(0, r.code(), r.toString());
        Files.delete(file);
        RunFixture.Result page = fx.withDb("report", r.json().get("run").asText(), "--format", "html");
        assertEquals(0, page.code(), page.toString());
        assertTrue(page.out().contains("is gone: no canvas to draw"), "a note instead of the canvas");
        assertTrue(page.out().contains("<tr class=\"task status-done\" data-activity=\"members\">"));
        RunFixture.Result unknown = fx.withDb("report", "20990101T000000Z", "--format", "html");
        assertEquals(2, unknown.code());
    }

    /** The page in headless Chromium: its DOM after the script ran, with #log=gold, and a screenshot. */
    private void browser(Path page, JsonNode logs, int tasks) throws Exception {
        String chromium = onPath("chromium");
        if (chromium == null) {
            if (Boolean.parseBoolean(System.getProperty("camp.requireEditors"))) {
                fail("chromium is not on the PATH, and camp.requireEditors is true");
            }
            assumeTrue(false, "chromium is not on the PATH: the browser part is skipped (-Dcamp.requireEditors=true makes this a failure)");
        }
        String url = page.toUri() + "#log=gold";
        String dom = run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url), temp.resolve("dom.html"));
        assertEquals(tasks, count(dom, "<tr class=\"task "), "the task rows in the browser's DOM");
        int matching = 0;
        for (JsonNode l : logs) {
            String text = (l.get("at").asText() + l.get("level").asText() + (l.get("activity").isNull() ? "" : l.get("activity").asText())
                    + l.get("message").asText()).toLowerCase(Locale.ROOT);
            if (text.contains("gold")) {
                matching++;
            }
        }
        assertTrue(matching > 0 && matching < logs.size(), "the search keeps some lines and hides others: " + matching);
        assertTrue(dom.contains("<span id=\"log-count\">" + matching + " of " + logs.size() + " lines</span>"), "the count the search shows");
        List<String> logRows = rows(dom.substring(dom.indexOf("<table class=\"log\">")), "<tr class=\"level-");
        assertEquals(logs.size(), logRows.size());
        long hidden = logRows.stream().filter(row -> row.substring(0, row.indexOf('>')).contains("hidden")).count();
        assertEquals(logs.size() - matching, hidden, "the lines without 'gold' are hidden");
        for (String row : logRows) {
            boolean shown = !row.substring(0, row.indexOf('>')).contains("hidden");
            assertEquals(shown, row.toLowerCase(Locale.ROOT).contains("gold"), row);
        }

        Path png = temp.resolve("report.png");
        run(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,2400",
                "--screenshot=" + png, url), temp.resolve("screenshot.log"));
        byte[] bytes = Files.readAllBytes(png);
        assertTrue(bytes.length > 20_000, "a screenshot with something in it: " + bytes.length + " bytes");
        assertEquals(0x89, bytes[0] & 0xFF);
        assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII));
    }

    private static String run(List<String> command, Path output) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish in 90 s: " + command);
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(output.resolveSibling(output.getFileName() + ".err")));
        return read(output);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }

    /** The rows (from their opening tag to the end of the row) whose opening tag starts with {@code start}. */
    private static List<String> rows(String html, String start) {
        List<String> rows = new ArrayList<>();
        int at = html.indexOf(start);
        while (at >= 0) {
            int end = html.indexOf("</tr>", at);
            rows.add(html.substring(at, end));
            at = html.indexOf(start, end);
        }
        return rows;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
