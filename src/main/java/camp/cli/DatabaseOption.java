package camp.cli;

import camp.run.Database;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --db PATH} option shared by the commands that read the run state. */
final class DatabaseOption {
    @Option(names = "--db", paramLabel = "PATH",
            description = "The DuckDB state file (default: ${DEFAULT-VALUE}).")
    Path path = Database.DEFAULT_PATH;
}
