package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Code;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Regressions of the time the plan was the AST in a wrapper: the run found an activity's
 * expressions by their source positions, and worked out the sources it needs without the
 * templates. The plan now resolves both like any other expression.
 */
class PlanRegressionTest {
    /** Entities of their own, so that nothing but the message names the stores. */
    private static final String ENTITIES = """
            entity people key id from csv "data/profiles.csv" {
              id: int
              email: text
              first_name: text
              email_opt_in: bool
              favorite_store_id: int
              store: one shops on favorite_store_id
              consent email: email_opt_in
            }
            entity shops key store_id from csv "data/stores.csv" {
              store_id: int
              name: text
            }
            """;

    /** Bug: a saved audience read through a named audience failed with a bare catalog error of the database. */
    @Test
    void aSavedAudienceReadThroughANamedAudienceIsCheckedLikeAnyOther() {
        try (SemSandbox box = SemSandbox.create()) {
            box.write("reader.camp", "campaign \"reader\"\nimport \"retail.camp\"\n"
                    + "audience vips = profiles where in saved \"vip club\"\n"
                    + "activity b: build vips\nactivity a: alert \"x\" \"y\"\nflow { b -> a }\n");
            RunResult missing = box.run("reader.camp", "2026-11-24T09:00:00Z", Map.of(), false);
            assertEquals(RunStatus.FAILED, missing.status());
            assertEquals("task 'b' failed: saved audience 'vip club' does not exist (no campaign has saved it into this database yet)",
                    missing.error());
            assertEquals(Code.RUN_FAILED, missing.diagnostics().get(0).code(), "the user's mistake, not the database's refusal");

            box.write("saver.camp", "campaign \"saver\"\nimport \"retail.camp\"\n"
                    + "activity de: build profiles where country = \"DE\"\nactivity keep: save audience \"vip club\"\n"
                    + "flow { de -> keep }\n");
            assertEquals(RunStatus.COMPLETED, box.run("saver.camp", "2026-11-24T10:00:00Z", Map.of(), false).status());
            RunResult found = box.run("reader.camp", "2026-11-24T11:00:00Z", Map.of(), false);
            assertEquals(RunStatus.COMPLETED, found.status(), String.valueOf(found.error()));
            long de = SemOracle.column("SELECT count(*) FROM profiles WHERE country = 'DE'", Instant.EPOCH, "UTC", null).stream()
                    .mapToLong(Long::parseLong).sum();
            assertTrue(de > 0, "the sample data has German profiles");
            assertEquals(de, found.activities().get("b").outputs().get("out"), "the build reads the saved audience");
        }
    }

    /** Bug: a placeholder that is the only use of an entity left its source unprepared, and the run failed. */
    @Test
    void anEntityNamedOnlyByAPlaceholderIsReadByTheRun() throws Exception {
        try (SemSandbox box = SemSandbox.create()) {
            box.write("store_mail.camp", "campaign \"store mail\"\n" + ENTITIES + """
                    activity few:  build people where id <= 40 and store.name is not null
                    activity mail: email { subject "Hello" body "<p>{{store.name}}</p>" }
                    flow { few -> mail }
                    """);
            RunResult r = box.run("store_mail.camp", "2026-11-24T09:00:00Z", Map.of(), false);
            assertEquals(RunStatus.COMPLETED, r.status(), String.valueOf(r.error()) + r.diagnostics());
            Map<String, String> expected = new TreeMap<>();
            for (String row : SemOracle.column("SELECT p.email, s.name FROM profiles p JOIN stores s ON s.store_id = p.favorite_store_id"
                    + " WHERE p.id <= 40 AND p.email_opt_in AND p.email IS NOT NULL AND trim(p.email) <> ''", Instant.EPOCH, "UTC", null)) {
                String[] parts = row.split("\\|", 2);
                expected.put(parts[0], "<p>" + parts[1].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&quot;").replace("'", "&#x27;") + "</p>");
            }
            assertTrue(expected.size() > 5, "the sample data has such profiles");
            Map<String, String> sent = new TreeMap<>();
            ObjectMapper json = new ObjectMapper();
            List<String> lines = new ArrayList<>(Files.readAllLines(box.outbox, StandardCharsets.UTF_8));
            for (String line : lines) {
                JsonNode m = json.readTree(line);
                sent.put(m.get("address").asText(), m.get("body").asText());
            }
            assertEquals(expected, sent, "one message per profile, with its store's name");
        }
    }
}
