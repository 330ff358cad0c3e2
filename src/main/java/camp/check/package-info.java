/**
 * The check stage: {@link camp.check.Frontend} reads a file and its imports and checks names,
 * types, the flow graph and the schedule, producing a {@link camp.check.Checked} with every
 * diagnostic and the {@link camp.ir.Plan} (with the passes of {@code camp.ir} applied). It is the
 * only stage that reads the AST after the syntax stage: {@code ActivityChecker} turns each
 * activity into its step of the plan, and {@code ActivityKinds} says what each kind is in the
 * flow. It knows nothing of databases, so editors and {@code camp check} use it without DuckDB. It
 * runs on a thread with a large stack, and any internal failure becomes diagnostic E0900.
 *
 * <p>May import {@code camp.syntax}, {@code camp.ast}, {@code camp.ir}, {@code camp.diag},
 * {@code camp.types}, {@code camp.source} and {@code camp.schedule}: never JDBC, picocli or LSP4J.
 */
package camp.check;
