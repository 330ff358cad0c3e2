package camp.cli;

import camp.ir.Plan;
import camp.ir.Step;
import camp.sql.DuckDbDialect;
import camp.sql.SqlContext;
import camp.sql.StepScript;
import camp.sql.StepSql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each activity of a version is, for {@code camp diff} to tell a changed activity from an
 * unchanged one: its kind; its SQL, as {@code camp sql} prints it at the diff's logical time and
 * param values, without the header line (whose line number moves whenever a line is added above);
 * and what a run takes from the script beyond SQL: a channel's texts (from, subject, body, text,
 * title) and pacing (throttle, waves), an alert's title and message.
 *
 * <p>The SQL is lowered with every aggregate computed by the activity that uses it, not shared
 * between activities as a run does: a shared aggregate table holds what all its users need, so
 * adding an aggregate to one activity would otherwise mark every other user of the link changed.
 */
final class DiffDefinitions {
    private DiffDefinitions() {
    }

    static Map<String, DiffReport.Definition> of(Plan plan, Instant at, Map<String, Object> params) {
        Plan unshared = plan.withShared(List.of());
        ZoneId zone = ZoneId.of(plan.timezone());
        SqlContext ctx = new SqlContext(unshared, DuckDbDialect.INSTANCE, at.atZone(zone).toLocalDateTime(), at, params, 0,
                "preview", "run", Map.of(), false);
        Map<String, DiffReport.Definition> out = new LinkedHashMap<>();
        for (StepScript script : StepSql.lower(ctx)) {
            String rendered = script.render();
            String sql = rendered.substring(rendered.indexOf('\n') + 1);
            Step step = plan.step(script.activity());
            out.put(step.name(), definition(step, sql));
        }
        return out;
    }

    private static DiffReport.Definition definition(Step step, String sql) {
        if (step instanceof Step.Channel c) {
            StringBuilder texts = new StringBuilder();
            for (Step.Text t : c.texts()) {
                texts.append(t.field()).append(t.html() ? " (html)" : "").append(": ").append(t.value()).append('\n');
            }
            String pacing = "throttle " + c.throttle() + ", waves " + c.waves();
            return new DiffReport.Definition(step.kind(), sql, texts.toString(), pacing, c.channel().label());
        }
        if (step instanceof Step.Alert a) {
            return new DiffReport.Definition(step.kind(), sql, a.title() + "\n" + a.message(), "", null);
        }
        return new DiffReport.Definition(step.kind(), sql, "", "", null);
    }
}
