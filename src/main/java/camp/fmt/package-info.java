/**
 * {@code camp fmt}: one canonical layout for .camp files ({@link camp.fmt.Formatter#format}).
 *
 * <pre>
 * SourceFile ─▶ Syntax.parse (errors? ─▶ Formatted without text, with the diagnostics)
 *            ─▶ tokens with comments + parse tree ─▶ StructureBuilder (what each token is) ─▶ Structure
 *            ─▶ Printer (the whitespace between tokens) ─▶ text ─▶ Invariants (checked) ─▶ Formatted
 * </pre>
 *
 * <p>What comes in: the text of a file. What goes out: the same tokens and comments in the same
 * order, with only the whitespace between them changed (and the optional {@code ;} between flow
 * chains left out). Invariants, checked on every call by {@code Invariants}: the AST of the output
 * is the AST of the input (positions aside), every comment is kept with its text, every token keeps
 * its text (strings byte for byte); a failure is an internal error, never a changed campaign.
 * Formatting is idempotent (tested over the samples, the test cases and scrambled copies of them).
 * A file with syntax errors is never formatted. The layout rules are in
 * {@code docs/language-decisions.md} ("Formatting").
 *
 * <p>May import {@code camp.syntax} (and its generated ANTLR classes), {@code camp.ast},
 * {@code camp.source}, {@code camp.diag} and the ANTLR runtime only; the language server and the
 * command line call it.
 */
package camp.fmt;
