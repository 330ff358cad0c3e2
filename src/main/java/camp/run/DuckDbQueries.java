package camp.run;

import camp.check.QueryValidator;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * DuckDB's own parser for query sources ({@code json_serialize_sql}): a query source must parse
 * as exactly one SELECT statement. {@link #INSTANCE} opens an in-memory database the first time
 * a file has a query source, so that checking a file without one never loads DuckDB.
 */
public final class DuckDbQueries implements QueryValidator {
    public static final DuckDbQueries INSTANCE = new DuckDbQueries();

    private Connection connection;

    private DuckDbQueries() {
    }

    @Override
    public synchronized String problem(String sql) {
        try {
            if (connection == null) {
                connection = DriverManager.getConnection("jdbc:duckdb:");
            }
            return problem(connection, sql);
        } catch (SQLException e) {
            return "DuckDB could not read it: " + TaskFailure.firstLine(e.getMessage());
        }
    }

    /** Why the text is not one SELECT statement for DuckDB, or null; on any connection. */
    static String problem(Connection c, String sql) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT json_serialize_sql(CAST(? AS VARCHAR))")) {
            p.setString(1, sql);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                JsonNode parsed = Store.JSON.readTree(r.getString(1));
                if (parsed.path("error").asBoolean()) {
                    String message = parsed.path("error_message").asText();
                    return message.startsWith("Only SELECT statements") ? "DuckDB reads it as a statement other than SELECT"
                            : "DuckDB cannot parse it: " + message;
                }
                int statements = parsed.path("statements").size();
                return statements == 1 ? null : "DuckDB reads " + statements + " statements in it";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "DuckDB's parser answered what camp cannot read: " + e.getOriginalMessage();
            }
        }
    }
}
