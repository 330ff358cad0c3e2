package camp.sql;

import java.util.regex.Pattern;

/**
 * The schemas camp makes in a database, named after one prefix ({@code --schema}, default
 * {@code camp}): the run state in {@code PREFIX_state}, saved audiences in {@code PREFIX_saved},
 * incremental history in {@code PREFIX_incremental}, and each run's worktables in
 * {@code PREFIX_run_<id>}. Under the default prefix a run's schema is {@code run_<id>}, as it has
 * always been, so that the runs of an existing database resume where they were. Two prefixes keep
 * two projects apart in one database: neither sees the other's runs, audiences or history.
 *
 * <p>camp's SQL names the state schema {@code camp_state}; {@link #rewrite} puts this prefix's in.
 */
public record Schemas(String prefix) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,29}");
    private static final Pattern STATE = Pattern.compile("\\b" + StateSql.SCHEMA + "\\b");
    /** The prefix when none is given. */
    public static final String DEFAULT_PREFIX = "camp";
    public static final Schemas DEFAULT = new Schemas(DEFAULT_PREFIX);

    public Schemas {
        String problem = problem(prefix);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** What is wrong with a prefix, or null when it is one. */
    public static String problem(String prefix) {
        if (prefix == null || !NAME.matcher(prefix).matches()) {
            return "a schema prefix is a lower-case letter then up to 29 lower-case letters, digits or underscores (such as camp"
                    + " or marketing), not '" + prefix + "'";
        }
        return null;
    }

    public boolean isDefault() {
        return prefix.equals(DEFAULT_PREFIX);
    }

    /** The schema of the run state. */
    public String state() {
        return prefix + "_state";
    }

    /** The schema of saved audiences. */
    public String saved() {
        return prefix + "_saved";
    }

    /** The schema of incremental builds' history. */
    public String incremental() {
        return prefix + "_incremental";
    }

    /** The schema of a run's worktables. */
    public String run(String runId) {
        String schema = "run_" + runId.replaceAll("[^A-Za-z0-9_]", "_");
        return isDefault() ? schema : prefix + "_" + schema;
    }

    /** The delivery history's table, qualified. */
    public String deliveries() {
        return state() + ".deliveries";
    }

    /** A statement of camp's run state (written for {@code camp_state}) for these schemas. */
    public String rewrite(String sql) {
        return isDefault() ? sql : STATE.matcher(sql).replaceAll(state());
    }
}
