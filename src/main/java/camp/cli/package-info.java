/**
 * The command line (picocli): one class per subcommand, output streams injected so that tests
 * capture them, results on stdout, diagnostics and progress on stderr, {@code --format text|json}
 * where a machine may read, and the exit codes of {@link camp.cli.ExitCodes}.
 *
 * <p>May import every stage's public API ({@code camp.check}, {@code camp.syntax}, {@code camp.ir},
 * {@code camp.sql}, {@code camp.run}, {@code camp.schedule}, {@code camp.diag}) and picocli; never
 * the AST, and never SQL of its own: the run state is read through {@code camp.run.Store}.
 */
package camp.cli;
