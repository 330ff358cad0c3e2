package camp.sql;

import static java.util.Objects.requireNonNull;

import camp.ir.Entity;
import camp.ir.Plan;
import camp.ir.SharedAggregates;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * What the SQL of a step depends on beyond the plan: the run's logical time in the campaign
 * zone, the param values, the seed of random choices, and where tables are.
 *
 * @param now the logical time as a wall-clock time in the campaign's zone (what now() is)
 * @param instant the logical time as an instant
 * @param params the param values, as Java values of their types
 * @param seed the run's seed for split and dedup random choices
 * @param runSchema the schema of this run's worktables and scratch tables
 * @param marks for each 'incremental on ATTR' build, the previous run's logical time (absent on the first run)
 * @param dryRun whether the run sends and saves nothing
 * @param step the step being lowered, or null outside a step
 * @param schemas where camp's own schemas are (the delivery history, saved audiences, incremental history)
 */
public record SqlContext(Plan plan, Dialect dialect, LocalDateTime now, Instant instant, Map<String, Object> params, long seed,
        String runId, String runSchema, Map<String, LocalDateTime> marks, boolean dryRun, String step, Schemas schemas) {

    public SqlContext {
        requireNonNull(plan, "plan is null");
        requireNonNull(dialect, "dialect is null");
        requireNonNull(schemas, "schemas is null");
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
        marks = Map.copyOf(marks);
    }

    public SqlContext(Plan plan, Dialect dialect, LocalDateTime now, Instant instant, Map<String, Object> params, long seed,
            String runId, String runSchema, Map<String, LocalDateTime> marks, boolean dryRun) {
        this(plan, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun, null, Schemas.DEFAULT);
    }

    /** This context with camp's schemas under another prefix ({@code --schema}). */
    public SqlContext withSchemas(Schemas other) {
        return new SqlContext(plan, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun, step, other);
    }

    /** This context for another engine's SQL (a source read by DuckDB for an engine that reads no file). */
    public SqlContext withDialect(Dialect other) {
        return new SqlContext(plan, other, now, instant, params, seed, runId, runSchema, marks, dryRun, step, schemas);
    }

    /** This context while lowering one step. */
    SqlContext forStep(String name) {
        return new SqlContext(plan, dialect, now, instant, params, seed, runId, runSchema, marks, dryRun, name, schemas);
    }

    /** The value of a param; null when it has none. */
    public Object param(String name) {
        return params.get(name);
    }

    /** The shared aggregates of a link of an entity that the current step reads, or null. */
    SharedAggregates.Fact fact(String owner, String link) {
        for (SharedAggregates.Fact f : plan.shared()) {
            if (f.owner().equals(owner) && f.link().name().equals(link) && f.users().contains(step)) {
                return f;
            }
        }
        return null;
    }

    /** The temporary table that holds a shared aggregate fact. */
    String factTable(SharedAggregates.Fact f) {
        return scratch("facts", f.owner() + "__" + f.link().name());
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
        return dialect.quoteIdentifier(schemas.incremental()) + "." + dialect.quoteIdentifier(incrementalTableName(activity));
    }

    public String incrementalTableName(String activity) {
        String campaign = plan.campaign() == null ? "library" : plan.campaign();
        return savedTableName(campaign).toLowerCase(Locale.ROOT) + "__" + activity;
    }

    /** The relation that reads an entity, in FROM position (without alias). */
    public String source(Entity e) {
        if (e.isDeliveries()) {
            return "(SELECT message_key, campaign, activity, channel, status, " + dialect.atTimeZone("sent_at", plan.timezone())
                    + " AS sent_at, run_id AS run, address, entity, recipient"
                    + " FROM " + schemas.deliveries() + " WHERE status IN ('sent', 'failed'))";
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
        return dialect.tempTable(dialect.quoteIdentifier(runSchema + "__" + activity + "__" + what));
    }

    /** The table of a saved audience. */
    public String savedTable(String name) {
        return dialect.quoteIdentifier(schemas.saved()) + "." + dialect.quoteIdentifier(savedTableName(name));
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

    public Map<String, Entity> entities() {
        return plan.entities();
    }

    public Entity entity(String name) {
        return plan.entity(name);
    }
}
