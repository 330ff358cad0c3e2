package camp.run;

import camp.deliver.DeliveryException;
import camp.deliver.DeliveryProvider;
import camp.deliver.Message;
import camp.deliver.MessageTemplate;
import camp.deliver.TemplateException;
import camp.ir.Step;
import camp.sql.DeliverySql;
import camp.sql.SqlContext;
import camp.types.DurationValue;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
    private final Connection c;
    private final Providers providers;
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

    ChannelRunner(Connection c, SqlContext ctx, RunOptions options, Providers providers, Logger logger) {
        this.c = c;
        this.ctx = ctx;
        this.options = options;
        this.providers = providers;
        this.logger = logger;
    }

    /**
     * Sends (or, in a dry run, counts) the messages of the candidates table; the ports are made
     * afterwards. Returns null when every message is handled, or, for a channel that sends in
     * waves, the time the next wave is due: the task then waits, and sends that wave when it is
     * run again (resumed by the scheduler or camp resume).
     *
     * @param base the logical time the step starts at (the run's, or that of the wait before it)
     */
    Instant run(Step.Channel channel, DeliverySql sql, Executor exec, Instant base) throws SQLException {
        Map<String, MessageTemplate> templates = compile(channel);
        List<String> placeholders = channel.placeholders().stream().map(Step.Placeholder::path).toList();
        checkMissingValues(templates, placeholders, sql);
        long eligible = count(sql.eligible());
        Instant next = null;
        keepSamples(channel, templates, placeholders, sql);
        if (options.dryRun()) {
            // what it would send counts against the caps of later channels of this dry run
            exec.exec(sql.dryRecord());
            logger.log("info", (options.test() ? "test run: the real run would send " : "dry run: would send ") + eligible + " "
                    + channel.channel().label() + " messages"
                    + (channel.waves() == null ? "" : " in waves of " + channel.waves().count() + " every " + channel.waves().every()));
            if (options.test()) {
                sendTests(channel, templates, placeholders, sql);
            }
        } else {
            next = send(channel, templates, placeholders, sql, exec, base);
        }
        if (next == null) {
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
        return next;
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

    /**
     * Renders the first messages of the task (in key order) and keeps them for {@code camp preview
     * --messages}, in a dry run too, so that a marketer reads what will be sent before sending; a
     * dry run also logs the first three.
     */
    private void keepSamples(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql)
            throws SQLException {
        List<Store.Sample> samples = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.samples())) {
            while (r.next()) {
                Map<String, Object> values = values(r, placeholders, 4);
                String body = channel.channel() == Step.ChannelKind.SMS ? render(templates, "text", values) : render(templates, "body", values);
                samples.add(new Store.Sample(samples.size() + 1, r.getString(1), r.getString(2), r.getString(3),
                        render(templates, "from", values), render(templates, "subject", values), render(templates, "title", values), body,
                        html(channel)));
            }
        }
        new Store(c).keepSamples(ctx.runId(), channel.name(), samples);
        if (options.dryRun()) {
            for (Store.Sample m : samples.subList(0, Math.min(3, samples.size()))) {
                StringBuilder b = new StringBuilder("sample to " + m.address() + ": ");
                for (String[] field : new String[][] {{"subject", m.subject()}, {"title", m.title()}, {"body", m.body()}}) {
                    if (field[1] != null) {
                        String text = field[1];
                        b.append(field[0]).append(" = \"").append(text.length() > 120 ? text.substring(0, 117) + "..." : text).append("\" ");
                    }
                }
                logger.log("info", b.toString().trim().replace('\n', ' '));
            }
        }
    }

    private Instant send(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql,
            Executor exec, Instant base) throws SQLException {
        // 1. the ledger first: every message to send is planned and committed before any is sent
        exec.exec(sql.createLedger());
        exec.exec(sql.plan());
        c.commit();
        String kind = channel.channel().label();
        String name = Providers.channel(channel.channel());
        Path defaultOutbox = options.outboxFile(ctx.runId());
        String provider = providers.describe(name, providers.outboxFile(name, ctx.runId(), defaultOutbox));
        Step.Waves waves = channel.waves();
        ZoneId zone = ZoneId.of(ctx.plan().timezone());
        Throttle throttle = channel.throttle() == null ? null : new Throttle(channel.throttle());
        long sent = 0;
        long failed = 0;
        long handledBefore = -1;
        DeliveryProvider out = null;
        try {
            while (true) {
                long handled;
                long planned;
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.progress())) {
                    r.next();
                    handled = r.getLong(1);
                    planned = r.getLong(2);
                }
                if (handledBefore < 0) {
                    handledBefore = handled;
                }
                if (planned == 0) {
                    break;
                }
                // 2. waves: the first N at the step's time, the next N one period later, and so on
                long limit = Long.MAX_VALUE;
                Instant sentAt = base;
                if (waves != null) {
                    long wave = handled / waves.count();
                    sentAt = wave == 0 ? base
                            : Interpreter.plus(base, new DurationValue(wave * waves.every().amount(), waves.every().unit()), zone);
                    if (sentAt.isAfter(options.clock().instant())) {
                        logger.log("info", "sent " + sent + " " + kind + " messages to " + provider + (failed > 0 ? ", " + failed + " failed" : "")
                                + "; wave " + (wave + 1) + " of " + Math.min(waves.count(), planned) + " waits until " + sentAt
                                + " (" + planned + " messages to go)");
                        return sentAt;
                    }
                    limit = waves.count() - handled % waves.count();
                }
                // 3. send what is still planned, recording it as sent in batches once the provider has flushed
                if (out == null) {
                    out = providers.open(name, ctx.runId(), defaultOutbox, new Store(c).databaseId());
                }
                long[] done = sendSome(channel, templates, placeholders, sql, out, provider, throttle, sentAt, limit, sent);
                sent += done[0];
                failed += done[1];
                if (waves == null) {
                    break;
                }
            }
        } catch (DeliveryException x) {
            throw TaskFailure.user(failure(provider, x));
        } finally {
            if (out != null) {
                try {
                    out.close();
                } catch (DeliveryException x) {
                    // closing a provider after its last flush loses nothing
                }
            }
        }
        logger.log("info", "sent " + sent + " " + kind + " messages to " + provider + (failed > 0 ? ", " + failed + " failed" : "")
                + (throttle == null || sent < 2 ? "" : String.format(java.util.Locale.ROOT, " at %.1f per second", throttle.rate())));
        // 4. the history has every batch already (each was recorded with it in one commit); this adds what
        // an earlier attempt may have left out, when there was one
        if (handledBefore != 0) {
            exec.exec(sql.history());
        }
        return null;
    }

    /** Sends up to {@code limit} planned messages; returns how many were sent and how many failed. */
    private long[] sendSome(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql,
            DeliveryProvider out, String provider, Throttle throttle, Instant sentAt, long limit, long sentBefore)
            throws SQLException, DeliveryException {
        int batchSize = providers.batch(Providers.channel(channel.channel()));
        long[] counts = new long[2];
        List<String[]> batch = new ArrayList<>();
        try (PendingReader pending = new PendingReader(sql, placeholders.size(), limit)) {
            sendRows(channel, templates, placeholders, sql, out, provider, throttle, sentAt, sentBefore, pending, batch, batchSize, counts);
        }
        return counts;
    }

    private void sendRows(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql,
            DeliveryProvider out, String provider, Throttle throttle, Instant sentAt, long sentBefore, PendingReader pending,
            List<String[]> batch, int batchSize, long[] counts) throws SQLException, DeliveryException {
        String kind = channel.channel().label();
        Recorder recorder = new Recorder(sql, sentAt);
        boolean done = false;
        try {
            for (Object[] row = pending.next(); row != null; row = pending.next()) {
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < placeholders.size(); i++) {
                    values.put(placeholders.get(i), row[3 + i]);
                }
                String key = (String) row[0];
                String subject = render(templates, "subject", values);
                String title = render(templates, "title", values);
                String body = channel.channel() == Step.ChannelKind.SMS ? render(templates, "text", values) : render(templates, "body", values);
                Message m = new Message(key, ctx.runId(), ctx.plan().campaign(), channel.name(), kind, (String) row[1],
                        String.valueOf(row[2]), render(templates, "from", values), subject, body == null ? "" : body, title, html(channel));
                if (throttle != null) {
                    throttle.acquire();
                }
                try {
                    out.send(m);
                    batch.add(new String[] {key, "sent", subject != null ? subject : title, null});
                    counts[0]++;
                } catch (DeliveryException x) {
                    if (!x.permanent()) {
                        // the provider itself failed: what it took before is sent, the rest stays planned for a resume
                        recorder.await();
                        out.flush();
                        pending.finish();
                        record(sql, batch, sentAt);
                        throw TaskFailure.user(failure(provider, x) + " (" + (sentBefore + counts[0])
                                + " messages were sent before; camp resume sends the rest once it works)");
                    }
                    batch.add(new String[] {key, "failed", subject != null ? subject : title, x.getMessage()});
                    counts[1]++;
                }
                if (batch.size() >= batchSize) {
                    // the last batch is recorded before this one is flushed: never more than one batch sent and not recorded
                    recorder.await();
                    if (out.sendsOnFlush()) {
                        // nothing reaches anyone before the next flush, so the next batch renders while this one
                        // is made durable and recorded
                        out.push();
                        pending.finish();
                        haltBeforeRecording();
                        recorder.start(out, new ArrayList<>(batch));
                        batch.clear();
                    } else {
                        out.flush();
                        pending.finish();
                        haltBeforeRecording();
                        record(sql, batch, sentAt);
                    }
                    pauseForTests();
                    if (options.shutdown().getAsBoolean()) {
                        throw new TaskRunner.Interrupted();
                    }
                    if (Control.pending(options.db(), ctx.runId()).filter(k -> k == Control.Command.STOP).isPresent()) {
                        throw new TaskRunner.Stopped((sentBefore + counts[0]) + " messages were sent before the stop");
                    }
                }
            }
            recorder.await();
            out.flush();
            pending.finish();
            haltBeforeRecording();
            record(sql, batch, sentAt);
            done = true;
        } finally {
            if (!done) {
                recorder.awaitQuietly(); // whatever ends the task, the batch being recorded is recorded first
            }
        }
    }

    /**
     * Makes a pushed batch durable and records it, on a thread of its own, while the sender renders
     * the next one (for providers that send on flush only). The connection is the recorder's until
     * {@link #await()} returns, which the sender calls before it pushes again or touches the database.
     */
    private final class Recorder {
        private final DeliverySql sql;
        private final Instant sentAt;
        private Thread thread;
        private Throwable failure;

        Recorder(DeliverySql sql, Instant sentAt) {
            this.sql = sql;
            this.sentAt = sentAt;
        }

        void start(DeliveryProvider out, List<String[]> batch) {
            thread = new Thread(() -> {
                try {
                    out.sync();
                    record(sql, batch, sentAt);
                } catch (Throwable t) {
                    failure = t;
                }
            }, "camp-channel-recorder");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits for the batch being recorded; rethrows what failed its recording. */
        void await() throws SQLException {
            if (thread == null) {
                return;
            }
            uninterruptibly(thread::join);
            thread = null;
            Throwable t = failure;
            failure = null;
            rethrow(t);
        }

        void awaitQuietly() {
            try {
                await();
            } catch (SQLException | RuntimeException e) {
                // the failure that ends the task is already on its way; this batch stays planned for a resume
            }
        }
    }

    /**
     * {@code camp run --test}: each profile of the test audience gets one message of this
     * activity, rendered as a real recipient's (the first ones in key order, in turn) and sent to
     * the test profile's address through the channel's provider. Test messages are recorded apart
     * ({@code test_deliveries}): they count for no cap and no exactly-once of a real run, and a
     * resumed test run does not send them again.
     */
    private void sendTests(Step.Channel channel, Map<String, MessageTemplate> templates, List<String> placeholders, DeliverySql sql)
            throws SQLException {
        if (sql.testRecipients() == null) {
            throw TaskFailure.user(ctx.plan().testAudience() == null
                    ? "the campaign has no test audience: add `test audience = ENTITY where ...` for camp run --test"
                    : "the test audience's " + ctx.plan().testAudience().entity() + " has no address for " + channel.channel().label());
        }
        List<String[]> testers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.testRecipients())) {
            while (r.next()) {
                testers.add(new String[] {r.getString(1), r.getString(2)});
            }
        }
        List<Object[]> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.samples())) {
            while (r.next()) {
                Object[] row = new Object[3 + placeholders.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.getObject(i + 1);
                }
                rows.add(row);
            }
        }
        if (testers.isEmpty() || rows.isEmpty()) {
            logger.log("warn", testers.isEmpty() ? "test run: the test audience has no one with an address: nothing sent"
                    : "test run: no message to send, so none to the test audience");
            return;
        }
        Store store = new Store(c);
        java.util.Set<String> done = store.testDelivered(ctx.runId(), channel.name());
        String name = Providers.channel(channel.channel());
        Path defaultOutbox = options.outboxFile(ctx.runId());
        String provider = providers.describe(name, providers.outboxFile(name, ctx.runId(), defaultOutbox));
        String kind = channel.channel().label();
        int sent = 0;
        try (DeliveryProvider out = providers.open(name, ctx.runId(), defaultOutbox, store.databaseId())) {
            for (int i = 0; i < testers.size(); i++) {
                Object[] row = rows.get(i % rows.size());
                String key = md5(row[0] + "|test|" + testers.get(i)[0]);
                if (done.contains(key)) {
                    continue;
                }
                Map<String, Object> values = new HashMap<>();
                for (int v = 0; v < placeholders.size(); v++) {
                    values.put(placeholders.get(v), row[3 + v]);
                }
                String body = channel.channel() == Step.ChannelKind.SMS ? render(templates, "text", values) : render(templates, "body", values);
                Message m = new Message(key, ctx.runId(), ctx.plan().campaign(), channel.name(), kind, testers.get(i)[0], testers.get(i)[1],
                        render(templates, "from", values), render(templates, "subject", values), body == null ? "" : body,
                        render(templates, "title", values), html(channel));
                String status = "sent";
                String error = null;
                try {
                    out.send(m);
                    out.flush();
                    sent++;
                } catch (DeliveryException x) {
                    if (!x.permanent()) {
                        throw TaskFailure.user(failure(provider, x));
                    }
                    status = "failed";
                    error = x.getMessage();
                }
                store.recordTestDelivery(key, ctx.runId(), ctx.plan().campaign(), channel.name(), kind, testers.get(i)[0],
                        String.valueOf(row[1]), testers.get(i)[1], status, error);
                c.commit();
            }
        } catch (DeliveryException x) {
            throw TaskFailure.user(failure(provider, x));
        }
        logger.log("info", "test run: sent " + sent + " " + kind + " messages to the test audience through " + provider);
    }

    private static String md5(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider's failure in one sentence that names the provider once. */
    private static String failure(String provider, DeliveryException x) {
        String reason = String.valueOf(x.getMessage());
        return reason.contains(provider) ? reason : provider + " failed: " + reason;
    }

    /**
     * The messages still planned, in key order (key, recipient, address, then the placeholder
     * values), read on a thread of their own while the first ones are rendered and sent: fetching
     * the rows through JDBC costs as much as rendering them, and the two overlap on two cores. The
     * connection is the reader's until {@link #finish()} returns, which the sender calls before it
     * records a batch; {@link #close()} stops the reader and waits for it, whatever happened.
     */
    private final class PendingReader implements AutoCloseable {
        /** Rows go to the sender in chunks: one hand-over per row cost as much as reading it. */
        private static final int CHUNK = 256;
        private static final List<Object[]> END = List.of();
        private final java.util.concurrent.LinkedBlockingQueue<List<Object[]>> chunks = new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private final Thread thread;
        private volatile boolean cancelled;
        private volatile Throwable failure;
        private List<Object[]> chunk = List.of();
        private int next;

        PendingReader(DeliverySql sql, int placeholders, long limit) {
            thread = new Thread(() -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql.pending())) {
                    long read = 0;
                    List<Object[]> rows = new ArrayList<>(CHUNK);
                    while (!cancelled && read < limit && r.next()) {
                        Object[] row = new Object[3 + placeholders];
                        for (int i = 0; i < row.length; i++) {
                            row[i] = r.getObject(i + 1);
                        }
                        rows.add(row);
                        read++;
                        // the first row goes at once, so that sending starts as soon as there is something to send
                        if (rows.size() == CHUNK || read == 1) {
                            chunks.add(rows);
                            rows = new ArrayList<>(CHUNK);
                        }
                    }
                    if (!rows.isEmpty()) {
                        chunks.add(rows);
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    chunks.add(END);
                    done.countDown();
                }
            }, "camp-channel-reader");
            thread.setDaemon(true);
            thread.start();
        }

        /** The next planned message, or null after the last. */
        Object[] next() throws SQLException {
            if (next < chunk.size()) {
                return chunk.get(next++);
            }
            try {
                chunk = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskRunner.Interrupted();
            }
            next = 0;
            if (chunk == END) {
                chunks.add(END);
                finish();
                return null;
            }
            return chunk.get(next++);
        }

        /** Waits until every row is read, so that the connection is free; rethrows what failed the reading. */
        void finish() throws SQLException {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskRunner.Interrupted();
            }
            Throwable t = failure;
            rethrow(t);
        }

        @Override
        public void close() {
            cancelled = true;
            uninterruptibly(done::await);
        }
    }

    /** Rethrows what failed on a sending helper thread as the task's own failure; nothing when null. */
    private static void rethrow(Throwable t) throws SQLException {
        if (t instanceof SQLException x) {
            throw x;
        }
        if (t instanceof RuntimeException x) {
            throw x;
        }
        if (t instanceof Error x) {
            throw x;
        }
    }

    /** A wait that an interrupt may cut short. */
    private interface Wait {
        void run() throws InterruptedException;
    }

    /** Waits to the end however often interrupted (the connection must be free after it), keeping the interrupt. */
    private static void uninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the channel's body is HTML: written as HTML, or read from an .html template. */
    private static boolean html(Step.Channel channel) {
        return channel.texts().stream().anyMatch(t -> t.field().equals("body") && t.html());
    }

    /**
     * {@code throttle N per second}: two messages leave at least 1/N s apart, so that the rate
     * measured between any two of them never exceeds N (a bucket of one token, refilled N times a
     * second; a late message does not earn a burst).
     */
    private static final class Throttle {
        private final long interval;
        private final long start = System.nanoTime();
        private long last = Long.MIN_VALUE;
        private long count;

        Throttle(long perSecond) {
            this.interval = (1_000_000_000L + perSecond - 1) / perSecond;
        }

        void acquire() {
            if (count > 0) {
                long wait = last + interval - System.nanoTime();
                while (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                    wait = last + interval - System.nanoTime();
                }
            }
            last = System.nanoTime();
            count++;
        }

        /** The rate so far, in messages per second. */
        double rate() {
            double seconds = (last - start) / 1e9;
            return seconds <= 0 || count < 2 ? 0 : (count - 1) / seconds;
        }
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
    private void record(DeliverySql sql, List<String[]> batch, Instant sentAt) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        OffsetDateTime logical = sentAt.atOffset(ZoneOffset.UTC);
        try (PreparedStatement p = c.prepareStatement(sql.markSent())) {
            p.setObject(1, logical);
            p.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            p.setString(3, batch.get(0)[0]);
            p.setString(4, batch.get(batch.size() - 1)[0]);
            p.executeUpdate();
        }
        try (PreparedStatement p = c.prepareStatement(sql.markFailed())) {
            for (String[] m : batch) {
                if (m[1].equals("failed")) {
                    p.setObject(1, logical);
                    p.setString(2, m[3]);
                    p.setString(3, m[0]);
                    p.executeUpdate();
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(sql.recordHistory())) {
            p.setString(1, batch.get(0)[0]);
            p.setString(2, batch.get(batch.size() - 1)[0]);
            p.setString(3, batch.get(0)[0]);
            p.setString(4, batch.get(batch.size() - 1)[0]);
            p.executeUpdate();
        }
        c.commit();
        batch.clear();
    }
}
