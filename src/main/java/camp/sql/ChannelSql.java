package camp.sql;

import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Shape;
import camp.ir.Step;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Channels (§6): who gets a message and why the others do not. One candidate message per input
 * row (per related record with {@code per LINK}); a candidate is excluded, in this order, when
 * it has no related record, no address (null or blank), no consent (the entity's consent
 * attribute is not true), or when the recipient reached the {@code cap} of messages of this
 * channel in the calendar day, week (starting Sunday) or month in UTC, counting the delivery
 * history of every campaign. The values of the texts' placeholders are selected beside each
 * candidate so that the interpreter can render them.
 */
public final class ChannelSql {
    private final SqlContext ctx;
    private final StepSql steps;

    ChannelSql(StepSql steps) {
        this.ctx = steps.ctx;
        this.steps = steps;
    }

    StepScript lower(Step.Channel channel) {
        String name = steps.step().name();
        Shape in = steps.inputShape(0);
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(0));
        Link per = channel.per();
        Frame p = null;
        Entity perEntity = null;
        if (per != null) {
            perEntity = steps.entity(per.target());
            p = new Frame(ctx, aliases, null, "p", perEntity);
            p.entityUsed = true;
        }
        String distinctOn = "w.__key" + (per == null ? "" : ", p." + ctx.id(perEntity.key()));
        StringBuilder select = new StringBuilder("w.__key AS __row_key");
        if (per != null) {
            select.append(",\n  p.").append(ctx.id(perEntity.key())).append(" AS __per_key");
        }
        Entity recipient = steps.entity(channel.recipient());
        String recipientKey = f.aliasFor(channel.recipientPath()) + "." + ctx.id(recipient.key());
        select.append(",\n  ").append(ctx.dialect().text(recipientKey)).append(" AS __recipient");
        select.append(",\n  ").append(exprs.render(channel.address(), f)).append(" AS __address");
        select.append(",\n  ").append(channel.consent() == null ? "TRUE" : exprs.render(channel.consent(), f)).append(" AS __consent");
        List<Step.Placeholder> placeholders = channel.placeholders();
        for (int i = 0; i < placeholders.size(); i++) {
            Step.Placeholder ph = placeholders.get(i);
            select.append(",\n  ").append(exprs.render(ph.value(), ph.perRecord() ? p : f)).append(" AS __v").append(i);
        }
        select.append(steps.enriched(in, "w").replace(", ", ",\n  "));
        String from = f.fromWorktable(steps.input(0), "");
        if (per != null) {
            from += "\nLEFT JOIN " + ctx.source(perEntity) + " AS p ON p." + ctx.id(per.column()) + " = w.__key" + p.joins("");
        }
        String candidatesSelect = ctx.dialect().distinctOn(distinctOn, select.toString(), from);
        // one statement: the candidates (a common table expression) with their message keys and reasons
        String candidates = ctx.scratch(name, "messages");
        StepSql.Script script = steps.script()
                .scratch(candidates, steps.createScratch(candidates, "WITH candidates AS (\n" + candidatesSelect + "\n)\n"
                        + reasons(channel, recipient, per, "candidates")));
        script.delivery = delivery(channel, candidates);
        outputs(channel, in, candidates, script);
        return script.build();
    }

    private String reasons(Step.Channel channel, Entity recipient, Link per, String first) {
        Dialect d = ctx.dialect();
        String name = steps.step().name();
        String messageKey = d.md5("concat_ws('|', " + d.string(campaign()) + ", " + d.string(ctx.runId()) + ", "
                + d.string(name) + ", " + d.text("s.__row_key")
                + (per == null ? "" : ", coalesce(" + d.text("s.__per_key") + ", '')") + ")");
        StringBuilder b = new StringBuilder("SELECT s.*,\n  ").append(messageKey).append(" AS __message_key,\n  CASE");
        if (per != null) {
            b.append("\n    WHEN s.__per_key IS NULL THEN ").append(d.string("no " + per.name()));
        }
        b.append("\n    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'");
        b.append("\n    WHEN s.__consent IS NOT TRUE THEN 'no consent'");
        Step.Cap cap = channel.cap();
        String join = "";
        if (cap != null) {
            Instant[] period = period(cap.period());
            b.append("\n    WHEN coalesce(h.sent, 0) + row_number() OVER (\n      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)\n      ORDER BY s.__row_key")
                    .append(per == null ? "" : ", s.__per_key").append(") > ").append(cap.amount()).append(" THEN 'capped'");
            String history = "SELECT recipient\n    FROM " + ctx.schemas().deliveries() + "\n    WHERE channel = " + d.string(channel.channel().label())
                    + " AND entity = " + d.string(recipient.name()) + " AND status = 'sent'\n      AND sent_at >= "
                    + tstz(period[0]) + " AND sent_at < " + tstz(period[1]) + "\n      AND NOT (run_id = " + d.string(ctx.runId())
                    + " AND activity = " + d.string(name) + ")";
            if (ctx.dryRun()) {
                history += "\n    UNION ALL\n    SELECT recipient FROM " + ctx.dryDeliveries() + "\n    WHERE channel = "
                        + d.string(channel.channel().label()) + " AND entity = " + d.string(recipient.name()) + " AND activity <> "
                        + d.string(name);
            }
            join = "\nLEFT JOIN (\n  SELECT recipient, count(*) AS sent\n  FROM (\n    " + history
                    + ") AS earlier\n  GROUP BY recipient) AS h ON h.recipient = s.__recipient";
        }
        b.append("\n  END AS __reason\nFROM ");
        if (cap != null) {
            b.append("(SELECT *, ").append(per == null ? "TRUE" : "__per_key IS NOT NULL").append(" AS __per_key_ok FROM ").append(first).append(") AS s");
        } else {
            b.append(first).append(" AS s");
        }
        return b.append(join).toString();
    }

    private String tstz(Instant i) {
        return ctx.dialect().timestampTz(i.toString().replace('T', ' ').replace("Z", "+00"));
    }

    /** The calendar day, week (Sunday start) or month in UTC that contains the run's logical time. */
    Instant[] period(Step.CapPeriod period) {
        LocalDate day = ctx.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate start;
        LocalDate end;
        switch (period) {
            case DAY -> {
                start = day;
                end = day.plusDays(1);
            }
            case WEEK -> {
                start = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
                end = start.plusWeeks(1);
            }
            case MONTH -> {
                start = day.withDayOfMonth(1);
                end = start.plusMonths(1);
            }
            default -> throw new IllegalStateException("period " + period);
        }
        return new Instant[] {start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant()};
    }

    /** How many rendered messages of a channel task are kept for {@code camp preview --messages}. */
    public static final int SAMPLES = 100;

    private String campaign() {
        return ctx.plan().campaign() == null ? "" : ctx.plan().campaign();
    }

    /** The ledger and the statements that send through it. */
    private DeliverySql delivery(Step.Channel channel, String candidates) {
        Dialect d = ctx.dialect();
        String name = steps.step().name();
        String ledger = ctx.table(name + "__ledger");
        int n = channel.placeholders().size();
        String text = d.type(camp.types.Type.TEXT);
        String instant = d.timestampTzType();
        String createLedger = "CREATE TABLE IF NOT EXISTS " + ledger + " (message_key " + text + ", recipient " + text + ", row_key "
                + text + ", address " + text + ", status " + text + ", sent_at " + instant + ", delivered_at " + instant + ", error "
                + text + ")";
        String plan = "INSERT INTO " + ledger + "\nSELECT __message_key, __recipient, " + d.text("__row_key") + ", __address, 'planned',"
                + " NULL, NULL, NULL\nFROM " + candidates + " AS s\nWHERE __reason IS NULL\n  AND NOT EXISTS (SELECT 1 FROM " + ledger
                + " AS l WHERE l.message_key = s.__message_key)\nORDER BY __message_key";
        // an engine that updates no row marks a message (sent, failed) with a second row of the
        // ledger under its key: a planned row without a mark is still to send
        String unmarked = "NOT EXISTS (SELECT 1 FROM " + ledger + " AS m WHERE m.message_key = d.message_key AND m.status <> 'planned')";
        String pending = "SELECT d.message_key, d.recipient, d.address" + values(n, "s.") + "\nFROM " + ledger
                + " AS d\nJOIN " + candidates + " AS s ON s.__message_key = d.message_key\nWHERE d.status = 'planned'"
                + (d.updatesRows() ? "" : "\n  AND " + unmarked) + "\nORDER BY d.message_key";
        String markSent;
        String markFailed;
        String progress;
        if (d.updatesRows()) {
            markSent = "UPDATE " + ledger + " SET status = 'sent', sent_at = ?, delivered_at = ? WHERE status = 'planned'"
                    + " AND message_key BETWEEN ? AND ?";
            markFailed = "UPDATE " + ledger + " SET status = 'failed', sent_at = ?, error = ? WHERE message_key = ?";
            progress = "SELECT count(*) FILTER (WHERE status <> 'planned'), count(*) FILTER (WHERE status = 'planned') FROM " + ledger;
        } else {
            markSent = "INSERT INTO " + ledger + "\nSELECT message_key, recipient, row_key, address, 'sent', ?, ?, NULL\nFROM " + ledger
                    + " AS d\nWHERE d.status = 'planned' AND d.message_key BETWEEN ? AND ?\n  AND " + unmarked;
            markFailed = "INSERT INTO " + ledger + "\nSELECT message_key, recipient, row_key, address, 'failed', ?, NULL, ?\nFROM " + ledger
                    + " AS d\nWHERE d.status = 'planned' AND d.message_key = ?\n  AND " + unmarked;
            progress = "SELECT count(*) FILTER (WHERE status <> 'planned'), count(*) FILTER (WHERE status = 'planned')"
                    + " - count(*) FILTER (WHERE status <> 'planned') FROM " + ledger;
        }
        String copy = "INSERT INTO " + ctx.schemas().deliveries() + " (message_key, run_id, campaign, activity, channel, entity, recipient, row_key,"
                + " address, status, sent_at, delivered_at, error)\nSELECT message_key, " + d.string(ctx.runId()) + ", "
                + d.string(campaign()) + ", " + d.string(name) + ", " + d.string(channel.channel().label()) + ", "
                + d.string(channel.recipient()) + ", recipient, row_key, address, status, coalesce(sent_at, "
                + d.timestampTz(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").format(ctx.instant().atOffset(ZoneOffset.UTC)))
                + "), delivered_at, error\nFROM " + ledger + " AS l\nWHERE status IN ('sent', 'failed')";
        String notYet = "\n  AND NOT EXISTS (SELECT 1 FROM " + ctx.schemas().deliveries() + " AS h WHERE h.message_key = l.message_key)";
        // the history is read in the batch's range of keys only: its rows come in key order, batch by
        // batch, so DuckDB skips the rest of it instead of scanning all of it for every batch
        String recordHistory = copy + " AND message_key BETWEEN ? AND ?\n  AND NOT EXISTS (SELECT 1 FROM " + ctx.schemas().deliveries() + " AS h"
                + " WHERE h.message_key BETWEEN ? AND ? AND h.message_key = l.message_key)";
        String history = copy + notYet;
        String dryRecord = "INSERT INTO " + ctx.dryDeliveries() + "\nSELECT " + d.string(name) + ", " + d.string(channel.channel().label())
                + ", " + d.string(channel.recipient()) + ", __recipient\nFROM " + candidates + "\nWHERE __reason IS NULL";
        String eligible = "SELECT count(*) FROM " + candidates + " WHERE __reason IS NULL";
        String samples = "SELECT __message_key, __recipient, __address" + values(n, "") + " FROM " + candidates
                + " WHERE __reason IS NULL ORDER BY __message_key LIMIT " + SAMPLES;
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            missing.add("SELECT count(*) FROM " + candidates + " WHERE __reason IS NULL AND __v" + i + " IS NULL");
        }
        String reasons = "SELECT __reason, count(*) FROM " + candidates + " WHERE __reason IS NOT NULL GROUP BY __reason ORDER BY __reason";
        return new DeliverySql(candidates, ledger, createLedger, plan, pending, markSent, markFailed, progress, recordHistory, history,
                dryRecord, eligible, samples, missing, reasons, testRecipients(channel));
    }

    /**
     * The campaign's test audience, for {@code camp run --test}: key and address of each test
     * profile that has one, in key order; null when the campaign has none, or when its entity has
     * no address of this channel ({@code email}, {@code phone}, {@code push_token}).
     */
    private String testRecipients(Step.Channel channel) {
        camp.ir.Plan.TestAudience audience = ctx.plan().testAudience();
        if (audience == null) {
            return null;
        }
        Entity e = steps.entity(audience.entity());
        String attribute = switch (channel.channel()) {
            case EMAIL -> "email";
            case SMS -> "phone";
            case PUSH -> "push_token";
        };
        if (!e.attributes().containsKey(attribute)) {
            return null;
        }
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = new Frame(ctx, aliases, null, "e", e).grouping(null);
        f.entityUsed = true;
        String condition = exprs.condition(audience.condition(), f);
        String address = "e." + ctx.id(attribute);
        return "SELECT " + ctx.dialect().text("e." + ctx.id(e.key())) + " AS __key, " + address + " AS __address\nFROM " + f.fromEntity("")
                + "\nWHERE " + condition + " AND " + address + " IS NOT NULL AND trim(" + address + ") <> ''\nORDER BY e." + ctx.id(e.key());
    }

    private static String values(int n, String alias) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(", ").append(alias).append("__v").append(i);
        }
        return b.toString();
    }

    /** The output ports, made once the messages are sent (or would be, in a dry run). */
    private void outputs(Step.Channel channel, Shape in, String candidates, StepSql.Script script) {
        String key = channel.per() == null ? "s.__row_key" : "s.__per_key";
        StringBuilder carried = new StringBuilder();
        for (String c : in.columns().keySet()) {
            carried.append(", s.").append(ctx.id(c));
        }
        String ledger = "SELECT message_key FROM " + ctx.table(steps.step().name() + "__ledger") + " WHERE status = ";
        String sentWhere = ctx.dryRun() ? "s.__reason IS NULL" : "s.__reason IS NULL AND s.__message_key IN (" + ledger + "'sent')";
        String failedWhere = ctx.dryRun() ? "FALSE" : "s.__reason IS NULL AND s.__message_key IN (" + ledger + "'failed')";
        String sent = steps.output("sent");
        String failed = steps.output("failed");
        String excluded = steps.output("excluded");
        script.port("sent", sent, steps.create(sent, "SELECT " + key + " AS __key" + carried + "\nFROM " + candidates + " AS s\nWHERE " + sentWhere));
        script.port("failed", failed, steps.create(failed, "SELECT " + key + " AS __key" + carried + "\nFROM " + candidates + " AS s\nWHERE " + failedWhere));
        script.port("excluded", excluded, steps.create(excluded, "SELECT " + steps.columns(in, "w") + ", x.reason\nFROM "
                + steps.input(0) + " AS w\nJOIN (\n  SELECT __row_key, min(__reason) AS reason\n  FROM " + candidates
                + "\n  GROUP BY __row_key\n  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key"));
    }
}
