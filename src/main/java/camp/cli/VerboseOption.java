package camp.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option: the stack trace of an internal error, which is a bug in camp. */
final class VerboseOption {
    @Option(names = "--verbose", description = "Show the stack trace of an internal error.")
    boolean verbose;
}
