package camp.sql;

import camp.model.EntityInfo;
import camp.model.LinkInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row level of a query: the worktable alias (for enriched columns), the entity alias (for
 * attributes) and the one-link joins that attribute paths need, added as they are rendered.
 */
final class Frame {
    final String worktableAlias;
    final String entityAlias;
    final EntityInfo entity;
    private final SqlContext ctx;
    private final Aliases aliases;
    boolean entityUsed;
    private final Map<String, String[]> joins = new LinkedHashMap<>();

    Frame(SqlContext ctx, Aliases aliases, String worktableAlias, String entityAlias, EntityInfo entity) {
        this.ctx = ctx;
        this.aliases = aliases;
        this.worktableAlias = worktableAlias;
        this.entityAlias = entityAlias;
        this.entity = entity;
    }

    /** The alias of the record at the end of a path of one links (registering its joins). */
    String aliasFor(List<LinkInfo> path) {
        entityUsed = true;
        String alias = entityAlias;
        StringBuilder key = new StringBuilder();
        for (LinkInfo link : path) {
            key.append('/').append(link.name());
            String[] join = joins.get(key.toString());
            if (join == null) {
                EntityInfo target = ctx.entities().get(link.target());
                String a = aliases.next("j");
                String on = a + "." + ctx.id(target.key()) + " = " + alias + "." + ctx.id(link.column());
                join = new String[] {a, "LEFT JOIN " + ctx.source(target) + " AS " + a + " ON " + on};
                joins.put(key.toString(), join);
            }
            alias = join[0];
        }
        return alias;
    }

    /** The joins registered so far, one per line. */
    String joins(String indent) {
        StringBuilder out = new StringBuilder();
        for (String[] j : joins.values()) {
            out.append('\n').append(indent).append(j[1]);
        }
        return out.toString();
    }

    /**
     * The FROM clause of this level over a worktable: the worktable, then the entity joined on
     * the key when an attribute was used, then the one-link joins.
     */
    String fromWorktable(String worktable, String indent) {
        StringBuilder from = new StringBuilder(worktable).append(" AS ").append(worktableAlias);
        if (entityUsed && entity != null) {
            from.append('\n').append(indent).append("LEFT JOIN ").append(ctx.source(entity)).append(" AS ")
                    .append(entityAlias).append(" ON ").append(entityAlias).append('.').append(ctx.id(entity.key()))
                    .append(" = ").append(worktableAlias).append(".__key");
        }
        return from + joins(indent);
    }

    /** The FROM clause of this level over the entity's own source. */
    String fromEntity(String indent) {
        return ctx.source(entity) + " AS " + entityAlias + joins(indent);
    }

    /** Stable alias names within one statement. */
    static final class Aliases {
        private final Map<String, Integer> counters = new LinkedHashMap<>();

        String next(String prefix) {
            int n = counters.merge(prefix, 1, Integer::sum);
            return prefix + n;
        }
    }
}
