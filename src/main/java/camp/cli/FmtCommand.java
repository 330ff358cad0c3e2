package camp.cli;

import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.fmt.Formatted;
import camp.fmt.Formatter;
import camp.fmt.UnifiedDiff;
import camp.syntax.SourceReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp fmt FILE...}: rewrites .camp files in the canonical layout, or checks that they are in it. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {
            "Format .camp files in camp's one canonical layout, the samples'.",
            "Only whitespace changes (and the optional ';' between flow chains goes):",
            "names, strings and comments stay as written, and each result is checked",
            "to have the same syntax tree as its source. A file with syntax errors is",
            "left unchanged; its errors are printed as camp check prints them."},
        footer = {
            "",
            "The layout (docs/language-decisions.md, \"Formatting\", has every rule):",
            "  - statements start in column 1, with a blank line between statements",
            "    of different kinds; the author's blank lines stay, one at most;",
            "  - activity bodies start in one column, two spaces after the longest",
            "    'activity NAME:' of the file, at column 23 at the latest;",
            "  - a block of two members or more has one member per line; split and",
            "    test conditions, enrich's '=' and the first '->' of flow chains from",
            "    one activity are aligned;",
            "  - one space between tokens, none inside parentheses, before ',' ':'",
            "    or around '.' '..';",
            "  - line breaks inside expressions stay, moving with the token they were",
            "    aligned under; a clause on a line of its own ('where', an option) is",
            "    indented 2 from the activity body;",
            "  - comments stay on their own line, or at the end of theirs.",
            "",
            "Output: the files rewritten, one per line (with --check: the files that",
            "are not formatted); --diff prints a unified diff instead. With --format",
            "json, one object:",
            "  {\"files\":[{\"file\",\"status\",\"written\",\"diff\"}],\"changed\":N,",
            "   \"unchanged\":N,\"invalid\":N,\"unreadable\":N,\"diagnostics\":[...]}",
            "status is changed, unchanged, invalid (syntax errors, in diagnostics as",
            "camp check --format json has them), unreadable or failed.",
            "",
            "Exit codes: 0 ok (files formatted, or nothing to change), 1 a file has",
            "syntax errors, or with --check or --diff a file is not formatted, 2 usage",
            "or unreadable file, 4 internal error (the file is left unchanged).",
            "",
            "Examples:",
            "  camp fmt campaigns/spring.camp         # rewrite one file in place",
            "  camp fmt campaigns/                    # every *.camp file under a folder",
            "  camp fmt --check samples/              # CI: list what is not formatted",
            "  camp fmt --diff campaigns/spring.camp  # what would change; writes nothing",
            "  camp fmt --stdin < a.camp > b.camp     # for editors: stdin to stdout"})
final class FmtCommand implements Callable<Integer> {
    private static final String STDIN = "<stdin>";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "The .camp files, or folders to search for *.camp files.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--check", description = "Write nothing: list the files that are not formatted, exit 1 if there is any.")
    boolean check;

    @Option(names = "--diff", description = "Write nothing: print a unified diff of what would change, exit 1 if anything would.")
    boolean diff;

    @Option(names = "--stdin", description = "Format the text read on stdin and print it on stdout (give no FILE).")
    boolean stdin;

    @CommandLine.Mixin
    FormatOption output;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    /** What became of one file. */
    enum Status { changed, unchanged, invalid, unreadable, failed }

    /** One file's outcome: its status, syntax diagnostics, formatted text, diff (when asked) and whether it was written. */
    record Outcome(String file, Status status, List<Diagnostic> diagnostics, String text, String diff, boolean written) {
        static Outcome of(String file, Status status) {
            return new Outcome(file, status, List.of(), null, null, false);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (stdin && !files.isEmpty()) {
            err.println("camp: --stdin formats the text read on stdin: give no FILE with it");
            return ExitCodes.USAGE;
        }
        if (!stdin && files.isEmpty()) {
            err.println("camp: give the .camp files or folders to format, or --stdin (see camp fmt --help)");
            return ExitCodes.USAGE;
        }
        if (stdin && !check && !diff && output.json()) {
            err.println("camp: --stdin prints the formatted text; --format json goes with --check or --diff");
            return ExitCodes.USAGE;
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (stdin) {
            outcomes.add(formatStdin());
        } else {
            for (Path file : expand(files, err, outcomes)) {
                outcomes.add(formatFile(file));
            }
        }
        report(outcomes);
        return exitCode(outcomes);
    }

    /** The files to format: the files given, and the *.camp files under the folders given (hidden folders skipped). */
    private static List<Path> expand(List<Path> given, PrintWriter err, List<Outcome> outcomes) {
        List<Path> result = new ArrayList<>();
        for (Path p : given) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.getFileName().toString().endsWith(".camp") && Files.isRegularFile(f))
                            .filter(f -> !hidden(p, f))
                            .sorted()
                            .forEach(result::add);
                } catch (IOException | UncheckedIOException e) {
                    err.println("camp: cannot read the folder '" + p + "': " + e.getMessage());
                    outcomes.add(Outcome.of(p.toString(), Status.unreadable));
                }
            } else {
                result.add(p);
            }
        }
        return result;
    }

    /** Whether a file found under a folder is inside a hidden folder (such as .git or .camp) below it. */
    private static boolean hidden(Path root, Path file) {
        Path relative = root.relativize(file).getParent();
        if (relative == null) {
            return false;
        }
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private Outcome formatFile(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            String why = Files.exists(file) ? "not a file" : "no such file";
            spec.commandLine().getErr().println("camp: cannot read '" + file + "': " + why);
            return Outcome.of(name, Status.unreadable);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            spec.commandLine().getErr().println("camp: cannot read '" + file + "': " + e.getMessage());
            return Outcome.of(name, Status.unreadable);
        }
        Outcome outcome = format(name, file, bytes);
        if (outcome.status() == Status.changed && !check && !diff) {
            try {
                writeAtomically(file, outcome.text().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                spec.commandLine().getErr().println("camp: cannot write '" + file + "': " + e.getMessage());
                return Outcome.of(name, Status.unreadable);
            }
            return new Outcome(name, Status.changed, List.of(), outcome.text(), null, true);
        }
        return outcome;
    }

    private Outcome formatStdin() {
        byte[] bytes;
        try {
            bytes = System.in.readAllBytes();
        } catch (IOException e) {
            spec.commandLine().getErr().println("camp: cannot read stdin: " + e.getMessage());
            return Outcome.of(STDIN, Status.unreadable);
        }
        Outcome outcome = format(STDIN, null, bytes);
        if (!check && !diff && outcome.text() != null) {
            spec.commandLine().getOut().print(outcome.text());
            spec.commandLine().getOut().flush();
        }
        return outcome;
    }

    /** Formats the bytes of one file; a bug in the formatter fails this file only, and it is left as it is. */
    private Outcome format(String name, Path path, byte[] bytes) {
        SourceReader.Read read = SourceReader.decode(name, path, bytes);
        if (read.diagnostics().stream().anyMatch(Diagnostic::isError)) {
            return new Outcome(name, Status.invalid, read.diagnostics(), null, null, false);
        }
        Formatted formatted;
        try {
            formatted = Formatter.format(read.source());
        } catch (RuntimeException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("camp: internal error: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return Outcome.of(name, Status.failed);
        }
        if (!formatted.ok()) {
            return new Outcome(name, Status.invalid, formatted.diagnostics(), null, null, false);
        }
        String original = new String(bytes, StandardCharsets.UTF_8);
        if (formatted.text().equals(original)) {
            return new Outcome(name, Status.unchanged, List.of(), original, null, false);
        }
        String shown = diff ? UnifiedDiff.of(name, name, original, formatted.text()) : null;
        return new Outcome(name, Status.changed, List.of(), formatted.text(), shown, false);
    }

    /**
     * Writes a file through a temporary file in its folder, moved over it: a reader sees the old text
     * or the new, never half. A symbolic link stays a link: the file it points to is rewritten.
     */
    static void writeAtomically(Path link, byte[] bytes) throws IOException {
        Path file = link.toRealPath();
        Path folder = file.getParent();
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system: the new file has the folder's default permissions
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void report(List<Outcome> outcomes) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DiagnosticRenderer renderer = new DiagnosticRenderer(verbose);
        for (Outcome o : outcomes) {
            if (o.status() == Status.invalid && !output.json()) {
                o.diagnostics().forEach(d -> err.print(renderer.render(d)));
                err.println("camp: " + o.file() + " is left unchanged: fix its syntax errors first");
            }
        }
        if (output.json()) {
            out.println(Json.write(json(outcomes)));
            return;
        }
        int changed = 0;
        for (Outcome o : outcomes) {
            if (o.status() != Status.changed) {
                continue;
            }
            changed++;
            if (diff) {
                out.print(o.diff());
            } else if (!stdin || check) {
                out.println(o.file());
            }
        }
        if ((check || diff) && changed > 0) {
            err.println("camp: " + changed + " of " + outcomes.size() + (outcomes.size() == 1 ? " file is" : " files are")
                    + " not formatted; camp fmt FILE... formats them");
        }
    }

    private ObjectNode json(List<Outcome> outcomes) {
        ObjectNode root = Json.object();
        ArrayNode list = root.putArray("files");
        int[] counts = new int[Status.values().length];
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (Outcome o : outcomes) {
            ObjectNode f = list.addObject();
            f.put("file", o.file());
            f.put("status", o.status().name());
            f.put("written", o.written());
            if (o.diff() != null && diff) {
                f.put("diff", o.diff());
            }
            counts[o.status().ordinal()]++;
            diagnostics.addAll(o.diagnostics());
        }
        for (Status s : Status.values()) {
            root.put(s.name(), counts[s.ordinal()]);
        }
        root.set("diagnostics", Json.diagnostics(diagnostics).get("diagnostics"));
        return root;
    }

    private int exitCode(List<Outcome> outcomes) {
        boolean failed = outcomes.stream().anyMatch(o -> o.status() == Status.failed);
        boolean unreadable = outcomes.stream().anyMatch(o -> o.status() == Status.unreadable);
        boolean invalid = outcomes.stream().anyMatch(o -> o.status() == Status.invalid);
        boolean unformatted = (check || diff) && outcomes.stream().anyMatch(o -> o.status() == Status.changed);
        if (failed) {
            return ExitCodes.INTERNAL;
        }
        if (unreadable) {
            return ExitCodes.USAGE;
        }
        return invalid || unformatted ? ExitCodes.SCRIPT_ERRORS : ExitCodes.OK;
    }
}
