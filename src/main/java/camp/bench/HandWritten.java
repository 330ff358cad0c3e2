package camp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The hand-written side of the benchmark as a process of its own: runs a SQL script through
 * DuckDB's JDBC driver on a database, then prints the table {@code expected(activity, port, rows)}
 * the script ends with, one {@code activity.port=rows} per line. Nothing of camp is used.
 *
 * <pre>java -cp target/camp.jar camp.bench.HandWritten DB SCRIPT</pre>
 */
public final class HandWritten {
    private HandWritten() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: HandWritten DB SCRIPT");
            System.exit(2);
        }
        String script = Files.readString(Path.of(args[1]), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + Path.of(args[0]).toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute(script);
            try (ResultSet r = s.executeQuery("SELECT activity, port, rows FROM expected ORDER BY activity, port")) {
                while (r.next()) {
                    out.append(r.getString(1)).append('.').append(r.getString(2)).append('=').append(r.getLong(3)).append('\n');
                }
            }
        }
        System.out.print(out);
    }
}
