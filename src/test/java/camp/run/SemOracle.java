package camp.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The independent oracle of the semantics tests: an in-memory DuckDB holding the sample data
 * typed as samples/retail.camp declares it (tables profiles, purchases, stores, subscriptions),
 * on which the expected rows of every port are computed by hand-written SQL.
 *
 * <p>In the SQL, {@code :now} stands for the run's logical time as a wall-clock TIMESTAMP in the
 * campaign's zone and {@code :today} for its DATE (LANGUAGE.md §5, language-decisions "Timestamps
 * without a time zone"). The camp database of the test can be attached as {@code camp} to read
 * the delivery ledger and the worktables.
 */
final class SemOracle {
    private static Connection shared;

    private SemOracle() {
    }

    static synchronized Connection connection() {
        if (shared == null) {
            try {
                Connection c = DriverManager.getConnection("jdbc:duckdb:");
                try (Statement s = c.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'");
                    String data = SemSandbox.SAMPLES.resolve("data").toAbsolutePath().toString().replace("'", "''");
                    s.execute("CREATE TABLE profiles AS SELECT * FROM read_csv('" + data + "/profiles.csv', header = true, "
                            + "columns = {'id': 'BIGINT', 'email': 'VARCHAR', 'phone': 'VARCHAR', 'push_token': 'VARCHAR', "
                            + "'first_name': 'VARCHAR', 'last_name': 'VARCHAR', 'country': 'VARCHAR', 'city': 'VARCHAR', "
                            + "'birth_date': 'DATE', 'created_at': 'TIMESTAMP', 'loyalty_points': 'BIGINT', "
                            + "'email_opt_in': 'BOOLEAN', 'sms_opt_in': 'BOOLEAN', 'push_opt_in': 'BOOLEAN', "
                            + "'favorite_store_id': 'BIGINT'})");
                    s.execute("CREATE TABLE purchases AS SELECT * FROM read_csv('" + data + "/purchases.csv', header = true, "
                            + "columns = {'purchase_id': 'BIGINT', 'profile_id': 'BIGINT', 'store_id': 'BIGINT', "
                            + "'amount': 'DECIMAL(12,2)', 'category': 'VARCHAR', 'purchased_at': 'TIMESTAMP', 'channel': 'VARCHAR'})");
                    s.execute("CREATE TABLE stores AS SELECT * FROM read_csv('" + data + "/stores.csv', header = true, "
                            + "columns = {'store_id': 'BIGINT', 'name': 'VARCHAR', 'city': 'VARCHAR', 'country': 'VARCHAR', "
                            + "'opened_on': 'DATE'})");
                    s.execute("CREATE TABLE subscriptions AS SELECT * FROM read_csv('" + data + "/subscriptions.csv', header = true, "
                            + "columns = {'subscription_id': 'BIGINT', 'profile_id': 'BIGINT', 'plan': 'VARCHAR', 'status': 'VARCHAR', "
                            + "'started_on': 'DATE', 'expires_on': 'DATE', 'monthly_price': 'DECIMAL(12,2)', 'auto_renew': 'BOOLEAN'})");
                }
                shared = c;
            } catch (SQLException e) {
                throw new AssertionError("cannot load the oracle data: " + e, e);
            }
        }
        return shared;
    }

    /** The SQL with :now and :today replaced by the logical time in the zone. */
    static String bind(String sql, Instant at, String zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, ZoneId.of(zone));
        String now = "TIMESTAMP '" + local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "'";
        String today = "DATE '" + local.toLocalDate() + "'";
        return sql.replace(":now", now).replace(":today", today);
    }

    /** Every row of the query as text, columns joined by "|" (null as "null"). */
    static synchronized List<String> column(String sql, Instant at, String zone, Path campDb) {
        Connection c = connection();
        String bound = bind(sql, at, zone);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("DETACH DATABASE IF EXISTS camp");
                if (campDb != null) {
                    s.execute("ATTACH '" + campDb.toAbsolutePath().toString().replace("'", "''") + "' AS camp (READ_ONLY)");
                }
            }
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(bound)) {
                List<String> out = new ArrayList<>();
                int n = r.getMetaData().getColumnCount();
                while (r.next()) {
                    StringBuilder b = new StringBuilder(String.valueOf(r.getString(1)));
                    for (int i = 2; i <= n; i++) {
                        b.append('|').append(r.getString(i));
                    }
                    out.add(b.toString());
                }
                return out;
            }
        } catch (SQLException e) {
            throw new AssertionError("oracle SQL failed: " + e.getMessage() + "\n" + bound, e);
        } finally {
            try (Statement s = c.createStatement()) {
                s.execute("DETACH DATABASE IF EXISTS camp");
            } catch (SQLException ignored) {
                // the next query detaches again
            }
        }
    }

    /** Runs a statement (a table the oracle shares with a test's camp database). */
    static synchronized void execute(String sql) {
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("oracle SQL failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    static long count(String sql, Instant at, String zone, Path campDb) {
        return column(sql, at, zone, campDb).size();
    }

    /** One number computed by the query (its first column of its first row). */
    static long scalar(String sql, Instant at, String zone, Path campDb) {
        List<String> v = column(sql, at, zone, campDb);
        return Long.parseLong(v.get(0));
    }
}
