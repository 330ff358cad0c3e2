/**
 * Source text and positions: {@link camp.source.SourceFile} holds a file's text and is the one
 * place where code-point offsets become 1-based lines and columns (for people) or 0-based UTF-16
 * columns (for editors); {@link camp.source.Span} is a range of it carried by every AST node.
 *
 * <p>Imports nothing of camp.
 */
package camp.source;
