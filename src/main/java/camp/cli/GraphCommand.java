package camp.cli;

import camp.check.Checked;
import camp.graph.Canvas;
import camp.graph.Layout;
import camp.graph.Overlay;
import camp.graph.Svg;
import camp.graph.Text;
import camp.run.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code camp graph FILE}: the campaign's canvas as SVG (laid out by Eclipse ELK), DOT or Mermaid, with a run's counts. */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = {"Draw a campaign's canvas: its activities as boxes (coloured by family: targeting, flow control,",
            "channels) and its transitions as edges labelled with their port. With --run, each transition also",
            "shows the rows the run counted on it, and each box its task's status as a colour. The SVG is laid",
            "out by Eclipse ELK's layered algorithm with orthogonal edges; DOT and Mermaid are for Graphviz and",
            "for Markdown (GitHub and GitLab draw Mermaid blocks)."},
        footer = {"",
            "The SVG is self-contained (no font, image or link to fetch); its elements carry classes and",
            "data attributes for scripts: g.step[data-step][data-kind][data-status], g.edge and g.label",
            "[data-from][data-port][data-to][data-count].",
            "",
            "Exit codes: 0 ok, 1 errors in the campaign, 2 usage, an unknown run, or a missing or unreadable",
            "database or file.",
            "",
            "Examples:",
            "  camp graph samples/spring_promo.camp -o spring.svg",
            "  camp graph samples/spring_promo.camp --format mermaid >> README.md",
            "  camp graph samples/spring_promo.camp --run 20260310T080000Z -o run.svg",
            "  camp graph samples/winback.camp --format dot | dot -Tpng > winback.png"})
final class GraphCommand implements Callable<Integer> {
    /** The formats of a canvas. */
    enum Format { svg, dot, mermaid }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The .camp campaign.")
    Path file;

    @Option(names = "--run", paramLabel = "RUN", description = "Show this run's counts and task statuses (see camp runs).")
    String run;

    @CommandLine.Mixin
    DatabaseOption database;

    @CommandLine.Mixin
    SchemaOption schemaPrefix;

    @Option(names = "--format", defaultValue = "svg", description = "svg, dot or mermaid (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
    Path outputFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println("camp: cannot read '" + file + "': " + (Files.exists(file) ? "not a file" : "no such file"));
            return ExitCodes.USAGE;
        }
        Checked checked = ExplainCommand.checkOrReport(file, err);
        if (checked == null) {
            return ExitCodes.SCRIPT_ERRORS;
        }
        if (!checked.plan().isCampaign()) {
            err.println("camp: '" + file + "' has no campaign statement: it is a library, with no activities to draw");
            return ExitCodes.USAGE;
        }
        Overlay overlay = Overlay.NONE;
        if (run != null) {
            Path db = database.forReading(file);
            try (Connection c = RunState.open(db)) {
                overlay = overlay(new Store(c), db, run);
            } catch (RunState.Failure f) {
                return f.report(err);
            } catch (SQLException e) {
                return RunState.readError(err, db, e);
            }
        }
        String text = render(checked, overlay, format);
        if (outputFile == null) {
            out.print(text);
            out.flush();
            return ExitCodes.OK;
        }
        try {
            write(outputFile, text);
        } catch (IOException e) {
            err.println("camp: cannot write '" + outputFile + "': " + e.getMessage());
            return ExitCodes.USAGE;
        }
        err.println("camp: wrote " + outputFile);
        return ExitCodes.OK;
    }

    static String render(Checked checked, Overlay overlay, Format format) {
        return switch (format) {
            case svg -> {
                Canvas canvas = Layout.of(checked.plan(), overlay);
                yield Svg.render(canvas);
            }
            case dot -> Text.dot(checked.plan(), overlay);
            case mermaid -> Text.mermaid(checked.plan(), overlay);
        };
    }

    /** A run's task statuses and counts per transition. */
    static Overlay overlay(Store store, Path db, String runId) throws RunState.Failure, SQLException {
        Store.RunRow row = RunState.requireRun(store, db, runId);
        Map<String, String> statuses = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Store.TaskRow t : store.tasks(row.id()).values()) {
            statuses.put(t.activity(), t.status().label());
            t.outputs().forEach((port, n) -> counts.put(t.activity() + "." + port, n));
        }
        return new Overlay(row.id(), statuses, counts);
    }

    /** Writes through a temporary file beside the target, so that a reader never sees half a picture. */
    static void write(Path target, String text) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        // a name of its own beside the target, created as any new file is (the umask decides who may read it)
        Path tmp = folder.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
