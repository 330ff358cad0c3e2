package camp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import camp.check.Cases;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp fmt} end to end: rewriting in place, --check (exit code, listing, JSON), --diff,
 * --stdin, folders, files with syntax errors left untouched, usage errors, and the real command
 * line in a process of its own.
 */
class FmtCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String MESSY = "campaign   \"Messy\"\nactivity a: build people where x>1\nflow{a}\n";
    private static final String TIDY = "campaign \"Messy\"\n\nactivity a:  build people where x > 1\n\nflow { a }\n";
    private static final String BROKEN = "campaign \"Broken\"\nactivity a:   build where\n";

    @TempDir
    Path temp;

    record Result(int code, String out, String err) {
    }

    static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path write(String name, String text) throws IOException {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void rewritesFilesInPlaceAndListsThem() throws IOException {
        Path messy = write("messy.camp", MESSY);
        Path tidy = write("tidy.camp", TIDY);
        Result r = camp("fmt", messy.toString(), tidy.toString());
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(messy + "\n", r.out(), "only the files that changed are listed");
        assertEquals(TIDY, Files.readString(messy));
        assertEquals(TIDY, Files.readString(tidy));
        try (Stream<Path> files = Files.list(temp)) {
            assertEquals(List.of("messy.camp", "tidy.camp"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary file is left beside them");
        }
        Result again = camp("fmt", messy.toString());
        assertEquals(ExitCodes.OK, again.code());
        assertEquals("", again.out(), "a formatted file is not written again");
    }

    @Test
    void aSymbolicLinkStaysALinkAndItsTargetIsFormatted() throws IOException {
        Path target = write("real/messy.camp", MESSY);
        Path link = Files.createSymbolicLink(temp.resolve("link.camp"), target);
        assertEquals(ExitCodes.OK, camp("fmt", link.toString()).code());
        assertTrue(Files.isSymbolicLink(link));
        assertEquals(TIDY, Files.readString(target));
    }

    @Test
    void checkWritesNothingListsTheUnformattedFilesAndExitsOne() throws IOException {
        Path messy = write("messy.camp", MESSY);
        Path tidy = write("tidy.camp", TIDY);
        Result r = camp("fmt", "--check", messy.toString(), tidy.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, r.code());
        assertEquals(messy + "\n", r.out());
        assertTrue(r.err().contains("1 of 2 files are not formatted"), r.err());
        assertEquals(MESSY, Files.readString(messy), "--check writes nothing");
        Result clean = camp("fmt", "--check", tidy.toString());
        assertEquals(ExitCodes.OK, clean.code());
        assertEquals("", clean.out() + clean.err());
    }

    @Test
    void checkAsJson() throws IOException {
        Path messy = write("messy.camp", MESSY);
        Path tidy = write("tidy.camp", TIDY);
        Path broken = write("broken.camp", BROKEN);
        Result r = camp("fmt", "--check", "--format", "json", messy.toString(), tidy.toString(), broken.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, r.code());
        JsonNode json = MAPPER.readTree(r.out());
        assertEquals(3, json.get("files").size());
        assertEquals("changed", json.get("files").get(0).get("status").asText());
        assertFalse(json.get("files").get(0).get("written").asBoolean());
        assertEquals("unchanged", json.get("files").get(1).get("status").asText());
        assertEquals("invalid", json.get("files").get(2).get("status").asText());
        assertEquals(1, json.get("changed").asInt());
        assertEquals(1, json.get("unchanged").asInt());
        assertEquals(1, json.get("invalid").asInt());
        JsonNode d = json.get("diagnostics").get(0);
        assertEquals(broken.toString(), d.get("file").asText());
        assertEquals("E0001", d.get("code").asText());
        assertEquals(2, d.get("line").asInt());
        assertEquals(MESSY, Files.readString(messy));
    }

    @Test
    void aFileWithSyntaxErrorsIsLeftAsItIsWithItsErrorsAsCheckPrintsThem() throws IOException {
        Path broken = write("broken.camp", BROKEN);
        Path messy = write("messy.camp", MESSY);
        byte[] before = Files.readAllBytes(broken);
        Result r = camp("fmt", broken.toString(), messy.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, r.code());
        assertArrayEquals(before, Files.readAllBytes(broken), "a file that does not parse is never written");
        assertEquals(TIDY, Files.readString(messy), "the other files are formatted all the same");
        String checked = camp("check", broken.toString()).err();
        String rendered = checked.substring(0, checked.lastIndexOf('\n', checked.length() - 2) + 1);
        assertTrue(rendered.startsWith(broken + ":2:21: error[E0001]: expected a name, found 'where'"), checked);
        assertTrue(r.err().startsWith(rendered), "fmt prints the syntax errors as check does:\n" + r.err() + "\nvs\n" + checked);
        assertTrue(r.err().contains(broken + " is left unchanged"), r.err());
    }

    @Test
    void foldersAreSearchedForCampFilesSkippingHiddenOnes() throws IOException {
        Path a = write("campaigns/a.camp", MESSY);
        Path b = write("campaigns/nested/b.camp", MESSY);
        Path hidden = write("campaigns/.camp/c.camp", MESSY);
        Path other = write("campaigns/notes.txt", MESSY);
        Result r = camp("fmt", "--check", temp.resolve("campaigns").toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, r.code());
        assertEquals(a + "\n" + b + "\n", r.out());
        camp("fmt", temp.resolve("campaigns").toString());
        assertEquals(TIDY, Files.readString(a));
        assertEquals(TIDY, Files.readString(b));
        assertEquals(MESSY, Files.readString(hidden));
        assertEquals(MESSY, Files.readString(other));
    }

    @Test
    void diffPrintsAUnifiedDiffAndWritesNothing() throws IOException {
        Path messy = write("messy.camp", MESSY);
        Result r = camp("fmt", "--diff", messy.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, r.code());
        assertEquals(MESSY, Files.readString(messy));
        assertEquals("--- " + messy + "\n+++ " + messy + "\n@@ -1,3 +1,5 @@\n"
                + "-campaign   \"Messy\"\n-activity a: build people where x>1\n-flow{a}\n"
                + "+campaign \"Messy\"\n+\n+activity a:  build people where x > 1\n+\n+flow { a }\n", r.out());
    }

    @Test
    void stdinToStdout() throws IOException {
        Result r = withStdin(MESSY, "fmt", "--stdin");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertEquals(TIDY, r.out());
        Result check = withStdin(MESSY, "fmt", "--stdin", "--check");
        assertEquals(ExitCodes.SCRIPT_ERRORS, check.code());
        assertEquals("<stdin>\n", check.out());
        Result broken = withStdin(BROKEN, "fmt", "--stdin");
        assertEquals(ExitCodes.SCRIPT_ERRORS, broken.code());
        assertEquals("", broken.out(), "nothing on stdout for a text that does not parse");
        assertTrue(broken.err().startsWith("<stdin>:2:"), broken.err());
        Result unicode = withStdin("campaign  \"Été 😀\"", "fmt", "--stdin");
        assertEquals("campaign \"Été 😀\"\n", unicode.out());
    }

    @Test
    void usageErrors() throws IOException {
        assertEquals(ExitCodes.USAGE, camp("fmt").code());
        Path tidy = write("tidy.camp", TIDY);
        Result both = camp("fmt", "--stdin", tidy.toString());
        assertEquals(ExitCodes.USAGE, both.code());
        assertTrue(both.err().contains("give no FILE"), both.err());
        Result missing = camp("fmt", temp.resolve("missing.camp").toString(), tidy.toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());
        Result help = camp("fmt", "--help");
        assertEquals(ExitCodes.OK, help.code());
        assertTrue(help.out().contains("--check") && help.out().contains("Examples:") && help.out().contains("camp fmt --check"),
                help.out());
    }

    @Test
    void theRealCommandLineInAProcessOfItsOwn() throws IOException, InterruptedException {
        Path folder = temp.resolve("project");
        Files.createDirectories(folder);
        Path spring = folder.resolve("spring_promo.camp");
        // the samples are in the canonical layout: this copy is out of it by one activity
        String sample = Cases.read(Cases.projectRoot().resolve("samples/spring_promo.camp"));
        String unformatted = sample.replaceFirst("activity buyers: +build", "activity buyers: build");
        assertNotEquals(sample, unformatted);
        Files.writeString(spring, unformatted);
        Path retail = folder.resolve("retail.camp");
        Files.copy(Cases.projectRoot().resolve("samples/retail.camp"), retail);
        CampProcess check = CampProcess.camp("fmt", "--check", folder.toString());
        assertEquals(ExitCodes.SCRIPT_ERRORS, check.run(120), check.toString());
        assertTrue(check.output().contains(spring.toString()) && !check.output().contains(retail + "\n"), check.output());
        CampProcess format = CampProcess.camp("fmt", folder.toString());
        assertEquals(ExitCodes.OK, format.run(120), format.toString());
        assertEquals(sample, Files.readString(spring));
        CampProcess again = CampProcess.camp("fmt", "--check", folder.toString());
        assertEquals(ExitCodes.OK, again.run(120), again.toString());
    }

    private static Result withStdin(String input, String... args) {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return camp(args);
        } finally {
            System.setIn(saved);
        }
    }
}
