package camp.run;

import java.util.List;

/**
 * The run state kept in the DuckDB file beside the source tables, in schema {@code camp_state}:
 * runs, tasks, log lines, worktables, saved audiences, incremental history and the delivery
 * ledger. Every other class reads and writes these tables only through the statements here and
 * in {@link Store}; the inspection commands read them with plain SQL.
 *
 * <p>Worktables live in one schema per run ({@code run_<id>}), one table or view per output
 * port, named {@code <activity>__<port>}, with the row key in column {@code __key} followed by
 * the enriched columns. {@code camp_state.worktables} lists them with their entity and row count.
 */
public final class StateSchema {
    private StateSchema() {
    }

    public static final String SCHEMA = "camp_state";

    /** Bump when the tables change; {@code camp_state.meta} records the version a file was made with. */
    public static final int VERSION = 1;

    public static final List<String> DDL = List.of(
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
              control VARCHAR                   -- a command from another process: pause | stop
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
            )""");
}
