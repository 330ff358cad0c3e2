package camp.run;

import camp.ast.Activity;
import camp.deliver.DeliveryException;
import camp.deliver.FileOutbox;
import camp.deliver.Message;
import camp.deliver.MessageTemplate;
import camp.deliver.TemplateException;
import camp.ir.Step;
import camp.model.Placeholders;
import camp.sql.ChannelSql;
import camp.sql.Lowered;
import camp.sql.SqlContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the messages of a channel task through a delivery ledger (delivery-guarantees.md): the
 * candidates are computed in SQL; every message to send is first committed to the task's ledger
 * table ({@code <activity>__ledger}, ordered by key) as {@code planned}, with a key derived from
 * campaign, run, activity and recipient row; then each is rendered and handed to the provider,
 * and recorded as {@code sent} in batches once the provider has flushed them. When the task
 * ends, its ledger joins the delivery history {@code camp_state.deliveries} in the task's
 * transaction. A crash in between is resumed by sending only what is still planned; the file
 * outbox ignores a key it already holds, so nothing is sent twice and nothing is lost.
 */
final class ChannelRunner {
    /** Messages per flush of the outbox and commit of the ledger; {@code -Dcamp.sendBatch=N} changes it (tests). */
    private static final int BATCH = Integer.getInteger("camp.sendBatch", 10_000);
    private final Connection c;
    private final SqlContext ctx;
    private final RunOptions options;
    private final Logger logger;

    /** Where the task's log lines go. */
    interface Logger {
        void log(String level, String message) throws SQLException;
    }

    ChannelRunner(Connection c, SqlContext ctx, RunOptions options, Logger logger) {
        this.c = c;
        this.ctx = ctx;
        this.options = options;
        this.logger = logger;
    }

    void run(Step step, Activity.Channel channel, Lowered lowered, TaskRunner.Work work) throws SQLException {
        for (String s : lowered.statements()) {
            exec(work, s);
        }
        ChannelSql channelSql = new ChannelSql(ctx);
        String candidates = channelSql.candidates(step);
        List<String> placeholders = ChannelSql.placeholders(channel);
        Map<String, MessageTemplate> templates = compile(channel);
        checkMissingValues(step, templates, placeholders, candidates);
        long eligible = count("SELECT count(*) FROM " + candidates + " WHERE __reason IS NULL");
        if (options.dryRun()) {
            logSamples(step, channel, templates, placeholders, candidates);
            // what it would send counts against the caps of later channels of this dry run
            var d = ctx.dialect();
            exec(work, "INSERT INTO " + ctx.dryDeliveries() + "\nSELECT " + d.string(step.name()) + ", " + d.string(channel.kind())
                    + ", " + d.string(ctx.model().channels().get(step.name()).recipientEntity()) + ", __recipient\nFROM "
                    + candidates + "\nWHERE __reason IS NULL");
            log(step, "info", "dry run: would send " + eligible + " " + channel.kind() + " messages");
        } else {
            send(step, channel, templates, placeholders, candidates, work);
        }
        for (String s : channelSql.outputs(step, options.dryRun())) {
            exec(work, s);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT __reason, count(*) FROM " + candidates
                + " WHERE __reason IS NOT NULL GROUP BY __reason ORDER BY __reason")) {
            List<String> reasons = new ArrayList<>();
            while (r.next()) {
                reasons.add(r.getLong(2) + " " + r.getString(1));
            }
            if (!reasons.isEmpty()) {
                log(step, "info", "not sent: " + String.join(", ", reasons));
            }
        }
    }

    private void exec(TaskRunner.Work work, String statement) throws SQLException {
        work.sql.append(statement).append(";\n");
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String select) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void log(Step step, String level, String message) throws SQLException {
        logger.log(level, message);
    }

    private Map<String, MessageTemplate> compile(Activity.Channel channel) {
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        for (var e : ChannelSql.texts(channel).entrySet()) {
            try {
                templates.put(e.getKey(), MessageTemplate.compile(e.getValue(), ChannelSql.isHtml(channel, e.getKey())));
            } catch (TemplateException x) {
                throw new TaskRunner.TaskFailure("the " + e.getKey() + " template is not valid: " + x.getMessage());
            }
        }
        return templates;
    }

    /** A placeholder without a default must have a value in every message; checked before anything is sent. */
    private void checkMissingValues(Step step, Map<String, MessageTemplate> templates, List<String> placeholders,
            String candidates) throws SQLException {
        for (var t : templates.entrySet()) {
            for (String path : t.getValue().requiredPaths()) {
                int i = placeholders.indexOf(path);
                if (i < 0) {
                    continue;
                }
                long missing = count("SELECT count(*) FROM " + candidates + " WHERE __reason IS NULL AND __v" + i + " IS NULL");
                if (missing > 0) {
                    throw new TaskRunner.TaskFailure(missing + " messages have no value for {{" + path + "}} in the " + t.getKey()
                            + "; write {{" + path + " | default \"...\"}} or filter those rows out");
                }
            }
        }
    }

    private Map<String, Object> values(ResultSet r, List<String> placeholders, int first) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < placeholders.size(); i++) {
            values.put(placeholders.get(i), r.getObject(first + i));
        }
        return values;
    }

    private void logSamples(Step step, Activity.Channel channel, Map<String, MessageTemplate> templates,
            List<String> placeholders, String candidates) throws SQLException {
        String select = "SELECT __address" + vs(placeholders) + " FROM " + candidates + " WHERE __reason IS NULL ORDER BY __message_key LIMIT 3";
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            while (r.next()) {
                Map<String, Object> values = values(r, placeholders, 2);
                StringBuilder b = new StringBuilder("sample to " + r.getString(1) + ": ");
                for (var t : templates.entrySet()) {
                    String text = t.getValue().render(values);
                    b.append(t.getKey()).append(" = \"").append(text.length() > 120 ? text.substring(0, 117) + "..." : text)
                            .append("\" ");
                }
                log(step, "info", b.toString().trim().replace('\n', ' '));
            }
        }
    }

    private static String vs(List<String> placeholders) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < placeholders.size(); i++) {
            b.append(", __v").append(i);
        }
        return b.toString();
    }

    private void send(Step step, Activity.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders,
            String candidates, TaskRunner.Work work) throws SQLException {
        var d = ctx.dialect();
        String info = ctx.model().channels().get(step.name()).recipientEntity();
        // 1. the ledger first: every message to send is planned and committed before any is sent
        String ledger = ledger(step);
        exec(work, "CREATE TABLE IF NOT EXISTS " + ledger + " (message_key VARCHAR, recipient VARCHAR, row_key VARCHAR,"
                + " address VARCHAR, status VARCHAR, delivered_at TIMESTAMPTZ, error VARCHAR)");
        exec(work, "INSERT INTO " + ledger + "\nSELECT __message_key, __recipient, " + d.text("__row_key") + ", __address, 'planned',"
                + " NULL, NULL\nFROM " + candidates + " AS s\nWHERE __reason IS NULL\n  AND NOT EXISTS (SELECT 1 FROM " + ledger
                + " AS l WHERE l.message_key = s.__message_key)\nORDER BY __message_key");
        c.commit();
        // 2. send what is still planned, recording it as sent in batches once the provider has flushed
        String select = "SELECT d.message_key, d.recipient, d.address" + vs(placeholders).replace("__v", "s.__v") + "\nFROM " + ledger
                + " AS d\nJOIN " + candidates + " AS s ON s.__message_key = d.message_key\nWHERE d.status = 'planned'\nORDER BY d.message_key";
        long sent = 0;
        long failed = 0;
        List<String[]> batch = new ArrayList<>();
        Path outboxFile = options.outboxFile(ctx.runId());
        try (FileOutbox outbox = new FileOutbox(outboxFile)) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
                while (r.next()) {
                    Object[] row = new Object[3 + placeholders.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = r.getObject(i + 1);
                    }
                    rows.add(row);
                }
            }
            for (Object[] row : rows) {
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < placeholders.size(); i++) {
                    values.put(placeholders.get(i), row[3 + i]);
                }
                String key = (String) row[0];
                String subject = render(templates, "subject", values);
                String title = render(templates, "title", values);
                String body = channel.channel() == Activity.ChannelKind.SMS ? render(templates, "text", values) : render(templates, "body", values);
                Message m = new Message(key, ctx.runId(), ctx.model().campaign(), step.name(), channel.kind(), (String) row[1],
                        String.valueOf(row[2]), render(templates, "from", values), subject, body == null ? "" : body, title);
                try {
                    outbox.send(m);
                    batch.add(new String[] {key, "sent", subject != null ? subject : title, null});
                    sent++;
                } catch (DeliveryException x) {
                    batch.add(new String[] {key, "failed", subject != null ? subject : title, x.getMessage()});
                    failed++;
                }
                if (batch.size() >= BATCH) {
                    outbox.flush();
                    haltBeforeRecording();
                    record(step, batch);
                    if (Control.pending(options.db(), ctx.runId()).filter(k -> k == Control.Command.STOP).isPresent()) {
                        throw new TaskRunner.Stopped(sent + " messages were sent before the stop");
                    }
                }
            }
            outbox.flush();
            haltBeforeRecording();
            record(step, batch);
        } catch (DeliveryException x) {
            throw new TaskRunner.TaskFailure("the outbox " + outboxFile + " failed: " + x.getMessage());
        }
        // 3. the task's messages join the delivery history, in the task's transaction
        exec(work, "INSERT INTO camp_state.deliveries (message_key, run_id, campaign, activity, channel, entity, recipient, row_key,"
                + " address, status, sent_at, delivered_at, error)\nSELECT message_key, " + d.string(ctx.runId()) + ", "
                + d.string(ctx.model().campaign()) + ", " + d.string(step.name()) + ", " + d.string(channel.kind()) + ", "
                + d.string(info) + ", recipient, row_key, address, status, TIMESTAMPTZ "
                + d.string(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").format(ctx.instant().atOffset(ZoneOffset.UTC)))
                + ", delivered_at, error\nFROM " + ledger + "\nWHERE status IN ('sent', 'failed')");
        log(step, "info", "sent " + sent + " " + channel.kind() + " messages to " + outboxFile
                + (failed > 0 ? ", " + failed + " failed" : ""));
    }

    /**
     * Failure injection for the crash tests: with {@code -Dcamp.test.haltAfterFlushes=N}, the
     * process halts (as kill -9 would) after flushing N batches to the outbox and before
     * recording the last of them as sent.
     */
    private static int flushes;

    private static void haltBeforeRecording() {
        String n = System.getProperty("camp.test.haltAfterFlushes");
        if (n != null && ++flushes >= Integer.parseInt(n)) {
            Runtime.getRuntime().halt(137);
        }
    }

    /** The task's own ledger table: it survives a crash of the task so that a resume sends only what is left. */
    private String ledger(Step step) {
        return ctx.table(step.name() + "__ledger");
    }

    private static String render(Map<String, MessageTemplate> templates, String field, Map<String, Object> values) {
        MessageTemplate t = templates.get(field);
        return t == null ? null : t.render(values);
    }

    /**
     * Marks a batch of messages sent or failed and commits, so that a crash after it never
     * re-sends them. Messages are sent in key order, so the batch is the planned keys of this
     * task between its first and last key; the failures are then marked one by one.
     */
    private void record(Step step, List<String[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + ledger(step) + " SET status = 'sent', delivered_at = ?"
                + " WHERE status = 'planned' AND message_key BETWEEN ? AND ?")) {
            p.setObject(1, java.time.OffsetDateTime.now(ZoneOffset.UTC));
            p.setString(2, batch.get(0)[0]);
            p.setString(3, batch.get(batch.size() - 1)[0]);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE " + ledger(step) + " SET status = 'failed', error = ? WHERE message_key = ?")) {
            for (String[] m : batch) {
                if (m[1].equals("failed")) {
                    p.setString(1, m[3]);
                    p.setString(2, m[0]);
                    p.executeUpdate();
                }
            }
        }
        c.commit();
        batch.clear();
    }
}
