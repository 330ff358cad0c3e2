package camp.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp init [DIR]}: a small project that checks and runs at once. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a small camp project in DIR (default: the current folder): camp.toml, one entity",
            "over a bundled CSV file, one campaign that checks and runs at once, its tests (camp test),",
            "and a .gitignore for the run state. Nothing is overwritten: when one of the files exists, nothing is written."},
        footer = {"",
            "With --format json, one object on stdout: {\"folder\",\"created\":[PATH...]}.",
            "",
            "Exit codes: 0 created, 2 usage, a file that exists, or a folder that cannot be written.",
            "",
            "Examples:",
            "  camp init my-campaigns && cd my-campaigns",
            "  camp check first.camp",
            "  camp run first.camp --dry-run",
            "  camp test"})
final class InitCommand implements Callable<Integer> {
    /** What a project starts with: its path in the project, the resource it is copied from. */
    private static final Map<String, String> FILES = files();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "The project's folder; created if missing (default: the current folder).")
    Path folder = Path.of(".");

    @CommandLine.Mixin
    FormatOption output;

    private static Map<String, String> files() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("camp.toml", "camp.toml");
        f.put(".gitignore", "gitignore");
        f.put("data/customers.csv", "data/customers.csv");
        f.put("first.camp", "first.camp");
        f.put("first.camptest", "first.camptest");
        return f;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> existing = new ArrayList<>();
        for (String path : FILES.keySet()) {
            if (Files.exists(folder.resolve(path))) {
                existing.add(folder.resolve(path).toString());
            }
        }
        if (!existing.isEmpty()) {
            err.println("camp: " + String.join(", ", existing) + (existing.size() == 1 ? " exists" : " exist")
                    + "; camp init writes nothing over a file: choose an empty folder (camp init DIR)");
            return ExitCodes.USAGE;
        }
        List<String> created = new ArrayList<>();
        try {
            for (Map.Entry<String, String> e : FILES.entrySet()) {
                Path target = folder.resolve(e.getKey());
                Files.createDirectories(target.toAbsolutePath().getParent());
                try (InputStream in = InitCommand.class.getResourceAsStream("/camp/init/" + e.getValue())) {
                    if (in == null) {
                        throw new IOException("the bundled file " + e.getValue() + " is missing from camp's jar");
                    }
                    Files.copy(in, target);
                }
                created.add(e.getKey());
            }
        } catch (IOException e) {
            err.println("camp: cannot create the project in " + folder + ": " + e.getMessage()
                    + (created.isEmpty() ? "" : " (created before that: " + String.join(", ", created) + ")"));
            return ExitCodes.USAGE;
        }
        if (output.json()) {
            ObjectNode root = Json.object();
            root.put("folder", folder.toString());
            ArrayNode files = root.putArray("created");
            created.forEach(files::add);
            out.println(Json.write(root));
            return ExitCodes.OK;
        }
        out.println("Created a camp project in " + folder + ":");
        created.forEach(f -> out.println("  " + f));
        out.println();
        out.println("Next:");
        if (!folder.normalize().toString().isEmpty() && !folder.normalize().equals(Path.of("."))) {
            out.println("  cd " + folder);
        }
        out.println("  camp check first.camp             # names, types, the flow; no database needed");
        out.println("  camp run first.camp --dry-run     # the exact count of every step; nothing is sent");
        out.println("  camp test                         # first.camptest: the campaign on four customers");
        out.println("  camp run first.camp               # the e-mails go to the file outbox under .camp/");
        return ExitCodes.OK;
    }
}
