package camp.check;

/**
 * Verifies the SQL of a {@code query """..."""} source with the database's own parser: the
 * check stage knows no database, so the command line and the run give it one. A query source
 * must be exactly one SELECT statement, which can only read.
 */
public interface QueryValidator {
    /** Why the query is not one SELECT statement, or null when it is. */
    String problem(String sql);

    /** No database at hand: only the check stage's own structural check applies. */
    QueryValidator NONE = sql -> null;
}
