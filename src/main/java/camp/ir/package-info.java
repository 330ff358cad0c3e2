/**
 * The plan: the campaign between the checker and the engines. {@link camp.ir.Plan} holds the
 * resolved entities, links, audiences and params, the schedule, and the steps in a topological
 * order; each kind of activity is one record of {@link camp.ir.Step} with its resolved inputs,
 * ports, arity and typed expressions ({@link camp.ir.Scalar}: every name resolved to an
 * attribute, a link, an enriched column, a param or a saved audience; message placeholders
 * included). Consumers handle every kind through the visitors, so a new kind of step or
 * expression breaks the build until every stage handles it. Cross-step analyses are passes that
 * return new plans ({@link camp.ir.SharedAggregates}); {@link camp.ir.IrPrinter} is the text of
 * {@code camp explain --stage ir}.
 *
 * <p>Comes from {@code camp.check}; read by {@code camp.sql}, {@code camp.run} and {@code camp.cli}.
 * May import {@code camp.types}, {@code camp.source} and {@code camp.schedule} only: never the
 * AST, JDBC, picocli or LSP4J. Immutable throughout.
 */
package camp.ir;
