package camp.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the run state tables of {@link StateSchema}. Every write is committed before
 * it returns (the connection is in auto-commit mode outside a task's own transaction), so that
 * a crash leaves the state of the last finished change.
 */
public final class Store {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Connection c;
    private long logSeq = -1;

    public Store(Connection c) {
        this.c = c;
    }

    public Connection connection() {
        return c;
    }

    /** A run as recorded. */
    public record RunRow(String id, String campaign, String file, Instant logicalTime, String timezone, String status,
            boolean dryRun, long seed, Map<String, String> params, String error) {
    }

    /** A task as recorded. */
    public record TaskRow(String activity, String kind, int ordinal, String status, Long input,
            Map<String, Long> outputs, List<String> inactive, Instant releaseAt, String error) {
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        if (o instanceof java.time.LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(o.toString());
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean runExists(String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM camp_state.runs WHERE run_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    public void createRun(RunRow run) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO camp_state.runs (run_id, campaign, file, logical_time, timezone, status,"
                + " dry_run, seed, params, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())")) {
            s.setString(1, run.id());
            s.setString(2, run.campaign());
            s.setString(3, run.file());
            s.setObject(4, utc(run.logicalTime()));
            s.setString(5, run.timezone());
            s.setString(6, run.status());
            s.setBoolean(7, run.dryRun());
            s.setLong(8, run.seed());
            s.setString(9, json(run.params()));
            s.executeUpdate();
        }
    }

    public Optional<RunRow> run(String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT run_id, campaign, file, logical_time, timezone, status, dry_run, seed,"
                + " params, error FROM camp_state.runs WHERE run_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Map<String, String> params = new LinkedHashMap<>();
                String p = r.getString(9);
                if (p != null) {
                    try {
                        JSON.readTree(p).fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                    } catch (JsonProcessingException e) {
                        throw new SQLException("bad params of run " + id, e);
                    }
                }
                return Optional.of(new RunRow(r.getString(1), r.getString(2), r.getString(3), instant(r.getObject(4)),
                        r.getString(5), r.getString(6), r.getBoolean(7), r.getLong(8), params, r.getString(10)));
            }
        }
    }

    public void setRunStatus(String id, String status, String error) throws SQLException {
        boolean ended = status.equals("completed") || status.equals("failed") || status.equals("stopped");
        try (PreparedStatement s = c.prepareStatement("UPDATE camp_state.runs SET status = ?, error = ?, updated_at = now()"
                + (ended ? ", ended_at = now()" : ", ended_at = NULL") + " WHERE run_id = ?")) {
            s.setString(1, status);
            s.setString(2, error);
            s.setString(3, id);
            s.executeUpdate();
        }
    }

    public void createTask(String run, String activity, String kind, int ordinal, int line, int column) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO camp_state.tasks (run_id, activity, kind, ordinal, status, line, col,"
                + " attempts) VALUES (?, ?, ?, ?, 'pending', ?, ?, 0) ON CONFLICT DO NOTHING")) {
            s.setString(1, run);
            s.setString(2, activity);
            s.setString(3, kind);
            s.setInt(4, ordinal);
            s.setInt(5, line);
            s.setInt(6, column);
            s.executeUpdate();
        }
    }

    public Map<String, TaskRow> tasks(String run) throws SQLException {
        Map<String, TaskRow> tasks = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT activity, kind, ordinal, status, input_count, outputs, inactive,"
                + " release_at, error FROM camp_state.tasks WHERE run_id = ? ORDER BY ordinal")) {
            s.setString(1, run);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Map<String, Long> outputs = new LinkedHashMap<>();
                    List<String> inactive = new ArrayList<>();
                    try {
                        if (r.getString(6) != null) {
                            JSON.readTree(r.getString(6)).fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().asLong()));
                        }
                        if (r.getString(7) != null) {
                            JSON.readTree(r.getString(7)).forEach(n -> inactive.add(n.asText()));
                        }
                    } catch (JsonProcessingException e) {
                        throw new SQLException("bad task record", e);
                    }
                    long input = r.getLong(5);
                    tasks.put(r.getString(1), new TaskRow(r.getString(1), r.getString(2), r.getInt(3), r.getString(4),
                            r.wasNull() ? null : input, outputs, inactive, instant(r.getObject(8)), r.getString(9)));
                }
            }
        }
        return tasks;
    }

    /** Marks a task started at {@code at} and counts the attempt. */
    public void startTask(String run, String activity, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE camp_state.tasks SET status = 'running', started_at = ?, ended_at = NULL,"
                + " error = NULL, attempts = attempts + 1 WHERE run_id = ? AND activity = ?")) {
            s.setObject(1, utc(at));
            s.setString(2, run);
            s.setString(3, activity);
            s.executeUpdate();
        }
    }

    /** Records a finished task; called inside the task's transaction so that it commits with its tables. */
    public void finishTask(String run, String activity, String status, long input, Map<String, Long> outputs,
            List<String> inactive, String sql, Instant releaseAt, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE camp_state.tasks SET status = ?, ended_at = ?, input_count = ?,"
                + " outputs = ?, inactive = ?, sql = ?, release_at = ?, error = ? WHERE run_id = ? AND activity = ?")) {
            s.setString(1, status);
            s.setObject(2, utc(Instant.now()));
            s.setLong(3, input);
            s.setString(4, json(outputs));
            s.setString(5, json(inactive));
            s.setString(6, sql);
            s.setObject(7, utc(releaseAt));
            s.setString(8, error);
            s.setString(9, run);
            s.setString(10, activity);
            s.executeUpdate();
        }
    }

    public void setTaskStatus(String run, String activity, String status) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE camp_state.tasks SET status = ? WHERE run_id = ? AND activity = ?")) {
            s.setString(1, status);
            s.setString(2, run);
            s.setString(3, activity);
            s.executeUpdate();
        }
    }

    public void log(String run, String activity, String level, String message) throws SQLException {
        if (logSeq < 0) {
            try (PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM camp_state.logs WHERE run_id = ?")) {
                s.setString(1, run);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    logSeq = r.getLong(1);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO camp_state.logs VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, run);
            s.setLong(2, ++logSeq);
            s.setObject(3, utc(Instant.now()));
            s.setString(4, activity);
            s.setString(5, level);
            s.setString(6, message);
            s.executeUpdate();
        }
    }

    public void recordWorktable(String run, String activity, String port, String table, String entity, String keyColumn,
            long rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO camp_state.worktables VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, run);
            s.setString(2, activity);
            s.setString(3, port);
            s.setString(4, table);
            s.setString(5, entity);
            s.setString(6, keyColumn);
            s.setLong(7, rows);
            s.executeUpdate();
        }
    }

    public long count(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Drops a table or view of the run schema if it exists, whichever it is. */
    public void dropIfExists(String schema, String name) throws SQLException {
        String type = null;
        try (PreparedStatement s = c.prepareStatement("SELECT table_type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            s.setString(1, schema);
            s.setString(2, name);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    type = r.getString(1);
                }
            }
        }
        if (type != null) {
            String q = "\"" + schema.replace("\"", "\"\"") + "\".\"" + name.replace("\"", "\"\"") + "\"";
            execute((type.contains("VIEW") ? "DROP VIEW " : "DROP TABLE ") + q + " CASCADE");
        }
    }

    public Optional<String> savedAudienceEntity(String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT entity FROM camp_state.saved_audiences WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        }
    }

    public void recordSavedAudience(String name, String entity, String table, String campaign, String run, long rows)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO camp_state.saved_audiences VALUES (?, ?, ?, ?, ?, now(), ?)")) {
            s.setString(1, name);
            s.setString(2, entity);
            s.setString(3, table);
            s.setString(4, campaign);
            s.setString(5, run);
            s.setLong(6, rows);
            s.executeUpdate();
        }
    }

    public Map<String, java.time.LocalDateTime> incrementalMarks(String campaign) throws SQLException {
        Map<String, java.time.LocalDateTime> marks = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT activity, last_logical_time FROM camp_state.incremental WHERE campaign = ?"
                + " AND last_logical_time IS NOT NULL")) {
            s.setString(1, campaign);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    marks.put(r.getString(1), r.getObject(2, java.time.LocalDateTime.class));
                }
            }
        }
        return marks;
    }

    public void recordIncremental(String campaign, String activity, String table, java.time.LocalDateTime mark) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO camp_state.incremental VALUES (?, ?, ?, ?)")) {
            s.setString(1, campaign);
            s.setString(2, activity);
            s.setString(3, table);
            s.setObject(4, mark);
            s.executeUpdate();
        }
    }
}
