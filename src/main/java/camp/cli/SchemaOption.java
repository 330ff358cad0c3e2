package camp.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --schema PREFIX}: the prefix of camp's schemas in a PostgreSQL database, for the
 * commands that take {@link DatabaseOption}'s {@code --engine postgres --url} (not {@code camp
 * preview}, whose {@code --schema} shows a worktable's columns: it takes the connection file,
 * which names the prefix, as {@code --db}).
 */
final class SchemaOption {
    @Option(names = "--schema", paramLabel = "PREFIX", description = {"For --engine postgres: the prefix of camp's schemas in the database",
        "(PREFIX_state, PREFIX_saved, PREFIX_incremental, PREFIX_run_<id>; default: camp, whose runs are run_<id>);",
        "two prefixes keep two projects apart in one database."})
    String prefix;

    /** The prefix given on a command line, or null (none, or a command whose --schema is something else). */
    static String given(CommandSpec command) {
        if (command == null || command.commandLine() == null || command.commandLine().getParseResult() == null) {
            return null;
        }
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        return parsed.hasMatchedOption("--schema") && parsed.matchedOptionValue("--schema", null) instanceof String s ? s : null;
    }
}
