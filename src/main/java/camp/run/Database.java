package camp.run;

import camp.sql.DuckDbDialect;
import camp.sql.StateSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens the DuckDB file that holds the source tables and the run state, creating the state
 * tables on first use. The default file is {@code .camp/camp.duckdb} under the current
 * directory ({@link #DEFAULT_PATH}).
 */
public final class Database {
    /** Where run state goes when no --db is given. */
    public static final Path DEFAULT_PATH = Path.of(".camp", "camp.duckdb");

    private Database() {
    }

    /** Opens the file for reading and writing, creating it and the state tables if needed. */
    public static Connection open(Path file) throws SQLException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new SQLException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        Connection c = connect(file, false);
        StateSql state = new StateSql(DuckDbDialect.INSTANCE);
        try (Statement s = c.createStatement()) {
            for (String setting : state.settings()) {
                s.execute(setting);
            }
            for (String ddl : state.ddl()) {
                s.execute(ddl);
            }
        }
        return c;
    }

    /** Opens an existing file for reading and writing; a missing file is an error, not a new database. */
    public static Connection openExisting(Path file) throws SQLException {
        if (!Files.exists(file)) {
            throw new SQLException("no database at " + file + " (run a campaign first, or pass --db)");
        }
        return open(file);
    }

    /** Opens an existing file read-only, for the inspection commands. */
    public static Connection openReadOnly(Path file) throws SQLException {
        if (!Files.exists(file)) {
            throw new SQLException("no database at " + file + " (run a campaign first, or pass --db)");
        }
        return connect(file, true);
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        Properties p = new Properties();
        if (readOnly) {
            p.setProperty("duckdb.read_only", "true");
        }
        try {
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(), p);
        } catch (SQLException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("lock") || m.contains("Conflicting")) {
                throw new SQLException("the database " + file + " is in use by another camp process: " + firstLine(m), e);
            }
            throw e;
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
