package camp.cli;

import camp.run.Store;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code camp preview RUN ACTIVITY[.PORT]}: the rows (or the columns) of one worktable of a run. */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = {
            "Show the rows an activity produced on one of its output ports in a run (its worktable), "
                    + "or with --schema the columns and their DuckDB types. The row key is shown under the "
                    + "entity's key name, then the entity's declared attributes, then the columns the flow added "
                    + "(enrich). Attributes are read from the entity's source: the run's copy of a csv file, a table, "
                    + "parquet file or query as it is now. Without .PORT: the port 'out' if there is one, else 'sent', "
                    + "else the first by name."},
        footer = {
            "",
            "With --format json, one object on stdout:",
            "  {\"run\",\"activity\",\"port\",\"rows\":N,\"columns\":[{\"name\",\"type\"}],",
            "   \"data\":[[...],...]}  (no \"data\" with --schema)",
            "With --messages: {\"run\",\"activity\",\"channel\",\"dryRun\",\"kept\",",
            "   \"messages\":[{\"key\",\"recipient\",\"to\",\"from\",\"subject\",\"title\",\"body\",\"html\"}]}",
            "",
            "While a run holds the database, preview reads a copy of it taken at that moment (and says so",
            "on stderr): what the run had committed by then.",
            "",
            "Exit codes: 0 ok, 2 usage, unknown run, activity or port, or a missing or unreadable database.",
            "",
            "Examples:",
            "  camp preview 20260310T090000Z tiers.gold --limit 5",
            "  camp preview 20260310T090000Z tiers.gold --columns id,email,spent_90d",
            "  camp preview 20260310T090000Z tiers.gold --schema",
            "  camp preview 20260310T090000Z gold_mail --messages --limit 3"})
final class PreviewCommand implements Callable<Integer> {
    private static final String KEY = "__key";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run id (see camp runs).")
    String runId;

    @Parameters(index = "1", paramLabel = "ACTIVITY[.PORT]", description = "The activity, and optionally its output port.")
    String target;

    @CommandLine.Mixin
    DatabaseOption database;

    @Option(names = "--schema", description = "Show the columns and their types instead of rows.")
    boolean schema;

    @Option(names = "--columns", split = ",", paramLabel = "NAME", description = "Show only these columns, in this order: the key, "
            + "attributes of the rows' entity, columns the flow added (default: the key, every declared attribute, then the added columns).")
    List<String> columnsWanted;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N rows (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--messages", description = "For a channel activity: the rendered messages (to, subject, body) instead of rows;"
            + " the first " + camp.sql.ChannelSql.SAMPLES + " of each task are kept, in a dry run too.")
    boolean messages;

    @CommandLine.Mixin
    FormatOption output;

    /** {@code --messages}: the kept rendered messages of a channel activity. */
    private int messages(Path db, String activity, PrintWriter out, PrintWriter err) {
        try (RunState.Snapshot opened = RunState.openOrSnapshot(db, err)) {
            Connection c = opened.connection();
            Store store = new Store(c);
            Store.RunRow run = RunState.requireRun(store, db, runId);
            Store.TaskRow task = store.tasks(run.id()).get(activity);
            if (task == null) {
                err.println("camp: run '" + run.id() + "' has no activity '" + activity + "'");
                return ExitCodes.USAGE;
            }
            if (!List.of("email", "sms", "push").contains(task.kind())) {
                err.println("camp: '" + activity + "' is a " + task.kind() + ", not a channel: --messages shows what an email, sms or push sends");
                return ExitCodes.USAGE;
            }
            List<Store.Sample> kept = store.samples(run.id(), activity);
            List<Store.Sample> shown = kept.subList(0, Math.min(limit, kept.size()));
            if (output.json()) {
                ObjectNode root = Json.object();
                root.put("run", run.id());
                root.put("activity", activity);
                root.put("channel", task.kind());
                root.put("dryRun", run.dryRun());
                root.put("kept", kept.size());
                ArrayNode list = root.putArray("messages");
                for (Store.Sample m : shown) {
                    ObjectNode o = list.addObject();
                    o.put("key", m.key());
                    o.put("recipient", m.recipient());
                    o.put("to", m.address());
                    o.put("from", m.from());
                    o.put("subject", m.subject());
                    o.put("title", m.title());
                    o.put("body", m.body());
                    o.put("html", m.html());
                }
                out.println(Json.write(root));
                return ExitCodes.OK;
            }
            if (kept.isEmpty()) {
                out.println(task.status().isSettled() || task.status() == camp.run.TaskStatus.WAITING
                        ? "no message: '" + activity + "' had no one to send to" : "no message yet: '" + activity + "' is " + task.status());
                return ExitCodes.OK;
            }
            for (Store.Sample m : shown) {
                out.println("--- message " + m.seq() + (run.dryRun() ? " (dry run: not sent)" : "") + " to " + m.address()
                        + " (recipient " + m.recipient() + ")");
                if (m.from() != null) {
                    out.println("From:    " + m.from());
                }
                if (m.subject() != null) {
                    out.println("Subject: " + m.subject());
                }
                if (m.title() != null) {
                    out.println("Title:   " + m.title());
                }
                out.println();
                out.println(m.body());
            }
            out.println("--- " + shown.size() + " of the first " + kept.size() + " messages (in message key order)");
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    /**
     * A column as shown: the key under the entity's key name.
     *
     * @param sourceName the column's name in the worktable, or in the entity's source when {@code attribute}
     */
    private record Column(String name, String type, String sourceName, boolean attribute) {
        Column(String name, String type, String sourceName) {
            this(name, type, sourceName, false);
        }
    }

    /** Where the attributes of a worktable's rows are read: the entity's source as the run read it, and its key. */
    private record Source(String relation, String key, List<String> attributes) {
    }

    /**
     * The source of the rows' entity: the run's copy of a csv file, or the view over a parquet
     * file or query, in the run's schema; else the table of a table source, as the campaign file
     * declares it. Null when the rows have no entity or it cannot be found (the file changed).
     */
    private static Source source(Store store, Store.RunRow run, Store.WorktableRow w) throws SQLException {
        if (w.entity() == null || w.keyColumn() == null || camp.ir.Entity.DELIVERIES.equals(w.entity())) {
            return null;
        }
        camp.ir.Entity entity = entity(run, w.entity());
        String relation = store.runSource(run.id(), w.entity()).orElse(null);
        if (relation == null && entity != null && entity.sourceKind() == camp.ir.Entity.SourceKind.TABLE) {
            relation = quotedName(entity.location());
        }
        if (relation == null) {
            return null;
        }
        try {
            List<String> attributes = entity != null ? List.copyOf(entity.attributes().keySet())
                    : store.describeRelation(relation).stream().map(Store.Column::name).toList();
            return new Source(relation, entity != null ? entity.key() : w.keyColumn(), attributes);
        } catch (SQLException e) {
            return null; // the table is gone: the rows are shown without their attributes
        }
    }

    /** The entity as the run's campaign file declares it now; null when the file is gone or no longer checks. */
    private static camp.ir.Entity entity(Store.RunRow run, String name) {
        if (run.file() == null || !java.nio.file.Files.isRegularFile(Path.of(run.file()))) {
            return null;
        }
        try {
            camp.check.Checked checked = camp.check.Frontend.check(Path.of(run.file()), run.file());
            return checked.plan() == null ? null : checked.plan().entities().get(name);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String quotedName(String dotted) {
        StringBuilder b = new StringBuilder();
        for (String part : dotted.split("\\.", -1)) {
            b.append(b.length() == 0 ? "" : ".").append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }

    /** The key, every declared attribute (unless the flow added a column of its name), then the columns the flow added. */
    private static List<Column> withAttributes(List<Column> own, Source source) {
        java.util.Set<String> ownNames = new java.util.HashSet<>();
        own.forEach(col -> ownNames.add(col.sourceName()));
        List<Column> columns = new ArrayList<>();
        own.stream().filter(col -> col.sourceName().equals(KEY)).forEach(columns::add);
        for (String a : source.attributes()) {
            if (!a.equals(source.key()) && !ownNames.contains(a)) {
                columns.add(new Column(a, null, a, true));
            }
        }
        own.stream().filter(col -> !col.sourceName().equals(KEY)).forEach(columns::add);
        return columns;
    }

    /** The columns --columns names, in its order; every column without it. */
    private List<Column> chosen(List<Column> columns) throws RunState.Failure {
        if (columnsWanted == null) {
            return columns;
        }
        List<Column> out = new ArrayList<>();
        List<String> names = columns.stream().map(Column::name).toList();
        for (String wanted : columnsWanted) {
            Column col = columns.stream().filter(c -> c.name().equals(wanted.trim())).findFirst().orElse(null);
            if (col == null) {
                String hint = camp.diag.Suggestions.didYouMean(wanted.trim(), names);
                throw new RunState.Failure("the rows have no column '" + wanted.trim() + "' (columns: " + String.join(", ", names) + ")"
                        + (hint == null ? "" : "; " + hint));
            }
            out.add(col);
        }
        return out;
    }

    /** The rows on the chosen columns, attributes read from the entity's source; the types as the query gives them. */
    private static List<List<Object>> preview(Store store, Store.WorktableRow w, Source source, List<Column> columns, boolean keyed,
            long limit) throws SQLException {
        List<camp.sql.StateSql.PreviewColumn> select = columns.stream()
                .map(col -> new camp.sql.StateSql.PreviewColumn(col.attribute(), col.sourceName())).toList();
        Store.Preview p = store.preview(w, source == null ? null : source.relation(), source == null ? null : source.key(), select, keyed,
                limit);
        for (int i = 0; i < columns.size(); i++) {
            Column col = columns.get(i);
            columns.set(i, new Column(col.name(), p.columns().get(i).type(), col.sourceName(), col.attribute()));
        }
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> raw : p.rows()) {
            List<Object> row = new ArrayList<>(raw.size());
            for (Object v : raw) {
                row.add(value(v));
            }
            rows.add(row);
        }
        return rows;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path db = database.path();
        if (limit < 0) {
            err.println("camp: --limit must be 0 or more, not " + limit);
            return ExitCodes.USAGE;
        }
        int dot = target.indexOf('.');
        String activity = dot < 0 ? target : target.substring(0, dot);
        String port = dot < 0 ? null : target.substring(dot + 1);
        if (messages) {
            if (schema || port != null) {
                err.println("camp: --messages shows the messages of an activity: name the activity without a port, and no --schema");
                return ExitCodes.USAGE;
            }
            return messages(db, activity, out, err);
        }
        try (RunState.Snapshot opened = RunState.openOrSnapshot(db, err)) {
            Connection c = opened.connection();
            Store store = new Store(c);
            Store.RunRow run = RunState.requireRun(store, db, runId);
            List<Store.WorktableRow> found = store.worktables(run.id(), activity);
            Store.WorktableRow worktable = find(store, run, found, activity, port);
            Source source = source(store, run, worktable);
            List<Column> own = describe(store, worktable);
            boolean keyed = own.stream().anyMatch(col -> col.sourceName().equals(KEY));
            List<Column> columns = chosen(source == null ? own : withAttributes(own, source));
            long total = count(store, worktable);
            // with attributes or chosen columns, one query gives the types and the rows
            boolean joined = source != null || columnsWanted != null;
            List<List<Object>> rows = joined ? preview(store, worktable, source, columns, keyed, schema ? 0 : limit)
                    : schema ? List.of() : rows(store, worktable, columns);
            ObjectNode root = Json.object();
            root.put("run", run.id());
            root.put("activity", worktable.activity());
            root.put("port", worktable.port());
            root.put("rows", total);
            ArrayNode columnList = root.putArray("columns");
            for (Column col : columns) {
                columnList.addObject().put("name", col.name()).put("type", col.type());
            }
            if (port == null && !output.json() && found.size() > 1) {
                err.println("camp: showing " + worktable.activity() + "." + worktable.port() + " (ports: "
                        + String.join(", ", found.stream().map(Store.WorktableRow::port).sorted().toList())
                        + "; pick one with " + worktable.activity() + ".PORT)");
            }
            if (schema) {
                printSchema(root, columns, out);
                return ExitCodes.OK;
            }
            if (output.json()) {
                ArrayNode data = root.putArray("data");
                rows.forEach(row -> addRow(data.addArray(), row));
                out.println(Json.write(root));
            } else {
                printRows(columns, rows, total, out);
            }
            return ExitCodes.OK;
        } catch (RunState.Failure f) {
            return f.report(err);
        } catch (SQLException e) {
            return RunState.readError(err, db, e);
        }
    }

    /** The worktable of the activity and port; without a port, 'out' first, then 'sent', then by name. */
    private static Store.WorktableRow find(Store store, Store.RunRow run, List<Store.WorktableRow> found, String activity,
            String port) throws SQLException, RunState.Failure {
        if (found.isEmpty()) {
            List<String> activities = store.worktableActivities(run.id());
            String hint = camp.diag.Suggestions.didYouMean(activity, activities);
            throw new RunState.Failure("run '" + run.id() + "' has no worktable for activity '" + activity + "'"
                    + (activities.isEmpty() ? " (it has no worktables yet)"
                            : " (activities with worktables: " + String.join(", ", activities) + ")")
                    + (hint == null ? "" : "; " + hint));
        }
        if (port == null) {
            return found.get(0);
        }
        List<String> ports = new ArrayList<>();
        for (Store.WorktableRow w : found) {
            if (w.port().equals(port)) {
                return w;
            }
            ports.add(w.port());
        }
        String hint = camp.diag.Suggestions.didYouMean(port, ports);
        throw new RunState.Failure("activity '" + activity + "' of run '" + run.id() + "' has no port '" + port
                + "' (ports: " + String.join(", ", ports.stream().sorted().toList()) + ")" + (hint == null ? "" : "; " + hint));
    }

    private static List<Column> describe(Store store, Store.WorktableRow w) throws RunState.Failure {
        List<Store.Column> raw;
        try {
            raw = store.describe(w);
        } catch (SQLException | IllegalArgumentException e) {
            throw gone(w, e);
        }
        boolean keyNameFree = w.keyColumn() != null && raw.stream().noneMatch(r -> r.name().equals(w.keyColumn()));
        List<Column> columns = new ArrayList<>();
        for (Store.Column r : raw) {
            String shown = r.name().equals(KEY) && keyNameFree ? w.keyColumn() : r.name();
            columns.add(new Column(shown, r.type(), r.name()));
        }
        return columns;
    }

    private static long count(Store store, Store.WorktableRow w) throws RunState.Failure {
        try {
            return store.count(w);
        } catch (SQLException | IllegalArgumentException e) {
            throw gone(w, e);
        }
    }

    /** The first rows, by key when there is one so that the same command shows the same rows. */
    private List<List<Object>> rows(Store store, Store.WorktableRow w, List<Column> columns) throws SQLException {
        boolean keyed = columns.stream().anyMatch(col -> col.sourceName().equals(KEY));
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> raw : store.firstRows(w, keyed, limit)) {
            List<Object> row = new ArrayList<>(raw.size());
            for (Object v : raw) {
                row.add(value(v));
            }
            rows.add(row);
        }
        return rows;
    }

    private static RunState.Failure gone(Store.WorktableRow w, Exception e) {
        return new RunState.Failure("cannot read the worktable " + w.table() + " of " + w.activity() + "." + w.port()
                + " (was the run purged?): " + RunState.firstLine(e.getMessage()));
    }

    /** A JDBC value as a string, number, boolean or null: what JSON and the text table can show. */
    static Object value(Object v) throws SQLException {
        if (v == null || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? d.toString() : v;
        }
        if (v instanceof Float f) {
            return f.isNaN() || f.isInfinite() ? f.toString() : (Object) Double.valueOf(f.toString());
        }
        if (v instanceof Number) {
            return v;
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (v instanceof Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof Blob b) {
            StringBuilder hex = new StringBuilder();
            for (byte x : b.getBytes(1, (int) b.length())) {
                hex.append(String.format(Locale.ROOT, "\\x%02X", x));
            }
            return hex.toString();
        }
        return v.toString();
    }

    private static void addRow(ArrayNode array, List<Object> row) {
        for (Object v : row) {
            if (v == null) {
                array.addNull();
            } else if (v instanceof Boolean b) {
                array.add(b);
            } else if (v instanceof BigDecimal d) {
                array.add(d);
            } else if (v instanceof BigInteger i) {
                array.add(i);
            } else if (v instanceof Double d) {
                array.add(d);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                array.add(((Number) v).longValue());
            } else if (v instanceof Number n) {
                array.add(new BigDecimal(n.toString()));
            } else {
                array.add(v.toString());
            }
        }
    }

    private void printSchema(ObjectNode root, List<Column> columns, PrintWriter out) {
        if (output.json()) {
            out.println(Json.write(root));
            return;
        }
        TextTable table = new TextTable("COLUMN", "TYPE");
        columns.forEach(col -> table.add(col.name(), col.type()));
        table.print(out);
    }

    private static void printRows(List<Column> columns, List<List<Object>> rows, long total, PrintWriter out) {
        TextTable table = new TextTable(columns.stream().map(Column::name).toList());
        for (int i = 0; i < columns.size(); i++) {
            final int col = i;
            if (!rows.isEmpty() && rows.stream().allMatch(r -> r.get(col) == null || r.get(col) instanceof Number)) {
                table.alignRight(col);
            }
        }
        for (List<Object> row : rows) {
            table.add(row.stream().map(PreviewCommand::text).toList());
        }
        table.print(out);
        out.println(RunState.plural(total, "row") + " (showing " + rows.size() + ")");
    }

    private static String text(Object v) {
        if (v == null) {
            return "NULL";
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
