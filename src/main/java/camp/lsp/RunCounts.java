package camp.lsp;

import camp.project.Project;
import camp.run.Database;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The counts of the last run of an activity, from the run state, for hovers. The database is the
 * one {@code camp run} would use: {@code camp lsp --db PATH} (or the {@code database}
 * initialization option), else the campaign's project's ({@code db} of its {@code camp.toml}, else
 * {@code .camp/camp.duckdb} beside it), else {@code .camp/camp.duckdb} in a workspace folder, or in the server's working folder,
 * the first that exists.
 *
 * <p>The file is opened read-only, only for the query, and closed at once, so that a run that
 * starts meanwhile is not kept waiting; a missing, locked or unreadable database gives no
 * counts, never an error. Answers are kept until the database file changes.
 */
final class RunCounts {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT = 256;

    /** The last task of an activity: its run, status and row counts. */
    record Task(String runId, String runStatus, boolean dryRun, String logicalTime, String status, Long input,
            Map<String, Long> outputs) {
    }

    /** What the run state says of a saved audience. */
    record Saved(long rows, String campaign, String runId) {
    }

    private volatile Path explicit;
    private final Map<String, Optional<Object>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<Object>> eldest) {
            return size() > KEPT;
        }
    };

    RunCounts(Path explicit) {
        this.explicit = explicit;
    }

    /** The database given by the command line or the editor's options; null to look for the default one. */
    void explicit(Path database) {
        explicit = database;
    }

    /** The database for a campaign file, or null when none exists. */
    Path database(Path campaign, List<Path> roots) {
        if (explicit != null) {
            return Files.isRegularFile(explicit) ? explicit.toAbsolutePath().normalize() : null;
        }
        List<Path> candidates = new ArrayList<>();
        if (campaign != null) {
            try {
                Project project = Project.of(campaign);
                Path own = project.defaultDatabase();
                candidates.add(own != null ? own : project.root().resolve(Database.DEFAULT_PATH));
            } catch (Project.ConfigException | RuntimeException e) {
                candidates.add(campaign.toAbsolutePath().getParent().resolve(Database.DEFAULT_PATH));
            }
        }
        roots.forEach(r -> candidates.add(r.resolve(Database.DEFAULT_PATH)));
        candidates.add(Database.DEFAULT_PATH.toAbsolutePath());
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        return null;
    }

    /** The last task of an activity of a campaign, or null. */
    Task lastTask(Path database, String campaign, String activity) {
        if (database == null || campaign == null) {
            return null;
        }
        return (Task) cached(database, "task\u0000" + campaign + "\u0000" + activity, c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT t.run_id, r.status, r.dry_run, r.logical_time, t.status, t.input_count, t.outputs
                    FROM camp_state.tasks t JOIN camp_state.runs r ON r.run_id = t.run_id
                    WHERE r.campaign = ? AND t.activity = ?
                    ORDER BY r.logical_time DESC, r.created_at DESC
                    LIMIT 1""")) {
                s.setString(1, campaign);
                s.setString(2, activity);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return null;
                    }
                    Map<String, Long> outputs = new LinkedHashMap<>();
                    String raw = r.getString(7);
                    if (raw != null) {
                        JsonNode node = JSON.readTree(raw);
                        if (node.isObject()) {
                            node.properties().forEach(e -> outputs.put(e.getKey(), e.getValue().asLong()));
                        }
                    }
                    long inputCount = r.getLong(6);
                    Long input = r.wasNull() ? null : inputCount;
                    return new Task(r.getString(1), r.getString(2), r.getBoolean(3), time(r.getObject(4)), r.getString(5), input, outputs);
                }
            }
        });
    }

    /** What the run state says of a saved audience, or null. */
    Saved saved(Path database, String name) {
        if (database == null) {
            return null;
        }
        return (Saved) cached(database, "saved\u0000" + name, c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT row_count, campaign, run_id FROM camp_state.saved_audiences WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? new Saved(r.getLong(1), r.getString(2), r.getString(3)) : null;
                }
            }
        });
    }

    private static String time(Object value) {
        if (value instanceof java.time.OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().toString();
        }
        return value == null ? null : value.toString();
    }

    private interface Query {
        Object run(Connection c) throws Exception;
    }

    private Object cached(Path database, String what, Query query) {
        String key;
        try {
            Path wal = database.resolveSibling(database.getFileName() + ".wal");
            key = database + "\u0000" + Files.getLastModifiedTime(database).toMillis() + "\u0000" + Files.size(database) + "\u0000"
                    + (Files.exists(wal) ? Files.getLastModifiedTime(wal).toMillis() : 0) + "\u0000" + what;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        synchronized (cache) {
            Optional<Object> known = cache.get(key);
            if (known != null) {
                return known.orElse(null);
            }
        }
        Object value = null;
        java.util.Properties p = new java.util.Properties();
        p.setProperty("duckdb.read_only", "true");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + database, p)) {
            value = query.run(c);
        } catch (SQLException e) {
            return null; // locked by a run, not camp's, or an older state: no counts, and ask again next time
        } catch (Exception e) {
            value = null;
        }
        synchronized (cache) {
            cache.put(key, Optional.ofNullable(value));
        }
        return value;
    }
}
