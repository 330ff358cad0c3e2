/**
 * The check stage: {@link camp.check.Frontend} reads a file and its imports and checks names,
 * types, the flow graph and the schedule, producing a {@link camp.check.Checked} with every
 * diagnostic and the {@link camp.model.Model}. It knows nothing of databases, so editors and
 * {@code camp check} use it without DuckDB. It runs on a thread with a large stack, and any internal
 * failure becomes diagnostic E0900.
 */
package camp.check;
