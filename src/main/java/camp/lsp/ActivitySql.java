package camp.lsp;

import camp.check.Checked;
import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Step;
import camp.run.Params;
import camp.sql.DuckDbDialect;
import camp.sql.SqlContext;
import camp.sql.StepSql;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQL one activity lowers to, as {@code camp sql} prints it: the params at their defaults,
 * now() at the time of asking, worktables in schema {@code "run"}. Only a campaign without errors
 * has a plan with steps, so only then is there SQL.
 */
final class ActivitySql {
    private ActivitySql() {
    }

    /** The statements of an activity, or null when the campaign has errors or no such step. */
    static String of(Checked checked, String activity) {
        Plan plan = checked.plan();
        if (plan == null || checked.hasErrors() || !plan.isCampaign()) {
            return null;
        }
        Step step = plan.steps().stream().filter(s -> s.name().equals(activity)).findFirst().orElse(null);
        if (step == null) {
            return null;
        }
        ZoneId zone = ZoneId.of(plan.timezone());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Diagnostic> problems = new ArrayList<>();
        Map<String, Object> params = Params.resolve(plan, Map.of(), problems, null);
        SqlContext ctx = new SqlContext(plan, DuckDbDialect.INSTANCE, now.atZone(zone).toLocalDateTime(), now, params, 0, "preview",
                "run", Map.of(), false);
        return StepSql.lower(ctx, step).render();
    }
}
