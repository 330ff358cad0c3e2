package camp.check;

import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.source.Span;
import camp.types.Type;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A checked campaign test file: its diagnostics, the campaign it tests (checked too), and each
 * test resolved against that campaign: the logical time, the params as {@code --param} would
 * give them, the fixture of every entity it gives rows for, and its expectations with typed
 * values. A file with an error has no tests to run.
 *
 * @param campaign the checked campaign, or null when it could not be read
 */
public record CheckedTests(SourceFile source, List<Diagnostic> diagnostics, Checked campaign, List<Case> tests) {
    public CheckedTests {
        diagnostics = List.copyOf(diagnostics);
        tests = List.copyOf(tests);
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /**
     * One test.
     *
     * @param at the logical time in the campaign's time zone
     * @param params the params as text, as {@code --param NAME=VALUE} gives them
     * @param fixtures the fixture of each entity given rows, by entity; every other entity is empty
     */
    public record Case(String name, Span span, LocalDateTime at, Map<String, String> params, Map<String, Fixture> fixtures,
            Map<String, Saved> saved, List<Expectation> expectations) {
        public Case {
            params = Map.copyOf(params);
            fixtures = Map.copyOf(fixtures);
            saved = Map.copyOf(saved);
            expectations = List.copyOf(expectations);
        }
    }

    /** A saved audience a test starts with: its name, its entity (as the campaign reads it) and its keys. */
    public record Saved(String name, String entity, List<Object> keys, Span span) {
        public Saved {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The records of one entity: inline rows of typed values (Long, BigDecimal, Double, String,
     * Boolean, LocalDate, LocalDateTime or null) in the order of {@code columns}, or a CSV file.
     *
     * @param csv the CSV file to read, or null for inline rows
     */
    public record Fixture(String entity, List<String> columns, List<List<Object>> rows, Path csv, Span span) {
        public Fixture {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** What a test expects of one port. {@code shown} is the port as written, as in {@code tiers.gold}. */
    public sealed interface Expectation {
        String activity();

        String port();

        String shown();

        Span span();
    }

    /** The port's row count compared with {@code count} by {@code operator} (= != < <= > >=). */
    public record Count(String activity, String port, String shown, String operator, long count, Span span) implements Expectation {
        public boolean holds(long actual) {
            return switch (operator) {
                case "=" -> actual == count;
                case "!=" -> actual != count;
                case "<" -> actual < count;
                case "<=" -> actual <= count;
                case ">" -> actual > count;
                default -> actual >= count;
            };
        }
    }

    /** Exactly these rows on the port, in any order, compared on {@code columns} (of types {@code types}). */
    public record Rows(String activity, String port, String shown, List<String> columns, List<Type> types, List<List<Object>> rows,
            Span span) implements Expectation {
        public Rows {
            columns = List.copyOf(columns);
            types = List.copyOf(types);
            rows = List.copyOf(rows);
        }
    }
}
