package camp.sql;

import camp.ast.Activity;
import camp.diag.Diagnostic;
import camp.ir.Step;
import camp.model.ChannelInfo;
import camp.model.EntityInfo;
import camp.model.LinkInfo;
import camp.model.Placeholders;
import camp.model.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.DayOfWeek;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    ChannelSql(SqlContext ctx, StepSql steps) {
        this.ctx = ctx;
        this.steps = steps;
    }

    public ChannelSql(SqlContext ctx) {
        this(ctx, new StepSql(ctx));
    }

    /** The candidates table of a channel step: every candidate message with its reason, a scratch table. */
    public String candidates(Step step) {
        return ctx.scratch(step.name(), "messages");
    }

    Lowered lower(Step step, Activity.Channel channel) {
        Shape in = steps.inputShape(step, 0);
        ChannelInfo info = ctx.model().channels().get(step.name());
        EntityInfo entity = steps.entity(in.entity());
        Frame.Aliases aliases = new Frame.Aliases();
        ExprSql exprs = new ExprSql(ctx, aliases);
        Frame f = steps.frame(aliases, in, steps.input(step, 0));
        LinkInfo per = info.per();
        Frame p = null;
        EntityInfo perEntity = null;
        if (per != null) {
            perEntity = steps.entity(per.target());
            p = new Frame(ctx, aliases, null, "p", perEntity);
            p.entityUsed = true;
        }
        StringBuilder select = new StringBuilder("SELECT DISTINCT ON (w.__key" + (per == null ? "" : ", p." + ctx.id(perEntity.key())) + ")\n  w.__key AS __row_key");
        if (per != null) {
            select.append(",\n  p.").append(ctx.id(perEntity.key())).append(" AS __per_key");
        }
        EntityInfo recipient = steps.entity(info.recipientEntity());
        String recipientKey = f.aliasFor(info.recipientPath()) + "." + ctx.id(recipient.key());
        select.append(",\n  ").append(ctx.dialect().text(recipientKey)).append(" AS __recipient");
        select.append(",\n  ").append(exprs.render(info.address(), f)).append(" AS __address");
        select.append(",\n  ").append(info.consent() == null ? "TRUE" : exprs.render(info.consent(), f)).append(" AS __consent");
        List<String> placeholders = placeholders(channel);
        for (int i = 0; i < placeholders.size(); i++) {
            select.append(",\n  ").append(placeholderSql(placeholders.get(i), in, f, p, recipient, info.recipientPath()))
                    .append(" AS __v").append(i);
        }
        select.append(steps.enriched(in, "w").replace(", ", ",\n  "));
        String from = f.fromWorktable(steps.input(step, 0), "");
        if (per != null) {
            from += "\nLEFT JOIN " + ctx.source(perEntity) + " AS p ON p." + ctx.id(per.column()) + " = w.__key" + p.joins("");
        }
        select.append("\nFROM ").append(from);
        String first = ctx.scratch(step.name(), "candidates");
        String candidates = candidates(step);
        List<String> statements = new ArrayList<>();
        statements.add(steps.create(first, select.toString()));
        statements.add(steps.create(candidates, reasons(step, channel, info, recipient, per, first)));
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String port : List.of("sent", "failed", "excluded")) {
            outputs.put(port, ctx.worktable(step.name(), port));
        }
        return new Lowered(statements, outputs, List.of(first, candidates), List.of(), Map.of());
    }

    private String reasons(Step step, Activity.Channel channel, ChannelInfo info, EntityInfo recipient, LinkInfo per, String first) {
        Dialect d = ctx.dialect();
        String messageKey = d.md5("concat_ws('|', " + d.string(campaign()) + ", " + d.string(ctx.runId()) + ", "
                + d.string(step.name()) + ", " + d.text("s.__row_key")
                + (per == null ? "" : ", coalesce(" + d.text("s.__per_key") + ", '')") + ")");
        StringBuilder b = new StringBuilder("SELECT s.*,\n  ").append(messageKey).append(" AS __message_key,\n  CASE");
        if (per != null) {
            b.append("\n    WHEN s.__per_key IS NULL THEN ").append(d.string("no " + per.name()));
        }
        b.append("\n    WHEN s.__address IS NULL OR trim(s.__address) = '' THEN 'no address'");
        b.append("\n    WHEN s.__consent IS NOT TRUE THEN 'no consent'");
        Activity.Cap cap = cap(channel);
        String join = "";
        if (cap != null) {
            Instant[] period = period(cap.period());
            b.append("\n    WHEN coalesce(h.sent, 0) + row_number() OVER (\n      PARTITION BY s.__recipient, (s.__per_key_ok AND s.__address IS NOT NULL AND trim(s.__address) <> '' AND s.__consent IS TRUE)\n      ORDER BY s.__row_key")
                    .append(per == null ? "" : ", s.__per_key").append(") > ").append(cap.amount()).append(" THEN 'capped'");
            String history = "SELECT recipient\n    FROM camp_state.deliveries\n    WHERE channel = " + d.string(channel.kind())
                    + " AND entity = " + d.string(recipient.name()) + " AND status = 'sent'\n      AND sent_at >= "
                    + tstz(period[0]) + " AND sent_at < " + tstz(period[1]) + "\n      AND NOT (run_id = " + d.string(ctx.runId())
                    + " AND activity = " + d.string(step.name()) + ")";
            if (ctx.dryRun()) {
                history += "\n    UNION ALL\n    SELECT recipient FROM " + ctx.dryDeliveries() + "\n    WHERE channel = "
                        + d.string(channel.kind()) + " AND entity = " + d.string(recipient.name()) + " AND activity <> "
                        + d.string(step.name());
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
        return "TIMESTAMPTZ " + ctx.dialect().string(i.toString().replace('T', ' ').replace("Z", "+00"));
    }

    /** The calendar day, week (Sunday start) or month in UTC that contains the run's logical time. */
    Instant[] period(Activity.CapPeriod period) {
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
            default -> {
                start = day.withDayOfMonth(1);
                end = start.plusMonths(1);
            }
        }
        return new Instant[] {start.atStartOfDay(ZoneOffset.UTC).toInstant(), end.atStartOfDay(ZoneOffset.UTC).toInstant()};
    }

    private static Activity.Cap cap(Activity.Channel channel) {
        for (Activity.ChannelOption o : channel.options()) {
            if (o instanceof Activity.Cap c) {
                return c;
            }
        }
        return null;
    }

    private String campaign() {
        return ctx.model().campaign() == null ? "" : ctx.model().campaign();
    }

    /** The statements that materialise the output ports once the messages are sent (or would be, in a dry run). */
    public List<String> outputs(Step step, boolean dryRun) {
        Shape in = steps.inputShape(step, 0);
        ChannelInfo info = ctx.model().channels().get(step.name());
        String candidates = candidates(step);
        String key = info.per() == null ? "s.__row_key" : "s.__per_key";
        StringBuilder carried = new StringBuilder();
        for (String c : in.columns().keySet()) {
            carried.append(", s.").append(ctx.id(c));
        }
        Dialect d = ctx.dialect();
        String ledger = "SELECT message_key FROM " + ctx.table(step.name() + "__ledger") + " WHERE status = ";
        String sentWhere = dryRun ? "s.__reason IS NULL" : "s.__reason IS NULL AND s.__message_key IN (" + ledger + "'sent')";
        String failedWhere = dryRun ? "FALSE" : "s.__reason IS NULL AND s.__message_key IN (" + ledger + "'failed')";
        List<String> statements = new ArrayList<>();
        statements.add(steps.create(ctx.worktable(step.name(), "sent"), "SELECT " + key + " AS __key" + carried + "\nFROM " + candidates + " AS s\nWHERE " + sentWhere));
        statements.add(steps.create(ctx.worktable(step.name(), "failed"), "SELECT " + key + " AS __key" + carried + "\nFROM " + candidates + " AS s\nWHERE " + failedWhere));
        statements.add(steps.create(ctx.worktable(step.name(), "excluded"), "SELECT " + steps.columns(in, "w") + ", x.reason\nFROM "
                + steps.input(step, 0) + " AS w\nJOIN (\n  SELECT __row_key, min(__reason) AS reason\n  FROM " + candidates
                + "\n  GROUP BY __row_key\n  HAVING bool_and(__reason IS NOT NULL)) AS x ON x.__row_key = w.__key"));
        return statements;
    }

    /** Every distinct placeholder path of the channel's texts, in a stable order. */
    public static List<String> placeholders(Activity.Channel channel) {
        Set<String> paths = new LinkedHashSet<>();
        for (String text : texts(channel).values()) {
            for (Placeholders.Placeholder p : Placeholders.scan(text).placeholders()) {
                paths.add(p.path());
            }
        }
        return new ArrayList<>(paths);
    }

    /** The channel's texts by field (subject, body, text, title, from), with template files read. */
    public static Map<String, String> texts(Activity.Channel channel) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Activity.ChannelOption o : channel.options()) {
            if (o instanceof Activity.Content c) {
                texts.put(c.field(), c.template() ? readTemplate(c) : c.value());
            } else if (o instanceof Activity.From from) {
                texts.put("from", from.sender());
            }
        }
        return texts;
    }

    /** Whether a content option came from an .html template or contains HTML: then it is escaped. */
    public static boolean isHtml(Activity.Channel channel, String field) {
        for (Activity.ChannelOption o : channel.options()) {
            if (o instanceof Activity.Content c && c.field().equals(field) && channel.channel() == Activity.ChannelKind.EMAIL
                    && field.equals("body")) {
                return c.template() ? c.value().toLowerCase(java.util.Locale.ROOT).matches(".*\\.html?$")
                        : c.value().matches("(?s).*<[A-Za-z/][^>]*>.*");
            }
        }
        return false;
    }

    private static String readTemplate(Activity.Content c) {
        Path base = c.valueSpan().file().path() == null ? Path.of("").toAbsolutePath()
                : c.valueSpan().file().path().toAbsolutePath().getParent();
        try {
            return Files.readString(base.resolve(c.value()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read template " + c.value() + ": " + e.getMessage(), e);
        }
    }

    /** The SQL of a placeholder: an enriched column, else an attribute of the per record, the row, or the recipient. */
    private String placeholderSql(String path, Shape in, Frame f, Frame p, EntityInfo recipient, List<LinkInfo> recipientPath) {
        String[] parts = path.split("\\.");
        if (parts.length == 1 && in.columns().containsKey(parts[0])) {
            return "w." + ctx.id(parts[0]);
        }
        if (p != null) {
            String s = walk(p, List.of(), p.entity, parts);
            if (s != null) {
                return s;
            }
        }
        String s = walk(f, List.of(), f.entity, parts);
        if (s != null) {
            return s;
        }
        s = walk(f, recipientPath, recipient, parts);
        if (s != null) {
            return s;
        }
        throw new IllegalStateException("placeholder " + path + " does not resolve");
    }

    private String walk(Frame frame, List<LinkInfo> prefix, EntityInfo start, String[] parts) {
        List<LinkInfo> links = new ArrayList<>(prefix);
        EntityInfo at = start;
        for (int i = 0; i < parts.length - 1; i++) {
            LinkInfo l = at.links().get(parts[i]);
            if (l == null || l.many()) {
                return null;
            }
            links.add(l);
            at = ctx.entities().get(l.target());
        }
        if (!at.attributes().containsKey(parts[parts.length - 1])) {
            return null;
        }
        return frame.aliasFor(links) + "." + ctx.id(parts[parts.length - 1]);
    }

}
