package camp.sql;

import camp.model.EntityInfo;
import camp.model.LinkInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregates shared between the steps of a run. When several steps aggregate over the same link
 * of the same entity ({@code count(purchases where ...)} in two builds and an enrich), every one
 * of those aggregates is computed in one pass over the linked records, into one temporary table
 * per link, which each step then joins on the key: what a person writing the whole campaign by
 * hand would do. A link used by one step only keeps that step's own grouped subquery, bounded
 * to its worktable's keys. The delivery history is never shared, since the run adds to it.
 *
 * <p>A first lowering of every step, before the run, collects the aggregates ({@link #freeze()}
 * ends it); the steps' real lowering then finds each aggregate's column. Each step's SQL starts
 * with the {@code CREATE TEMP TABLE IF NOT EXISTS} of the shared tables it reads, so the first
 * step that needs one computes it, and a resumed run computes it again when needed.
 */
public final class Facts {
    private final SqlContext ctx;
    private final Map<String, Shared> shared = new LinkedHashMap<>();
    private boolean collecting = true;
    private String step;
    private final Set<Shared> used = new LinkedHashSet<>();

    public Facts(SqlContext ctx) {
        this.ctx = ctx;
    }

    /** The aggregates of one link of one entity, over all of its records. */
    static final class Shared {
        final EntityInfo owner;
        final LinkInfo link;
        final Frame inner;
        final List<String> selects = new ArrayList<>();
        final Set<String> users = new LinkedHashSet<>();

        Shared(EntityInfo owner, LinkInfo link, Frame inner) {
            this.owner = owner;
            this.link = link;
            this.inner = inner;
        }
    }

    /** Starts the lowering of a step (the collecting pass and the real one). */
    void begin(String stepName) {
        this.step = stepName;
        used.clear();
    }

    /** Ends the collecting pass: from now on only links used by two steps or more are shared. */
    public void freeze() {
        collecting = false;
        shared.values().removeIf(s -> s.users.size() < 2);
    }

    /** The shared aggregates of a link, or null when the link is not shared. */
    Shared lookup(EntityInfo owner, LinkInfo link) {
        if (link.isDeliveries()) {
            return null;
        }
        String key = owner.name() + "/" + link.name();
        Shared s = shared.get(key);
        if (s == null && collecting) {
            EntityInfo target = ctx.entities().get(link.target());
            Frame inner = new Frame(ctx, new Frame.Aliases(), null, "f", target);
            inner.entityUsed = true;
            s = new Shared(owner, link, inner);
            shared.put(key, s);
        }
        if (s != null) {
            s.users.add(step);
            used.add(s);
        }
        return s;
    }

    /** The column of an aggregate in its shared table; -1 when the collecting pass did not see it. */
    int column(Shared s, String select) {
        int i = s.selects.indexOf(select);
        if (i < 0 && collecting) {
            s.selects.add(select);
            i = s.selects.size() - 1;
        }
        return i;
    }

    String table(Shared s) {
        return ctx.scratch("facts", s.owner.name() + "__" + s.link.name());
    }

    /** The statements that compute the shared tables the current step reads. */
    List<String> prerequisites() {
        List<String> statements = new ArrayList<>();
        if (collecting) {
            return statements;
        }
        for (Shared s : used) {
            String column = "f." + ctx.id(s.link.column());
            StringBuilder b = new StringBuilder("CREATE TEMP TABLE IF NOT EXISTS ").append(table(s)).append(" AS\nSELECT ")
                    .append(column).append(" AS __k");
            for (int i = 0; i < s.selects.size(); i++) {
                b.append(",\n  ").append(s.selects.get(i)).append(" AS __a").append(i + 1);
            }
            b.append("\nFROM ").append(s.inner.fromEntity("")).append("\nGROUP BY ").append(column);
            statements.add(b.toString());
        }
        return statements;
    }
}
