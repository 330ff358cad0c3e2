package camp.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The project file is read with the TOML library's parser and no ObjectMapper (for a faster
 * start): the tree it builds is the one the library's own mapper reads, and a malformed file
 * fails at the same line and column.
 */
class ProjectTomlTest {
    private static final TomlMapper MAPPER = new TomlMapper();

    @Test
    void theTreeIsTheMappersTree() throws Exception {
        List<String> documents = List.of(
                "",
                "# only a comment\n",
                "[paths]\nallow = [\"data\", \"../shared/data\"]\n",
                "[db]\npath = \".camp/camp.duckdb\"\n[providers]\nemail = \"smtp://mail.example:587?starttls=required\"\n"
                        + "sms = \"webhook+https://sms.example/send\"\n",
                "[smtp]\nuser_env = \"MAIL_USER\"\npassword_env = \"MAIL_PASSWORD\"\nport = 587\nbig = 12345678901\n"
                        + "huge = 123456789012345678901234567890\nratio = 0.25\ntls = true\nold = false\n",
                "title = \"Zoé's \\\"shop\\\"\"\nmulti = \"\"\"\nline one\nline two\"\"\"\nliteral = 'C:\\path'\n",
                "[a.b.c]\nx = 1\n[[list]]\nname = \"first\"\n[[list]]\nname = \"second\"\ninline = { k = \"v\", n = [1, 2, [3]] }\n",
                "when = 2026-03-10T08:00:00Z\nday = 2026-03-10\nlocal = 08:00:00\n");
        for (String toml : documents) {
            assertEquals(MAPPER.readTree(toml), Project.tree(toml), toml);
        }
    }

    @Test
    void aMalformedFileFailsWhereTheMapperFails() {
        for (String toml : List.of("[db\npath = 1\n", "a = \n", "x = 1\nx = 2\n", "[t]\nk = \"unclosed\n")) {
            JsonProcessingException expected = assertThrows(JsonProcessingException.class, () -> MAPPER.readTree(toml));
            JsonProcessingException actual = assertThrows(JsonProcessingException.class, () -> Project.tree(toml));
            assertEquals(expected.getOriginalMessage(), actual.getOriginalMessage(), toml);
            assertEquals(expected.getLocation().getLineNr(), actual.getLocation().getLineNr(), toml);
            assertEquals(expected.getLocation().getColumnNr(), actual.getLocation().getColumnNr(), toml);
        }
    }

    @org.junit.jupiter.api.Test
    void theEngineTableNamesAnEngineAndItsDatabase(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path toml = dir.resolve("camp.toml");
        java.nio.file.Files.writeString(toml, "[engine]\nname = \"postgres\"\nurl = \"jdbc:postgresql://db.example.com:5432/crm\"\n");
        Project p = Project.read(toml);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("name", "postgres", "url", "jdbc:postgresql://db.example.com:5432/crm"),
                p.engine());
        java.nio.file.Files.writeString(toml, "[engine]\nname = \"spark\"\nurl = \"spark://127.0.0.1:7077\"\n");
        org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("name", "spark", "url", "spark://127.0.0.1:7077"), Project.read(toml).engine());
        java.nio.file.Files.writeString(toml, "[engine]\nname = \"spark\"\n");
        Project.ConfigException sparkWithoutUrl = org.junit.jupiter.api.Assertions.assertThrows(Project.ConfigException.class,
                () -> Project.read(toml));
        org.junit.jupiter.api.Assertions.assertEquals("[engine] name = \"spark\" needs the cluster: url = \"spark://HOST:PORT\"",
                sparkWithoutUrl.getMessage());
        java.nio.file.Files.writeString(toml, "[engine]\nname = \"bigquery\"\n");
        Project.ConfigException unknown = org.junit.jupiter.api.Assertions.assertThrows(Project.ConfigException.class, () -> Project.read(toml));
        org.junit.jupiter.api.Assertions.assertEquals("[engine] name must be one of duckdb, postgres, spark, not 'bigquery'", unknown.getMessage());
        java.nio.file.Files.writeString(toml, "[engine]\nname = \"postgres\"\n");
        Project.ConfigException noUrl = org.junit.jupiter.api.Assertions.assertThrows(Project.ConfigException.class, () -> Project.read(toml));
        org.junit.jupiter.api.Assertions.assertTrue(noUrl.getMessage().contains("needs the database: url = "), noUrl.getMessage());
        java.nio.file.Files.writeString(toml, "[engine]\nnmae = \"postgres\"\n");
        org.junit.jupiter.api.Assertions.assertThrows(Project.ConfigException.class, () -> Project.read(toml), "an unknown key");
    }
}
