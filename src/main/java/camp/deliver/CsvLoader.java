package camp.deliver;

import static java.util.Objects.requireNonNull;

import camp.diag.Suggestions;
import camp.types.Type;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the CSV file of a {@code load csv "file" { COLUMN: TYPE ... }} activity into typed rows and
 * rejected lines.
 *
 * <p>The file is UTF-8 (a byte-order mark is skipped) and is streamed, never held whole. Its first
 * non-blank line is the header; declared columns are matched by name (case-sensitive, surrounding spaces
 * trimmed), in any order; other columns are ignored. Records follow RFC 4180 ({@link CsvReader}); a
 * record's line number is the physical line it starts on, the header being line 1 of a file that starts
 * with it.
 *
 * <p>Typing: an empty field, quoted or not, is null for every type. Values of non-text columns are
 * trimmed first (so {@code " 42 "} is the int 42 and {@code "  "} is null); text values are kept exactly
 * as written, spaces included. {@code int}: optional sign and digits, 64-bit. {@code decimal}: a
 * {@link BigDecimal} literal (exponent allowed), scale kept, below 10^14 once rounded to 4 decimals (the
 * column is DECIMAL(18,4)). {@code float}: a decimal or exponent literal,
 * or NaN / Infinity / inf with an optional sign. {@code bool}: true/false, yes/no, 1/0, any case.
 * {@code date}: {@code yyyy-MM-dd}, an existing day. {@code timestamp}: {@code yyyy-MM-dd HH:mm[:ss[.f]]},
 * {@code T} allowed instead of the space, up to nine fraction digits, no offset or zone.
 *
 * <p>A record with a field count other than the header's, with broken quoting, or with a value that does
 * not fit its column is {@link Rejected rejected} with its line number, a reason naming the column and
 * the value (the first failing value from the left), and its raw text. Nothing here enforces
 * {@code reject max N}: the caller counts.
 */
public final class CsvLoader {
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern FLOAT_WORD = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?");
    private static final int MAX_SHOWN_VALUE = 80;
    /** A decimal column holds 18 digits, 4 of them after the point (DECIMAL(18,4)). */
    private static final int DECIMAL_SCALE = 4;
    private static final BigDecimal DECIMAL_LIMIT = BigDecimal.TEN.pow(14);
    private static final int MAX_SHOWN_COLUMNS = 30;

    private CsvLoader() {
    }

    /** A declared column: its header name and its type (int, decimal, float, text, bool, date or timestamp). */
    public record Column(String name, Type type) {
        public Column {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
        }
    }

    /**
     * A typed record: the line it starts on and one value per declared column, in declaration order:
     * Long, BigDecimal, Double, String, Boolean, LocalDate, LocalDateTime, or null.
     */
    public record Row(long lineNumber, List<Object> values) {
        public Row {
            values = Collections.unmodifiableList(Arrays.asList(values.toArray()));
        }
    }

    /**
     * A record that could not be typed: the line it starts on, why (without a "line N:" prefix, e.g.
     * {@code signup_date: not a date: '2026-02-30'} or {@code expected 3 fields, found 4}), and its raw
     * text without the final line break (line breaks inside quotes kept).
     */
    public record Rejected(long lineNumber, String reason, String line) {
        public Rejected {
            requireNonNull(reason, "reason is null");
            requireNonNull(line, "line is null");
        }

        /** The reason as a person reads it: {@code line 17: signup_date: not a date: '2026-02-30'}. */
        public String message() {
            return "line " + lineNumber + ": " + reason;
        }
    }

    /** Every typed row and every rejected record of a file, in file order. */
    public record Result(List<Row> rows, List<Rejected> rejected) {
        public Result {
            rows = List.copyOf(rows);
            rejected = List.copyOf(rejected);
        }
    }

    /** How many rows and rejected records a streamed load passed to its sink. */
    public record Counts(long rows, long rejected) {
    }

    /** Receives the records of a streamed load, in file order; {@code X} is what the receiver may throw. */
    public interface Sink<X extends Exception> {
        void row(Row row) throws X;

        void rejected(Rejected rejected) throws X;
    }

    /** Loads the whole file into memory. */
    public static Result load(Path file, List<Column> columns) throws LoadException {
        List<Row> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        load(file, columns, new Sink<RuntimeException>() {
            @Override
            public void row(Row row) {
                rows.add(row);
            }

            @Override
            public void rejected(Rejected r) {
                rejected.add(r);
            }
        });
        return new Result(rows, rejected);
    }

    /** Streams the file into {@code sink}, one record at a time, so its size is bounded by the disk only. */
    public static <X extends Exception> Counts load(Path file, List<Column> columns, Sink<X> sink)
            throws LoadException, X {
        requireNonNull(file, "file is null");
        requireNonNull(sink, "sink is null");
        List<Column> declared = checkColumns(columns);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        CsvReader csv = open(file, name);
        try {
            return read(csv, file, name, declared, sink);
        } finally {
            closeQuietly(csv);
        }
    }

    /**
     * The header of a file: the line it is on, how many fields it has, and the field position of every
     * declared column, in declaration order.
     */
    public record Header(long line, int width, int[] positions) {
        public Header {
            positions = positions.clone();
        }

        @Override
        public int[] positions() {
            return positions.clone();
        }
    }

    /**
     * Reads and checks the header of {@code file} only: the same failures as {@link #load(Path, List, Sink)}
     * gives for it (an empty file, a malformed header, a declared column missing or repeated).
     */
    public static Header header(Path file, List<Column> columns) throws LoadException {
        requireNonNull(file, "file is null");
        List<Column> declared = checkColumns(columns);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        CsvReader csv = open(file, name);
        try {
            return header(csv, file, name, declared);
        } finally {
            closeQuietly(csv);
        }
    }

    private static Header header(CsvReader csv, Path file, String name, List<Column> declared) throws LoadException {
        CsvReader.Record header = next(csv, file, name);
        if (header == null) {
            throw new LoadException(name + " is empty: its first line must name the columns");
        }
        if (header.problem() != null) {
            throw new LoadException("the header of " + name + " (line " + header.line() + ") is malformed: "
                    + header.problem());
        }
        return new Header(header.line(), header.fields().size(), positions(header, name, declared));
    }

    private static CsvReader open(Path file, String name) throws LoadException {
        try {
            return new CsvReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)));
        } catch (IOException e) {
            throw failure(file, name, 1, e);
        }
    }

    private static void closeQuietly(CsvReader csv) {
        try {
            csv.close();
        } catch (IOException e) {
            // everything needed was read; a failing close changes nothing
        }
    }

    private static <X extends Exception> Counts read(CsvReader csv, Path file, String name, List<Column> declared,
            Sink<X> sink) throws LoadException, X {
        Header header = header(csv, file, name, declared);
        int[] positions = header.positions;
        Integer[] leftToRight = new Integer[declared.size()];
        for (int i = 0; i < leftToRight.length; i++) {
            leftToRight[i] = i;
        }
        Arrays.sort(leftToRight, (a, b) -> Integer.compare(positions[a], positions[b]));
        int width = header.width();
        long rows = 0;
        long rejected = 0;
        for (CsvReader.Record record = next(csv, file, name); record != null; record = next(csv, file, name)) {
            String reason = record.problem();
            if (reason == null && record.fields().size() != width) {
                reason = "expected " + width + " fields, found " + record.fields().size();
            }
            Object[] values = new Object[declared.size()];
            for (int k = 0; reason == null && k < leftToRight.length; k++) {
                int i = leftToRight[k];
                Column column = declared.get(i);
                int at = positions[i];
                try {
                    values[i] = value(column.type(), record.fields().get(at));
                } catch (IllegalArgumentException e) {
                    reason = column.name() + ": " + e.getMessage();
                }
            }
            if (reason == null) {
                sink.row(new Row(record.line(), Arrays.asList(values)));
                rows++;
            } else {
                sink.rejected(new Rejected(record.line(), reason, record.raw()));
                rejected++;
            }
        }
        return new Counts(rows, rejected);
    }

    private static List<Column> checkColumns(List<Column> columns) {
        List<Column> declared = List.copyOf(requireNonNull(columns, "columns is null"));
        Set<String> names = new HashSet<>();
        for (Column column : declared) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column '" + column.name() + "' is declared twice");
            }
            value(column.type(), ""); // rejects the types that cannot be loaded
        }
        return declared;
    }

    /** The header position of every declared column, in declaration order. */
    private static int[] positions(CsvReader.Record header, String name, List<Column> declared) throws LoadException {
        Map<String, Integer> index = new HashMap<>();
        List<String> headerNames = new ArrayList<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String column = header.fields().get(i).trim();
            headerNames.add(column);
            Integer previous = index.put(column, i);
            if (previous != null && declared.stream().anyMatch(c -> c.name().equals(column))) {
                throw new LoadException("column '" + column + "' appears twice in the header of " + name
                        + " (fields " + (previous + 1) + " and " + (i + 1) + ")");
            }
        }
        List<String> missing = declared.stream().map(Column::name).filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new LoadException(missingMessage(missing, name, headerNames));
        }
        return declared.stream().mapToInt(c -> index.get(c.name())).toArray();
    }

    /**
     * Which declared columns the header lacks, with the header's names when they look like
     * column names; a first line that does not (a file that is not a CSV of named columns) is
     * never echoed, so that no error or log repeats the content of a file that is not data.
     */
    private static String missingMessage(List<String> missing, String name, List<String> headerNames) {
        boolean names = headerNames.stream().allMatch(n -> n.length() <= 64 && n.matches("[\\p{L}\\p{N} _.\\-]*"));
        String shown = headerNames.stream().limit(MAX_SHOWN_COLUMNS).collect(Collectors.joining(", "))
                + (headerNames.size() > MAX_SHOWN_COLUMNS ? ", ..." : "");
        String quoted = missing.stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
        StringBuilder message = new StringBuilder(missing.size() == 1 ? "column " : "columns ")
                .append(quoted).append(missing.size() == 1 ? " is" : " are").append(" not in the header of ").append(name)
                .append(names ? " (its columns: " + shown + ")" : " (its first line does not look like a line of column names)");
        if (names && missing.size() == 1) {
            String help = Suggestions.didYouMean(missing.get(0), headerNames);
            if (help != null) {
                message.append("; ").append(help);
            }
        }
        return message.toString();
    }

    /**
     * Types one field. Throws IllegalArgumentException with the reason (without the column name) when the
     * text does not fit.
     */
    static Object value(Type type, String field) {
        String text = type == Type.TEXT ? field : field.trim();
        if (text.isEmpty()) {
            return switch (type) {
                case INT, DECIMAL, FLOAT, TEXT, BOOL, DATE, TIMESTAMP -> null;
                case TIME, DURATION, NULL, ERROR -> throw new IllegalArgumentException(
                        "a column of type " + type + " cannot be loaded from CSV");
            };
        }
        return switch (type) {
            case INT -> parseInt(text);
            case DECIMAL -> parseDecimal(text);
            case FLOAT -> parseFloat(text);
            case TEXT -> text;
            case BOOL -> parseBool(text);
            case DATE -> parseDate(text);
            case TIMESTAMP -> parseTimestamp(text);
            case TIME, DURATION, NULL, ERROR -> throw new IllegalArgumentException(
                    "a column of type " + type + " cannot be loaded from CSV");
        };
    }

    private static Long parseInt(String text) {
        if (!INT.matcher(text).matches()) {
            throw notA("an int", text);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an int (beyond 64 bits): " + shown(text));
        }
    }

    private static BigDecimal parseDecimal(String text) {
        if (!DECIMAL.matcher(text).matches()) {
            throw notA("a decimal", text);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw notA("a decimal", text);
        }
        if (value.abs().setScale(DECIMAL_SCALE, RoundingMode.HALF_UP).compareTo(DECIMAL_LIMIT) >= 0) {
            throw new IllegalArgumentException("not a decimal (out of range): " + shown(text));
        }
        return value;
    }

    private static Double parseFloat(String text) {
        if (FLOAT_WORD.matcher(text).matches()) {
            String word = text.toLowerCase(Locale.ROOT);
            return word.endsWith("nan") ? Double.NaN
                    : word.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw notA("a float", text);
        }
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a float (out of range): " + shown(text));
        }
        return value;
    }

    private static Boolean parseBool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1":
                return Boolean.TRUE;
            case "false", "no", "0":
                return Boolean.FALSE;
            default:
                throw notA("a bool", text);
        }
    }

    private static LocalDate parseDate(String text) {
        if (!DATE.matcher(text).matches()) {
            throw notA("a date", text);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw notA("a date", text);
        }
    }

    private static LocalDateTime parseTimestamp(String text) {
        Matcher m = TIMESTAMP.matcher(text);
        if (!m.matches()) {
            throw notA("a timestamp", text);
        }
        try {
            int nanos = 0;
            if (m.group(5) != null) {
                nanos = Integer.parseInt((m.group(5) + "00000000").substring(0, 9));
            }
            LocalTime time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), nanos);
            return LocalDateTime.of(LocalDate.parse(m.group(1)), time);
        } catch (DateTimeException e) {
            throw notA("a timestamp", text);
        }
    }

    private static IllegalArgumentException notA(String what, String text) {
        return new IllegalArgumentException("not " + what + ": " + shown(text));
    }

    private static String shown(String text) {
        String cut = text.length() > MAX_SHOWN_VALUE ? text.substring(0, MAX_SHOWN_VALUE) + "..." : text;
        return "'" + cut.replace("\r", "\\r").replace("\n", "\\n") + "'";
    }

    /** The next record; read failures become LoadExceptions here, so that the sink's own exceptions pass untouched. */
    private static CsvReader.Record next(CsvReader csv, Path file, String name) throws LoadException {
        try {
            return csv.next();
        } catch (IOException e) {
            throw failure(file, name, csv.line(), e);
        }
    }

    private static LoadException failure(Path file, String name, long line, IOException e) {
        if (e instanceof CharacterCodingException) {
            return new LoadException(name + " is not UTF-8 text (a byte that is not UTF-8 near line " + line
                    + "); save it as UTF-8", e);
        }
        return new LoadException(cannotRead(file, e), e);
    }

    private static String cannotRead(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "cannot read " + file + ": no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "cannot read " + file + ": permission denied";
        }
        if (Files.isDirectory(file)) {
            return "cannot read " + file + ": it is a directory";
        }
        return "cannot read " + file + ": " + e.getMessage();
    }
}
