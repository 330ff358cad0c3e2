package camp.run;

import camp.deliver.CsvLoader;
import camp.deliver.CsvScan;
import camp.deliver.LoadException;
import camp.deliver.TypedCsv;
import camp.sql.LoadSql;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of a {@code load csv} file into its two worktables.
 *
 * <p>DuckDB reads the file ({@link LoadSql#stage}) and camp's typing rules run in SQL, while one
 * byte-level pass of camp over the file ({@link CsvScan}) gives what DuckDB's reader cannot: the
 * line each record starts on, the records of the wrong width with their raw text, and whether the
 * file uses something on which the two readers could differ. The records DuckDB kept are then held
 * to camp's count of them. When the scan finds such a construct, or the counts differ, camp's own
 * reader ({@link CsvLoader}) types the file instead, with the same results, more slowly.
 */
final class CsvLoad {
    /** How many rejected lines the task log shows. */
    static final int SHOWN_REJECTED = 5;

    /** What was loaded: the counts, the first rejected lines, and why camp's reader did the reading (null: DuckDB's did). */
    record Loaded(CsvLoader.Counts counts, List<CsvLoader.Rejected> firstRejected, String slowReason) {
        Loaded {
            firstRejected = List.copyOf(firstRejected);
        }
    }

    private final Connection c;
    private final Consumer<String> record;
    private final LoadSql sql;
    private final Path scratch;

    /**
     * @param record receives every statement as it runs, for the task's record
     * @param scratch a folder for the load's temporary files, readable by the run's DuckDB
     */
    CsvLoad(Connection c, Consumer<String> record, LoadSql sql, Path scratch) {
        this.c = c;
        this.record = record;
        this.sql = sql;
        this.scratch = scratch;
    }

    Loaded load(Path file, List<CsvLoader.Column> columns) throws LoadException, IOException, SQLException {
        if (!sql.readsFiles()) {
            return copied(file, columns);
        }
        CsvLoader.Header header = CsvLoader.header(file, columns);
        Path lines = Files.createTempFile(scratch, "lines-", ".csv");
        Path rejected = Files.createTempFile(scratch, "rejected-", ".csv");
        try {
            Scanned scanned = scan(file, header, lines, rejected);
            if (scanned.slowReason != null) {
                return slow(file, columns, scanned.slowReason);
            }
            exec(sql.stage(file, header.width(), header.positions()));
            long[] staged = longs(sql.stagedCount());
            if (staged[0] != scanned.good || staged[2] - staged[1] != staged[0]) {
                // the readers parted somewhere (or the row ids do not number the records): camp's decides, as it would alone
                return slow(file, columns, "records DuckDB's reader counts otherwise (" + staged[0] + " where camp's scan found "
                        + scanned.good + ")");
            }
            long base = staged[1];
            Long offset = scanned.offset();
            if (offset == null) {
                exec(sql.lines(lines));
            }
            exec(sql.stagedRows(offset, base));
            List<CsvLoader.Rejected> first = new ArrayList<>(scanned.firstRejected);
            long typeRejected = typeRejects(file, rejected, first, offset, base);
            long rejectedCount = scanned.rejected + typeRejected;
            if (rejectedCount > 0) {
                exec(sql.rejected(rejected));
            }
            first.sort(Comparator.comparingLong(CsvLoader.Rejected::lineNumber));
            return new Loaded(new CsvLoader.Counts(scanned.good - typeRejected, rejectedCount),
                    first.subList(0, Math.min(SHOWN_REJECTED, first.size())), null);
        } finally {
            Files.deleteIfExists(lines);
            Files.deleteIfExists(rejected);
        }
    }

    /** What the first pass found: the records of the right width, those of the wrong width, and why it gave up (or null). */
    private record Scanned(long good, long rejected, List<CsvLoader.Rejected> firstRejected, String slowReason, long pairs,
            long firstLine) {
        Scanned(String slowReason) {
            this(0, 0, List.of(), slowReason, 0, 0);
        }

        /** What turns a record number into its line when no line is ever skipped (one pair), else null. */
        Long offset() {
            return pairs == 1 ? firstLine - 1 : null;
        }
    }

    /**
     * The first pass: writes where record numbers and lines part to {@code lines}, the records of the
     * wrong width to {@code rejected}.
     */
    private static Scanned scan(Path file, CsvLoader.Header header, Path lines, Path rejected) throws IOException {
        List<CsvLoader.Rejected> first = new ArrayList<>();
        long good = 0;
        long bad = 0;
        try (CsvScan scan = CsvScan.open(file);
                BufferedWriter l = Files.newBufferedWriter(lines, StandardCharsets.UTF_8);
                BufferedWriter r = Files.newBufferedWriter(rejected, StandardCharsets.UTF_8)) {
            if (!scan.next() || scan.line() != header.line() || scan.fields() != header.width()) {
                return new Scanned("a header camp's scan reads otherwise");
            }
            long previous = -1;
            long pairs = 0;
            long firstLine = 0;
            while (scan.next()) {
                if (scan.incompatibility() != null) {
                    break;
                }
                if (scan.fields() != header.width()) {
                    if (scan.multiLine()) {
                        return new Scanned("a record of " + scan.fields() + " fields over several lines (line "
                                + scan.line() + ")");
                    }
                    CsvLoader.Rejected rej = new CsvLoader.Rejected(scan.line(),
                            "expected " + header.width() + " fields, found " + scan.fields(), scan.raw());
                    if (first.size() < SHOWN_REJECTED) {
                        first.add(rej);
                    }
                    r.write(TypedCsv.rejectedLine(rej, LoadSql.NULL));
                    bad++;
                    continue;
                }
                good++;
                if (scan.line() != previous + 1) {
                    l.write(good + "," + scan.line() + "\n");
                    if (pairs++ == 0) {
                        firstLine = scan.line();
                    }
                }
                previous = scan.line();
            }
            String why = scan.incompatibility();
            if (why == null && header.width() == 1 && scan.skippedBlank()) {
                why = "blank lines in a file of one column";
            }
            return new Scanned(good, bad, first, why, pairs, firstLine);
        }
    }

    /**
     * The rows DuckDB read that camp's rules reject: appended to {@code rejected} with their raw text
     * (a second pass over the file, in step with their lines), the first of them added to {@code first}.
     */
    private long typeRejects(Path file, Path rejected, List<CsvLoader.Rejected> first, Long offset, long base)
            throws IOException, SQLException {
        String query = sql.stagedRejects(offset, base);
        record.accept(query);
        long count = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            if (!rs.next()) {
                return 0;
            }
            List<CsvLoader.Rejected> typed = new ArrayList<>();
            try (CsvScan scan = CsvScan.open(file);
                    BufferedWriter r = Files.newBufferedWriter(rejected, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
                boolean more = true;
                while (more && scan.next()) {
                    long line = rs.getLong(1);
                    if (scan.line() < line) {
                        continue;
                    }
                    if (scan.line() > line) {
                        throw new IllegalStateException("no record of " + file + " starts on line " + line);
                    }
                    CsvLoader.Rejected rej = new CsvLoader.Rejected(line, rs.getString(2), scan.raw());
                    if (typed.size() < SHOWN_REJECTED) {
                        typed.add(rej);
                    }
                    r.write(TypedCsv.rejectedLine(rej, LoadSql.NULL));
                    count++;
                    more = rs.next();
                }
                if (more) {
                    throw new IllegalStateException("no record of " + file + " starts on line " + rs.getLong(1));
                }
            }
            first.addAll(typed);
        }
        return count;
    }

    /** Camp's own reader types the file; its rows and rejected lines reach the database through files of typed values. */
    private Loaded slow(Path file, List<CsvLoader.Column> columns, String why) throws LoadException, IOException, SQLException {
        Path good = Files.createTempFile(scratch, "load-", ".csv");
        Path bad = Files.createTempFile(scratch, "rejected-", ".csv");
        try {
            TypedCsv.Written written = TypedCsv.write(file, columns, good, bad, LoadSql.NULL, SHOWN_REJECTED);
            if (written.counts().rows() > 0) {
                exec(sql.rows(good));
            }
            if (written.counts().rejected() > 0) {
                exec(sql.rejected(bad));
            }
            return new Loaded(written.counts(), written.firstRejected(), why);
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
        }
    }

    /** For an engine that reads no file of camp's machine: camp's reader types the file, and its rows are copied in. */
    private Loaded copied(Path file, List<CsvLoader.Column> columns) throws LoadException, IOException, SQLException {
        Path good = Files.createTempFile(scratch, "load-", ".csv");
        Path bad = Files.createTempFile(scratch, "rejected-", ".csv");
        try {
            TypedCsv.Written written = TypedCsv.write(file, columns, good, bad, LoadSql.NULL, SHOWN_REJECTED);
            if (SparkConnection.of(c) != null) {
                // Spark reads the files by name (the cluster reaches camp's scratch folder on its machine)
                List<String> statements = new java.util.ArrayList<>(sql.copyRows(camp.sql.SparkDialect.INSTANCE.string(good.toUri().toString())));
                if (written.counts().rejected() > 0) {
                    statements.addAll(sql.copyRejected(camp.sql.SparkDialect.INSTANCE.string(bad.toUri().toString())));
                }
                for (String statement : statements) {
                    exec(statement);
                }
                return new Loaded(written.counts(), written.firstRejected(), null);
            }
            record.accept(sql.copyRows());
            PostgresCopy.copyIn(c, sql.copyRows(), good);
            List<String> rejects = sql.copyRejected();
            record.accept(rejects.get(0));
            PostgresCopy.copyIn(c, rejects.get(0), bad);
            for (String statement : rejects.subList(1, rejects.size())) {
                exec(statement);
            }
            return new Loaded(written.counts(), written.firstRejected(), null);
        } finally {
            Files.deleteIfExists(good);
            Files.deleteIfExists(bad);
        }
    }

    private void exec(String statement) throws SQLException {
        record.accept(statement);
        try (Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    /** The first row of a query, as longs. */
    private long[] longs(String query) throws SQLException {
        record.accept(query);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            long[] values = new long[r.getMetaData().getColumnCount()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.getLong(i + 1);
            }
            return values;
        }
    }
}
