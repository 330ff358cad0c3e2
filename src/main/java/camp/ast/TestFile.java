package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import camp.source.Span;
import java.util.List;

/**
 * A campaign test file ({@code NAME.camptest}) as written: the campaign it tests, what every test
 * of the file shares (the logical time, params, fixtures) and its tests. A file whose top level
 * holds expectations and no {@code test} block is one test named after the file.
 *
 * @param campaign the campaign file as written (relative to the test file), or null when missing
 * @param setup what every test starts from
 * @param tests the tests in file order
 * @param truncated true when the lexer stopped early (an unterminated comment or text block)
 */
public record TestFile(SourceFile source, Text campaign, Setup setup, List<Case> tests, boolean truncated) {
    public TestFile {
        requireNonNull(source, "source is null");
        requireNonNull(setup, "setup is null");
        tests = List.copyOf(tests);
    }

    /** A string as written and where. */
    public record Text(String value, Span span) {
    }

    /**
     * The logical time, the params and the fixtures of a scope (the file or one test), and, for a
     * test, its expectations.
     *
     * @param at the logical time in the campaign's time zone (a DATE or TIMESTAMP literal), or null
     */
    public record Setup(Expr.Literal at, List<ParamSetting> params, List<Fixture> fixtures, List<SavedFixture> saved,
            List<Expectation> expectations) {
        public Setup {
            params = List.copyOf(params);
            fixtures = List.copyOf(fixtures);
            saved = List.copyOf(saved);
            expectations = List.copyOf(expectations);
        }
    }

    /** {@code fixture saved "NAME" { KEY, keys... }}: a saved audience as earlier runs would have left it. */
    public record SavedFixture(Text name, List<Name> columns, List<Row> rows, Span span) {
        public SavedFixture {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** {@code test "NAME" { ... }}. */
    public record Case(Text name, Setup setup, Span span) {
    }

    /** {@code param NAME = LITERAL}. */
    public record ParamSetting(Name name, Expr.Literal value) {
    }

    /** A row of literals; {@code span} covers the whole row. */
    public record Row(List<Expr.Literal> values, Span span) {
        public Row {
            values = List.copyOf(values);
        }
    }

    /** The records of one entity for a test: inline rows or a CSV file. */
    public sealed interface Fixture {
        Name entity();

        Span span();
    }

    /** {@code fixture ENTITY { header row, rows... }}: one row per line. */
    public record InlineFixture(Name entity, List<Name> columns, List<Row> rows, Span span) implements Fixture {
        public InlineFixture {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /** {@code fixture ENTITY from csv "PATH"}: a CSV file with a header of attribute names. */
    public record CsvFixture(Name entity, Text path, Span span) implements Fixture {
    }

    /** An output port as written: {@code ACTIVITY.PORT}, or {@code ACTIVITY} for its default port. */
    public record PortRef(Name activity, Name port, Span span) {
    }

    /** What a test expects of a port after its dry run. */
    public sealed interface Expectation {
        PortRef port();

        Span span();
    }

    /** {@code expect PORT count OP N}, OP one of = != < <= > >=. */
    public record CountExpectation(PortRef port, String operator, long count, Span countSpan, Span span) implements Expectation {
    }

    /** {@code expect PORT rows { header, rows... }}: exactly these rows, in any order, on the named columns. */
    public record RowsExpectation(PortRef port, List<Name> columns, List<Row> rows, Span span) implements Expectation {
        public RowsExpectation {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }
}
