package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON of every command held to its schema in {@code schemas/}: real outputs (success and
 * failure) validated, and every schema file used here, so that none describes a shape no test
 * checks.
 */
class JsonSchemasTest {
    private static final Set<String> USED = new TreeSet<>();
    private static final String AT = "2026-03-10 09:00";

    @TempDir
    Path temp;

    private static void valid(String schema, RunFixture.Result r) {
        try {
            JsonNode node = RunFixture.MAPPER.readTree(Cases.projectRoot().resolve("schemas").resolve(schema + ".schema.json").toFile());
            Schema s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(node);
            List<String> problems = new ArrayList<>();
            for (Error e : s.validate(r.json())) {
                problems.add(e.toString());
            }
            assertEquals(List.of(), problems, schema + ": " + r.out());
            USED.add(schema);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyCommandsJsonHasTheShapeItsSchemaSays() throws Exception {
        RunFixture fx = new RunFixture(temp);
        String spring = fx.sample("spring_promo.camp").toString();
        Path broken = fx.write("broken.camp", "campaign \"b\"\nactivity a: build profile\nflow {\n  a\n}\n");

        valid("check", RunFixture.camp("check", "--format", "json", spring, fx.sample("winback.camp").toString()));
        valid("check", RunFixture.camp("check", "--format", "json", broken.toString()));
        valid("test", RunFixture.camp("test", "--format", "json", fx.sample("spring_promo.camptest").toString()));

        RunFixture.Result run = fx.run("spring_promo.camp", "--at", AT, "--format", "json");
        assertEquals(0, run.code(), run.toString());
        valid("run", run);
        valid("run", RunFixture.camp("run", broken.toString(), "--db", fx.db.toString(), "--format", "json"));
        String id = run.json().get("run").asText();
        valid("runs", fx.withDb("runs", "--format", "json"));
        valid("tasks", fx.withDb("tasks", id, "--format", "json"));
        valid("tasks", fx.withDb("tasks", id, "--sql", "--format", "json"));
        valid("logs", fx.withDb("logs", id, "--format", "json"));
        valid("status", fx.withDb("status", id, "--format", "json"));
        valid("preview", fx.withDb("preview", id, "tiers.gold", "--limit", "3", "--format", "json"));
        valid("preview", fx.withDb("preview", id, "tiers.gold", "--schema", "--format", "json"));
        valid("preview", fx.withDb("preview", id, "gold_mail", "--messages", "--limit", "2", "--format", "json"));
        valid("report", fx.withDb("report", id, "--format", "json"));
        valid("schedule", RunFixture.camp("schedule", spring, "--from", "2026-03-01 00:00", "--count", "3", "--format", "json"));
        valid("sql", RunFixture.camp("sql", spring, "--at", AT, "--format", "json"));
        valid("explain", RunFixture.camp("explain", "--stage", "tokens", spring, "--format", "json"));
        valid("explain", RunFixture.camp("explain", "--stage", "ir", spring, "--format", "json"));
        valid("explain", RunFixture.camp("explain", "--stage", "sql", broken.toString(), "--format", "json"));
        valid("fmt", RunFixture.camp("fmt", "--check", "--format", "json", spring));
        valid("init", RunFixture.camp("init", temp.resolve("fresh").toString(), "--format", "json"));
        Path changed = fx.write("spring_changed.camp", Files.readString(fx.sample("spring_promo.camp"))
                .replace("limit 40", "limit 20"));
        RunFixture.Result diff = RunFixture.camp("diff", spring, changed.toString(), "--at", AT, "--db", fx.db.toString(), "--format", "json");
        assertEquals(1, diff.json().get("changes").get("changed").asInt(), diff::toString);
        valid("diff", diff);
        valid("diff", RunFixture.camp("diff", spring, broken.toString(), "--at", AT, "--db", fx.db.toString(), "--format", "json"));

        fx.write("wait_me.camp", """
                campaign "Wait me"
                import "retail.camp"
                activity fr:    build profiles where country = "FR"
                activity hold:  wait 3 days
                activity mail:  email { subject "Hello" body "Hi" }
                flow { fr -> hold -> mail }
                """);
        RunFixture.Result waiting = fx.run("wait_me.camp", "--at", java.time.Instant.now().toString().substring(0, 16).replace('T', ' '),
                "--format", "json");
        assertEquals("waiting", waiting.json().get("status").asText(), waiting.toString());
        valid("run", waiting);
        String waitingId = waiting.json().get("run").asText();
        valid("control", fx.withDb("pause", waitingId, "--format", "json"));
        valid("control", fx.withDb("stop", waitingId, "--format", "json"));
        valid("purge", fx.withDb("purge", id, "--format", "json"));

        valid("error", fx.withDb("report", "20990101T000000Z", "--format", "json"));
        valid("error", fx.withDb("pause", "20990101T000000Z", "--format", "json"));
        valid("error", RunFixture.camp("explain", "--stage", "bytecode", spring, "--format", "json"));
        valid("error", fx.withDb("purge", "20990101T000000Z", "--format", "json"));
    }

    @AfterAll
    static void everySchemaIsUsed() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.list(Cases.projectRoot().resolve("schemas"))) {
            all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".schema.json"))
                    .forEach(n -> files.add(n.substring(0, n.length() - ".schema.json".length())));
        }
        if (!USED.isEmpty()) {
            assertEquals(files, USED, "every schema in schemas/ is held to a command's output");
        }
        assertTrue(files.size() >= 15, files.toString());
    }
}
