import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * The baseline of bench/load.sh: DuckDB alone reads the same CSV into a table of a fresh
 * database file, its types given, in a new JVM. Prints the rows and the seconds of the read.
 * Run as a single source file: java -cp duckdb_jdbc.jar bench/LoadBaseline.java DB CSV
 */
public class LoadBaseline {
    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + args[0]); Statement s = c.createStatement()) {
            long start = System.nanoTime();
            s.execute("CREATE TABLE leads AS SELECT * FROM read_csv('" + args[1].replace("'", "''") + "', header = true, columns = {"
                    + "'id': 'BIGINT', 'email': 'VARCHAR', 'amount': 'DECIMAL(18,4)', 'day': 'DATE', 'at': 'TIMESTAMP',"
                    + " 'ok': 'VARCHAR', 'note': 'VARCHAR'})");
            double seconds = (System.nanoTime() - start) / 1e9;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM leads")) {
                r.next();
                System.out.printf("%d %.2f%n", r.getLong(1), seconds);
            }
        }
    }
}
