package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.CampProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What a newcomer types first: {@code camp}, {@code camp --version}, {@code camp X --help}. The help
 * of every command is pinned in {@code src/test/resources/help/} ({@code -Dcamp.updateGoldens=true}
 * rewrites the files; review the diff): paragraphs wrapped at {@link HelpLayout#WIDTH} columns, never
 * a line longer, examples and JSON shapes as written, and the list of commands one summary each.
 */
class HelpAndVersionTest {
    private static final Path GOLDEN = Path.of("src/test/resources/help");

    record Result(int code, String out, String err) {
    }

    static Result camp(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** The project's version, from the pom. */
    static String pomVersion() throws IOException {
        Matcher m = Pattern.compile("<artifactId>camp</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find(), "the pom names its version after its artifactId");
        return m.group(1);
    }

    @Test
    void campAloneShowsTheHelpOnStderrAndExitsWithTheUsageCode() {
        Result r = camp();
        assertEquals(ExitCodes.USAGE, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Usage: camp "), r.err());
        for (String command : Main.commandLine(new String[0]).getSubcommands().keySet()) {
            assertTrue(Pattern.compile("(?m)^  " + Pattern.quote(command) + " +\\S").matcher(r.err()).find(),
                    command + " is listed with its summary:\n" + r.err());
        }
    }

    @Test
    void theVersionIsTheProjectsOnTheMainCommandAndOnEverySubcommand() throws IOException {
        String expected = "camp " + pomVersion() + System.lineSeparator();
        assertEquals(expected, camp("--version").out());
        assertEquals(expected, camp("-V").out());
        for (String command : Main.commandLine(new String[0]).getSubcommands().keySet()) {
            if (command.equals("help")) {
                continue;
            }
            Result r = camp(command, "-V");
            assertEquals(0, r.code(), command + " -V\n" + r.err());
            assertEquals(expected, r.out(), command + " -V");
        }
    }

    @Test
    void theVersionFromTheCommandLineInAProcessOfItsOwn() throws Exception {
        CampProcess p = CampProcess.camp("run", "--version");
        assertEquals(0, p.run(120), p.toString());
        assertEquals("camp " + pomVersion() + "\n", p.output());
        CampProcess alone = CampProcess.camp();
        assertEquals(ExitCodes.USAGE, alone.run(120), alone.toString());
        assertTrue(alone.output().startsWith("Usage: camp "), alone.output());
    }

    @Test
    void theHelpOfEveryCommandIsPinned() throws IOException {
        List<String> commands = new ArrayList<>(List.of(""));
        commands.addAll(Main.commandLine(new String[0]).getSubcommands().keySet());
        commands.remove("help");
        List<String> stale = new ArrayList<>();
        for (String command : commands) {
            Result r = command.isEmpty() ? camp("--help") : camp(command, "--help");
            assertEquals(0, r.code(), command + " --help\n" + r.err());
            String help = r.out().replace(System.lineSeparator(), "\n");
            String[] lines = help.split("\n");
            for (int i = 1; i < lines.length; i++) {
                // a line break only where a space was: never after a dot or a slash inside a name (camp.toml, smtps://)
                String previous = lines[i - 1];
                String next = lines[i].stripLeading();
                boolean cut = (previous.matches(".*[\\w\"\\]](\\.|,\")$") && next.matches("^[a-z\"].*")
                        || previous.matches(".*\\w[:/]$") && next.startsWith("/"))
                        && !previous.strip().startsWith("{") && !previous.strip().startsWith("\"");
                assertFalse(cut, "camp " + command + " --help breaks a word across lines:\n" + previous + "\n" + lines[i]);
            }
            for (String line : lines) {
                assertTrue(line.length() <= HelpLayout.WIDTH, "camp " + command + " --help has a line of " + line.length()
                        + " columns:\n" + line);
                assertFalse(line.endsWith(" "), "trailing blanks in camp " + command + " --help:\n" + line);
            }
            Path golden = GOLDEN.resolve((command.isEmpty() ? "camp" : command) + ".txt");
            if (Boolean.getBoolean("camp.updateGoldens")) {
                Files.writeString(golden, help, StandardCharsets.UTF_8);
            } else if (!Files.exists(golden) || !Files.readString(golden, StandardCharsets.UTF_8).equals(help)) {
                stale.add(golden + (Files.exists(golden) ? " differs" : " is missing") + ":\n" + help);
            }
        }
        assertTrue(stale.isEmpty(), "run with -Dcamp.updateGoldens=true and review the diff:\n" + String.join("\n", stale));
    }

    @Test
    void paragraphsAreJoinedButExamplesAndItemsStayAsWritten() {
        String[] joined = HelpLayout.paragraphs(new String[] {
            "Run a campaign: every activity becomes a task,", "each transition a worktable.", "",
            "Examples:", "  camp run a.camp", "  camp run b.camp", "- an item", "- another", "Exit codes: 0 ok."});
        assertEquals(List.of("Run a campaign: every activity becomes a task, each transition a worktable.", "",
                "Examples:", "  camp run a.camp", "  camp run b.camp", "- an item", "- another", "Exit codes: 0 ok."), List.of(joined));
    }
}
