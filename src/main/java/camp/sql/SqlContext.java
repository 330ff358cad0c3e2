package camp.sql;

import camp.model.EntityInfo;
import camp.model.Model;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What the SQL of a step depends on beyond the model: the run's logical time in the campaign
 * zone, the param values, the seed of random choices, and where tables are.
 *
 * @param now the logical time as a wall-clock time in the campaign's zone (what now() is)
 * @param params the param values, as Java values of their types
 * @param seed the run's seed for split and dedup random choices
 * @param runSchema the schema of this run's worktables and scratch tables
 * @param marks for each 'incremental on ATTR' build, the previous run's logical time (absent on the first run)
 * @param dryRun whether the run sends and saves nothing
 * @param facts the aggregates shared between steps, or null
 */
public record SqlContext(Model model, Dialect dialect, LocalDateTime now, java.time.Instant instant,
        Map<String, Object> params, long seed, String runId, String runSchema, Map<String, LocalDateTime> marks,
        boolean dryRun, Facts facts) {

    public SqlContext(Model model, Dialect dialect, LocalDateTime now, java.time.Instant instant, Map<String, Object> params,
            long seed, String runId, String runSchema, Map<String, LocalDateTime> marks, boolean dryRun) {
        this(model, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun, null);
    }

    /**
     * This context with aggregates shared between the steps of the plan: every step is lowered
     * once to collect them (see {@link Facts}).
     */
    public SqlContext sharing(camp.ir.Plan plan) {
        SqlContext shared = new SqlContext(model, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun,
                null);
        Facts f = new Facts(shared);
        SqlContext withFacts = new SqlContext(model, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun, f);
        StepSql steps = new StepSql(withFacts);
        for (camp.ir.Step step : plan.steps()) {
            steps.lower(step);
        }
        f.freeze();
        return withFacts;
    }

    /** A context for a real (not dry) run. */
    public SqlContext(Model model, Dialect dialect, LocalDateTime now, java.time.Instant instant, Map<String, Object> params,
            long seed, String runId, String runSchema, Map<String, LocalDateTime> marks) {
        this(model, dialect, now, instant, params, seed, runId, runSchema, marks, false);
    }

    /**
     * The messages a dry run would have sent, by earlier channels of the same run: a dry run
     * writes no delivery history, yet its caps count what it would have sent (§6, cap).
     */
    public String dryDeliveries() {
        return table("camp_dry_deliveries");
    }

    /** The history table of an incremental build. */
    public String incrementalTable(String activity) {
        return dialect.quoteIdentifier("camp_incremental") + "." + dialect.quoteIdentifier(incrementalTableName(activity));
    }

    public String incrementalTableName(String activity) {
        String campaign = model.campaign() == null ? "library" : model.campaign();
        return savedTableName(campaign).toLowerCase(java.util.Locale.ROOT) + "__" + activity;
    }

    /** The relation that reads an entity, in FROM position (without alias). */
    public String source(EntityInfo e) {
        if (e.isDeliveries()) {
            return "(SELECT message_key, campaign, activity, channel, status, sent_at AT TIME ZONE "
                    + dialect.string(model.timezone()) + " AS sent_at, run_id AS run, address, entity, recipient"
                    + " FROM camp_state.deliveries WHERE status IN ('sent', 'failed'))";
        }
        return switch (e.sourceKind()) {
            case TABLE -> qualifiedTable(e.location());
            case CSV, PARQUET, QUERY -> table(sourceTable(e.name()));
        };
    }

    /** The name of the per-run view or table that stands for a csv, parquet or query entity. */
    public static String sourceTable(String entity) {
        return "src_" + entity;
    }

    /** A table of this run's schema, quoted. */
    public String table(String name) {
        return dialect.quoteIdentifier(runSchema) + "." + dialect.quoteIdentifier(name);
    }

    /** The table of a worktable: one per activity output port. */
    public String worktable(String activity, String port) {
        return table(activity + "__" + port);
    }

    /**
     * A scratch table of an activity: a temporary table (kept in memory, never written to the
     * database file), dropped when the task ends.
     */
    public String scratch(String activity, String what) {
        return TEMP_PREFIX + dialect.quoteIdentifier(runSchema + "__" + activity + "__" + what);
    }

    /** How scratch tables are qualified: DuckDB's catalog of temporary tables. */
    public static final String TEMP_PREFIX = "temp.main.";

    /** The table of a saved audience. */
    public String savedTable(String name) {
        return dialect.quoteIdentifier("camp_saved") + "." + dialect.quoteIdentifier(savedTableName(name));
    }

    public static String savedTableName(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** A user table name, possibly qualified as schema.table. */
    private String qualifiedTable(String name) {
        String[] parts = name.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(dialect.quoteIdentifier(parts[i]));
        }
        return out.toString();
    }

    public String id(String name) {
        return dialect.quoteIdentifier(name);
    }

    public Map<String, EntityInfo> entities() {
        return model.entities();
    }
}
