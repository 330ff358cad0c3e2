package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Code;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entities read from parquet files and queries, and sources that do not match their declaration. */
class SourcesTest {
    @TempDir
    Path dir;

    private long sql(String query) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private RunResult run(String campaign) throws Exception {
        Path file = dir.resolve("c.camp");
        Files.writeString(file, campaign);
        return Interpreter.run(new RunOptions(file, dir.resolve("db.duckdb"), Instant.parse("2026-11-24T09:00:00Z"), Map.of(),
                false, null, null));
    }

    @Test
    void parquetAndQuerySourcesGiveTheCountsOfPlainSql() throws Exception {
        Path csv = Path.of("samples/data/purchases.csv").toAbsolutePath();
        Path parquet = dir.resolve("purchases.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv + "', header = true)) TO '" + parquet + "' (FORMAT parquet)");
        }
        RunResult r = run("""
                campaign "Sources"
                entity purchases key purchase_id from parquet "purchases.parquet" {
                  purchase_id: int
                  profile_id: int
                  amount: decimal
                  category: text
                  purchased_at: timestamp
                }
                entity big key purchase_id from query \"""
                  SELECT purchase_id, amount FROM read_parquet('%s') WHERE amount >= 100
                \""" {
                  purchase_id: int
                  amount: decimal
                }
                activity recent: build purchases where purchased_at >= now() - 90 days and category != "kids"
                activity large: build big where amount < 200
                activity done: end
                flow { recent, large -> done }
                """.formatted(parquet));
        assertEquals("completed", r.status().label(), String.valueOf(r.diagnostics()));
        String read = "read_csv('" + csv + "', header = true)";
        assertEquals(sql("SELECT count(*) FROM " + read + " WHERE purchased_at >= TIMESTAMP '2026-11-24 09:00:00' - INTERVAL 90 DAY"
                + " AND category <> 'kids'"), r.activities().get("recent").outputs().get("out"));
        assertEquals(sql("SELECT count(*) FROM " + read + " WHERE amount >= 100 AND amount < 200"),
                r.activities().get("large").outputs().get("out"));
    }

    @Test
    void aSourceThatLacksADeclaredColumnIsADiagnosticAtItsEntityAndNoRunStarts() throws Exception {
        Files.copy(Path.of("samples/data/stores.csv"), dir.resolve("stores.csv"));
        RunResult r = run("""
                campaign "Mismatch"
                entity stores key store_id from csv "stores.csv" {
                  store_id: int
                  name: int
                  manager: text
                }
                activity all: build stores
                activity done: end
                flow { all -> done }
                """);
        assertNull(r.run());
        assertEquals(1, r.diagnostics().size());
        var d = r.diagnostics().get(0);
        assertEquals(Code.SOURCE_MISMATCH, d.code());
        assertEquals(2, d.line());
        assertTrue(d.message().contains("column 'name' is VARCHAR in the source but is declared int"), d.message());
        assertTrue(d.message().contains("the source has no column 'manager'"), d.message());
    }
}
