package camp.cli;

import camp.check.CheckedTests;
import camp.check.TestChecker;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.run.TestRunner;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code camp test [PATH...]}: runs campaign tests ({@code .camptest} files), each test a dry run
 * of its campaign on its own fixtures in a fresh in-memory database, and holds the ports' counts
 * and rows to what the test expects.
 */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run campaign tests: .camptest files that name a campaign, give small fixture tables for its",
            "entities, a logical time and params, and expect row counts or rows on its ports. Each test is a",
            "dry run in a fresh in-memory database that holds only its fixtures (every other entity is empty),",
            "through every wait; nothing is sent and no run database is opened. See docs/testing.md."},
        footer = {"",
            "PATH is a .camptest file or a folder searched for them (hidden folders skipped); the current",
            "folder when none is given.",
            "",
            "Output: PASS or FAIL per test, and each failed expectation at its FILE:LINE:COL with the rows",
            "that differ (- expected and missing, + found and not expected).",
            "With --format json, one object on stdout:",
            "  {\"files\":[{\"file\",\"diagnostics\":[...],\"tests\":[{\"name\",\"line\",\"column\",\"status\",",
            "     \"seconds\",\"problems\":[...],\"expectations\":[{\"port\",\"kind\",\"line\",\"column\",\"passed\",",
            "     \"message\",\"details\"}],\"counts\":{\"ACTIVITY.PORT\":N}}]}],",
            "   \"tests\":N,\"passed\":N,\"failed\":N,\"errors\":N}",
            "status is passed or failed; message is null for a passed expectation; errors counts the",
            "diagnostics that kept files from running. --format junit writes JUnit XML (a testcase per",
            "test), sarif a SARIF 2.1.0 log of every failure and error, github annotations for Actions.",
            "",
            "Exit codes: 0 every test passed, 1 a test failed or a test file has errors, 2 usage, a",
            "missing path or no test file found.",
            "",
            "Examples:",
            "  camp test                              # every .camptest under the current folder",
            "  camp test samples/spring_promo.camptest",
            "  camp test --format junit tests/ > camp-test.xml",
            "  camp test --format github .            # in a GitHub Actions step"})
final class TestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Test files, or folders to search for *.camptest.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text",
            description = "text, json, junit (JUnit XML), sarif (SARIF 2.1.0) or github (annotations) (default: ${DEFAULT-VALUE}).")
    CheckCommand.Format format;

    @Option(names = "--verbose", description = "Show stack traces of internal errors.")
    boolean verbose;

    /** A test file: how it checked and what its tests did. */
    record FileRun(Path path, CheckedTests checked, List<TestRunner.Result> results, long nanos) {
        List<Diagnostic> errors() {
            return checked.diagnostics().stream().filter(Diagnostic::isError).toList();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        for (Path p : paths.isEmpty() ? List.of(Path.of(".")) : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(find(p));
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println("camp: cannot read '" + p + "': no such file or folder");
                return ExitCodes.USAGE;
            }
        }
        if (files.isEmpty()) {
            err.println("camp: no .camptest file under " + String.join(", ", (paths.isEmpty() ? List.of(Path.of(".")) : paths)
                    .stream().map(Path::toString).toList()) + " (see camp test --help)");
            return ExitCodes.USAGE;
        }
        DiagnosticRenderer renderer = new DiagnosticRenderer(verbose);
        List<FileRun> runs = new ArrayList<>();
        for (Path file : files) {
            long start = System.nanoTime();
            CheckedTests checked;
            try {
                checked = TestChecker.check(file, display(file));
            } catch (IOException e) {
                err.println("camp: cannot read '" + file + "': " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (format == CheckCommand.Format.text) {
                out.println(display(file));
                printDiagnostics(checked.diagnostics(), renderer, out);
            }
            List<TestRunner.Result> results = new ArrayList<>();
            for (CheckedTests.Case test : checked.tests()) {
                TestRunner.Result result = TestRunner.run(checked, test);
                results.add(result);
                if (format == CheckCommand.Format.text) {
                    printResult(result, renderer, out);
                }
            }
            runs.add(new FileRun(file, checked, results, System.nanoTime() - start));
        }
        long tests = runs.stream().mapToLong(r -> r.results().size()).sum();
        long passed = runs.stream().flatMap(r -> r.results().stream()).filter(TestRunner.Result::passed).count();
        long errors = runs.stream().mapToLong(r -> r.errors().size()).sum();
        switch (format) {
            case text -> out.println(summary(tests, passed, errors, runs.stream().filter(r -> !r.errors().isEmpty()).count()));
            case json -> out.println(Json.write(json(runs, tests, passed, errors)));
            case junit -> out.print(new TestJUnit().write(runs));
            case sarif -> out.println(SarifReport.write(everything(runs), List.of(), Path.of("").toAbsolutePath()));
            case github -> {
                for (Diagnostic d : everything(runs)) {
                    out.println(CheckCommand.githubAnnotation(d));
                }
                out.println(summary(tests, passed, errors, runs.stream().filter(r -> !r.errors().isEmpty()).count()));
            }
        }
        out.flush();
        boolean internal = runs.stream().flatMap(r -> r.checked().diagnostics().stream()).anyMatch(d -> d.code() == Code.INTERNAL);
        if (internal) {
            return ExitCodes.INTERNAL;
        }
        return passed == tests && errors == 0 ? ExitCodes.OK : ExitCodes.SCRIPT_ERRORS;
    }

    /** The test files under a folder, in path order, hidden folders (such as .camp and .git) skipped. */
    private static List<Path> find(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(p -> Files.isRegularFile(p) && TestChecker.isTestFile(p))
                    .filter(p -> {
                        Path rel = folder.relativize(p);
                        for (int i = 0; i < rel.getNameCount() - 1; i++) {
                            String part = rel.getName(i).toString();
                            if (part.startsWith(".") || part.equals("node_modules")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** A path as people wrote it: without a leading ./ */
    private static String display(Path file) {
        String s = file.toString();
        return s.startsWith("./") ? s.substring(2) : s;
    }

    private static void printDiagnostics(List<Diagnostic> diagnostics, DiagnosticRenderer renderer, PrintWriter out) {
        for (Diagnostic d : diagnostics) {
            out.print(indent(renderer.render(d), "  "));
        }
    }

    private static void printResult(TestRunner.Result result, DiagnosticRenderer renderer, PrintWriter out) {
        out.println("  " + (result.passed() ? "PASS" : "FAIL") + "  " + result.test().name());
        for (Diagnostic d : result.problems()) {
            out.print(indent(renderer.render(d), "    "));
        }
        for (TestRunner.Outcome o : result.outcomes()) {
            if (!o.passed()) {
                out.print(indent(renderer.render(o.diagnostic()), "    "));
                for (String line : o.details()) {
                    out.println("        " + line);
                }
            }
        }
    }

    private static String indent(String text, String prefix) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append(prefix).append(line);
            }
            b.append('\n');
        }
        // split keeps the text's last newline as an empty piece: do not add one more
        return b.substring(0, b.length() - 1);
    }

    static String summary(long tests, long passed, long errors, long filesWithErrors) {
        String s = tests + " test" + (tests == 1 ? "" : "s") + ": " + passed + " passed, " + (tests - passed) + " failed";
        if (errors > 0) {
            s += "; " + errors + " error" + (errors == 1 ? "" : "s") + " kept " + filesWithErrors + " file" + (filesWithErrors == 1 ? "" : "s")
                    + " from running";
        }
        return s;
    }

    /** Every error of the files and every failure of their tests, each with its rows in the message. */
    private static List<Diagnostic> everything(List<FileRun> runs) {
        List<Diagnostic> all = new ArrayList<>();
        for (FileRun r : runs) {
            all.addAll(r.checked().diagnostics());
            for (TestRunner.Result result : r.results()) {
                all.addAll(result.problems());
                for (TestRunner.Outcome o : result.outcomes()) {
                    if (!o.passed()) {
                        Diagnostic d = o.diagnostic();
                        all.add(o.details().isEmpty() ? d : new Diagnostic(d.code(), d.severity(), d.file(), d.span(),
                                d.message() + "\n" + String.join("\n", o.details()), d.help(), null));
                    }
                }
            }
        }
        return all;
    }

    private static ObjectNode json(List<FileRun> runs, long tests, long passed, long errors) {
        ObjectNode root = Json.object();
        ArrayNode files = root.putArray("files");
        for (FileRun r : runs) {
            ObjectNode f = files.addObject();
            f.put("file", display(r.path()));
            f.set("diagnostics", Json.diagnostics(r.checked().diagnostics()).get("diagnostics"));
            ArrayNode list = f.putArray("tests");
            for (TestRunner.Result result : r.results()) {
                ObjectNode t = list.addObject();
                t.put("name", result.test().name());
                t.put("line", result.test().span().line());
                t.put("column", result.test().span().column());
                t.put("status", result.passed() ? "passed" : "failed");
                t.put("seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f", result.nanos() / 1e9)));
                t.set("problems", Json.diagnostics(result.problems()).get("diagnostics"));
                ArrayNode expectations = t.putArray("expectations");
                for (TestRunner.Outcome o : result.outcomes()) {
                    ObjectNode e = expectations.addObject();
                    e.put("port", o.expectation().shown());
                    e.put("kind", o.expectation() instanceof CheckedTests.Count ? "count" : "rows");
                    e.put("line", o.expectation().span().line());
                    e.put("column", o.expectation().span().column());
                    e.put("passed", o.passed());
                    e.put("message", o.message());
                    ArrayNode details = e.putArray("details");
                    o.details().forEach(details::add);
                }
                ObjectNode counts = t.putObject("counts");
                result.counts().forEach(counts::put);
            }
        }
        root.put("tests", tests);
        root.put("passed", passed);
        root.put("failed", tests - passed);
        root.put("errors", errors);
        return root;
    }
}
