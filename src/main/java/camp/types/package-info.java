/**
 * The value types of the language ({@link camp.types.Type}) and its durations
 * ({@link camp.types.DurationValue}): the vocabulary every stage shares, from the AST to the SQL
 * writer and the interpreter. Imports nothing of camp.
 */
package camp.types;
