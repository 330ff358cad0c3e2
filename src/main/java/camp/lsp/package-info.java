/**
 * The language server ({@code camp lsp}): the Language Server Protocol over JSON-RPC (LSP4J) on
 * stdin and stdout. What comes in: the editor's text of each open document, by version. What goes
 * out: the diagnostics of {@code camp check} for that text, hovers, definitions, references,
 * renames and document symbols.
 *
 * <pre>
 * protocol thread ── didOpen/didChange ──▶ DocumentStore (text by URI and file)
 *                                          └─▶ Analyzer (one thread: check the latest version, coalesced)
 *                                                 └─▶ Analysis(SourceFile, Checked) ─▶ publishDiagnostics
 * request pool ─── hover/definition/... ─▶ Analysis of the current version ─▶ SymbolIndex (built on first use)
 * </pre>
 *
 * <p>Invariants: the front end ({@link camp.check.Frontend}) is the only checker, called with the
 * editor's text of every open file, so diagnostics are exactly {@code camp check}'s for that text;
 * only the analysis of the version still open is published, so a stale result never replaces a
 * newer one; no handler lets an exception out (each answers what it can, logs the rest through
 * {@code window/logMessage}); positions are UTF-16 columns in the protocol and code points in camp,
 * converted by {@link camp.source.SourceFile} only. The compiler stages know nothing of this package.
 *
 * <p>May import {@code camp.check}, {@code camp.syntax}, {@code camp.ast}, {@code camp.ir},
 * {@code camp.sql}, {@code camp.fmt}, {@code camp.run} (the run state, read-only, for counts),
 * {@code camp.project}, {@code camp.schedule}, {@code camp.diag}, {@code camp.source},
 * {@code camp.types}, LSP4J, JDBC and Jackson.
 */
package camp.lsp;
