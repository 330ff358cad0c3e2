package camp.syntax;

import camp.ast.Expr;
import camp.ast.Name;
import camp.ast.TestFile;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.antlr.CampLexer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;

/**
 * The parser of campaign test files ({@code .camptest}). They share the lexer of {@code .camp}
 * files (strings, numbers, dates, comments and their diagnostics), and their few statements are
 * read by hand, which lets a table of rows be one row per line:
 *
 * <pre>
 * campaign "spring_promo.camp"
 * at 2026-03-10 09:00
 * fixture profiles {
 *   id, email,             country
 *   1,  "ann@example.com", "FR"
 * }
 * test "one buyer" {
 *   param gold_spend = 100.00
 *   expect tiers.gold count = 1
 *   expect tiers.gold rows {
 *     id
 *     1
 *   }
 * }
 * </pre>
 *
 * A mistake is reported where it is and the parser goes on at the next statement, so that one
 * typo does not hide the rest of the file.
 */
public final class TestSyntax {
    private static final int MAX_ERRORS = 50;
    /** Expression operators: reserved in .camp files, so not names here either. */
    private static final Set<Integer> RESERVED = Set.of(CampLexer.AND, CampLexer.OR, CampLexer.NOT, CampLexer.IN, CampLexer.IS,
            CampLexer.NULL, CampLexer.TRUE, CampLexer.FALSE, CampLexer.BETWEEN, CampLexer.CONTAINS, CampLexer.STARTS,
            CampLexer.ENDS, CampLexer.MATCHES, CampLexer.WHERE);
    private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");

    private final SourceFile source;
    private final List<Token> tokens;
    private final List<Diagnostic> diagnostics;
    private int pos;
    private int errors;

    private TestSyntax(SourceFile source, List<Token> tokens, List<Diagnostic> diagnostics) {
        this.source = source;
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    /** The parsed file and every syntax diagnostic. */
    public record Result(TestFile file, List<Diagnostic> diagnostics) {
    }

    public static Result parse(SourceFile source) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Token> tokens = Syntax.lex(source, diagnostics);
        boolean truncated = diagnostics.stream().anyMatch(d -> d.code() == Code.UNTERMINATED_COMMENT
                || d.code() == Code.UNTERMINATED_LONG_STRING);
        TestSyntax parser = new TestSyntax(source, tokens, diagnostics);
        TestFile file = parser.file(truncated);
        diagnostics.sort(java.util.Comparator.comparingInt(d -> d.span() == null ? -1 : d.span().start()));
        return new Result(file, List.copyOf(diagnostics));
    }

    /** Thrown to abandon a statement after its mistake was reported. */
    private static final class Skip extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Skip() {
            super(null, null, false, false);
        }
    }

    // ------------------------------------------------------------ statements

    private TestFile file(boolean truncated) {
        TestFile.Text campaign = null;
        Scope top = new Scope();
        List<TestFile.Case> tests = new ArrayList<>();
        while (!at(Token.EOF)) {
            int start = pos;
            try {
                if (at(CampLexer.CAMPAIGN)) {
                    Token keyword = next();
                    TestFile.Text text = string("the campaign file, as in campaign \"spring_promo.camp\"");
                    if (campaign != null) {
                        report(span(keyword), Code.DUPLICATE_STATEMENT, "campaign");
                    } else {
                        campaign = text;
                    }
                } else if (at(CampLexer.TEST) && peek(1).getType() != Token.EOF) {
                    tests.add(testCase());
                } else if (!statement(top, "a test file")) {
                    throw error("expected campaign, at, param, fixture, expect or test, found " + found(peek(0)));
                }
            } catch (Skip skip) {
                recover(start, false);
            }
        }
        return new TestFile(source, campaign, top.setup(), tests, truncated);
    }

    /** What a scope (the file or a test) gathers. */
    private static final class Scope {
        Expr.Literal at;
        final List<TestFile.ParamSetting> params = new ArrayList<>();
        final List<TestFile.Fixture> fixtures = new ArrayList<>();
        final List<TestFile.SavedFixture> saved = new ArrayList<>();
        final List<TestFile.Expectation> expectations = new ArrayList<>();

        TestFile.Setup setup() {
            return new TestFile.Setup(at, params, fixtures, saved, expectations);
        }
    }

    /** A statement that may stand in the file or in a test; false when the next token starts none. */
    private boolean statement(Scope scope, String where) {
        if (at(CampLexer.AT)) {
            Token keyword = next();
            Expr.Literal time = dateTime();
            if (scope.at != null) {
                report(span(keyword), Code.DUPLICATE_STATEMENT, "at");
            } else {
                scope.at = time;
            }
            return true;
        }
        if (at(CampLexer.PARAM)) {
            next();
            Name name = name("a param name");
            expect(CampLexer.EQ, "'=' after the param's name");
            scope.params.add(new TestFile.ParamSetting(name, literal()));
            return true;
        }
        if (atWord("fixture") && peek(1).getType() == CampLexer.SAVED) {
            Token keyword = next();
            next();
            TestFile.Text name = string("the saved audience's name, as in fixture saved \"spring_gold_2026\" { ... }");
            expect(CampLexer.LBRACE, "'{' and the audience's keys");
            Table table = table("the header: the key of the audience's entity, as in id");
            scope.saved.add(new TestFile.SavedFixture(name, table.columns, table.rows, span(keyword).to(table.close)));
            return true;
        }
        if (atWord("fixture")) {
            scope.fixtures.add(fixture());
            return true;
        }
        if (atWord("expect")) {
            scope.expectations.add(expectation());
            return true;
        }
        return false;
    }

    private TestFile.Case testCase() {
        Token keyword = next();
        TestFile.Text name = string("the test's name, as in test \"gold goes to the top spenders\"");
        expect(CampLexer.LBRACE, "'{' to open the test");
        Scope scope = new Scope();
        while (!at(CampLexer.RBRACE) && !at(Token.EOF)) {
            int start = pos;
            try {
                if (at(CampLexer.TEST) || at(CampLexer.CAMPAIGN)) {
                    throw error("'" + peek(0).getText() + "' belongs at the top of the file, not inside a test; is a '}' missing?");
                }
                if (!statement(scope, "a test")) {
                    throw error("expected at, param, fixture or expect in a test, found " + found(peek(0)));
                }
            } catch (Skip skip) {
                recover(start, true);
                if (at(CampLexer.TEST) || at(CampLexer.CAMPAIGN)) {
                    break;
                }
            }
        }
        Token close = peek(0);
        if (at(CampLexer.RBRACE)) {
            next();
        } else {
            report(span(keyword), Code.SYNTAX, "test '" + name.value() + "' is not closed: '}' expected");
        }
        return new TestFile.Case(name, scope.setup(), span(keyword).to(span(close)));
    }

    private TestFile.Fixture fixture() {
        Token keyword = next();
        Name entity = name("an entity name, as in fixture profiles { ... }");
        if (at(CampLexer.FROM)) {
            next();
            expect(CampLexer.CSV, "'csv' after 'from', as in fixture purchases from csv \"purchases.csv\"");
            TestFile.Text path = string("the CSV file's path");
            return new TestFile.CsvFixture(entity, path, span(keyword).to(path.span()));
        }
        expect(CampLexer.LBRACE, "'{' and the fixture's rows, or 'from csv \"FILE\"'");
        Table table = table("the fixture's header: the attributes its rows give, as in id, email, country");
        return new TestFile.InlineFixture(entity, table.columns, table.rows, span(keyword).to(table.close));
    }

    private TestFile.Expectation expectation() {
        Token keyword = next();
        TestFile.PortRef port = portRef();
        if (atWord("count")) {
            next();
            Token op = peek(0);
            if (!COMPARISONS.contains(op.getText())) {
                throw error("expected a comparison (=, !=, <, <=, >, >=) after 'count', found " + found(op));
            }
            next();
            Token number = peek(0);
            if (number.getType() != CampLexer.INTEGER) {
                throw error("expected a whole number of rows, found " + found(number));
            }
            next();
            long n;
            try {
                n = Long.parseLong(number.getText());
            } catch (NumberFormatException e) {
                report(span(number), Code.NUMBER_OUT_OF_RANGE, number.getText());
                n = 0;
            }
            return new TestFile.CountExpectation(port, op.getText(), n, span(number), span(keyword).to(span(number)));
        }
        if (atWord("rows")) {
            next();
            expect(CampLexer.LBRACE, "'{' and the expected rows");
            Table table = table("the columns to compare, as in id, spent_90d");
            return new TestFile.RowsExpectation(port, table.columns, table.rows, span(keyword).to(table.close));
        }
        throw error("expected 'count' or 'rows' after the port, found " + found(peek(0)));
    }

    private TestFile.PortRef portRef() {
        Name activity = name("an activity name, as in expect tiers.gold count = 40");
        Name port = null;
        if (at(CampLexer.DOT)) {
            next();
            port = name("a port name after '.'");
        }
        return new TestFile.PortRef(activity, port, port == null ? activity.span() : activity.span().to(port.span()));
    }

    // ------------------------------------------------------------ tables

    private record Table(List<Name> columns, List<TestFile.Row> rows, Span close) {
    }

    /** After '{': a header line of names, then one row of literals per line, then '}'. */
    private Table table(String header) {
        List<Name> columns = new ArrayList<>();
        List<TestFile.Row> rows = new ArrayList<>();
        if (!at(CampLexer.RBRACE)) {
            columns.add(name(header));
            while (at(CampLexer.COMMA) && sameLine()) {
                next();
                columns.add(name("a column name after ','"));
            }
            while (!at(CampLexer.RBRACE) && !at(Token.EOF)) {
                if (sameLine()) {
                    throw error("expected ',' between the values of a row, or a new line after it, found " + found(peek(0)));
                }
                rows.add(row());
            }
        }
        Token close = peek(0);
        expect(CampLexer.RBRACE, "'}' to close the rows");
        return new Table(columns, rows, span(close));
    }

    private TestFile.Row row() {
        List<Expr.Literal> values = new ArrayList<>();
        values.add(literal());
        while (at(CampLexer.COMMA) && sameLine()) {
            next();
            values.add(literal());
        }
        return new TestFile.Row(values, values.get(0).span().to(values.get(values.size() - 1).span()));
    }

    /** True when the next token starts on the line where the previous one ended. */
    private boolean sameLine() {
        if (pos == 0) {
            return false;
        }
        Token previous = tokens.get(pos - 1);
        Token next = peek(0);
        if (next.getType() == Token.EOF) {
            return false;
        }
        int endLine = previous.getLine() + (int) previous.getText().chars().filter(ch -> ch == '\n').count();
        return next.getLine() == endLine;
    }

    // ------------------------------------------------------------ literals

    private Expr.Literal literal() {
        Token t = peek(0);
        Span span = span(t);
        switch (t.getType()) {
            case CampLexer.INTEGER -> {
                next();
                return integer(t, span, false);
            }
            case CampLexer.DECIMAL_NUMBER -> {
                next();
                return new Expr.Literal(Expr.LiteralKind.DECIMAL, new BigDecimal(t.getText()), span);
            }
            case CampLexer.MINUS -> {
                next();
                Token n = peek(0);
                if (n.getType() == CampLexer.INTEGER) {
                    next();
                    return integer(n, span.to(span(n)), true);
                }
                if (n.getType() == CampLexer.DECIMAL_NUMBER) {
                    next();
                    return new Expr.Literal(Expr.LiteralKind.DECIMAL, new BigDecimal(n.getText()).negate(), span.to(span(n)));
                }
                throw error("expected a number after '-', found " + found(n));
            }
            case CampLexer.STRING, CampLexer.LONG_STRING -> {
                next();
                return new Expr.Literal(Expr.LiteralKind.STRING, stringValue(t), span);
            }
            case CampLexer.TRUE, CampLexer.FALSE -> {
                next();
                return new Expr.Literal(Expr.LiteralKind.BOOL, t.getType() == CampLexer.TRUE, span);
            }
            case CampLexer.NULL -> {
                next();
                return new Expr.Literal(Expr.LiteralKind.NULL, null, span);
            }
            case CampLexer.DATE -> {
                return dateTime();
            }
            default -> throw error("expected a value (a number, \"text\", true, false, null, a date or a date and time), found "
                    + found(t));
        }
    }

    private Expr.Literal integer(Token t, Span span, boolean negative) {
        try {
            long v = Long.parseLong((negative ? "-" : "") + t.getText());
            return new Expr.Literal(Expr.LiteralKind.INT, v, span);
        } catch (NumberFormatException e) {
            report(span, Code.NUMBER_OUT_OF_RANGE, t.getText());
            return new Expr.Literal(Expr.LiteralKind.INT, 0L, span);
        }
    }

    /** {@code DATE} or {@code DATE TIME} (on the same line). */
    private Expr.Literal dateTime() {
        Token d = peek(0);
        if (d.getType() != CampLexer.DATE) {
            throw error("expected a date such as 2026-03-10, or a date and time such as 2026-03-10 09:00, found " + found(d));
        }
        next();
        LocalDate date;
        try {
            date = LocalDate.parse(d.getText());
        } catch (DateTimeParseException e) {
            report(span(d), Code.INVALID_DATE, d.getText());
            date = LocalDate.of(2000, 1, 1);
        }
        if (at(CampLexer.TIME) && sameLine()) {
            Token t = next();
            LocalTime time = time(t);
            return new Expr.Literal(Expr.LiteralKind.TIMESTAMP, LocalDateTime.of(date, time), span(d).to(span(t)));
        }
        return new Expr.Literal(Expr.LiteralKind.DATE, date, span(d));
    }

    private LocalTime time(Token t) {
        String[] parts = t.getText().split(":");
        try {
            return LocalTime.of(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (RuntimeException e) {
            report(span(t), Code.INVALID_TIME, t.getText());
            return LocalTime.MIDNIGHT;
        }
    }

    private TestFile.Text string(String what) {
        Token t = peek(0);
        if (t.getType() != CampLexer.STRING && t.getType() != CampLexer.LONG_STRING) {
            throw error("expected " + what + ", found " + found(t));
        }
        next();
        return new TestFile.Text(stringValue(t), span(t));
    }

    /** A string token's value, escapes resolved (a bad escape is reported and kept as its character). */
    private String stringValue(Token t) {
        String raw = t.getText();
        if (t.getType() == CampLexer.LONG_STRING) {
            String body = raw.substring(3, raw.length() - 3);
            if (body.startsWith("\n") || body.startsWith("\r\n")) {
                body = body.substring(body.indexOf('\n') + 1).stripIndent();
            }
            return body;
        }
        String body = raw.length() >= 2 ? raw.substring(1, raw.length() - 1) : "";
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char escaped = body.charAt(++i);
            switch (escaped) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                default -> {
                    int at = t.getStartIndex() + 1 + body.codePointCount(0, i - 1);
                    report(Span.of(source, at, at + 2), Code.INVALID_ESCAPE, "\\" + escaped);
                    out.append(escaped);
                }
            }
        }
        return out.toString();
    }

    private Name name(String what) {
        Token t = peek(0);
        int type = t.getType();
        if (type == CampLexer.QUOTED_IDENTIFIER) {
            next();
            return new Name(t.getText().substring(1, t.getText().length() - 1), span(t));
        }
        if (type != Token.EOF && !RESERVED.contains(type) && t.getText().matches("[A-Za-z_][A-Za-z0-9_]*")) {
            next();
            return new Name(t.getText(), span(t));
        }
        throw error("expected " + what + ", found " + found(t));
    }

    // ------------------------------------------------------------ tokens

    private boolean at(int type) {
        return peek(0).getType() == type;
    }

    private boolean atWord(String word) {
        Token t = peek(0);
        return t.getType() == CampLexer.IDENTIFIER && t.getText().equals(word);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek(0);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private void expect(int type, String what) {
        if (!at(type)) {
            throw error("expected " + what + ", found " + found(peek(0)));
        }
        next();
    }

    private Skip error(String message) {
        report(span(peek(0)), Code.SYNTAX, message);
        return new Skip();
    }

    private void report(Span span, Code code, Object... args) {
        if (errors++ < MAX_ERRORS) {
            diagnostics.add(Diagnostic.at(span, code, args));
        }
    }

    /**
     * Goes on after a mistake: at the next statement's keyword on a later line, or after the
     * braces the statement opened (at the closing brace of a test when {@code inTest}).
     */
    private void recover(int start, boolean inTest) {
        if (pos == start) {
            next();
        }
        int depth = 0;
        for (int i = start; i < pos; i++) {
            int type = tokens.get(i).getType();
            depth += type == CampLexer.LBRACE ? 1 : type == CampLexer.RBRACE ? -1 : 0;
        }
        while (!at(Token.EOF)) {
            int type = peek(0).getType();
            if (depth <= 0 && (type == CampLexer.CAMPAIGN || type == CampLexer.TEST || type == CampLexer.AT || type == CampLexer.PARAM
                    || atWord("fixture") || atWord("expect") || (inTest && type == CampLexer.RBRACE)) && !sameLine()) {
                return;
            }
            if (type == CampLexer.LBRACE) {
                depth++;
            } else if (type == CampLexer.RBRACE) {
                if (depth == 0 && inTest) {
                    return;
                }
                depth--;
            }
            next();
        }
    }

    private Span span(Token t) {
        if (t.getType() == Token.EOF) {
            int end = source.length();
            return Span.of(source, end, end);
        }
        return Span.of(source, t.getStartIndex(), t.getStopIndex() + 1);
    }

    private static String found(Token t) {
        if (t.getType() == Token.EOF) {
            return "the end of the file";
        }
        String text = t.getText();
        return "'" + (text.length() > 30 ? text.substring(0, 30) + "..." : text) + "'";
    }
}
