package camp.run;

import java.sql.SQLException;

/** {@link PostgresRunTest#reset} for the tests of other packages. */
public final class PostgresRunTestAccess {
    private PostgresRunTestAccess() {
    }

    /** Drops every schema camp made in the database. */
    public static void reset(String url) throws SQLException {
        PostgresRunTest.reset(url);
    }
}
