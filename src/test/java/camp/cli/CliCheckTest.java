package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Cases;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code camp check} and {@code camp explain} end to end through {@link Main#run}, with the
 * output streams captured: exit codes, several files in one process, the text and JSON formats,
 * and the golden outputs of {@code explain} in {@code src/test/resources/explain}.
 */
class CliCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern HEADLINE = Pattern.compile("^(\\S+?):(\\d+):(\\d+): (error|warning)\\[([EW]\\d{4})\\]: (.+)$");

    @TempDir
    Path temp;

    /** What one command line printed and returned. */
    record Result(int code, String out, String err) {
    }

    static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static String sample(String name) {
        return Cases.projectRoot().resolve("samples").resolve(name).toString();
    }

    static String invalid(String name) {
        return Cases.resources("invalid").resolve(name).toString();
    }

    static String valid(String name) {
        return Cases.resources("valid").resolve(name).toString();
    }

    // ------------------------------------------------------------ exit codes

    @Test
    void githubFormatAnnotatesTheLinesOfThePullRequest() {
        Result r = camp("check", "--format", "github", invalid("name_unknown_audience.camp"));
        assertEquals(1, r.code(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("::error file="), first);
        assertTrue(first.contains("name_unknown_audience.camp,line=6,col=49,endLine=6,endColumn=55,title=E0209::"
                + "unknown audience 'member' (did you mean 'members'?)"), first);
        assertTrue(r.out().lines().anyMatch(l -> l.equals("1 error, 0 warnings in 1 file")), r.out());
    }

    @Test
    void aValidFileExitsZeroAndPrintsNothing() {
        Result r = camp("check", sample("spring_promo.camp"));
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals("", r.err());
    }

    @Test
    void errorsExitOne() {
        Result r = camp("check", invalid("name_unknown_attribute.camp"));
        assertEquals(1, r.code());
        assertEquals("", r.out(), "diagnostics go to stderr, results to stdout");
        assertTrue(r.err().endsWith("1 error, 0 warnings in 1 file\n"), r.err());
    }

    @Test
    void warningsAloneExitZeroUnlessWarningsAreErrors() {
        String file = valid("warnings_listed.camp");
        Result r = camp("check", file);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning[W0508]"), r.err());
        assertTrue(r.err().endsWith("0 errors, 3 warnings in 1 file\n"), r.err());
        assertEquals(1, camp("check", "--werror", file).code());
    }

    @Test
    void aMissingFileExitsTwo() {
        Path missing = temp.resolve("nowhere.camp");
        Result r = camp("check", missing.toString());
        assertEquals(2, r.code());
        assertEquals("camp: cannot read '" + missing + "': no such file\n", r.err());
        // a missing file among good ones is still a usage error, and the others are checked
        Result mixed = camp("check", missing.toString(), invalid("name_unknown_attribute.camp"));
        assertEquals(2, mixed.code());
        assertTrue(mixed.err().contains("error[E0203]: unknown name 'pionts'"), mixed.err());
    }

    @Test
    void aFolderOrNoFileAtAllIsAUsageError() {
        assertEquals(2, camp("check", temp.toString()).code());
        Result none = camp("check");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("Missing required parameter"), none.err());
        assertEquals(2, camp("check", "--format", "xml", sample("welcome.camp")).code());
        assertEquals(2, camp("chek", sample("welcome.camp")).code());
    }

    @Test
    void severalFilesInOneProcess() {
        List<String> args = new ArrayList<>(List.of("check"));
        for (Path p : Cases.campFiles(Cases.projectRoot().resolve("samples"))) {
            args.add(p.toString());
        }
        Result samples = camp(args.toArray(String[]::new));
        assertEquals(0, samples.code(), samples.err());

        Result two = camp("check", invalid("name_unknown_attribute.camp"), sample("welcome.camp"),
                invalid("type_text_vs_number.camp"));
        assertEquals(1, two.code());
        List<String> headlines = two.err().lines().filter(l -> HEADLINE.matcher(l).matches()).toList();
        assertEquals(2, headlines.size(), two.err());
        assertTrue(headlines.get(0).contains("name_unknown_attribute.camp:6:37: error[E0203]"), headlines.get(0));
        assertTrue(headlines.get(1).contains("type_text_vs_number.camp:6:37: error[E0303]"), headlines.get(1));
        assertTrue(two.err().endsWith("2 errors, 0 warnings in 3 files\n"), two.err());
    }

    @Test
    void anImportedFileIsNamedRelativeToItsImporter() {
        String root = invalid("file_import_cycle.camp");
        Result r = camp("check", root);
        assertEquals(1, r.code());
        String importer = root.substring(0, root.length() - "file_import_cycle.camp".length());
        assertTrue(r.err().startsWith(importer + "lib/cycle_b.camp:2:8: error[E0104]: import cycle: "), r.err());
    }

    // ------------------------------------------------------------ text format

    @Test
    void textOutputIsHeadlineSourceLineCaretAndHelp() {
        String file = invalid("name_unknown_attribute.camp");
        Result r = camp("check", file);
        List<String> lines = r.err().lines().toList();
        assertEquals(file + ":6:37: error[E0203]: unknown name 'pionts'", lines.get(0));
        assertEquals("  |", lines.get(1));
        assertEquals("6 | activity all: build customers where pionts > 10", lines.get(2));
        assertEquals("  |                                     ^^^^^^", lines.get(3));
        assertEquals("  = help: did you mean 'points'?", lines.get(4));
        assertEquals("1 error, 0 warnings in 1 file", lines.get(5));
        assertEquals(6, lines.size());
        // the caret starts under column 37 of the source line
        int caret = lines.get(3).indexOf('^') - "  | ".length() + 1;
        assertEquals(37, caret);
    }

    @Test
    void everyDiagnosticOfEveryInvalidCaseHasAHeadlineAndACaret() {
        for (Path p : Cases.campFiles(Cases.resources("invalid"))) {
            Result r = camp("check", p.toString());
            assertTrue(r.code() == 1, p.getFileName() + " exits " + r.code() + "\n" + r.err());
            List<String> lines = r.err().lines().toList();
            int headlines = 0;
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = HEADLINE.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                headlines++;
                assertTrue(Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(3)) >= 1, lines.get(i));
                String source = lines.get(i + 2);
                String caret = lines.get(i + 3);
                assertTrue(source.startsWith(m.group(2) + " | "), p.getFileName() + ": " + source);
                assertTrue(caret.matches("^ +\\| +\\^+$"), p.getFileName() + ": " + caret);
            }
            assertTrue(headlines >= 1, p.getFileName() + ": no diagnostic printed");
            assertTrue(lines.get(lines.size() - 1).matches("\\d+ errors?, \\d+ warnings? in 1 file"), lines.get(lines.size() - 1));
        }
    }

    // ------------------------------------------------------------ json format

    @Test
    void jsonIsExactlyOneObjectOnStdout() throws Exception {
        String file = invalid("flow_unreachable.camp");
        Result r = camp("check", "--format", "json", file);
        assertEquals(1, r.code());
        assertEquals("", r.err(), "with --format json nothing but the object is printed");
        JsonNode root = single(r.out());
        assertEquals(Set.of("diagnostics", "errors", "warnings"), fields(root));
        assertEquals(2, root.get("errors").asInt());
        assertEquals(0, root.get("warnings").asInt());
        JsonNode first = root.get("diagnostics").get(0);
        assertEquals(file, first.get("file").asText());
        assertEquals(9, first.get("line").asInt());
        assertEquals(10, first.get("column").asInt());
        assertEquals(9, first.get("endLine").asInt());
        assertEquals(15, first.get("endColumn").asInt());
        assertEquals("error", first.get("severity").asText());
        assertEquals("E0504", first.get("code").asText());
        assertEquals("activity 'later' is not reached from any start activity", first.get("message").asText());
    }

    @Test
    void jsonCountsErrorsAndWarningsOfSeveralFiles() throws Exception {
        Result r = camp("check", "--format", "json", valid("warnings_listed.camp"), invalid("type_text_vs_number.camp"),
                sample("welcome.camp"));
        assertEquals(1, r.code());
        JsonNode root = single(r.out());
        JsonNode list = root.get("diagnostics");
        assertEquals(4, list.size());
        int errors = 0;
        for (JsonNode d : list) {
            assertTrue(Set.of("file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "help")
                    .containsAll(fields(d)), d.toString());
            assertTrue(fields(d).containsAll(Set.of("file", "line", "column", "endLine", "endColumn", "severity", "code", "message")));
            assertTrue(d.get("line").asInt() >= 1 && d.get("column").asInt() >= 1, "positions are 1-based: " + d);
            assertTrue(d.get("endLine").asInt() > d.get("line").asInt()
                    || d.get("endColumn").asInt() >= d.get("column").asInt(), d.toString());
            assertTrue(d.get("code").asText().matches("[EW]\\d{4}"));
            assertEquals(d.get("code").asText().startsWith("E") ? "error" : "warning", d.get("severity").asText());
            errors += d.get("severity").asText().equals("error") ? 1 : 0;
        }
        assertEquals(1, errors);
        assertEquals(errors, root.get("errors").asInt());
        assertEquals(3, root.get("warnings").asInt());
    }

    @Test
    void jsonForACleanFileHasAnEmptyList() throws Exception {
        Result r = camp("check", "--format", "json", sample("welcome.camp"));
        assertEquals(0, r.code());
        assertEquals("{\"diagnostics\":[],\"errors\":0,\"warnings\":0}\n", r.out());
        single(r.out());
    }

    @Test
    void jsonColumnsCountCodePointsNotUtf16Units() throws Exception {
        Path file = temp.resolve("emoji.camp");
        Files.writeString(file, "campaign \"\uD83C\uDF89\uD83C\uDF89\" param x: int = nope\n", StandardCharsets.UTF_8);
        JsonNode d = null;
        for (JsonNode each : single(camp("check", "--format", "json", file.toString()).out()).get("diagnostics")) {
            d = each.get("code").asText().equals("E0309") ? each : d;
        }
        assertTrue(d != null, "the default 'nope' is not a constant");
        // 'campaign "' is 10 code points, the two emoji 2 (4 UTF-16 units), '" ' 2, 'param x: int = ' 15:
        // 'nope' starts at code point 30 (it would be 32 in UTF-16 units)
        assertEquals(1, d.get("line").asInt());
        assertEquals(30, d.get("column").asInt());
        assertEquals(34, d.get("endColumn").asInt());
    }

    private static JsonNode single(String out) throws Exception {
        try (JsonParser parser = MAPPER.createParser(out)) {
            JsonNode root = MAPPER.readTree(parser);
            assertTrue(root != null && root.isObject(), "a JSON object: " + out);
            assertNull(parser.nextToken(), "exactly one JSON value on stdout: " + out);
            return root;
        }
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    // ------------------------------------------------------------ explain and help

    @Test
    void explainTokensOfASample() {
        Result r = camp("explain", "--stage", "tokens", "samples/welcome.camp");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("11:1\tCAMPAIGN\tcampaign\n11:10\tSTRING\t\"Welcome new members\"\n"), r.out());
        Cases.assertGolden(Cases.resources("explain").resolve("welcome.tokens"), r.out());
    }

    @Test
    void explainAstOfASample() {
        Result r = camp("explain", "--stage", "ast", "samples/welcome.camp");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("Statement.Campaign @11:1 name=\"Welcome new members\"\n"), r.out());
        Cases.assertGolden(Cases.resources("explain").resolve("welcome.ast"), r.out());
    }

    @Test
    void explainReportsSyntaxErrorsAndUnknownStages() {
        Result ast = camp("explain", "--stage", "ast", invalid("syntax_missing_colon.camp"));
        assertEquals(1, ast.code());
        assertTrue(ast.err().contains("error[E0001]: expected ':' before 'build'"), ast.err());
        Result stage = camp("explain", "--stage", "bytecode", sample("welcome.camp"));
        assertEquals(2, stage.code());
        assertTrue(stage.err().contains("unknown stage 'bytecode'"), stage.err());
        assertEquals(2, camp("explain", "--stage", "tokens", temp.resolve("nowhere.camp").toString()).code());
    }

    @Test
    void helpShowsUsageAndExamples() {
        Result top = camp("--help");
        assertEquals(0, top.code());
        assertTrue(top.out().startsWith("Usage: camp "), top.out());
        assertTrue(top.out().contains("check"), top.out());
        assertTrue(top.out().contains("explain"), top.out());
        assertTrue(top.out().contains("Examples:"), top.out());
        assertTrue(top.out().contains("camp check samples/*.camp"), top.out());
        assertTrue(top.out().contains("Exit codes:"), top.out());

        Result check = camp("check", "--help");
        assertEquals(0, check.code());
        assertTrue(check.out().startsWith("Usage: camp check "), check.out());
        assertTrue(check.out().contains("--format"), check.out());
        assertTrue(check.out().contains("Examples:"), check.out());
        assertTrue(check.out().contains("camp check --format json"), check.out());

        Result explain = camp("help", "explain");
        assertEquals(0, explain.code());
        assertTrue(explain.out().startsWith("Usage: camp explain "), explain.out());
        assertTrue(explain.out().contains("Examples:"), explain.out());
        assertFalse(explain.out().isBlank());
    }
}
