package camp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.deliver.CsvLoader;
import camp.types.Type;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load csv} reads files with DuckDB's reader and camp's typing rules in SQL, and falls back
 * to camp's own reader for what the two could read differently. Both must give exactly what camp's
 * reader ({@link CsvLoader}, the reference) gives: the same rows keyed by the same lines with the
 * same values, the same rejected lines with the same reasons and raw text. Generated files cover
 * every type with good and bad values, blank lines, records over several lines, records of the
 * wrong width, CRLF, a byte-order mark; hand-written ones cover each construct that sends a file
 * to camp's reader. One campaign loads them all in one real run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadCsvTest {
    private static final List<CsvLoader.Column> COLUMNS = List.of(
            new CsvLoader.Column("id", Type.INT), new CsvLoader.Column("name", Type.TEXT),
            new CsvLoader.Column("amount", Type.DECIMAL), new CsvLoader.Column("score", Type.FLOAT),
            new CsvLoader.Column("vip", Type.BOOL), new CsvLoader.Column("born", Type.DATE),
            new CsvLoader.Column("seen", Type.TIMESTAMP));
    private static final int GENERATED = 12;

    /** File name to whether DuckDB's reader must read it (else camp's must). */
    private final Map<String, Boolean> files = new LinkedHashMap<>();
    private RunFixture fx;
    private String schema;
    private List<String> logs;

    @BeforeAll
    void runOneCampaignOverEveryFile(@TempDir Path temp) throws Exception {
        fx = new RunFixture(temp);
        for (int seed = 1; seed <= GENERATED; seed++) {
            String name = "gen" + seed + ".csv";
            fx.write("loads/" + name, generate(new Random(seed), seed % 3 == 0, seed % 4 == 0));
            files.put(name, true);
        }
        String header = "id,name,amount,score,vip,born,seen\n";
        // large enough for DuckDB to read it in parallel: its rows must still come in file order
        StringBuilder big = new StringBuilder(header);
        for (int line = 2; line < 300_000; line++) {
            big.append(line).append(line % 997 == 0 ? ",short\n" : line % 1009 == 0 ? ",Bad,x,1,yes,2026-01-01,2026-01-01 09:00\n"
                    : ",\"Name " + line + ", with some text to make the line longer\",12.5,0.25,yes,2026-01-01,2026-01-01 09:00\n");
        }
        handWritten("big.csv", true, big.toString());
        handWritten("lone_cr.csv", header + "1,a,1,1,yes,2026-01-01,2026-01-01 09:00\r2,b,2,2,no,2026-01-02,2026-01-02 09:00\n");
        handWritten("quote_inside.csv", header + "1,5'10\" tall,1,1,yes,2026-01-01,2026-01-01 09:00\n2,x,oops,1,no,,\n");
        handWritten("space_before_quote.csv", header + "1, \"a, b\",1,1,yes,2026-01-01,2026-01-01 09:00\n");
        handWritten("space_after_quote.csv", header + "1,\"a\" ,1,1,yes,2026-01-01,2026-01-01 09:00\n2,b,x,1,no,,\n");
        handWritten("text_after_quote.csv", header + "1,\"a\"b,1,1,yes,2026-01-01,2026-01-01 09:00\n2,b,1,1,no,,\n");
        handWritten("never_closed.csv", header + "1,b,1,1,no,,\n2,\"open,1,1,no,,\n3,c,1,1,no,,\n");
        handWritten("control.csv", header + "1,a\u0001b,1,1,yes,2026-01-01,2026-01-01 09:00\n");
        handWritten("wide_multiline.csv", header + "1,\"two\nlines\",1,1,yes,2026-01-01,2026-01-01 09:00,extra\n2,b,1,1,no,,\n");
        handWritten("one_column_blank.csv", "id\n1\n\n2\n  \nx\n");
        handWritten("one_column.csv", true, "id\n1\n2\nx\n3\n");

        StringBuilder campaign = new StringBuilder("campaign \"Loads\"\n\n");
        StringBuilder flow = new StringBuilder("flow {\n");
        int i = 0;
        for (String file : files.keySet()) {
            String activity = "l" + i++;
            boolean oneColumn = file.startsWith("one_column");
            campaign.append("activity ").append(activity).append(": load csv \"loads/").append(file).append("\" {\n")
                    .append(oneColumn ? "  id: int\n" : "  id: int  name: text  amount: decimal  score: float\n"
                            + "  vip: bool  born: date  seen: timestamp\n")
                    .append("} reject max 100000\n");
            flow.append("  ").append(activity).append(" -> done\n");
        }
        campaign.append("activity done: end\n\n").append(flow).append("}\n");
        fx.write("loads.camp", campaign.toString());

        RunFixture.Result run = fx.run("loads.camp", "--at", "2026-12-01 09:00", "--format", "json");
        assertEquals(0, run.code(), run::toString);
        schema = "run_" + run.json().get("run").asText();
        logs = logs(run.json().get("run").asText());
    }

    private List<String> logs(String run) {
        return fx.query("SELECT coalesce(activity, '') || ': ' || message FROM camp_state.logs WHERE run_id = '" + run + "' ORDER BY seq")
                .stream().map(r -> (String) r.get(0)).toList();
    }

    private void handWritten(String name, String text) {
        handWritten(name, false, text);
    }

    private void handWritten(String name, boolean fast, String text) {
        fx.write("loads/" + name, text);
        files.put(name, fast);
    }

    @Test
    void everyFileLoadsExactlyAsCampsOwnReaderReadsIt() throws Exception {
        int i = 0;
        try (Connection c = open()) {
            for (var e : files.entrySet()) {
                String activity = "l" + i++;
                Path file = fx.sample("loads/" + e.getKey());
                List<CsvLoader.Column> columns = e.getKey().startsWith("one_column") ? COLUMNS.subList(0, 1) : COLUMNS;
                CsvLoader.Result expected = CsvLoader.load(file, columns);
                assertEquals(rows(expected, columns), rows(c, activity, columns), e.getKey() + ": the rows of out");
                assertEquals(rejected(expected), rejected(c, activity), e.getKey() + ": the rejected lines");
                boolean slow = logs.stream().anyMatch(l -> l.startsWith(activity + ": read by camp's own reader"));
                assertEquals(!e.getValue(), slow, () -> e.getKey() + (e.getValue() ? " is read by DuckDB" : " is read by camp")
                        + "\n" + String.join("\n", logs));
            }
        }
    }

    @Test
    void aFileThatIsNotUtf8FailsItsTaskAsCampsReaderSays() throws Exception {
        Files.write(fx.sample("loads/latin1.csv"), "id,name\n1,Ren\u00e9\n2,Zo\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        fx.write("latin1.camp", """
                campaign "Latin-1"
                activity l: load csv "loads/latin1.csv" { id: int  name: text }
                activity done: end
                flow { l -> done }
                """);
        RunFixture.Result run = fx.run("latin1.camp", "--at", "2026-12-01 09:00", "--format", "json");
        assertEquals(3, run.code(), run::toString);
        String expected = assertThrowsLoad(fx.sample("loads/latin1.csv"));
        assertTrue(logs(run.json().get("run").asText()).contains("l: cannot load loads/latin1.csv: " + expected),
                () -> expected + "\n" + run);
    }

    private static String assertThrowsLoad(Path file) {
        return org.junit.jupiter.api.Assertions.assertThrows(camp.deliver.LoadException.class,
                () -> CsvLoader.load(file, List.of(new CsvLoader.Column("id", Type.INT), new CsvLoader.Column("name", Type.TEXT))))
                .getMessage();
    }

    @Test
    void theLogNamesWhatSendsAFileToCampsReader() {
        assertTrue(logs.contains("l" + index("lone_cr.csv") + ": read by camp's own reader, line by line, rather than by"
                + " DuckDB's: the file has a line that ends with a lone carriage return near line 2"), () -> String.join("\n", logs));
        assertTrue(logs.contains("l" + index("quote_inside.csv") + ": read by camp's own reader, line by line, rather than by"
                + " DuckDB's: the file has a quote inside an unquoted field near line 2"), () -> String.join("\n", logs));
    }

    @Test
    void generatedFilesHoldWhatTheyAreMeantToCover() throws Exception {
        // the generator is not allowed to drift into files that test nothing
        try (Connection c = open()) {
            for (int seed = 1; seed <= GENERATED; seed++) {
                String activity = "l" + index("gen" + seed + ".csv");
                long rows = count(c, activity + "__out");
                long bad = count(c, activity + "__rejected");
                assertTrue(rows > 150 && bad > 20, "gen" + seed + ": " + rows + " rows, " + bad + " rejected");
                assertTrue(count(c, activity + "__rejected", "reason LIKE 'expected % fields, found %'") > 0, "gen" + seed);
                assertTrue(count(c, activity + "__out", "name LIKE '%' || chr(10) || '%'") > 0, "gen" + seed + " multi-line");
            }
        }
    }

    private int index(String file) {
        return new ArrayList<>(files.keySet()).indexOf(file);
    }

    // ------------------------------------------------------------ what the database holds

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("duckdb.read_only", "true");
        return DriverManager.getConnection("jdbc:duckdb:" + fx.db.toAbsolutePath(), p);
    }

    private long count(Connection c, String table) throws SQLException {
        return count(c, table, "true");
    }

    private long count(Connection c, String table, String where) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM \"" + schema + "\".\"" + table + "\" WHERE " + where)) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<String> rows(Connection c, String activity, List<CsvLoader.Column> columns) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT * FROM \"" + schema + "\".\"" + activity + "__out\" ORDER BY __key")) {
            while (r.next()) {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    int at = i + 2;
                    Object v = switch (columns.get(i).type()) {
                        case INT -> r.getLong(at);
                        case DECIMAL -> r.getBigDecimal(at);
                        case FLOAT -> r.getDouble(at);
                        case BOOL -> r.getBoolean(at);
                        case DATE -> r.getObject(at, LocalDate.class);
                        case TIMESTAMP -> r.getObject(at, LocalDateTime.class);
                        default -> r.getString(at);
                    };
                    values.add(r.wasNull() ? null : v);
                }
                rows.add(r.getLong(1) + " " + show(values));
            }
        }
        return rows;
    }

    private static List<String> rows(CsvLoader.Result expected, List<CsvLoader.Column> columns) {
        List<String> rows = new ArrayList<>();
        for (CsvLoader.Row row : expected.rows()) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = row.values().get(i);
                if (v instanceof BigDecimal d) {
                    v = d.setScale(4, RoundingMode.HALF_UP);
                } else if (v instanceof LocalDateTime t) {
                    v = t.truncatedTo(ChronoUnit.MICROS);
                }
                values.add(v);
            }
            rows.add(row.lineNumber() + " " + show(values));
        }
        return rows;
    }

    private static String show(List<Object> values) {
        return values.stream().map(v -> v == null ? "null" : v.getClass().getSimpleName() + ":" + v).collect(Collectors.joining(" | "));
    }

    private List<String> rejected(Connection c, String activity) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT __key, line_number, reason, line FROM \"" + schema + "\".\"" + activity + "__rejected\" ORDER BY __key")) {
            while (r.next()) {
                assertEquals(r.getLong(1), r.getLong(2), "a rejected line is keyed by its number");
                rows.add(r.getLong(2) + " " + r.getString(3) + " <" + r.getString(4) + ">");
            }
        }
        return rows;
    }

    private static List<String> rejected(CsvLoader.Result expected) {
        return expected.rejected().stream().map(r -> r.lineNumber() + " " + r.reason() + " <" + r.line() + ">").toList();
    }

    // ------------------------------------------------------------ generated files

    /**
     * A file DuckDB's reader must read: the declared columns in a shuffled order among extra ones,
     * 200 to 300 records of good and bad values, blank lines, quoted fields with commas, quotes and
     * line breaks, records of the wrong width; CRLF and a byte-order mark when asked.
     */
    static String generate(Random random, boolean crlf, boolean bom) {
        List<String> header = new ArrayList<>(List.of("id", "name", "amount", "score", "vip", "born", "seen", "extra1", "extra2"));
        Collections.shuffle(header, random);
        String nl = crlf ? "\r\n" : "\n";
        StringBuilder b = new StringBuilder(bom ? "\uFEFF" : "");
        if (random.nextBoolean()) {
            b.append(nl); // a blank line before the header
        }
        b.append(String.join(",", header)).append(nl);
        int records = 200 + random.nextInt(100);
        for (int n = 0; n < records; n++) {
            int roll = random.nextInt(100);
            if (roll < 3) {
                b.append(roll == 0 ? "" : "   ").append(nl); // blank lines are skipped, and counted
                continue;
            }
            List<String> fields = new ArrayList<>();
            boolean bad = random.nextInt(5) == 0;
            String badColumn = bad ? COLUMNS.get(random.nextInt(COLUMNS.size())).name() : null;
            for (String column : header) {
                fields.add(value(random, column, column.equals(badColumn), nl));
            }
            if (roll < 8) {
                // of the wrong width, and on one line (one over several lines is left to camp's reader)
                fields.replaceAll(f -> f.contains(nl) ? "plain" : f);
                if (random.nextBoolean()) {
                    fields.remove(fields.size() - 1);
                } else {
                    fields.add("surplus");
                }
            }
            b.append(String.join(",", fields));
            if (n < records - 1 || random.nextBoolean()) {
                b.append(nl);
            }
        }
        return b.toString();
    }

    private static String value(Random r, String column, boolean bad, String nl) {
        if (r.nextInt(12) == 0) {
            return r.nextBoolean() ? "" : "\"\"";
        }
        String v = switch (column) {
            case "id" -> bad ? pick(r, "12a", "1.5", "99999999999999999999", "1_000", "0x10", "") : pick(r, "1", "-7", "+42", "007",
                    String.valueOf(r.nextInt(1_000_000)), "9223372036854775807", " 12 ");
            case "amount" -> bad ? pick(r, "\"1,5\"", "abc", "1e", "1e100", "12.3.4") : pick(r, "1.25", "-0.5", ".5", "5.", "1.5e3",
                    "1.23455", "99999999999999.9999", "  3.14  ", "0");
            case "score" -> bad ? pick(r, "1e400", "x", "1.2.3", "infinite") : pick(r, "1.5", "NaN", "-inf", "Infinity", "1e-300",
                    "2.5E10", " -0.0 ", "+1");
            case "vip" -> bad ? pick(r, "maybe", "y", "t", "2") : pick(r, "yes", "NO", "true", "False", "1", "0", " yes ");
            case "born" -> bad ? pick(r, "2026-02-30", "2026/01/01", "01-02-2026", "2026-1-5", "2026-13-01")
                    : pick(r, "2026-01-01", "1999-12-31", "2024-02-29", " 2026-06-15 ");
            case "seen" -> bad ? pick(r, "2026-01-01 24:00", "2026-01-01 09:60", "2026-01-01 09:00:60", "2026-01-01", "09:00",
                    "2026-01-01 09:00+01:00") : pick(r, "2026-01-01 09:00", "2026-01-01T09:00:05", "2026-03-29 02:30:00.123456789",
                    "2026-12-31 23:59:59.5");
            case "name" -> pick(r, "Alice", "  spaced  ", "\"Smith, John\"", "\"say \"\"hi\"\"\"", "\"two" + nl + "lines\"",
                    "René", "東京", "\\N", "null", "a;b");
            default -> pick(r, "x", "\"y, z\"", "", "\"multi" + nl + "line extra\"");
        };
        return v;
    }

    private static String pick(Random r, String... values) {
        return values[r.nextInt(values.length)];
    }
}
