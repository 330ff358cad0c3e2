package camp.run;

import camp.check.CheckedTests;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Plan;
import camp.source.Span;
import camp.sql.DuckDbDialect;
import camp.types.Type;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the tests of a checked {@code .camptest} file: each test in a fresh in-memory database
 * that holds its fixtures (every entity without one is empty), as a dry run of the campaign at
 * the test's logical time with its params, through every wait; then each expectation is held
 * to the ports' row counts and rows. Nothing outside a temporary folder is written.
 */
public final class TestRunner {
    /** A test runs through every wait: its clock is far past any release time. */
    private static final Instant LATE = Instant.parse("2999-12-31T00:00:00Z");
    /** The most unexpected or missing rows a failure lists. */
    static final int SHOWN_ROWS = 20;
    private static final DuckDbDialect SQL = DuckDbDialect.INSTANCE;

    private TestRunner() {
    }

    /** One expectation held to the run: passed, or why not (a headline and the rows that differ). */
    public record Outcome(CheckedTests.Expectation expectation, boolean passed, String message, List<String> details) {
        public Outcome {
            details = List.copyOf(details);
        }

        /** The failure as a diagnostic at the expectation (without the rows that differ); null when it passed. */
        public Diagnostic diagnostic() {
            if (passed) {
                return null;
            }
            return Diagnostic.at(expectation.span(), Code.TEST_FAILED, message);
        }
    }

    /**
     * What a test did.
     *
     * @param problems why the campaign did not run or did not finish (the test failed without its expectations being held)
     * @param counts every port's row count after the run, activity.port to rows
     */
    public record Result(CheckedTests.Case test, List<Outcome> outcomes, List<Diagnostic> problems, Map<String, Long> counts,
            long nanos) {
        public Result {
            outcomes = List.copyOf(outcomes);
            problems = List.copyOf(problems);
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        public boolean passed() {
            return problems.isEmpty() && outcomes.stream().allMatch(Outcome::passed);
        }

        /** Every reason the test failed, as diagnostics in file order. */
        public List<Diagnostic> failures() {
            List<Diagnostic> all = new ArrayList<>(problems);
            outcomes.stream().map(Outcome::diagnostic).filter(d -> d != null).forEach(all::add);
            return all;
        }
    }

    /** Runs one test of a file without errors. */
    public static Result run(CheckedTests tests, CheckedTests.Case test) {
        long start = System.nanoTime();
        Path folder;
        try {
            folder = Files.createTempDirectory("camp-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return runIn(tests, test, folder, start);
        } finally {
            delete(folder);
        }
    }

    private static Result runIn(CheckedTests tests, CheckedTests.Case test, Path folder, long start) {
        Plan original = tests.campaign().plan();
        Plan plan = onFixtures(original);
        Span at = test.span();
        try (Connection c = Database.openInMemory()) {
            for (Entity e : original.entities().values()) {
                if (!e.isDeliveries()) {
                    createFixture(c, e, test.fixtures().get(e.name()));
                }
            }
            for (CheckedTests.Saved saved : test.saved().values()) {
                createSaved(c, original.entity(saved.entity()), saved);
            }
            ZoneId zone = ZoneId.of(plan.timezone());
            Instant logical = test.at().atZone(zone).toInstant();
            RunOptions options = new RunOptions(tests.campaign().root().path(), folder.resolve("test.duckdb"), logical, test.params(),
                    true, null, RunListener.NONE, Clock.fixed(LATE.isAfter(logical) ? LATE : logical, ZoneOffset.UTC), null, null);
            RunResult result;
            try {
                result = Interpreter.runIn(c, options, plan);
            } catch (IllegalArgumentException e) {
                return failed(test, at, e.getMessage(), start);
            }
            if (result.run() == null) {
                return new Result(test, List.of(), result.diagnostics(), Map.of(), System.nanoTime() - start);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            result.activities().forEach((name, a) -> a.outputs().forEach((port, n) -> counts.put(name + "." + port, n)));
            if (result.status() != RunStatus.COMPLETED) {
                List<Diagnostic> problems = new ArrayList<>();
                // where the campaign failed, without the advice to resume: a test's run is gone with its database
                result.diagnostics().forEach(d -> problems.add(new Diagnostic(d.code(), d.severity(), d.file(), d.span(), d.message(), null, null)));
                String why = "the campaign's run " + result.status().label() + (result.error() == null ? "" : ": " + result.error());
                problems.add(Diagnostic.at(at, Code.TEST_RUN_FAILED, why));
                return new Result(test, List.of(), problems, counts, System.nanoTime() - start);
            }
            Store store = new Store(c);
            List<Outcome> outcomes = new ArrayList<>();
            for (CheckedTests.Expectation e : test.expectations()) {
                outcomes.add(e instanceof CheckedTests.Count count ? count(count, counts)
                        : rows((CheckedTests.Rows) e, original, store, result.run(), counts));
            }
            return new Result(test, outcomes, List.of(), counts, System.nanoTime() - start);
        } catch (FixtureFailure e) {
            return failed(test, e.span == null ? at : e.span, e.getMessage(), start);
        } catch (SQLException e) {
            return failed(test, at, "the database refused the test: " + firstLine(e.getMessage()), start);
        } catch (IOException e) {
            return failed(test, at, "cannot read a fixture: " + e.getMessage(), start);
        }
    }

    private static Result failed(CheckedTests.Case test, Span at, String message, long start) {
        return new Result(test, List.of(), List.of(Diagnostic.at(at, Code.TEST_RUN_FAILED, message)), Map.of(), System.nanoTime() - start);
    }

    // ------------------------------------------------------------ fixtures

    /** The table that holds an entity's fixture. */
    static String fixtureTable(String entity) {
        return "camp_fixture_" + entity;
    }

    /** The plan with every entity read from its fixture table. */
    static Plan onFixtures(Plan plan) {
        Map<String, Entity> entities = new LinkedHashMap<>();
        for (Entity e : plan.entities().values()) {
            entities.put(e.name(), e.isDeliveries() ? e
                    : new Entity(e.name(), e.key(), Entity.SourceKind.TABLE, fixtureTable(e.name()), null, e.attributes(), e.links(),
                            e.consents(), e.span()));
        }
        return new Plan(plan.campaign(), plan.timezone(), plan.schedule(), entities, plan.audiences(), plan.params(),
                plan.testAudience(), plan.steps(), plan.edges(), plan.shared());
    }

    private static void createFixture(Connection c, Entity e, CheckedTests.Fixture fixture) throws SQLException, IOException {
        String table = SQL.quoteIdentifier(fixtureTable(e.name()));
        String columns = e.attributes().entrySet().stream()
                .map(a -> SQL.quoteIdentifier(a.getKey()) + " " + SQL.type(a.getValue())).collect(Collectors.joining(", "));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (" + columns + ")");
        }
        if (fixture == null) {
            return;
        }
        String names = fixture.columns().stream().map(SQL::quoteIdentifier).collect(Collectors.joining(", "));
        if (fixture.csv() != null) {
            String types = fixture.columns().stream()
                    .map(col -> SQL.string(col) + ": " + SQL.string(SQL.type(e.attributes().get(col))))
                    .collect(Collectors.joining(", "));
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO " + table + " (" + names + ") SELECT " + names + " FROM read_csv("
                        + SQL.string(fixture.csv().toAbsolutePath().toString()) + ", header = true, auto_detect = false, columns = {"
                        + types + "})");
            } catch (SQLException ex) {
                throw new FixtureFailure(fixture.span(), "the fixture of '" + e.name() + "' does not load: " + fixture.csv().getFileName()
                        + csvError(String.valueOf(ex.getMessage())));
            }
            return;
        }
        String marks = fixture.columns().stream().map(col -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")")) {
            for (List<Object> row : fixture.rows()) {
                for (int i = 0; i < row.size(); i++) {
                    s.setObject(i + 1, jdbc(row.get(i)));
                }
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** A fixture that the database cannot load, and where the test file gives it. */
    private static final class FixtureFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Span span;

        FixtureFailure(Span span, String message) {
            super(message, null, false, false);
            this.span = span;
        }
    }

    /** DuckDB's CSV error as ", line N: what" (the line of the file and the value it could not convert). */
    static String csvError(String message) {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("CSV Error on Line: (\\d+)").matcher(message);
        java.util.regex.Matcher what = java.util.regex.Pattern.compile("Error when converting column \"([^\"]*)\"\\. (Could not convert [^\n]*)")
                .matcher(message);
        if (line.find() && what.find()) {
            return ", line " + line.group(1) + ": " + what.group(2).replace("Could not", "could not") + " (column " + what.group(1) + ")";
        }
        return ": " + firstLine(message);
    }

    /** A saved audience as a campaign's save audience leaves it: its keys in its table, recorded with its entity. */
    private static void createSaved(Connection c, Entity e, CheckedTests.Saved saved) throws SQLException {
        String table = SQL.quoteIdentifier("camp_saved") + "." + SQL.quoteIdentifier(camp.sql.SqlContext.savedTableName(saved.name()));
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SQL.quoteIdentifier("camp_saved"));
            s.execute("CREATE OR REPLACE TABLE " + table + " (__key " + SQL.type(e.keyType()) + ")");
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " VALUES (?)")) {
            for (Object key : saved.keys()) {
                s.setObject(1, jdbc(key));
                s.addBatch();
            }
            s.executeBatch();
        }
        new Store(c).recordSavedAudience(saved.name(), e.name(), table, "camp test", "fixture", saved.keys().size());
    }

    private static Object jdbc(Object v) {
        if (v instanceof LocalDate d) {
            return Date.valueOf(d);
        }
        if (v instanceof LocalDateTime t) {
            return Timestamp.valueOf(t);
        }
        return v;
    }

    // ------------------------------------------------------------ expectations

    private static Outcome count(CheckedTests.Count e, Map<String, Long> counts) {
        long actual = counts.getOrDefault(e.shown(), 0L);
        if (e.holds(actual)) {
            return new Outcome(e, true, null, List.of());
        }
        return new Outcome(e, false, "expected " + e.shown() + " count " + e.operator() + " " + e.count() + ", found " + actual,
                List.of());
    }

    private static Outcome rows(CheckedTests.Rows e, Plan plan, Store store, String run, Map<String, Long> counts) throws SQLException {
        List<List<Object>> actual = actualRows(e, plan, store, run);
        List<Integer> scales = floatScales(e);
        Map<String, Integer> expected = tally(e.rows(), e.types(), scales);
        Map<String, Integer> found = tally(actual, e.types(), scales);
        List<String> missing = difference(expected, found);
        List<String> unexpected = difference(found, expected);
        if (missing.isEmpty() && unexpected.isEmpty()) {
            return new Outcome(e, true, null, List.of());
        }
        List<String> details = new ArrayList<>();
        List<String> header = new ArrayList<>(e.columns());
        List<List<String>> lines = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (String m : limited(missing)) {
            lines.add(List.of(m.split("\u0001", -1)));
            marks.add("-");
        }
        for (String u : limited(unexpected)) {
            lines.add(List.of(u.split("\u0001", -1)));
            marks.add("+");
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> line : lines) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        details.add("  " + row(header, widths));
        for (int i = 0; i < lines.size(); i++) {
            details.add(marks.get(i) + " " + row(lines.get(i), widths));
        }
        if (missing.size() > SHOWN_ROWS) {
            details.add("(and " + (missing.size() - SHOWN_ROWS) + " more missing)");
        }
        if (unexpected.size() > SHOWN_ROWS) {
            details.add("(and " + (unexpected.size() - SHOWN_ROWS) + " more not expected)");
        }
        details.add("- expected and missing, + found and not expected");
        String message = e.shown() + " has other rows than expected: " + plural(missing.size(), "row") + " missing, "
                + plural(unexpected.size(), "row") + " not expected (expected " + e.rows().size() + ", found " + actual.size() + ")";
        return new Outcome(e, false, message, details);
    }

    private static List<String> limited(List<String> rows) {
        return rows.size() > SHOWN_ROWS ? rows.subList(0, SHOWN_ROWS) : rows;
    }

    private static String row(List<String> values, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(" | ");
            }
            String v = values.get(i);
            b.append(i == values.size() - 1 ? v : v + " ".repeat(widths[i] - v.length()));
        }
        return b.toString();
    }

    /** The port's rows on the expectation's columns: the flow's columns from the worktable, the attributes from the fixture. */
    private static List<List<Object>> actualRows(CheckedTests.Rows e, Plan plan, Store store, String run) throws SQLException {
        Optional<Store.WorktableRow> table = store.worktables(run, e.activity()).stream().filter(w -> w.port().equals(e.port())).findFirst();
        if (table.isEmpty()) {
            return List.of(); // the activity did not run: its port holds no row
        }
        Store.WorktableRow w = table.get();
        List<String> columns = store.describe(w).stream().map(Store.Column::name).toList();
        Entity entity = w.entity() == null ? null : plan.entities().get(w.entity());
        boolean join = false;
        List<String> select = new ArrayList<>();
        for (String col : e.columns()) {
            if (columns.contains(col)) {
                select.add("w." + SQL.quoteIdentifier(col));
            } else if (entity != null && col.equals(entity.key()) && columns.contains("__key")) {
                select.add("w.\"__key\"");
            } else {
                select.add("f." + SQL.quoteIdentifier(col));
                join = true;
            }
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + QualifiedNames.requote(w.table()) + " w"
                + (join && entity != null ? " LEFT JOIN " + SQL.quoteIdentifier(fixtureTable(entity.name())) + " f ON f."
                        + SQL.quoteIdentifier(entity.key()) + " = w.\"__key\"" : "");
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = store.connection().createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < select.size(); i++) {
                    values.add(r.getObject(i + 1));
                }
                rows.add(values);
            }
        }
        return rows;
    }

    /** For each float column, the most decimals an expected value of it has: found values are rounded to it. */
    private static List<Integer> floatScales(CheckedTests.Rows e) {
        List<Integer> scales = new ArrayList<>();
        for (int i = 0; i < e.columns().size(); i++) {
            int scale = 0;
            for (List<Object> row : e.rows()) {
                if (row.get(i) instanceof Double d) {
                    scale = Math.max(scale, Math.max(0, new BigDecimal(Double.toString(d)).stripTrailingZeros().scale()));
                }
            }
            scales.add(scale);
        }
        return scales;
    }

    private static Map<String, Integer> tally(List<List<Object>> rows, List<Type> types, List<Integer> scales) {
        Map<String, Integer> tally = new TreeMap<>();
        for (List<Object> row : rows) {
            List<String> shown = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                shown.add(shown(row.get(i), types.get(i), scales.get(i)));
            }
            tally.merge(String.join("\u0001", shown), 1, Integer::sum);
        }
        return tally;
    }

    /** The rows of {@code a} that {@code b} lacks, as often as they lack, in order. */
    private static List<String> difference(Map<String, Integer> a, Map<String, Integer> b) {
        List<String> out = new ArrayList<>();
        a.forEach((row, n) -> {
            for (int i = b.getOrDefault(row, 0); i < n; i++) {
                out.add(row);
            }
        });
        return out;
    }

    /** A value as a test file writes it, so that equal values read the same: numbers by value, text quoted. */
    static String shown(Object v, Type type, int floatScale) {
        if (v == null) {
            return "null";
        }
        return switch (type) {
            case INT -> String.valueOf(((Number) v).longValue());
            case DECIMAL -> plain(v instanceof BigDecimal d ? d : new BigDecimal(v.toString()));
            case FLOAT -> plain(new BigDecimal(Double.toString(((Number) v).doubleValue())).setScale(floatScale, RoundingMode.HALF_UP));
            case TEXT -> quoted(v.toString());
            case DATE -> v instanceof Date d ? d.toLocalDate().toString() : v.toString();
            case TIMESTAMP -> timestamp(v);
            default -> v.toString();
        };
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0).toPlainString() : s.toPlainString();
    }

    private static String timestamp(Object v) {
        LocalDateTime t = v instanceof Timestamp ts ? ts.toLocalDateTime() : v instanceof OffsetDateTime o ? o.toLocalDateTime()
                : v instanceof LocalDateTime l ? l : LocalDateTime.parse(v.toString().replace(' ', 'T'));
        String date = t.toLocalDate().toString();
        String time = t.toLocalTime().toString();
        return t.toLocalTime().getSecond() == 0 && t.toLocalTime().getNano() == 0 ? date + " " + time.substring(0, 5) : date + " " + time;
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static void delete(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a leftover in the temporary folder is harmless
                }
            });
        } catch (IOException e) {
            // nothing to clean
        }
    }
}
