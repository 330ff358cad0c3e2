package camp.sql;

import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.SharedAggregates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row level of a query: the worktable alias (for enriched columns), the entity alias (for
 * attributes) and the joins that its expressions need, added as they are rendered: one-link
 * joins for attribute paths, and grouped aggregates.
 *
 * <p>A top-level frame groups the aggregates over one link into a single grouped subquery
 * joined on the owner's key ({@code count(purchases where ...)}, {@code sum(purchases.amount)}
 * become {@code count(*) FILTER (WHERE ...)}, {@code sum(amount)} of one GROUP BY), which is
 * what a person writing the SQL by hand would do; over a worktable, that subquery reads only
 * the records of the worktable's keys.
 */
final class Frame {
    final String worktableAlias;
    final String entityAlias;
    final Entity entity;
    private final SqlContext ctx;
    private final Frame.Aliases aliases;
    boolean entityUsed;
    /** Whether aggregates over links of this row are grouped into joins (top-level frames only). */
    boolean groupAggregates;
    /** The worktable this frame reads, whose keys bound the grouped aggregates; null over an entity. */
    String worktable;
    private final Map<String, Object> joins = new LinkedHashMap<>();

    Frame(SqlContext ctx, Aliases aliases, String worktableAlias, String entityAlias, Entity entity) {
        this.ctx = ctx;
        this.aliases = aliases;
        this.worktableAlias = worktableAlias;
        this.entityAlias = entityAlias;
        this.entity = entity;
    }

    /** A top-level frame that groups its aggregates; {@code worktable} may be null. */
    Frame grouping(String worktableTable) {
        this.groupAggregates = true;
        this.worktable = worktableTable;
        return this;
    }

    /** The alias of the record at the end of a path of one links (registering its joins). */
    String aliasFor(List<Link> path) {
        entityUsed = true;
        String alias = entityAlias;
        StringBuilder key = new StringBuilder();
        for (Link link : path) {
            key.append('/').append(link.name());
            String[] join = (String[]) joins.get(key.toString());
            if (join == null) {
                Entity target = ctx.entities().get(link.target());
                String a = aliases.next("j");
                String on = a + "." + ctx.id(target.key()) + " = " + alias + "." + ctx.id(link.column());
                join = new String[] {a, "LEFT JOIN " + ctx.source(target) + " AS " + a + " ON " + on};
                joins.put(key.toString(), join);
            }
            alias = join[0];
        }
        return alias;
    }

    /** The aggregates of one link from one owner record, computed in one grouped subquery. */
    static final class Group {
        final String alias;
        final Frame inner;
        final Link link;
        final String ownerRef;
        final String bound;
        final List<String> selects = new ArrayList<>();
        /** The run's shared aggregates this group reads, or null when it computes its own subquery. */
        SharedAggregates.Fact fact;

        Group(String alias, Frame inner, Link link, String ownerRef, String bound) {
            this.alias = alias;
            this.inner = inner;
            this.link = link;
            this.ownerRef = ownerRef;
            this.bound = bound;
        }

        /** Adds an aggregate; returns its column name in the group. */
        String add(String select) {
            int i = selects.indexOf(select);
            if (i < 0) {
                selects.add(select);
                i = selects.size() - 1;
            }
            return "__a" + (i + 1);
        }
    }

    /**
     * The group of a link from the record {@code ownerAlias}: the run's shared table of the
     * link when the plan shares its aggregates between steps, else a subquery of its own.
     */
    Group group(String ownerAlias, Entity owner, Link link) {
        if (ownerAlias.equals(entityAlias)) {
            String key = "shared:" + link.name();
            Object existing = joins.get(key);
            if (existing instanceof Group g) {
                return g;
            }
            SharedAggregates.Fact fact = ctx.fact(owner.name(), link.name());
            if (fact != null) {
                Group g = new Group(aliases.next("g"), null, link, ownerAlias + "." + ctx.id(owner.key()), null);
                g.fact = fact;
                joins.put(key, g);
                return g;
            }
        }
        return ownGroup(ownerAlias, owner, link);
    }

    /** A group that computes its aggregates in its own subquery. */
    Group ownGroup(String ownerAlias, Entity owner, Link link) {
        String key = "group:" + ownerAlias + ":" + link.name();
        Object existing = joins.get(key);
        if (existing instanceof Group g) {
            return g;
        }
        Entity target = ctx.entities().get(link.target());
        Frame inner = new Frame(ctx, aliases, null, aliases.next("a"), target);
        inner.entityUsed = true;
        String ownerKey = ownerAlias + "." + ctx.id(owner.key());
        String ownerRef = link.isDeliveries() ? ctx.dialect().text(ownerKey) : ownerKey;
        String bound = worktable != null && ownerAlias.equals(entityAlias) && !link.isDeliveries() ? worktable : null;
        Group g = new Group(aliases.next("g"), inner, link, ownerRef, bound);
        joins.put(key, g);
        return g;
    }

    /** The joins registered so far, one per line. */
    String joins(String indent) {
        StringBuilder out = new StringBuilder();
        for (Object j : joins.values()) {
            out.append('\n').append(indent);
            if (j instanceof String[] s) {
                out.append(s[1]);
            } else {
                out.append(groupJoin((Group) j, indent));
            }
        }
        return out.toString();
    }

    private String groupJoin(Group g, String indent) {
        if (g.fact != null) {
            return "LEFT JOIN " + ctx.factTable(g.fact) + " AS " + g.alias + " ON " + g.alias + ".__k = " + g.ownerRef;
        }
        String a = g.inner.entityAlias;
        String column = a + "." + ctx.id(g.link.column());
        List<String> where = new ArrayList<>();
        if (g.link.isDeliveries()) {
            where.add(a + ".entity = " + ctx.dialect().string(entity == null ? "" : ownerEntityName(g)));
        }
        if (g.bound != null) {
            where.add(column + " IN (SELECT __key FROM " + g.bound + ")");
        }
        String in = indent + "  ";
        StringBuilder b = new StringBuilder("LEFT JOIN (\n").append(in).append("SELECT ").append(column).append(" AS __k");
        for (int i = 0; i < g.selects.size(); i++) {
            b.append(",\n").append(in).append("  ").append(g.selects.get(i)).append(" AS __a").append(i + 1);
        }
        b.append('\n').append(in).append("FROM ").append(g.inner.fromEntity(in));
        if (!where.isEmpty()) {
            b.append('\n').append(in).append("WHERE ").append(String.join(" AND ", where));
        }
        b.append('\n').append(in).append("GROUP BY ").append(column).append('\n').append(indent).append(") AS ")
                .append(g.alias).append(" ON ").append(g.alias).append(".__k = ").append(g.ownerRef);
        return b.toString();
    }

    private String ownerEntityName(Group g) {
        return g.link.owner();
    }

    /**
     * The FROM clause of this level over a worktable: the worktable, then the entity joined on
     * the key when an attribute was used, then the joins.
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
