/**
 * The abstract syntax tree of a .camp file: immutable records in sealed interfaces, one file per
 * category ({@link camp.ast.Statement}, {@link camp.ast.Activity}, {@link camp.ast.Expr},
 * {@link camp.ast.ScheduleAst}), every node with its span. Consumers dispatch with the visitors,
 * which are the exhaustiveness check. Comes from {@code camp.syntax}, goes to {@code camp.check}.
 *
 * <p>May import {@code camp.source} and {@code camp.types} only.
 */
package camp.ast;
