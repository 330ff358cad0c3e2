package camp.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * A process that leaves changes in a database's write-ahead log and dies without closing it, as
 * a camp process killed in the middle of a run does: a recorded run and many log lines (so that
 * the log's index changes are large), then a halt. The hardening test starts it.
 */
public final class WalLeftover {
    private WalLeftover() {
    }

    public static void main(String[] args) throws Exception {
        Connection c = Database.open(Path.of(args[0]));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA disable_checkpoint_on_shutdown");
            s.execute("INSERT INTO camp_state.runs (run_id, campaign, file, logical_time, timezone, status, dry_run, seed,"
                    + " created_at, updated_at) VALUES ('20260310T080000Z', 'Busy', 'busy.camp', TIMESTAMPTZ '2026-03-10 08:00:00+00',"
                    + " 'UTC', 'running', false, 1, now(), now())");
            s.execute("INSERT INTO camp_state.logs SELECT '20260310T080000Z', i, now(), 'mail', 'info', 'message ' || i"
                    + " FROM range(1, 300001) AS r(i)");
        }
        Runtime.getRuntime().halt(137);
    }
}
