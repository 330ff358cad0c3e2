package camp.run;

import camp.deliver.DeliveryException;
import camp.deliver.FileOutbox;
import camp.deliver.Message;
import camp.deliver.MessageTemplate;
import camp.deliver.TemplateException;
import camp.ir.Step;
import camp.sql.DeliverySql;
import camp.sql.SqlContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends the messages of a channel task through its delivery ledger (delivery-guarantees.md,
 * {@link DeliverySql}): every message to send is first committed to the ledger as {@code
 * planned}, under a key derived from campaign, run, activity and recipient row; then each is
 * rendered and handed to the provider, and recorded as {@code sent} in batches once the provider
 * has flushed them. When the task ends, its ledger joins the delivery history in the task's
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

    /** Runs a statement of the task and keeps it in the task's record. */
    interface Executor {
        void exec(String statement) throws SQLException;
    }

    ChannelRunner(Connection c, SqlContext ctx, RunOptions options, Logger logger) {
        this.c = c;
        this.ctx = ctx;
        this.options = options;
        this.logger = logger;
    }

    /** Sends (or, in a dry run, counts) the messages of the candidates table; the ports are made afterwards. */
    void run(Step.Channel channel, DeliverySql sql, Executor exec) throws SQLException {
        Map<String, MessageTemplate> templates = compile(channel);
        List<String> placeholders = channel.placeholders().stream().map(Step.Placeholder::path).toList();
        checkMissingValues(templates, placeholders, sql);
        long eligible = count(sql.eligible());
        if (options.dryRun()) {
            logSamples(templates, placeholders, sql);
            // what it would send counts against the caps of later channels of this dry run
            exec.exec(sql.dryRecord());
            logger.log("info", "dry run: would send " + eligible + " " + channel.channel().label() + " messages");
        } else {
            send(channel, templates, placeholders, sql, exec);
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.reasons())) {
            List<String> reasons = new ArrayList<>();
            while (r.next()) {
                reasons.add(r.getLong(2) + " " + r.getString(1));
            }
            if (!reasons.isEmpty()) {
                logger.log("info", "not sent: " + String.join(", ", reasons));
            }
        }
    }

    private long count(String select) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(select)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, MessageTemplate> compile(Step.Channel channel) {
        Map<String, MessageTemplate> templates = new LinkedHashMap<>();
        for (Step.Text t : channel.texts()) {
            try {
                templates.put(t.field(), MessageTemplate.compile(t.value(), t.html()));
            } catch (TemplateException x) {
                throw TaskFailure.user("the " + t.field() + " template is not valid: " + x.getMessage());
            }
        }
        return templates;
    }

    /** A placeholder without a default must have a value in every message; checked before anything is sent. */
    private void checkMissingValues(Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql)
            throws SQLException {
        for (var t : templates.entrySet()) {
            for (String path : t.getValue().requiredPaths()) {
                int i = placeholders.indexOf(path);
                if (i < 0) {
                    continue;
                }
                long missing = count(sql.missing().get(i));
                if (missing > 0) {
                    throw TaskFailure.user(missing + " messages have no value for {{" + path + "}} in the " + t.getKey()
                            + "; write {{" + path + " | default \"...\"}} or filter those rows out");
                }
            }
        }
    }

    private static Map<String, Object> values(ResultSet r, List<String> placeholders, int first) throws SQLException {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < placeholders.size(); i++) {
            values.put(placeholders.get(i), r.getObject(first + i));
        }
        return values;
    }

    private void logSamples(Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.samples())) {
            while (r.next()) {
                Map<String, Object> values = values(r, placeholders, 2);
                StringBuilder b = new StringBuilder("sample to " + r.getString(1) + ": ");
                for (var t : templates.entrySet()) {
                    String text = t.getValue().render(values);
                    b.append(t.getKey()).append(" = \"").append(text.length() > 120 ? text.substring(0, 117) + "..." : text)
                            .append("\" ");
                }
                logger.log("info", b.toString().trim().replace('\n', ' '));
            }
        }
    }

    private void send(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql,
            Executor exec) throws SQLException {
        // 1. the ledger first: every message to send is planned and committed before any is sent
        exec.exec(sql.createLedger());
        exec.exec(sql.plan());
        c.commit();
        // 2. send what is still planned, recording it as sent in batches once the provider has flushed
        long sent = 0;
        long failed = 0;
        List<String[]> batch = new ArrayList<>();
        Path outboxFile = options.outboxFile(ctx.runId());
        String kind = channel.channel().label();
        try (FileOutbox outbox = new FileOutbox(outboxFile, java.time.Clock.systemUTC(), new Store(c).databaseId())) {
            List<Object[]> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.pending())) {
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
                String body = channel.channel() == Step.ChannelKind.SMS ? render(templates, "text", values) : render(templates, "body", values);
                Message m = new Message(key, ctx.runId(), ctx.plan().campaign(), channel.name(), kind, (String) row[1],
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
                    record(sql, batch);
                    pauseForTests();
                    if (options.shutdown().getAsBoolean()) {
                        throw new TaskRunner.Interrupted();
                    }
                    if (Control.pending(options.db(), ctx.runId()).filter(k -> k == Control.Command.STOP).isPresent()) {
                        throw new TaskRunner.Stopped(sent + " messages were sent before the stop");
                    }
                }
            }
            outbox.flush();
            haltBeforeRecording();
            record(sql, batch);
        } catch (DeliveryException x) {
            throw TaskFailure.user("the outbox " + outboxFile + " failed: " + x.getMessage());
        }
        // 3. the history has every batch already; this adds what an earlier attempt may have left out
        exec.exec(sql.history());
        logger.log("info", "sent " + sent + " " + kind + " messages to " + outboxFile + (failed > 0 ? ", " + failed + " failed" : ""));
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

    /** For the tests of a stop in the middle of sending: {@code -Dcamp.test.pauseAfterBatchMs=N} makes each batch last N ms more. */
    private static void pauseForTests() {
        long ms = Long.getLong("camp.test.pauseAfterBatchMs", 0);
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String render(Map<String, MessageTemplate> templates, String field, Map<String, Object> values) {
        MessageTemplate t = templates.get(field);
        return t == null ? null : t.render(values);
    }

    /**
     * Marks a batch of messages sent or failed, copies them into the delivery history, and
     * commits, so that a crash or a stop after it never re-sends them and the history has them
     * whatever ends the task. Messages are sent in key order, so the batch is the planned keys of
     * this task between its first and last key; the failures are then marked one by one.
     */
    private void record(DeliverySql sql, List<String[]> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement(sql.markSent())) {
            p.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            p.setString(2, batch.get(0)[0]);
            p.setString(3, batch.get(batch.size() - 1)[0]);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(sql.markFailed())) {
            for (String[] m : batch) {
                if (m[1].equals("failed")) {
                    p.setString(1, m[3]);
                    p.setString(2, m[0]);
                    p.executeUpdate();
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(sql.recordHistory())) {
            p.setString(1, batch.get(0)[0]);
            p.setString(2, batch.get(batch.size() - 1)[0]);
            p.executeUpdate();
        }
        c.commit();
        batch.clear();
    }
}
