package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import camp.cli.CliCheckTest.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SARIF that {@code camp check --format sarif} prints is valid against the official SARIF
 * 2.1.0 JSON schema ({@code src/test/resources/sarif/sarif-schema-2.1.0.json}, from the OASIS
 * sarif-spec repository; see the README beside it), for a broken file, for every invalid case of
 * the test suite together (a rule for nearly every code), for the samples, and for an unreadable
 * file. A log broken on purpose is rejected, so that a validator that accepts anything cannot
 * pass the test.
 */
class SarifSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Schema schema;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadSchema() throws Exception {
        JsonNode node = MAPPER.readTree(Cases.resources("sarif").resolve("sarif-schema-2.1.0.json").toFile());
        assertEquals("http://json-schema.org/draft-04/schema#", node.get("$schema").asText());
        schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(node);
    }

    static List<String> violations(JsonNode log) {
        List<String> out = new ArrayList<>();
        for (Error e : schema.validate(log)) {
            out.add(e.toString());
        }
        return out;
    }

    private static JsonNode sarif(String... files) throws Exception {
        List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
        args.addAll(List.of(files));
        Result r = CliCheckTest.camp(args.toArray(String[]::new));
        assertTrue(r.code() <= 2, r.err());
        return MAPPER.readTree(r.out());
    }

    @Test
    void theLogOfABrokenFileIsValid() throws Exception {
        JsonNode log = sarif(CheckFormatsTest.broken());
        assertEquals(List.of(), violations(log));
        assertEquals(4, log.at("/runs/0/results").size());
    }

    @Test
    void theLogOfEveryInvalidCaseIsValid() throws Exception {
        List<String> files = Cases.campFiles(Cases.resources("invalid")).stream().map(Path::toString).toList();
        JsonNode log = sarif(files.toArray(String[]::new));
        assertEquals(List.of(), violations(log));
        Set<String> rules = new TreeSet<>();
        log.at("/runs/0/tool/driver/rules").forEach(r -> rules.add(r.get("id").asText()));
        assertTrue(rules.size() > 60, "a rule for most codes: " + rules);
        log.at("/runs/0/results").forEach(r -> assertTrue(rules.contains(r.get("ruleId").asText())));
    }

    @Test
    void theLogOfTheSamplesAndOfAnUnreadableFileIsValid() throws Exception {
        List<String> samples = Cases.campFiles(Cases.projectRoot().resolve("samples")).stream().map(Path::toString).toList();
        JsonNode clean = sarif(samples.toArray(String[]::new));
        assertEquals(List.of(), violations(clean));
        assertEquals(0, clean.at("/runs/0/results").size());
        JsonNode unreadable = sarif(temp.resolve("missing.camp").toString(), temp.toString());
        assertEquals(List.of(), violations(unreadable));
        assertEquals(2, unreadable.at("/runs/0/invocations/0/toolExecutionNotifications").size());
    }

    @Test
    void aLogBrokenOnPurposeIsRejected() throws Exception {
        JsonNode log = sarif(CheckFormatsTest.broken());
        ObjectNode badLevel = log.deepCopy();
        ((ObjectNode) badLevel.at("/runs/0/results/0")).put("level", "fatal");
        assertFalse(violations(badLevel).isEmpty(), "a level outside error, warning, note, none");
        ObjectNode badColumn = log.deepCopy();
        ((ObjectNode) badColumn.at("/runs/0/results/0/locations/0/physicalLocation/region")).put("startColumn", 0);
        assertFalse(violations(badColumn).isEmpty(), "SARIF columns start at 1");
        ObjectNode noVersion = log.deepCopy();
        noVersion.remove("version");
        assertFalse(violations(noVersion).isEmpty(), "version is required");
    }
}
