package camp.deliver;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of a {@code load csv} file as the database reads them: {@link CsvLoader} types every
 * record, and the good rows and the rejected records go to two CSV files of their own, in which
 * every value is quoted and a null is the unquoted marker given. A row is its line number, then
 * its values in the declared order; a rejected record is its line number, the reason, and the
 * line as written.
 */
public final class TypedCsv {
    private TypedCsv() {
    }

    /** What was written: the counts, and the first rejected records for the log. */
    public record Written(CsvLoader.Counts counts, List<CsvLoader.Rejected> firstRejected) {
        public Written {
            firstRejected = List.copyOf(firstRejected);
        }
    }

    /**
     * Types {@code source} into {@code rows} and {@code rejected}, keeping the first {@code keep}
     * rejected records; a file that cannot be read at all is a {@link LoadException}.
     */
    public static Written write(Path source, List<CsvLoader.Column> columns, Path rows, Path rejected, String nullMarker, int keep)
            throws LoadException, IOException {
        List<CsvLoader.Rejected> first = new ArrayList<>();
        CsvLoader.Counts counts;
        try (BufferedWriter g = Files.newBufferedWriter(rows, StandardCharsets.UTF_8);
                BufferedWriter r = Files.newBufferedWriter(rejected, StandardCharsets.UTF_8)) {
            counts = CsvLoader.load(source, columns, new CsvLoader.Sink<IOException>() {
                @Override
                public void row(CsvLoader.Row row) throws IOException {
                    g.write(Long.toString(row.lineNumber()));
                    for (Object v : row.values()) {
                        g.write(',');
                        g.write(field(v, nullMarker));
                    }
                    g.write('\n');
                }

                @Override
                public void rejected(CsvLoader.Rejected rej) throws IOException {
                    if (first.size() < keep) {
                        first.add(rej);
                    }
                    r.write(rejectedLine(rej, nullMarker));
                }
            });
        }
        return new Written(counts, first);
    }

    /** A rejected record as a line of a rejected-records file: its line number, the reason, the line as written. */
    public static String rejectedLine(CsvLoader.Rejected rej, String nullMarker) {
        return rej.lineNumber() + "," + field(rej.reason(), nullMarker) + "," + field(rej.line(), nullMarker) + "\n";
    }

    /** A value quoted for the file, or the null marker unquoted. */
    static String field(Object v, String nullMarker) {
        if (v == null) {
            return nullMarker;
        }
        String s = v instanceof LocalDateTime t ? t.toString().replace('T', ' ') : v instanceof BigDecimal b ? b.toPlainString()
                : v.toString();
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
