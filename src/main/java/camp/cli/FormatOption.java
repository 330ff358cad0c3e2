package camp.cli;

import picocli.CommandLine.Option;

/** The {@code --format text|json} option shared by the commands whose output a machine may read. */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.text;

    boolean json() {
        return format == OutputFormat.json;
    }
}
