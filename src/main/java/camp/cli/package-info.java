/**
 * The command line (picocli): one class per subcommand, output streams injected so that tests
 * capture them, results on stdout, diagnostics and progress on stderr, {@code --format text|json}
 * where a machine may read, and the exit codes of {@link camp.cli.ExitCodes}.
 */
package camp.cli;
