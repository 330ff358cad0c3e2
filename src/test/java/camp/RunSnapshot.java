package camp;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything a run produced, in a form two runs can be compared by: its status; each task's
 * status, input and output counts; each port's rows (a count and a digest of every row, sorted);
 * the saved audiences it wrote; its delivery ledger; and the message keys of its outbox. Two
 * runs of one campaign at one logical time over the same data, one of them interrupted and
 * resumed, must give equal snapshots.
 */
public record RunSnapshot(String status, Map<String, String> tasks, Map<String, String> ports, Map<String, String> saved,
        String ledger, List<String> outbox) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a run from a database file (read-only) and its outbox beside it. */
    public static RunSnapshot of(Path db, String run) throws SQLException, IOException {
        Properties readOnly = new Properties();
        readOnly.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath(), readOnly);
                Statement s = c.createStatement()) {
            String status = one(s, "SELECT status FROM camp_state.runs WHERE run_id = " + quote(run));
            Map<String, String> tasks = new TreeMap<>();
            try (ResultSet r = s.executeQuery("SELECT activity, status, input_count, outputs FROM camp_state.tasks WHERE run_id = "
                    + quote(run))) {
                while (r.next()) {
                    tasks.put(r.getString(1), r.getString(2) + " in=" + r.getLong(3) + " " + r.getString(4));
                }
            }
            Map<String, String> ports = new TreeMap<>();
            List<String[]> tables = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT activity || '.' || port, table_name, row_count FROM camp_state.worktables"
                    + " WHERE run_id = " + quote(run))) {
                while (r.next()) {
                    tables.add(new String[] {r.getString(1), r.getString(2), r.getString(3)});
                }
            }
            for (String[] t : tables) {
                ports.put(t[0], "recorded=" + t[2] + " " + digest(s, t[1]));
            }
            Map<String, String> saved = new TreeMap<>();
            List<String[]> audiences = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT name, table_name, row_count, entity FROM camp_state.saved_audiences WHERE run_id = "
                    + quote(run))) {
                while (r.next()) {
                    audiences.add(new String[] {r.getString(1), r.getString(2), r.getString(3), r.getString(4)});
                }
            }
            for (String[] a : audiences) {
                saved.put(a[0], a[3] + " recorded=" + a[2] + " " + digest(s, a[1]));
            }
            String ledger = one(s, "SELECT count(*) || ' ' || count(DISTINCT message_key) || ' ' || coalesce(md5(string_agg("
                    + "message_key || ':' || status || ':' || recipient || ':' || coalesce(address, ''), ',' ORDER BY message_key, status)), '')"
                    + " FROM camp_state.deliveries WHERE run_id = " + quote(run));
            return new RunSnapshot(status, tasks, ports, saved, ledger, outbox(db, run));
        }
    }

    /** The row count and a digest of the rows of a table, whatever their order. */
    private static String digest(Statement s, String table) throws SQLException {
        return one(s, "SELECT count(*) || ' rows ' || coalesce(md5(string_agg(CAST(t AS VARCHAR), chr(10) ORDER BY CAST(t AS VARCHAR))), '')"
                + " FROM " + table + " t");
    }

    /** The message keys of the run's default outbox, in the order they were appended. */
    public static List<String> outbox(Path db, String run) throws IOException {
        Path file = camp.run.Database.sideFolder(db, "outbox").resolve(run + ".jsonl");
        List<String> keys = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    keys.add(JSON.readTree(line).get("messageKey").asText());
                }
            }
        }
        return keys;
    }

    /** The outbox's keys as a set, after checking that none is there twice. */
    public HashSet<String> outboxOnce() {
        HashSet<String> set = new HashSet<>(outbox);
        if (set.size() != outbox.size()) {
            throw new AssertionError((outbox.size() - set.size()) + " messages are in the outbox twice");
        }
        return set;
    }

    private static String one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
        }
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
