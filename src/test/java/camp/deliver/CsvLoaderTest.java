package camp.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.types.Type;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvLoaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return path;
    }

    private static List<CsvLoader.Column> columns(Object... nameTypePairs) {
        CsvLoader.Column[] columns = new CsvLoader.Column[nameTypePairs.length / 2];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new CsvLoader.Column((String) nameTypePairs[2 * i], (Type) nameTypePairs[2 * i + 1]);
        }
        return List.of(columns);
    }

    private CsvLoader.Result load(String content, Object... nameTypePairs) throws Exception {
        return CsvLoader.load(file("data.csv", content), columns(nameTypePairs));
    }

    @Test
    void typesEveryDeclaredType() throws Exception {
        CsvLoader.Result result = load("""
                i,d,f,t,b,dt,ts
                -42,12.50,2.5e3,Zoë Müller,TRUE,2026-02-28,2026-03-01 09:30:15.25
                """, "i", Type.INT, "d", Type.DECIMAL, "f", Type.FLOAT, "t", Type.TEXT, "b", Type.BOOL,
                "dt", Type.DATE, "ts", Type.TIMESTAMP);
        assertEquals(List.of(), result.rejected());
        CsvLoader.Row row = result.rows().get(0);
        assertEquals(2, row.lineNumber());
        assertEquals(List.of(-42L, new BigDecimal("12.50"), 2500.0, "Zoë Müller", true, LocalDate.of(2026, 2, 28),
                LocalDateTime.of(2026, 3, 1, 9, 30, 15, 250_000_000)), row.values());
    }

    @Test
    void emptyFieldsAreNullForEveryTypeQuotedOrNot() throws Exception {
        CsvLoader.Result result = load("i,d,f,t,b,dt,ts\n,,,,,,\n\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n",
                "i", Type.INT, "d", Type.DECIMAL, "f", Type.FLOAT, "t", Type.TEXT, "b", Type.BOOL,
                "dt", Type.DATE, "ts", Type.TIMESTAMP);
        assertEquals(2, result.rows().size());
        for (CsvLoader.Row row : result.rows()) {
            assertEquals(Arrays.asList(null, null, null, null, null, null, null), row.values());
        }
    }

    @Test
    void trimsValuesOfNonTextColumnsOnlyAndKeepsQuotedSpaces() throws Exception {
        CsvLoader.Result result = load("n,t,q\n  7  ,  padded  ,\" quoted \"\n   , ,x\n",
                "n", Type.INT, "t", Type.TEXT, "q", Type.TEXT);
        assertEquals(List.of(7L, "  padded  ", " quoted "), result.rows().get(0).values());
        assertEquals(Arrays.asList(null, " ", "x"), result.rows().get(1).values());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "true|true", "TRUE|true", "Yes|true", "1|true", "false|false", "No|false", "0|false"})
    void readsBooleans(String text, boolean expected) throws Exception {
        assertEquals(expected, load("b\n" + text + "\n", "b", Type.BOOL).rows().get(0).values().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-03-01 09:30|2026-03-01T09:30",
        "2026-03-01T09:30|2026-03-01T09:30",
        "2026-03-01 09:30:15|2026-03-01T09:30:15",
        "2026-03-01T23:59:59.123456789|2026-03-01T23:59:59.123456789",
        "2024-02-29 00:00:00.5|2024-02-29T00:00:00.5"})
    void readsTimestamps(String text, String expected) throws Exception {
        assertEquals(LocalDateTime.parse(expected), load("ts\n" + text + "\n", "ts", Type.TIMESTAMP).rows().get(0).values().get(0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-9223372036854775808|INT|-9223372036854775808",
        "+17|INT|17",
        "-0.5|DECIMAL|-0.5",
        ".5|DECIMAL|0.5",
        "1E+3|DECIMAL|1E+3",
        "-inf|FLOAT|-Infinity",
        "NaN|FLOAT|NaN",
        "1e-3|FLOAT|0.001"})
    void readsNumberEdges(String text, Type type, String expected) throws Exception {
        Object value = load("n\n" + text + "\n", "n", type).rows().get(0).values().get(0);
        Object wanted = switch (type) {
            case INT -> Long.valueOf(expected);
            case DECIMAL -> new BigDecimal(expected);
            default -> Double.valueOf(expected);
        };
        assertEquals(wanted, value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "12.5|INT|v: not an int: '12.5'",
        "1 000|INT|v: not an int: '1 000'",
        "99999999999999999999|INT|v: not an int (beyond 64 bits): '99999999999999999999'",
        "12,5|DECIMAL|v: not a decimal: '12,5'",
        "ten|DECIMAL|v: not a decimal: 'ten'",
        "100000000000000|DECIMAL|v: not a decimal (out of range): '100000000000000'",
        "99999999999999.99995|DECIMAL|v: not a decimal (out of range): '99999999999999.99995'",
        "1e100|DECIMAL|v: not a decimal (out of range): '1e100'",
        "1.5f|FLOAT|v: not a float: '1.5f'",
        "0x1p3|FLOAT|v: not a float: '0x1p3'",
        "1e999|FLOAT|v: not a float (out of range): '1e999'",
        "maybe|BOOL|v: not a bool: 'maybe'",
        "2026-02-30|DATE|v: not a date: '2026-02-30'",
        "01/03/2026|DATE|v: not a date: '01/03/2026'",
        "2026-3-1|DATE|v: not a date: '2026-3-1'",
        "2026-03-01|TIMESTAMP|v: not a timestamp: '2026-03-01'",
        "2026-03-01 24:00|TIMESTAMP|v: not a timestamp: '2026-03-01 24:00'",
        "2026-03-01T09:00:00Z|TIMESTAMP|v: not a timestamp: '2026-03-01T09:00:00Z'"})
    void rejectsValuesThatDoNotFitWithExactReasons(String text, Type type, String reason) throws Exception {
        CsvLoader.Result result = load("id,v\n1,\"" + text + "\"\n", "id", Type.INT, "v", type);
        assertEquals(List.of(), result.rows());
        assertEquals(List.of(new CsvLoader.Rejected(2, reason, "1,\"" + text + "\"")), result.rejected());
    }

    @Test
    void rejectedMessageCarriesTheLineNumber() throws Exception {
        CsvLoader.Rejected rejected = load("d\n2026-02-30\n", "d", Type.DATE).rejected().get(0);
        assertEquals("line 2: d: not a date: '2026-02-30'", rejected.message());
    }

    @Test
    void reportsTheLeftmostBadValue() throws Exception {
        CsvLoader.Result result = load("a,b\nx,y\n", "b", Type.INT, "a", Type.INT);
        assertEquals("a: not an int: 'x'", result.rejected().get(0).reason());
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        CsvLoader.Result result = load("""
                id,note,n
                1,"a, b",10
                2,"say \"\"hi\"\"",20
                3,"two
                lines
                here",30
                4,after,x
                5,last,50
                """, "id", Type.INT, "note", Type.TEXT, "n", Type.INT);
        assertEquals(List.of(1L, "a, b", 10L), result.rows().get(0).values());
        assertEquals(List.of(2L, "say \"hi\"", 20L), result.rows().get(1).values());
        assertEquals(List.of(3L, "two\nlines\nhere", 30L), result.rows().get(2).values());
        assertEquals(List.of(2L, 3L, 4L, 8L), result.rows().stream().map(CsvLoader.Row::lineNumber).toList());
        assertEquals(List.of(new CsvLoader.Rejected(7, "n: not an int: 'x'", "4,after,x")), result.rejected());
    }

    @Test
    void rejectedMultiLineRecordKeepsItsStartLineAndRawText() throws Exception {
        CsvLoader.Result result = load("id,note\n1,ok\n2,\"multi\nline\",extra\n3,fine\n", "id", Type.INT, "note", Type.TEXT);
        assertEquals(List.of(new CsvLoader.Rejected(3, "expected 2 fields, found 3", "2,\"multi\nline\",extra")),
                result.rejected());
        assertEquals(List.of(2L, 5L), result.rows().stream().map(CsvLoader.Row::lineNumber).toList());
    }

    @Test
    void readsCrlfAndKeepsCrlfInsideQuotes() throws Exception {
        CsvLoader.Result result = load("id,note\r\n1,\"a\r\nb\"\r\n2,c\r\n", "id", Type.INT, "note", Type.TEXT);
        assertEquals(List.of(1L, "a\r\nb"), result.rows().get(0).values());
        assertEquals(List.of(2L, "c"), result.rows().get(1).values());
        assertEquals(4, result.rows().get(1).lineNumber());
    }

    @Test
    void skipsTheByteOrderMark() throws Exception {
        CsvLoader.Result result = load("\uFEFFemail,n\nzoe@example.com,1\n", "email", Type.TEXT);
        assertEquals(List.of("zoe@example.com"), result.rows().get(0).values());
    }

    @Test
    void skipsBlankLinesButCountsThem() throws Exception {
        CsvLoader.Result result = load("\nid\n\n1\n   \n2\n\n", "id", Type.INT);
        assertEquals(List.of(4L, 6L), result.rows().stream().map(CsvLoader.Row::lineNumber).toList());
        assertEquals(List.of(), result.rejected());
    }

    @Test
    void matchesHeaderByNameInAnyOrderIgnoringExtraColumnsAndSpaces() throws Exception {
        CsvLoader.Result result = load(" extra , score ,email\nz,5,a@x.org\n", "email", Type.TEXT, "score", Type.INT);
        assertEquals(List.of("a@x.org", 5L), result.rows().get(0).values());
    }

    @Test
    void rejectsRecordsWithTheWrongNumberOfFields() throws Exception {
        CsvLoader.Result result = load("a,b,c\n1,2,3,4\n1,2\n1,2,3\n", "a", Type.INT);
        assertEquals(List.of(new CsvLoader.Rejected(2, "expected 3 fields, found 4", "1,2,3,4"),
                new CsvLoader.Rejected(3, "expected 3 fields, found 2", "1,2")), result.rejected());
        assertEquals(1, result.rows().size());
    }

    @Test
    void rejectsBrokenQuoting() throws Exception {
        CsvLoader.Result result = load("a,b\n\"x\"y,1\nok,2\n3,\"never closed\n4,z\n", "a", Type.TEXT, "b", Type.TEXT);
        assertEquals(List.of("ok", "2"), result.rows().get(0).values());
        assertEquals(List.of(
                new CsvLoader.Rejected(2, "field 1 has text after its closing quote", "\"x\"y,1"),
                new CsvLoader.Rejected(4, "field 2 opens a quote that is never closed", "3,\"never closed\n4,z\n")),
                result.rejected());
    }

    @Test
    void quoteInsideAnUnquotedFieldIsText() throws Exception {
        assertEquals(List.of("5\" screen"), load("t\n5\" screen\n", "t", Type.TEXT).rows().get(0).values());
    }

    @Test
    void failsWhenADeclaredColumnIsNotInTheHeader() throws Exception {
        Path path = file("partner_leads.csv", "Email,signup_date,source\nx@y.z,2026-01-01,web\n");
        LoadException e = assertThrows(LoadException.class,
                () -> CsvLoader.load(path, columns("email", Type.TEXT, "signup_date", Type.DATE)));
        assertEquals("column 'email' is not in the header of partner_leads.csv (its columns: Email, signup_date, source);"
                + " did you mean 'Email'?", e.getMessage());
    }

    @Test
    void namesEveryMissingColumn() throws Exception {
        Path path = file("leads.csv", "a,b\n");
        LoadException e = assertThrows(LoadException.class,
                () -> CsvLoader.load(path, columns("x", Type.TEXT, "a", Type.TEXT, "y", Type.INT)));
        assertEquals("columns 'x', 'y' are not in the header of leads.csv (its columns: a, b)", e.getMessage());
    }

    @Test
    void failsWhenADeclaredColumnAppearsTwiceInTheHeader() throws Exception {
        Path path = file("dup.csv", "id,email,email\n");
        LoadException e = assertThrows(LoadException.class, () -> CsvLoader.load(path, columns("email", Type.TEXT)));
        assertEquals("column 'email' appears twice in the header of dup.csv (fields 2 and 3)", e.getMessage());
    }

    @Test
    void failsOnAnEmptyFile() throws Exception {
        for (String content : List.of("", "\uFEFF", "\n\n  \r\n")) {
            Path path = file("empty.csv", content);
            LoadException e = assertThrows(LoadException.class, () -> CsvLoader.load(path, columns("a", Type.TEXT)));
            assertEquals("empty.csv is empty: its first line must name the columns", e.getMessage());
        }
    }

    @Test
    void headerOnlyGivesNoRows() throws Exception {
        CsvLoader.Result result = load("a,b\n", "a", Type.TEXT);
        assertEquals(List.of(), result.rows());
        assertEquals(List.of(), result.rejected());
    }

    @Test
    void failsOnAMissingFile() {
        Path path = dir.resolve("nowhere.csv");
        LoadException e = assertThrows(LoadException.class, () -> CsvLoader.load(path, columns("a", Type.TEXT)));
        assertEquals("cannot read " + path + ": no such file", e.getMessage());
    }

    @Test
    void failsOnTextThatIsNotUtf8() throws Exception {
        Path path = dir.resolve("latin1.csv");
        Files.write(path, "name\nZo\u00eb\n".getBytes(StandardCharsets.ISO_8859_1));
        LoadException e = assertThrows(LoadException.class, () -> CsvLoader.load(path, columns("name", Type.TEXT)));
        assertTrue(e.getMessage().startsWith("latin1.csv is not UTF-8 text"), e.getMessage());
    }

    @Test
    void refusesTypesThatCannotBeLoaded() {
        assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.load(dir.resolve("x.csv"), columns("t", Type.DURATION)));
        assertThrows(IllegalArgumentException.class,
                () -> CsvLoader.load(dir.resolve("x.csv"), columns("a", Type.TEXT, "a", Type.INT)));
    }

    @Test
    void loadsTheSamplePartnerLeads() throws Exception {
        CsvLoader.Result result = CsvLoader.load(Path.of("samples/data/partner_leads.csv"),
                columns("email", Type.TEXT, "signup_date", Type.DATE, "source", Type.TEXT));
        assertEquals(39, result.rows().size());
        assertEquals(List.of(
                new CsvLoader.Rejected(18, "signup_date: not a date: '2026-02-30'",
                        "bad.date@example.com,2026-02-30,newsletter"),
                new CsvLoader.Rejected(32, "expected 3 fields, found 4", "extra.field@example.com,2026-11-02,contest,vip")),
                result.rejected());
        CsvLoader.Row first = result.rows().get(0);
        assertEquals(List.of("chloepetit@example.net", LocalDate.of(2026, 3, 5), "newsletter"), first.values());
        assertEquals(Arrays.asList("noemi.kovacs@example.net", LocalDate.of(2026, 11, 12), null),
                result.rows().get(5).values());
        assertEquals(11, result.rows().get(9).lineNumber());
        assertNull(result.rows().get(9).values().get(0)); // no e-mail
        assertEquals(17, result.rows().get(15).lineNumber());
        assertEquals(" ARTHURGARCIA@EXAMPLE.NET ", result.rows().get(15).values().get(0));
        assertEquals(19, result.rows().get(16).lineNumber());
    }

    @Test
    void sinkExceptionsPassThroughUntouched() throws Exception {
        Path path = file("s.csv", "a\n1\n");
        IOException thrown = new IOException("appender failed");
        IOException e = assertThrows(IOException.class, () -> CsvLoader.load(path, columns("a", Type.INT),
                new CsvLoader.Sink<IOException>() {
                    @Override
                    public void row(CsvLoader.Row row) throws IOException {
                        throw thrown;
                    }

                    @Override
                    public void rejected(CsvLoader.Rejected rejected) {
                    }
                }));
        assertEquals(thrown, e);
    }

    @Test
    void streamsAFiftyMegabyteFile() throws Exception {
        Path path = dir.resolve("big.csv");
        long lines = 1_200_000;
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write("email,signup_date,amount,note\n");
            for (long i = 0; i < lines; i++) {
                out.write("user" + i + "@example.com,2026-03-" + (10 + i % 19) + "," + (i % 1000) + ".50,"
                        + (i % 97 == 0 ? "\"quoted, with comma\"" : "plain") + "\n");
            }
            out.write("bad@example.com,2026-13-01,1.00,plain\n");
        }
        assertTrue(Files.size(path) > 50_000_000L, "size " + Files.size(path));
        long[] sums = new long[1];
        CsvLoader.Counts counts = CsvLoader.load(path,
                columns("email", Type.TEXT, "signup_date", Type.DATE, "amount", Type.DECIMAL),
                new CsvLoader.Sink<RuntimeException>() {
                    @Override
                    public void row(CsvLoader.Row row) {
                        sums[0] += ((BigDecimal) row.values().get(2)).longValue();
                    }

                    @Override
                    public void rejected(CsvLoader.Rejected rejected) {
                        assertEquals(lines + 2, rejected.lineNumber());
                    }
                });
        assertEquals(new CsvLoader.Counts(lines, 1), counts);
        assertTrue(sums[0] > 0);
    }
}
