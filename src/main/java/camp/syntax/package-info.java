/**
 * The syntax stage: .camp text to tokens (the ANTLR lexer of {@code grammar/Camp.g4}), to a parse
 * tree, to the AST ({@link camp.syntax.Syntax#parse}). The generated ANTLR classes never leave this
 * package. Lexical and syntax errors become diagnostics with readable messages; a statement that
 * contains an error is left out of the AST and remembered as broken, so that later stages do not
 * report what only follows from it.
 *
 * <p>May import {@code camp.ast}, {@code camp.source}, {@code camp.types}, {@code camp.diag} and the ANTLR
 * runtime only.
 */
package camp.syntax;
