/**
 * The plan: the campaign's activities as steps in a topological order, with their inputs and the
 * rows of their outputs ({@link camp.ir.Plan}), and its compact text form for
 * {@code camp explain --stage ir} ({@link camp.ir.IrPrinter}).
 */
package camp.ir;
