package camp.run;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Rows of a file of camp's machine into a PostgreSQL table ({@code COPY ... FROM STDIN}): how the
 * PostgreSQL engine receives what it cannot read itself (csv and parquet sources, the typed rows of
 * a {@code load csv}), in the caller's transaction.
 */
final class PostgresCopy {
    private PostgresCopy() {
    }

    /** Copies the file through the {@code COPY ... FROM STDIN} statement; returns the rows copied. */
    static long copyIn(Connection c, String copy, Path file) throws SQLException, IOException {
        CopyManager manager = new CopyManager(c.unwrap(BaseConnection.class));
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return manager.copyIn(copy, r);
        }
    }
}
