package camp.run;

import camp.sql.Dialect;
import camp.sql.StateSql;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the run state with the statements of {@link StateSql}: the one way every
 * other class, the inspection commands included, reaches the state tables. Every write is
 * committed before it returns (the connection is in auto-commit mode outside a task's own
 * transaction), so that a crash leaves the state of the last finished change.
 */
public final class Store {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Connection c;
    private final Dialect dialect;
    private final StateSql sql;
    private final camp.sql.Schemas schemas;
    private long logSeq = -1;

    public Store(Connection c) {
        this.c = c;
        this.dialect = Database.dialect(c);
        this.sql = new StateSql(dialect);
        this.schemas = Database.schemas(c);
    }

    /** Where camp's schemas are in this database ({@code --schema}). */
    public camp.sql.Schemas schemas() {
        return schemas;
    }

    /** The schema that holds a run's worktables in this database. */
    public String runSchema(String run) {
        return schemas.run(run);
    }

    /** The dialect of the engine this state is kept in. */
    public Dialect dialect() {
        return dialect;
    }

    /** The names and types of the columns of a select, as camp names types (DuckDB's names). */
    public List<Column> columns(String select) throws SQLException {
        List<Column> columns = new ArrayList<>();
        String describe = dialect.describe(select);
        if (describe != null) {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(describe)) {
                while (r.next()) {
                    columns.add(new Column(r.getString("column_name"), r.getString("column_type")));
                }
            }
            return columns;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM (" + select + ") AS described LIMIT 0")) {
            java.sql.ResultSetMetaData m = r.getMetaData();
            for (int i = 1; i <= m.getColumnCount(); i++) {
                columns.add(new Column(m.getColumnLabel(i), dialect.typeName(m.getColumnTypeName(i), m.getPrecision(i), m.getScale(i))));
            }
        }
        return columns;
    }

    public Connection connection() {
        return c;
    }

    /**
     * A run as recorded; {@code createdAt} and {@code endedAt} are null until recorded.
     *
     * @param options what the run was started with besides its params ({@code outbox}...), as text
     * @param owner the process that runs it, or ran it last; null when unknown
     */
    public record RunRow(String id, String campaign, String file, Instant logicalTime, String timezone, RunStatus status,
            boolean dryRun, long seed, Map<String, String> params, String error, Instant createdAt, Instant endedAt,
            Map<String, String> options, Owner owner) {
        public RunRow {
            params = Map.copyOf(params);
            options = options == null ? Map.of() : Map.copyOf(options);
        }

        /** A run recorded as running that no process runs any more: a crash or a shutdown ended it midway. */
        public boolean interrupted() {
            return status == RunStatus.RUNNING && (owner == null || !owner.alive());
        }

        /** The status as people should see it: {@code interrupted} for a running run that nothing runs. */
        public String shownStatus() {
            return interrupted() ? "interrupted" : status.label();
        }
    }

    /** A run that waits, and when its first wait is released. */
    public record WaitingRow(String run, String campaign, String file, Instant due) {
    }

    /**
     * A task as recorded.
     *
     * @param outputs rows per port; empty when the record holds none or cannot be read
     * @param rawOutputs the record of the outputs as stored (JSON), for a record that is not an object
     */
    public record TaskRow(String activity, String kind, int ordinal, TaskStatus status, Long input, Map<String, Long> outputs,
            String rawOutputs, List<String> inactive, Instant releaseAt, String error, Instant startedAt, Instant endedAt,
            String sql, Integer line, Integer column) {
    }

    /** A line of a run's log. */
    public record LogRow(long seq, Instant at, String activity, String level, String message) {
    }

    /** A worktable of a run: its activity, port, table as stored, entity, key name and row count. */
    public record WorktableRow(String activity, String port, String table, String keyColumn, String entity, long rows) {
    }

    /** A column of a worktable and its type. */
    public record Column(String name, String type) {
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
        if (o instanceof LocalDateTime t) {
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

    private PreparedStatement prepare(String statement, Object... values) throws SQLException {
        PreparedStatement s = c.prepareStatement(schemas.rewrite(statement));
        for (int i = 0; i < values.length; i++) {
            s.setObject(i + 1, values[i] instanceof Instant t ? utc(t) : values[i]);
        }
        return s;
    }

    private int update(String statement, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(statement, values)) {
            return s.executeUpdate();
        }
    }

    private List<String> strings(String statement, Object... values) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = prepare(statement, values); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    /** Runs a statement that the SQL package wrote. */
    public void execute(String statement) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** Whether the connected database holds the run state at all. */
    /** Records a message of a test run. */
    public void recordTestDelivery(String key, String run, String campaign, String activity, String channel, String recipient,
            String rowKey, String address, String status, String error) throws SQLException {
        update(StateSql.ADD_TEST_DELIVERY, key, run, campaign, activity, channel, recipient, rowKey, address, status, error);
    }

    /** The keys of the test messages an activity of a run already sent. */
    public java.util.Set<String> testDelivered(String run, String activity) throws SQLException {
        return new java.util.HashSet<>(strings(StateSql.TEST_DELIVERED, run, activity));
    }

    /** A rendered message kept for {@code camp preview --messages}. */
    public record Sample(int seq, String key, String recipient, String address, String from, String subject, String title, String body,
            boolean html) {
    }

    /** Keeps the first rendered messages of a channel task, in place of those of an earlier attempt. */
    public void keepSamples(String run, String activity, List<Sample> samples) throws SQLException {
        update(StateSql.CLEAR_SAMPLES, run, activity);
        try (PreparedStatement p = c.prepareStatement(schemas.rewrite(StateSql.ADD_SAMPLE))) {
            for (Sample m : samples) {
                p.setString(1, run);
                p.setString(2, activity);
                p.setInt(3, m.seq());
                p.setString(4, m.key());
                p.setString(5, m.recipient());
                p.setString(6, m.address());
                p.setString(7, m.from());
                p.setString(8, m.subject());
                p.setString(9, m.title());
                p.setString(10, m.body());
                p.setBoolean(11, m.html());
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    /** The kept rendered messages of a channel task, in key order. */
    public List<Sample> samples(String run, String activity) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.SAMPLES, run, activity); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                samples.add(new Sample(r.getInt(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getString(8), r.getBoolean(9)));
            }
        }
        return samples;
    }

    /** The database's own id (a UUID made with its run state), which tells its messages from another's in a shared outbox. */
    public String databaseId() throws SQLException {
        try (PreparedStatement s = prepare(StateSql.DATABASE_ID); ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : null;
        }
    }

    public boolean hasState() throws SQLException {
        try (PreparedStatement s = prepare(sql.hasState(), schemas.state()); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) > 0;
        }
    }

    // ------------------------------------------------------------ runs

    public boolean runExists(String id) throws SQLException {
        try (PreparedStatement s = prepare(StateSql.RUN_EXISTS, id); ResultSet r = s.executeQuery()) {
            return r.next();
        }
    }

    public void createRun(RunRow run) throws SQLException {
        update(StateSql.INSERT_RUN, run.id(), run.campaign(), run.file(), run.logicalTime(), run.timezone(), run.status().label(),
                run.dryRun(), run.seed(), json(run.params()), json(run.options()));
    }

    public Optional<RunRow> run(String id) throws SQLException {
        try (PreparedStatement s = prepare(StateSql.RUN, id); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(runRow(r)) : Optional.empty();
        }
    }

    /** The runs, newest first; of one campaign when {@code campaign} is not null. */
    public List<RunRow> runs(String campaign) throws SQLException {
        List<RunRow> runs = new ArrayList<>();
        try (PreparedStatement s = campaign == null ? prepare(StateSql.runs(false)) : prepare(StateSql.runs(true), campaign);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                runs.add(runRow(r));
            }
        }
        return runs;
    }

    public List<String> runIds() throws SQLException {
        return strings(StateSql.RUN_IDS);
    }

    private static RunRow runRow(ResultSet r) throws SQLException {
        return new RunRow(r.getString(1), r.getString(2), r.getString(3), instant(r.getObject(4)), r.getString(5),
                RunStatus.of(r.getString(6)), r.getBoolean(7), r.getLong(8), textMap(r.getString(9), r.getString(1)), r.getString(10),
                instant(r.getObject(11)), instant(r.getObject(12)), textMap(r.getString(13), r.getString(1)), Owner.parse(r.getString(14)));
    }

    /** A JSON object of texts as recorded (params, options); empty when null. */
    private static Map<String, String> textMap(String json, String run) throws SQLException {
        Map<String, String> map = new LinkedHashMap<>();
        if (json != null) {
            try {
                JSON.readTree(json).properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
            } catch (JsonProcessingException e) {
                throw new SQLException("bad record of run " + run, e);
            }
        }
        return map;
    }

    /** Records the process that runs a run from now on. */
    public void setOwner(String id, Owner owner) throws SQLException {
        update(StateSql.SET_OWNER, owner.json(), id);
    }

    /** The runs that wait, earliest release first. */
    public List<WaitingRow> waiting() throws SQLException {
        List<WaitingRow> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.WAITING); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new WaitingRow(r.getString(1), r.getString(2), r.getString(3), instant(r.getObject(4))));
            }
        }
        return rows;
    }

    /** The runs of a campaign that have not ended. */
    public List<RunRow> active(String campaign) throws SQLException {
        List<RunRow> runs = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.ACTIVE, campaign); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                runs.add(runRow(r));
            }
        }
        return runs;
    }

    /** The runs recorded as running that no live process runs any more, of every campaign. */
    public List<RunRow> interrupted() throws SQLException {
        List<RunRow> runs = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.RUNNING); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                RunRow run = runRow(r);
                if (run.interrupted()) {
                    runs.add(run);
                }
            }
        }
        return runs;
    }

    /** The finished runs that ended before a time and still have worktables. */
    public List<String> purgeable(Instant endedBefore) throws SQLException {
        return strings(StateSql.PURGEABLE, endedBefore);
    }

    // ------------------------------------------------------------ launches

    /** A launch of the scheduler as recorded. */
    public record LaunchRow(String campaign, Instant slot, String status, String run, String reason) {
    }

    public void recordLaunch(String campaign, Instant slot, String status, String run, String reason, String file)
            throws SQLException {
        update(StateSql.INSERT_LAUNCH, campaign, slot, status, run, reason, file);
    }

    /** The latest slot a campaign was launched or skipped at, if any. */
    public Optional<Instant> lastSlot(String campaign) throws SQLException {
        try (PreparedStatement s = prepare(StateSql.LAST_SLOT, campaign); ResultSet r = s.executeQuery()) {
            r.next();
            return Optional.ofNullable(instant(r.getObject(1)));
        }
    }

    public Optional<LaunchRow> launch(String campaign, Instant slot) throws SQLException {
        try (PreparedStatement s = prepare(StateSql.LAUNCH, campaign, slot); ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(new LaunchRow(campaign, slot, r.getString(1), r.getString(2), r.getString(3)))
                    : Optional.empty();
        }
    }

    public List<LaunchRow> launches() throws SQLException {
        List<LaunchRow> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.LAUNCHES); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new LaunchRow(r.getString(1), instant(r.getObject(2)), r.getString(3), r.getString(4), r.getString(5)));
            }
        }
        return rows;
    }

    public void setRunStatus(String id, RunStatus status, String error) throws SQLException {
        update(StateSql.setRunStatus(status.hasEnded()), status.label(), error, id);
    }

    // ------------------------------------------------------------ tasks

    public void createTask(String run, String activity, String kind, int ordinal, int line, int column) throws SQLException {
        update(StateSql.CREATE_TASK, run, activity, kind, ordinal, line, column);
    }

    /** The tasks of a run by activity, in plan order. */
    public Map<String, TaskRow> tasks(String run) throws SQLException {
        Map<String, TaskRow> tasks = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(StateSql.TASKS, run); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String raw = r.getString(6);
                Map<String, Long> outputs = new LinkedHashMap<>();
                List<String> inactive = new ArrayList<>();
                JsonNode node = parse(raw);
                if (node != null && node.isObject()) {
                    node.properties().forEach(e -> outputs.put(e.getKey(), e.getValue().asLong()));
                }
                JsonNode off = parse(r.getString(7));
                if (off != null) {
                    off.forEach(n -> inactive.add(n.asText()));
                }
                long input = r.getLong(5);
                Long inputCount = r.wasNull() ? null : input;
                int line = r.getInt(13);
                Integer lineNumber = r.wasNull() ? null : line;
                int col = r.getInt(14);
                Integer column = r.wasNull() ? null : col;
                tasks.put(r.getString(1), new TaskRow(r.getString(1), r.getString(2), r.getInt(3), TaskStatus.of(r.getString(4)),
                        inputCount, outputs, raw, inactive, instant(r.getObject(8)), r.getString(9), instant(r.getObject(10)),
                        instant(r.getObject(11)), r.getString(12), lineNumber, column));
            }
        }
        return tasks;
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Marks a task started at {@code at} and counts the attempt. */
    public void startTask(String run, String activity, Instant at) throws SQLException {
        update(StateSql.START_TASK, at, run, activity);
    }

    /**
     * Records how a task ended: the one place a task's outcome is written. Called inside a done
     * task's transaction, so that it commits with the task's tables.
     */
    public void completeTask(String run, String activity, TaskOutcome outcome, long input) throws SQLException {
        update(StateSql.FINISH_TASK, outcome.status().label(), Instant.now(), input, json(outcome.counts()), json(outcome.inactive()),
                outcome.sql(), outcome.releaseAt(), outcome.error(), run, activity);
    }

    public void setTaskStatus(String run, String activity, TaskStatus status) throws SQLException {
        update(StateSql.SET_TASK_STATUS, status.label(), run, activity);
    }

    // ------------------------------------------------------------ logs

    public void log(String run, String activity, String level, String message) throws SQLException {
        if (logSeq < 0) {
            try (PreparedStatement s = prepare(StateSql.LAST_LOG, run); ResultSet r = s.executeQuery()) {
                r.next();
                logSeq = r.getLong(1);
            }
        }
        update(StateSql.INSERT_LOG, run, ++logSeq, Instant.now(), activity, level, message);
    }

    /**
     * The log lines of a run in order; each filter applies when not null.
     *
     * @param minimumRank debug 0, info 1, warn and alert 2, error 3
     * @param search a text the message contains, ignoring case
     */
    public List<LogRow> logs(String run, String activity, Integer minimumRank, String search) throws SQLException {
        List<Object> values = new ArrayList<>();
        values.add(run);
        if (activity != null) {
            values.add(activity);
        }
        if (minimumRank != null) {
            values.add(minimumRank);
        }
        if (search != null) {
            values.add(search);
        }
        List<LogRow> logs = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.logs(activity != null, minimumRank != null, search != null), values.toArray());
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                logs.add(new LogRow(r.getLong(1), instant(r.getObject(2)), r.getString(3), r.getString(4), r.getString(5)));
            }
        }
        return logs;
    }

    /** The activities a run has tasks or log lines of, by name. */
    public List<String> activities(String run) throws SQLException {
        return strings(StateSql.ACTIVITIES, run, run);
    }

    // ------------------------------------------------------------ worktables

    public void recordWorktable(String run, String activity, String port, String table, String entity, String keyColumn,
            long rows) throws SQLException {
        update(StateSql.RECORD_WORKTABLE, run, activity, port, table, entity, keyColumn, rows);
    }

    /** The worktables of an activity of a run: 'out' first, then 'sent', then by port. */
    public List<WorktableRow> worktables(String run, String activity) throws SQLException {
        List<WorktableRow> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.WORKTABLES, run, activity); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                rows.add(new WorktableRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getLong(6)));
            }
        }
        return rows;
    }

    /** The activities of a run that have worktables. */
    public List<String> worktableActivities(String run) throws SQLException {
        return strings(StateSql.WORKTABLE_ACTIVITIES, run);
    }

    /** The columns of a worktable and their database types. */
    public List<Column> describe(WorktableRow w) throws SQLException {
        return columns(sql.describe(QualifiedNames.requote(w.table())));
    }

    /** The rows of a worktable now (a purged run has none to count: an SQLException). */
    public long count(WorktableRow w) throws SQLException {
        return count(QualifiedNames.requote(w.table()));
    }

    /** The first rows of a worktable, by key when it has one, as JDBC values. */
    public List<List<Object>> firstRows(WorktableRow w, boolean keyed, long limit) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(sql.firstRows(QualifiedNames.requote(w.table()), keyed), limit);
                ResultSet r = s.executeQuery()) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Whether a table (or view) exists; never fails for one that does not (a failed statement would spoil a transaction). */
    public boolean tableExists(String schema, String name) throws SQLException {
        return !strings(sql.tableType(), schema, name).isEmpty();
    }

    /** The relation a run read an entity from, quoted: its copy or view in the run's schema; empty when it has none (a table source). */
    public Optional<String> runSource(String run, String entity) throws SQLException {
        String schema = runSchema(run);
        String name = camp.sql.SqlContext.sourceTable(entity);
        if (strings(sql.tableType(), schema, name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(QualifiedNames.requote(schema + "." + name));
    }

    /** The columns and types of any relation (a source a preview joins), in order. */
    public List<Column> describeRelation(String relation) throws SQLException {
        return columns(sql.describe(relation));
    }

    /** A preview: its columns with their types, and its first rows as JDBC values. */
    public record Preview(List<Column> columns, List<List<Object>> rows) {
    }

    /**
     * The first rows of a worktable in key order, with the given columns of the worktable and of
     * its entity's source ({@code source}, joined on {@code sourceKey}).
     */
    public Preview preview(WorktableRow w, String source, String sourceKey, List<camp.sql.StateSql.PreviewColumn> columns, boolean keyed,
            long limit) throws SQLException {
        String table = QualifiedNames.requote(w.table());
        List<Column> types = columns(sql.previewRows(table, source, sourceKey, columns, keyed, false));
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement s = prepare(sql.previewRows(table, source, sourceKey, columns, keyed, true), limit); ResultSet r = s.executeQuery()) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
        }
        return new Preview(types, rows);
    }

    /** The rows of a table that the SQL package names. */
    public long count(String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.count(table))) {
            r.next();
            return r.getLong(1);
        }
    }

    // ------------------------------------------------------------ a run's schema

    public void createSchema(String schema) throws SQLException {
        execute(sql.createSchema(schema));
    }

    /** Drops a schema and everything in it, if it exists. */
    public void dropSchema(String schema) throws SQLException {
        execute(sql.dropSchema(schema));
    }

    /** Drops a run's schema with its worktables, and forgets them; the run, its tasks and logs stay. */
    public void purge(String run, String schema) throws SQLException {
        execute(sql.dropSchema(schema));
        update(StateSql.FORGET_WORKTABLES, run);
    }

    /** The tables and views of a schema whose names start with a prefix: name to whether it is a view. */
    public Map<String, Boolean> tablesStartingWith(String schema, String prefix) throws SQLException {
        Map<String, Boolean> found = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(sql.tablesStartingWith(), schema, prefix); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                found.put(r.getString(1), r.getString(2).contains("VIEW"));
            }
        }
        return found;
    }

    /** Drops a table or view of a schema, whichever it is. */
    public void drop(String schema, String name, boolean view) throws SQLException {
        execute(sql.drop(schema, name, view));
    }

    public void dropTableIfExists(String qualified) throws SQLException {
        execute(sql.dropTableIfExists(qualified));
    }

    public void setTimeZone(String zone) throws SQLException {
        execute(sql.setTimeZone(zone));
    }

    /** From now on the connection reads and writes files in these folders only, and keeps its settings. */
    public void sandbox(List<java.nio.file.Path> folders) throws SQLException {
        List<String> prefixes = folders.stream().map(f -> f.toAbsolutePath().normalize() + java.io.File.separator).distinct().toList();
        for (String statement : sql.sandbox(prefixes)) {
            execute(statement);
        }
    }

    public void createDryDeliveries(String table) throws SQLException {
        execute(sql.createDryDeliveries(table));
    }

    // ------------------------------------------------------------ the delivery history of a run (camp report)

    /**
     * What the delivery history holds of one activity of a run.
     *
     * @param firstDelivered when the provider accepted the first of the sent messages; null when none was sent
     * @param lastDelivered when it accepted the last of them; null when none was sent
     */
    public record DeliveryTotals(String activity, long sent, long failed, Instant firstDelivered, Instant lastDelivered) {
    }

    /** How many failed messages of an activity have one error text, as recorded (null when none was recorded). */
    public record DeliveryError(String activity, String error, long count) {
    }

    /** The sent and failed messages of each activity of a run, from the delivery history, by activity. */
    public Map<String, DeliveryTotals> deliveryTotals(String run) throws SQLException {
        Map<String, DeliveryTotals> totals = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(StateSql.DELIVERY_TOTALS, run); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                totals.put(r.getString(1), new DeliveryTotals(r.getString(1), r.getLong(2), r.getLong(3), instant(r.getObject(4)),
                        instant(r.getObject(5))));
            }
        }
        return totals;
    }

    /** The failed messages of a run by activity and error text as recorded. */
    public List<DeliveryError> deliveryErrors(String run) throws SQLException {
        List<DeliveryError> errors = new ArrayList<>();
        try (PreparedStatement s = prepare(StateSql.DELIVERY_ERRORS, run); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                errors.add(new DeliveryError(r.getString(1), r.getString(2), r.getLong(3)));
            }
        }
        return errors;
    }

    /**
     * The rows of a channel's {@code excluded} worktable by reason, most first; empty when the
     * table no longer exists (its run's schema was dropped), so that a caller can fall back on
     * the task's counts instead of failing.
     */
    public Optional<Map<String, Long>> excludedReasons(WorktableRow w) throws SQLException {
        List<String> parts = QualifiedNames.split(w.table());
        if (parts.size() == 2 && strings(sql.tableType(), parts.get(0), parts.get(1)).isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> reasons = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.excludedReasons(QualifiedNames.requote(w.table())))) {
            while (r.next()) {
                reasons.put(r.getString(1), r.getLong(2));
            }
        }
        return Optional.of(reasons);
    }

    // ------------------------------------------------------------ saved audiences and incremental history

    public Optional<String> savedAudienceEntity(String name) throws SQLException {
        List<String> found = strings(StateSql.SAVED_AUDIENCE_ENTITY, name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    public void recordSavedAudience(String name, String entity, String table, String campaign, String run, long rows)
            throws SQLException {
        update(StateSql.RECORD_SAVED_AUDIENCE, name, entity, table, campaign, run, rows);
    }

    public Map<String, LocalDateTime> incrementalMarks(String campaign) throws SQLException {
        Map<String, LocalDateTime> marks = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(StateSql.INCREMENTAL_MARKS, campaign); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                marks.put(r.getString(1), r.getObject(2, LocalDateTime.class));
            }
        }
        return marks;
    }

    public void recordIncremental(String campaign, String activity, String table, LocalDateTime mark) throws SQLException {
        update(StateSql.RECORD_INCREMENTAL, campaign, activity, table, mark);
    }
}
