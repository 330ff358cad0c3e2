package camp.sql;

import java.util.List;

/**
 * Every statement of the run state, kept in the database beside the source tables, in schema
 * {@code camp_state}: runs, tasks, log lines, worktables, saved audiences, incremental history
 * and the delivery history. The store ({@code camp.run.Store}) executes these and only these;
 * values are always bound parameters ({@code ?}), identifiers go through the {@link Dialect}.
 *
 * <p>Worktables live in one schema per run ({@code run_<id>}), one table or view per output
 * port, named {@code <activity>__<port>}, with the row key in column {@code __key} followed by
 * the enriched columns. {@code camp_state.worktables} lists them with their entity and row count.
 */
public final class StateSql {
    /** The schema of the state tables. */
    public static final String SCHEMA = "camp_state";

    /**
     * Bump when the tables change, and add the statements that bring a file of an earlier version
     * up to date to {@link #ddl()}; {@code camp_state.meta} records the version a file has.
     */
    public static final int VERSION = 4;

    private final Dialect d;

    public StateSql(Dialect dialect) {
        this.d = dialect;
    }

    // ------------------------------------------------------------ the database

    /** Settings of a connection that runs campaigns. */
    public List<String> settings() {
        return d.runSettings();
    }

    /** The state tables, created when missing. */
    public List<String> ddl() {
        return List.of(
                "CREATE SCHEMA IF NOT EXISTS camp_state",
                "CREATE TABLE IF NOT EXISTS camp_state.meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
                """
                CREATE TABLE IF NOT EXISTS camp_state.runs (
                  run_id VARCHAR PRIMARY KEY,
                  campaign VARCHAR NOT NULL,
                  file VARCHAR,
                  logical_time TIMESTAMPTZ NOT NULL,
                  timezone VARCHAR NOT NULL,
                  status VARCHAR NOT NULL,          -- running | paused | waiting | completed | failed | stopped
                  dry_run BOOLEAN NOT NULL,
                  seed BIGINT NOT NULL,
                  params VARCHAR,                   -- JSON object of the params given on the command line
                  created_at TIMESTAMPTZ NOT NULL,
                  updated_at TIMESTAMPTZ NOT NULL,
                  ended_at TIMESTAMPTZ,
                  error VARCHAR,
                  control VARCHAR,                  -- a command from another process: pause | stop
                  options VARCHAR                   -- JSON object: what the run was started with (outbox...)
                )""",
                // version 2: what a run was started with is part of its state, so that a resume uses it
                "ALTER TABLE camp_state.runs ADD COLUMN IF NOT EXISTS options VARCHAR",
                // version 3: the process that runs a run (so that a run nobody runs any more is known as
                // interrupted), and the launches of the scheduler
                "ALTER TABLE camp_state.runs ADD COLUMN IF NOT EXISTS owner VARCHAR",
                """
                CREATE TABLE IF NOT EXISTS camp_state.launches (
                  campaign VARCHAR NOT NULL,
                  slot TIMESTAMPTZ NOT NULL,        -- the launch time of the schedule: the run's logical time
                  status VARCHAR NOT NULL,          -- launched | skipped
                  run_id VARCHAR,                   -- the run of a launched slot
                  reason VARCHAR,                   -- why a slot was skipped
                  file VARCHAR,
                  recorded_at TIMESTAMPTZ NOT NULL,
                  PRIMARY KEY (campaign, slot)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.tasks (
                  run_id VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  kind VARCHAR NOT NULL,
                  ordinal INTEGER NOT NULL,         -- position in the plan's topological order
                  status VARCHAR NOT NULL,          -- pending | running | waiting | done | failed | skipped | stopped
                  started_at TIMESTAMPTZ,
                  ended_at TIMESTAMPTZ,
                  release_at TIMESTAMPTZ,           -- for waits: when the rows may go on
                  input_count BIGINT,
                  outputs VARCHAR,                  -- JSON object: port -> row count
                  sql VARCHAR,                      -- the statements the task ran
                  error VARCHAR,
                  line INTEGER,                     -- the activity's position in the .camp file
                  col INTEGER,
                  attempts INTEGER NOT NULL,
                  inactive VARCHAR,                 -- JSON array of ports that do not activate what follows
                  PRIMARY KEY (run_id, activity)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.logs (
                  run_id VARCHAR NOT NULL,
                  seq BIGINT NOT NULL,
                  logged_at TIMESTAMPTZ NOT NULL,
                  activity VARCHAR,
                  level VARCHAR NOT NULL,           -- debug | info | warn | error | alert
                  message VARCHAR NOT NULL,
                  PRIMARY KEY (run_id, seq)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.worktables (
                  run_id VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  port VARCHAR NOT NULL,
                  table_name VARCHAR NOT NULL,      -- qualified: "run_<id>"."<activity>__<port>"
                  entity VARCHAR,                   -- null for rows of a load
                  key_column VARCHAR,               -- the entity's key name, shown instead of __key
                  row_count BIGINT NOT NULL,
                  PRIMARY KEY (run_id, activity, port)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.saved_audiences (
                  name VARCHAR PRIMARY KEY,
                  entity VARCHAR NOT NULL,
                  table_name VARCHAR NOT NULL,
                  campaign VARCHAR NOT NULL,
                  run_id VARCHAR NOT NULL,
                  saved_at TIMESTAMPTZ NOT NULL,
                  row_count BIGINT NOT NULL
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.incremental (
                  campaign VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  table_name VARCHAR NOT NULL,      -- keys returned by earlier runs, with the run's logical time
                  last_logical_time TIMESTAMP,      -- for 'incremental on ATTR': the previous run's logical time
                  PRIMARY KEY (campaign, activity)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.deliveries (
                  message_key VARCHAR NOT NULL,     -- hash of campaign, run, activity, recipient row (and per record)
                  run_id VARCHAR NOT NULL,
                  campaign VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  channel VARCHAR NOT NULL,         -- email | sms | push
                  entity VARCHAR NOT NULL,          -- the entity of the recipient
                  recipient VARCHAR NOT NULL,       -- the recipient's key, as text
                  row_key VARCHAR NOT NULL,         -- the key of the row that produced the message
                  address VARCHAR,
                  status VARCHAR NOT NULL,          -- planned | sent | failed
                  sent_at TIMESTAMPTZ,              -- the run's logical time (the instant it stands for)
                  delivered_at TIMESTAMPTZ,         -- the wall-clock time the provider accepted it
                  subject VARCHAR,
                  body VARCHAR,
                  error VARCHAR
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.message_samples (
                  run_id VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  seq INTEGER NOT NULL,             -- in message key order: the first messages of the task
                  message_key VARCHAR NOT NULL,
                  recipient VARCHAR,
                  address VARCHAR,
                  sender VARCHAR,
                  subject VARCHAR,
                  title VARCHAR,
                  body VARCHAR,                     -- rendered, as the provider gets it
                  html BOOLEAN,
                  PRIMARY KEY (run_id, activity, seq)
                )""",
                """
                CREATE TABLE IF NOT EXISTS camp_state.test_deliveries (
                  message_key VARCHAR NOT NULL,     -- of the test message: its real message's key and the test profile
                  run_id VARCHAR NOT NULL,
                  campaign VARCHAR NOT NULL,
                  activity VARCHAR NOT NULL,
                  channel VARCHAR NOT NULL,
                  recipient VARCHAR NOT NULL,       -- the test profile's key
                  row_key VARCHAR NOT NULL,         -- the real message it was rendered as (never counted for it)
                  address VARCHAR,
                  status VARCHAR NOT NULL,          -- sent | failed
                  delivered_at TIMESTAMPTZ,
                  error VARCHAR
                )""",
                "INSERT INTO camp_state.meta VALUES ('schema_version', '" + VERSION + "')"
                        + " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                // which database this is, for what is written outside it (a shared outbox file): made once, kept
                "INSERT INTO camp_state.meta VALUES ('database_id', " + d.uuid() + ") ON CONFLICT (key) DO NOTHING");
    }

    /** Records one message of a test run: binds key, run, campaign, activity, channel, recipient, row key, address, status, error. */
    public static final String ADD_TEST_DELIVERY = "INSERT INTO camp_state.test_deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?)";

    /** The keys of the test messages a run's activity already sent: binds run, activity. */
    public static final String TEST_DELIVERED = "SELECT message_key FROM camp_state.test_deliveries WHERE run_id = ? AND activity = ?";

    /** Forgets the kept messages of a channel task: binds run, activity. */
    public static final String CLEAR_SAMPLES = "DELETE FROM camp_state.message_samples WHERE run_id = ? AND activity = ?";

    /** Keeps one rendered message: binds run, activity, seq, key, recipient, address, sender, subject, title, body, html. */
    public static final String ADD_SAMPLE = "INSERT INTO camp_state.message_samples VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** The kept messages of a channel task, in order: binds run, activity. */
    public static final String SAMPLES = "SELECT seq, message_key, recipient, address, sender, subject, title, body, html"
            + " FROM camp_state.message_samples WHERE run_id = ? AND activity = ? ORDER BY seq";

    /** The database's own id, made when its run state was created. */
    public static final String DATABASE_ID = "SELECT value FROM camp_state.meta WHERE key = 'database_id'";

    /** Whether a database holds the run state: binds the schema name. */
    public String hasState() {
        return "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'runs'";
    }

    /**
     * Confines the connection to these folders, for good: DuckDB opens no other file (a query
     * source cannot read one either) and no setting can be changed afterwards.
     */
    public List<String> sandbox(List<String> folders) {
        return d.confineTo(folders);
    }

    /** The session's time zone, for timestamps without one (the campaign's zone). */
    public String setTimeZone(String zone) {
        return d.setTimeZone(zone);
    }

    // ------------------------------------------------------------ a run's schema

    public String createSchema(String schema) {
        return "CREATE SCHEMA " + d.quoteIdentifier(schema);
    }

    public String dropSchema(String schema) {
        return "DROP SCHEMA IF EXISTS " + d.quoteIdentifier(schema) + " CASCADE";
    }

    /** The tables and views of a schema whose names start with a prefix: binds schema, prefix. */
    public String tablesStartingWith() {
        return "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = ? AND starts_with(table_name, ?)";
    }

    /** The table or view of a schema of that name: binds schema, name. */
    public String tableType() {
        return "SELECT table_type FROM information_schema.tables WHERE table_schema = ? AND table_name = ?";
    }

    public String drop(String schema, String name, boolean view) {
        return (view ? "DROP VIEW " : "DROP TABLE ") + d.quoteIdentifier(schema) + "." + d.quoteIdentifier(name) + " CASCADE";
    }

    public String dropTableIfExists(String qualified) {
        return "DROP TABLE IF EXISTS " + qualified;
    }

    /** The table a dry run keeps of what its channels would send. */
    public String createDryDeliveries(String table) {
        return "CREATE TABLE " + table + " (activity VARCHAR, channel VARCHAR, entity VARCHAR, recipient VARCHAR)";
    }

    // ------------------------------------------------------------ runs

    public static final String RUN_EXISTS = "SELECT 1 FROM camp_state.runs WHERE run_id = ?";

    public static final String INSERT_RUN = "INSERT INTO camp_state.runs (run_id, campaign, file, logical_time, timezone, status,"
            + " dry_run, seed, params, options, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())";

    private static final String RUN_COLUMNS = "run_id, campaign, file, logical_time, timezone, status, dry_run, seed, params, error,"
            + " created_at, ended_at, options, owner";

    public static final String RUN = "SELECT " + RUN_COLUMNS + " FROM camp_state.runs WHERE run_id = ?";

    public static final String RUN_IDS = "SELECT run_id FROM camp_state.runs";

    /** The runs, newest first; with a campaign filter when {@code byCampaign} (binds the campaign). */
    public static String runs(boolean byCampaign) {
        return "SELECT " + RUN_COLUMNS + " FROM camp_state.runs" + (byCampaign ? " WHERE campaign = ?" : "")
                + " ORDER BY created_at DESC, logical_time DESC, run_id DESC";
    }

    /** Binds the owner (JSON), run id: the process that runs the run now. */
    public static final String SET_OWNER = "UPDATE camp_state.runs SET owner = ?, updated_at = now() WHERE run_id = ?";

    /**
     * The runs that wait, with the earliest time one of their waits is released: binds nothing.
     * Columns: run, campaign, file, due.
     */
    public static final String WAITING = "SELECT r.run_id, r.campaign, r.file, min(t.release_at) AS due FROM camp_state.runs AS r"
            + " JOIN camp_state.tasks AS t ON t.run_id = r.run_id AND t.status = 'waiting' WHERE r.status = 'waiting'"
            + " GROUP BY r.run_id, r.campaign, r.file ORDER BY due, r.run_id";

    /** The runs that have not ended (running, paused, waiting) of a campaign: binds the campaign. */
    public static final String ACTIVE = "SELECT " + RUN_COLUMNS + " FROM camp_state.runs WHERE campaign = ?"
            + " AND status IN ('running', 'paused', 'waiting') ORDER BY logical_time, run_id";

    /** The runs recorded as running, of every campaign (some may be interrupted: their process is gone). */
    public static final String RUNNING = "SELECT " + RUN_COLUMNS + " FROM camp_state.runs WHERE status = 'running'"
            + " ORDER BY logical_time, run_id";

    /** The finished runs that ended before a time and still have worktables: binds the time. */
    public static final String PURGEABLE = "SELECT DISTINCT r.run_id FROM camp_state.runs AS r JOIN camp_state.worktables AS w"
            + " ON w.run_id = r.run_id WHERE r.status IN ('completed', 'failed', 'stopped') AND r.ended_at < ? ORDER BY r.run_id";

    // ------------------------------------------------------------ launches

    /** Binds campaign, slot, status, run, reason, file. */
    public static final String INSERT_LAUNCH = "INSERT INTO camp_state.launches VALUES (?, ?, ?, ?, ?, ?, now())";

    /** The latest slot a campaign was launched or skipped at: binds the campaign. */
    public static final String LAST_SLOT = "SELECT max(slot) FROM camp_state.launches WHERE campaign = ?";

    /** A campaign's launch of a slot: binds campaign, slot. Columns: status, run, reason. */
    public static final String LAUNCH = "SELECT status, run_id, reason FROM camp_state.launches WHERE campaign = ? AND slot = ?";

    /** Every launch in order: campaign, slot, status, run, reason. */
    public static final String LAUNCHES = "SELECT campaign, slot, status, run_id, reason FROM camp_state.launches ORDER BY slot, campaign";

    /** Binds status, error, run id. */
    public static String setRunStatus(boolean ended) {
        return "UPDATE camp_state.runs SET status = ?, error = ?, updated_at = now()"
                + (ended ? ", ended_at = now()" : ", ended_at = NULL") + " WHERE run_id = ?";
    }

    // ------------------------------------------------------------ tasks

    public static final String CREATE_TASK = "INSERT INTO camp_state.tasks (run_id, activity, kind, ordinal, status, line, col,"
            + " attempts) VALUES (?, ?, ?, ?, 'pending', ?, ?, 0) ON CONFLICT DO NOTHING";

    public static final String TASKS = "SELECT activity, kind, ordinal, status, input_count, outputs, inactive, release_at, error,"
            + " started_at, ended_at, sql, line, col FROM camp_state.tasks WHERE run_id = ? ORDER BY ordinal, activity";

    /** Binds started_at, run, activity: the task runs, one more attempt. */
    public static final String START_TASK = "UPDATE camp_state.tasks SET status = 'running', started_at = ?, ended_at = NULL,"
            + " error = NULL, attempts = attempts + 1 WHERE run_id = ? AND activity = ?";

    /** Binds status, ended_at, input, outputs, inactive, sql, release_at, error, run, activity. */
    public static final String FINISH_TASK = "UPDATE camp_state.tasks SET status = ?, ended_at = ?, input_count = ?,"
            + " outputs = ?, inactive = ?, sql = ?, release_at = ?, error = ? WHERE run_id = ? AND activity = ?";

    public static final String SET_TASK_STATUS = "UPDATE camp_state.tasks SET status = ? WHERE run_id = ? AND activity = ?";

    // ------------------------------------------------------------ logs

    public static final String LAST_LOG = "SELECT coalesce(max(seq), 0) FROM camp_state.logs WHERE run_id = ?";

    public static final String INSERT_LOG = "INSERT INTO camp_state.logs VALUES (?, ?, ?, ?, ?, ?)";

    /** The rank of a level, to filter by the least level shown: debug 0, info 1, warn and alert 2, error 3. */
    private static final String RANK = "CASE level WHEN 'debug' THEN 0 WHEN 'info' THEN 1 WHEN 'warn' THEN 2 WHEN 'alert' THEN 2"
            + " WHEN 'error' THEN 3 ELSE 1 END";

    /**
     * The log lines of a run in order, optionally of one activity, of a least rank, whose
     * message contains a text (ignoring case); binds run, then the filters given, in that order.
     */
    public static String logs(boolean byActivity, boolean byRank, boolean bySearch) {
        return "SELECT seq, logged_at, activity, level, message FROM camp_state.logs WHERE run_id = ?"
                + (byActivity ? " AND activity = ?" : "") + (byRank ? " AND " + RANK + " >= ?" : "")
                + (bySearch ? " AND contains(lower(message), lower(?))" : "") + " ORDER BY seq";
    }

    /** The activities a run has tasks or log lines of: binds run, run. */
    public static final String ACTIVITIES = "SELECT activity FROM camp_state.tasks WHERE run_id = ? UNION SELECT activity FROM"
            + " camp_state.logs WHERE run_id = ? AND activity IS NOT NULL ORDER BY 1";

    // ------------------------------------------------------------ worktables

    public static final String RECORD_WORKTABLE = "INSERT INTO camp_state.worktables VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (run_id, activity, port) DO UPDATE SET table_name = excluded.table_name, entity = excluded.entity,"
            + " key_column = excluded.key_column, row_count = excluded.row_count";

    /** The worktables of an activity of a run: 'out' first, then 'sent', then by port. */
    public static final String WORKTABLES = "SELECT activity, port, table_name, key_column, entity, row_count FROM"
            + " camp_state.worktables WHERE run_id = ? AND activity = ?"
            + " ORDER BY CASE port WHEN 'out' THEN 0 WHEN 'sent' THEN 1 ELSE 2 END, port";

    public static final String WORKTABLE_ACTIVITIES = "SELECT DISTINCT activity FROM camp_state.worktables WHERE run_id = ? ORDER BY activity";

    public static final String FORGET_WORKTABLES = "DELETE FROM camp_state.worktables WHERE run_id = ?";

    public String count(String table) {
        return "SELECT count(*) FROM " + table;
    }

    /** Every column of a table, for {@link Dialect#describe}. */
    public String describe(String table) {
        return "SELECT * FROM " + table;
    }

    /** A column of a preview: one of the worktable's ({@code w}), or an attribute read from the entity's source ({@code s}). */
    public record PreviewColumn(boolean fromSource, String name) {
    }

    /**
     * A worktable's rows with attributes of their entity beside them: the source joined on the
     * key, in key order. Without {@code limit}, for DESCRIBE; with it, binds the limit.
     */
    public String previewRows(String worktable, String source, String sourceKey, List<PreviewColumn> columns, boolean keyed,
            boolean limit) {
        StringBuilder b = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            PreviewColumn col = columns.get(i);
            b.append(i == 0 ? "" : ", ").append(col.fromSource() ? "s." : "w.").append(d.quoteIdentifier(col.name()));
        }
        b.append(" FROM ").append(worktable).append(" w");
        if (columns.stream().anyMatch(PreviewColumn::fromSource)) {
            b.append(" LEFT JOIN ").append(source).append(" s ON s.").append(d.quoteIdentifier(sourceKey)).append(" = w.")
                    .append(d.quoteIdentifier("__key"));
        }
        if (keyed) {
            b.append(" ORDER BY w.").append(d.quoteIdentifier("__key"));
        }
        return limit ? b + " LIMIT ?" : b.toString();
    }

    /** The first rows of a table, by key when it has one; binds the limit. */
    public String firstRows(String table, boolean keyed) {
        return "SELECT * FROM " + table + (keyed ? " ORDER BY " + d.quoteIdentifier("__key") : "") + " LIMIT ?";
    }

    // ------------------------------------------------------------ the delivery history of a run (camp report)

    /**
     * What the delivery history holds of each activity of a run: binds the run. Columns: activity,
     * sent, failed, and the first and last time a provider accepted one of the sent messages.
     */
    public static final String DELIVERY_TOTALS = "SELECT activity, count(*) FILTER (WHERE status = 'sent'),"
            + " count(*) FILTER (WHERE status = 'failed'), min(delivered_at) FILTER (WHERE status = 'sent'),"
            + " max(delivered_at) FILTER (WHERE status = 'sent') FROM camp_state.deliveries WHERE run_id = ?"
            + " GROUP BY activity ORDER BY activity";

    /** The failed messages of a run by activity and error as recorded: binds the run. Columns: activity, error, count. */
    public static final String DELIVERY_ERRORS = "SELECT activity, error, count(*) FROM camp_state.deliveries WHERE run_id = ?"
            + " AND status = 'failed' GROUP BY activity, error ORDER BY activity, error";

    /** The rows of a channel's {@code excluded} worktable by reason, most first. Columns: reason, count. */
    public String excludedReasons(String table) {
        return "SELECT reason, count(*) AS n FROM " + table + " GROUP BY reason ORDER BY n DESC, reason";
    }

    // ------------------------------------------------------------ saved audiences and incremental history

    public static final String SAVED_AUDIENCE_ENTITY = "SELECT entity FROM camp_state.saved_audiences WHERE name = ?";

    public static final String RECORD_SAVED_AUDIENCE = "INSERT INTO camp_state.saved_audiences VALUES (?, ?, ?, ?, ?, now(), ?)"
            + " ON CONFLICT (name) DO UPDATE SET entity = excluded.entity, table_name = excluded.table_name,"
            + " campaign = excluded.campaign, run_id = excluded.run_id, saved_at = excluded.saved_at, row_count = excluded.row_count";

    public static final String INCREMENTAL_MARKS = "SELECT activity, last_logical_time FROM camp_state.incremental WHERE campaign = ?"
            + " AND last_logical_time IS NOT NULL";

    public static final String RECORD_INCREMENTAL = "INSERT INTO camp_state.incremental VALUES (?, ?, ?, ?)"
            + " ON CONFLICT (campaign, activity) DO UPDATE SET table_name = excluded.table_name,"
            + " last_logical_time = excluded.last_logical_time";
}
