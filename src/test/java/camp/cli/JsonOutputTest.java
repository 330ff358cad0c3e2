package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json} of pause, stop and purge, and errors in JSON mode: one object on stdout
 * with the same fields every time, {@code {"error","exitCode","meaning"}} when the command fails.
 */
class JsonOutputTest {
    private static final String SPRING_AT = "2026-03-10 09:00";
    private static final String WAIT = """
            campaign "Wait me"
            import "retail.camp"

            activity fr:    build profiles where country = "FR"
            activity hold:  wait 3 days
            activity mail:  email { subject "Hello" body "Hi" }
            flow { fr -> hold -> mail }
            """;

    @TempDir
    Path temp;

    private static Set<String> fields(JsonNode o) {
        Set<String> names = new TreeSet<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void isError(RunFixture.Result r, String message) {
        assertEquals(ExitCodes.USAGE, r.code(), r::toString);
        JsonNode e = r.json();
        assertEquals(Set.of("error", "exitCode", "meaning"), fields(e), r.out());
        assertEquals(2, e.path("exitCode").asInt());
        assertEquals("usage, or an unreadable file or database", e.path("meaning").asText());
        assertTrue(e.path("error").asText().contains(message), r.out());
        assertTrue(r.err().startsWith("camp: "), "a person reading stderr sees it too: " + r.err());
    }

    @Test
    void runAndTasksDescribeATaskWithTheSameShapeAndValues() {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result run = fx.run("spring_promo.camp", "--at", SPRING_AT, "--dry-run", "--format", "json");
        assertEquals(0, run.code(), run.toString());
        JsonNode json = run.json();
        RunFixture.Result tasks = fx.withDb("tasks", json.get("run").asText(), "--format", "json");
        assertEquals(0, tasks.code(), tasks.toString());
        assertEquals(tasks.json().get("tasks"), json.get("tasks"), "camp run's tasks are camp tasks' tasks, field by field");
        assertEquals(json.get("activities").size(), json.get("tasks").size());
        JsonNode first = json.get("tasks").get(0);
        assertEquals(Set.of("activity", "kind", "status", "startedAt", "endedAt", "durationMs", "input", "outputs", "error", "line", "column"),
                fields(first));
        assertEquals(json.get("activities").get(first.get("activity").asText()).get("outputs"), first.get("outputs"));
    }

    @Test
    void explainInJsonIsTheTextOutputOfEachStage() {
        RunFixture fx = new RunFixture(temp);
        String spring = fx.sample("spring_promo.camp").toString();
        for (String stage : List.of("ast", "ir", "sql")) {
            List<String> extra = stage.equals("sql") ? List.of("--at", SPRING_AT) : List.of();
            List<String> text = new java.util.ArrayList<>(List.of("explain", "--stage", stage, spring));
            text.addAll(extra);
            RunFixture.Result plain = RunFixture.camp(text.toArray(String[]::new));
            text.add("--format=json");
            RunFixture.Result json = RunFixture.camp(text.toArray(String[]::new));
            assertEquals(0, json.code(), json.toString());
            JsonNode j = json.json();
            assertEquals(Set.of("file", "stage", "text", "diagnostics"), fields(j));
            assertEquals(plain.out(), j.get("text").asText(), stage);
            assertEquals(stage, j.get("stage").asText());
        }
        RunFixture.Result tokens = RunFixture.camp("explain", "--stage", "tokens", spring, "--format", "json");
        JsonNode first = tokens.json().get("tokens").get(0);
        assertEquals(Set.of("line", "column", "type", "text"), fields(first));
        assertEquals("CAMPAIGN", first.get("type").asText());
        Path broken = fx.write("broken.camp", "campaign \"b\"\nactivity a: build profile\nflow {\n  a\n}\n");
        RunFixture.Result errors = RunFixture.camp("explain", "--stage", "ir", broken.toString(), "--format", "json");
        assertEquals(1, errors.code());
        assertTrue(errors.json().get("text").isNull());
        List<String> codes = new java.util.ArrayList<>();
        errors.json().get("diagnostics").forEach(d -> codes.add(d.get("code").asText()));
        assertTrue(codes.contains("E0202"), codes.toString());
        isError(RunFixture.camp("explain", "--stage", "bytecode", spring, "--format", "json"), "unknown stage 'bytecode'");
    }

    @Test
    void pauseAndStopSayWhatTheyDid() {
        RunFixture fx = new RunFixture(temp);
        fx.write("wait_me.camp", WAIT);
        // a wait that ends three days after now holds the run
        String at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60).toString();
        RunFixture.Result run = fx.run("wait_me.camp", "--at", at, "--format", "json");
        assertEquals("waiting", run.json().path("status").asText(), run::toString);
        String id = run.json().path("run").asText();

        RunFixture.Result pause = fx.withDb("pause", id, "--format", "json");
        assertEquals(0, pause.code(), pause::toString);
        JsonNode p = pause.json();
        assertEquals(Set.of("run", "requested", "applied", "status", "message"), fields(p));
        assertEquals(id, p.path("run").asText());
        assertEquals("pause", p.path("requested").asText());
        assertTrue(p.path("applied").asBoolean(), "no process runs it: paused at once");
        assertEquals("paused", p.path("status").asText());

        RunFixture.Result stop = fx.withDb("stop", id, "--format", "json");
        assertEquals(0, stop.code(), stop::toString);
        assertEquals("stopped", stop.json().path("status").asText(), stop.out());
        assertEquals("stop", stop.json().path("requested").asText());

        isError(fx.withDb("pause", id, "--format", "json"), "stopped");
        isError(fx.withDb("stop", "20990101T000000Z", "--format", "json"), "20990101T000000Z");
    }

    @Test
    void purgeSaysWhatItPurgedAndTheSpaceBeforeAndAfter() throws Exception {
        RunFixture fx = new RunFixture(temp);
        RunFixture.Result run = fx.run("spring_promo.camp", "--at", SPRING_AT, "--format", "json");
        String id = run.json().path("run").asText();
        RunFixture.Result purge = fx.withDb("purge", id, "--format", "json");
        assertEquals(0, purge.code(), purge::toString);
        JsonNode p = purge.json();
        assertEquals(Set.of("purged", "bytesBefore", "bytesAfter", "bytesFree"), fields(p));
        assertEquals("[\"" + id + "\"]", p.path("purged").toString());
        assertEquals(Files.size(fx.db), p.path("bytesAfter").asLong(), "the file as it is now");
        assertTrue(p.path("bytesAfter").asLong() < p.path("bytesBefore").asLong(), p.toString());
        assertTrue(p.path("bytesFree").isNull(), "compacted: nothing free inside");

        RunFixture.Result none = fx.withDb("purge", "--older-than", "3650d", "--format", "json");
        assertEquals(0, none.code(), none::toString);
        assertEquals("[]", none.json().path("purged").toString());
        assertEquals(Set.of("purged", "bytesBefore", "bytesAfter", "bytesFree"), fields(none.json()), "the same fields when nothing was purged");

        isError(fx.withDb("purge", "no_such_run", "--format", "json"), "no run 'no_such_run'");
        isError(fx.withDb("purge", "--format", "json"), "name the runs to purge");
    }

    @Test
    void sqlInJsonIsTheTextSectionBySection() {
        RunFixture fx = new RunFixture(temp);
        String spring = fx.sample("spring_promo.camp").toString();
        RunFixture.Result text = RunFixture.camp("sql", spring, "--at", SPRING_AT);
        RunFixture.Result json = RunFixture.camp("sql", spring, "--at", SPRING_AT, "--format", "json");
        assertEquals(0, json.code(), json::toString);
        JsonNode root = json.json();
        assertEquals("Spring promo 2026", root.path("campaign").asText());
        assertEquals("2026-03-10T08:00:00Z", root.path("logicalTime").asText());
        assertEquals("duckdb", root.path("engine").asText());
        StringBuilder rebuilt = new StringBuilder("-- camp's helper functions, defined on each connection before the activities run:\n");
        root.path("setup").forEach(s -> rebuilt.append(s.asText()).append(";\n"));
        rebuilt.append('\n');
        for (JsonNode a : root.path("activities")) {
            assertEquals(Set.of("activity", "kind", "line", "sql"), fields(a));
            rebuilt.append("-- ").append(a.path("activity").asText()).append(": ").append(a.path("kind").asText())
                    .append(" (line ").append(a.path("line").asInt()).append(")\n").append(a.path("sql").asText()).append('\n');
        }
        assertEquals(13, root.path("activities").size());
        assertEquals(text.out(), rebuilt.toString());
        isError(RunFixture.camp("sql", spring, "--at", "yesterday", "--format", "json"), "--at");
    }
}
