package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.types.Type;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The types and the errors of expressions (§5), through small in-memory scripts: an expression
 * is checked as an enriched column ({@code enrich { v = EXPR }}), whose type the checked model
 * records, or as the condition of a build; errors are asserted with their code, column and
 * message. Column numbers are those of the expression line, which starts with {@link #PREFIX}.
 */
class ExpressionTypesTest {
    private static final String SCHEMA = """
            campaign "Expressions"
            param p_int: int = 10
            param p_text: text = "x"
            param p_date: date = 2026-03-01
            entity customers key id from table "customers" {
              id: int
              email: text
              born: date
              seen_at: timestamp
              points: int
              ratio: float
              balance: decimal
              active: bool
              shop_id: int
              orders: many orders on customer_id
              shop: one shops on shop_id
            }
            entity orders key order_id from table "orders" {
              order_id: int
              customer_id: int
              shop_id: int
              qty: int
              amount: decimal
              at: timestamp
              shop: one shops on shop_id
            }
            entity shops key shop_id from table "shops" {
              shop_id: int
              city: text
              orders: many orders on shop_id
            }
            audience members = customers where points > p_int
            audience shop_audience = shops where city = "Paris"
            activity all: build customers
            """;
    /** The start of the line that holds the expression under test, so that columns are stable. */
    static final String PREFIX = "activity calc: enrich { v = ";
    private static final int EXPRESSION_LINE = (int) SCHEMA.lines().count() + 1;

    /** Checks {@code enrich { v = EXPR }} on customers and returns the diagnostics and the type of v. */
    record Outcome(Type type, List<Diagnostic> diagnostics) {
        String errors() {
            return diagnostics.stream().filter(Diagnostic::isError)
                    .map(d -> d.code().id() + " " + (d.line() == EXPRESSION_LINE ? "" : d.line() + ":") + d.column() + " " + d.message())
                    .collect(Collectors.joining("\n"));
        }
    }

    static Outcome enrich(String expression) {
        String text = SCHEMA + PREFIX + expression + " }\nactivity done: end\nflow { all -> calc -> done }\n";
        Checked checked = Frontend.check(SourceFile.of("expr.camp", text));
        Type type = null;
        var out = checked.port("calc", "out");
        if (out != null) {
            type = out.columns().get("v");
        }
        return new Outcome(type, checked.diagnostics());
    }

    /** Checks {@code build customers where EXPR}; returns its errors as "CODE COLUMN message" lines. */
    static String conditionErrors(String condition) {
        String text = SCHEMA + "activity b: build customers where " + condition + "\nactivity done: end\nflow { all, b -> u -> done }\n"
                + "activity u: combine union\n";
        Checked checked = Frontend.check(SourceFile.of("expr.camp", text));
        return checked.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> d.code().id() + " " + d.column() + " " + d.message())
                .collect(Collectors.joining("\n"));
    }

    static Type typeOf(String expression) {
        Outcome o = enrich(expression);
        assertEquals("", o.errors(), "'" + expression + "' should check without errors");
        return o.type();
    }

    /** The column where a piece of the expression first occurs, counted in code points as diagnostics count it. */
    static int col(String expression, String piece) {
        int at = expression.indexOf(piece);
        assertTrue(at >= 0, piece + " in " + expression);
        return PREFIX.codePointCount(0, PREFIX.length()) + expression.codePointCount(0, at) + 1;
    }

    // ------------------------------------------------------------ types

    @ParameterizedTest(name = "{0} : {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1                               | int
            1.5                             | decimal
            "text"                          | text
            true                            | bool
            2026-03-01                      | date
            2026-03-01 09:30                | timestamp
            null                            | text
            points + 1                      | int
            points - balance                | decimal
            points * ratio                  | float
            points / 2                      | float
            balance / balance               | decimal
            points % 7                      | int
            -points                         | int
            -balance                        | decimal
            2 + 3 * 4 - (5 - 6) * -7        | int
            today() + 1 day                 | date
            today() - 2 weeks               | date
            today() + 1 month               | date
            today() + 2 hours               | timestamp
            born + 30 minutes               | timestamp
            now() - 90 days                 | timestamp
            seen_at + 1 year                | timestamp
            1 week + today()                | date
            -1 day + now()                  | timestamp
            today() - born                  | int
            lower(email)                    | text
            upper(email)                    | text
            trim(email)                     | text
            length(email)                   | int
            concat(email, "-", p_text)      | text
            coalesce(email, p_text, "none") | text
            coalesce(points, 1.5)           | decimal
            coalesce(points, ratio)         | float
            coalesce(null, born)            | date
            coalesce(born, seen_at)         | timestamp
            abs(balance)                    | decimal
            abs(-3)                         | int
            round(ratio)                    | float
            round(balance, 2)               | decimal
            floor(points / 3)               | float
            ceil(balance)                   | decimal
            year(born)                      | int
            month(seen_at)                  | int
            day(born)                       | int
            weekday(today())                | int
            hour(seen_at)                   | int
            date(seen_at)                   | date
            date("2026-03-01")              | date
            age(born)                       | int
            days_between(born, now())       | int
            now()                           | timestamp
            today()                         | date
            count(orders)                   | int
            count(orders where qty > 1)     | int
            sum(orders.qty)                 | int
            sum(orders.amount)              | decimal
            avg(orders.amount)              | float
            min(orders.at)                  | timestamp
            max(orders.amount where qty > 1) | decimal
            exists(orders)                  | bool
            exists(orders where shop.city = "Paris") | bool
            count(shop.orders)              | int
            shop.city                       | text
            p_int                           | int
            p_date + 1 day                  | date
            points > 1 and active or not active | bool
            email in ("a", "b")             | bool
            points not in (1, 2)            | bool
            born between 1990-01-01 and today() | bool
            seen_at not between born and now() | bool
            email is null                   | bool
            email is not null               | bool
            email contains "@"              | bool
            email starts with "a"           | bool
            email ends with ".com"          | bool
            email matches "^[a-z]+@"        | bool
            in audience members             | bool
            in saved "vip"                  | bool
            born < seen_at                  | bool
            points = balance                | bool
            """)
    void typeOfAnExpression(String expression, String type) {
        assertEquals(type, String.valueOf(typeOf(expression)), expression);
    }

    @Test
    void namesResolveToColumnsThenAttributesThenParams() {
        String text = SCHEMA + """
                activity one: enrich { p_int = "shadowing a param is allowed"  score = points * 2 }
                activity two: enrich { a = p_int  b = score + 1  c = p_text }
                activity done: end
                flow { all -> one -> two -> done }
                """;
        Checked checked = Frontend.check(SourceFile.of("expr.camp", text));
        assertEquals("", Cases.render(checked.diagnostics()));
        Map<String, Type> columns = checked.port("two", "out").columns();
        assertEquals(Type.TEXT, columns.get("a"), "the enriched column p_int hides the param p_int");
        assertEquals(Type.INT, columns.get("b"));
        assertEquals(Type.TEXT, columns.get("c"));
    }

    @Test
    void insideAnAggregateNamesResolveAgainstTheLinkedEntityFirst() {
        // shop_id exists on both: inside the parentheses it is the order's; points only on the customer
        assertEquals(Type.INT, typeOf("count(orders where shop_id = 1 and qty < points)"));
        assertEquals(Type.INT, typeOf("count(orders where amount > avg(orders.amount))"));
        assertEquals(Type.BOOL, typeOf("exists(orders where exists(shop.orders where qty > 10))"));
    }

    // ------------------------------------------------------------ errors

    @Test
    void comparisonsOfIncomparableTypes() {
        String e = "email = 33";
        assertEquals("E0303 " + col(e, "email") + " cannot compare text with int", enrich(e).errors());
        e = "points >= \"100\"";
        assertEquals("E0303 " + col(e, "points") + " cannot compare int with text", enrich(e).errors());
        e = "born < \"2026-01-01\"";
        assertEquals("E0303 " + col(e, "born") + " cannot compare date with text", enrich(e).errors());
        e = "active = 1";
        assertEquals("E0303 " + col(e, "active") + " cannot compare bool with int", enrich(e).errors());
        e = "email in (\"a\", 1)";
        assertEquals("E0303 " + col(e, "1") + " cannot compare text with int", enrich(e).errors());
        e = "points between 1 and \"9\"";
        assertEquals("E0303 " + col(e, "\"9\"") + " cannot compare int with text", enrich(e).errors());
        e = "1 day = 1 day";
        assertEquals("E0303 " + col(e, "1 day") + " cannot compare duration with duration", enrich(e).errors());
    }

    @Test
    void operatorsOnTheWrongTypes() {
        String e = "email + 1";
        assertEquals("E0304 " + col(e, "email") + " operator '+' cannot be applied to text and int", enrich(e).errors());
        e = "email + \"x\"";
        assertEquals("E0304 " + col(e, "email") + " operator '+' cannot be applied to text and text", enrich(e).errors());
        e = "seen_at - now()";
        assertEquals("E0304 " + col(e, "seen_at") + " operator '-' cannot be applied to timestamp and timestamp", enrich(e).errors());
        e = "points * 1 day";
        assertEquals("E0304 " + col(e, "points") + " operator '*' cannot be applied to int and duration", enrich(e).errors());
        e = "-email";
        assertEquals("E0301 " + col(e, "email") + " the operand of '-' must be a number, found text", enrich(e).errors());
        e = "not points";
        assertEquals("E0301 " + col(e, "points") + " the operand of 'not' must be bool, found int", enrich(e).errors());
        e = "active and 1";
        assertEquals("E0301 " + col(e, "1") + " each side of 'and' must be bool, found int", enrich(e).errors());
        e = "email or active";
        assertEquals("E0301 " + col(e, "email") + " each side of 'or' must be bool, found text", enrich(e).errors());
        e = "points contains \"1\"";
        assertEquals("E0304 " + col(e, "points") + " operator 'contains' cannot be applied to int and text", enrich(e).errors());
        e = "email starts with 1";
        assertEquals("E0304 " + col(e, "email") + " operator 'starts with' cannot be applied to text and int", enrich(e).errors());
        e = "email matches \"(\"";
        assertEquals("E0310 " + col(e, "\"(\"") + " invalid regular expression: missing closing )", enrich(e).errors());
    }

    @Test
    void functionArityAndArguments() {
        String e = "lower(email, email)";
        assertEquals("E0305 " + col(e, "lower") + " lower() takes 1 argument, found 2", enrich(e).errors());
        e = "lower()";
        assertEquals("E0305 " + col(e, "lower") + " lower() takes 1 argument, found 0", enrich(e).errors());
        e = "round(ratio, 1, 2)";
        assertEquals("E0305 " + col(e, "round") + " round() takes 1 to 2 arguments, found 3", enrich(e).errors());
        e = "days_between(born)";
        assertEquals("E0305 " + col(e, "days_between") + " days_between() takes 2 arguments, found 1", enrich(e).errors());
        e = "now(1)";
        assertEquals("E0305 " + col(e, "now") + " now() takes 0 arguments, found 1", enrich(e).errors());
        e = "coalesce()";
        assertEquals("E0305 " + col(e, "coalesce") + " coalesce() takes at least one argument, found 0", enrich(e).errors());
        e = "lower(points)";
        assertEquals("E0301 " + col(e, "points") + " the argument of lower() must be text, found int", enrich(e).errors());
        e = "year(points)";
        assertEquals("E0301 " + col(e, "points") + " the argument of year() must be a date or timestamp, found int", enrich(e).errors());
        e = "abs(email)";
        assertEquals("E0301 " + col(e, "email") + " the argument of abs() must be a number, found text", enrich(e).errors());
        e = "round(ratio, 1.5)";
        assertEquals("E0301 " + col(e, "1.5") + " the number of decimals of round() must be int, found decimal", enrich(e).errors());
        e = "coalesce(points, email)";
        assertEquals("E0301 " + col(e, "email") + " argument 2 of coalesce() must be int, found text", enrich(e).errors());
        e = "lowr(email)";
        Outcome o = enrich(e);
        assertEquals("E0205 " + col(e, "lowr") + " unknown function 'lowr'", o.errors());
        assertEquals("did you mean 'lower'?", o.diagnostics().stream().filter(Diagnostic::isError).findFirst().orElseThrow().help());
    }

    @Test
    void aggregatesAndLinks() {
        String e = "count(shop)";
        assertEquals("E0306 " + col(e, "shop") + " count() aggregates over a many link, and 'shop' is not one", enrich(e).errors());
        e = "count(points)";
        assertEquals("E0306 " + col(e, "points") + " count() aggregates over a many link, and 'points' is not one", enrich(e).errors());
        e = "sum(orders)";
        assertEquals("E0311 " + col(e, "orders") + " sum() needs an attribute of the linked records, as in sum(orders.amount)", enrich(e).errors());
        e = "exists(orders.qty)";
        assertEquals("E0311 " + col(e, "orders") + " exists() needs a many link, not an attribute: exists(orders where ...)", enrich(e).errors());
        e = "sum(orders.qty, orders.qty)";
        assertEquals("E0305 " + col(e, "sum") + " sum() takes 1 argument, found 2", enrich(e).errors());
        e = "sum(orders.at)";
        assertEquals("E0301 " + col(e, "at)") + " the value of sum() must be a number, found timestamp", enrich(e).errors());
        e = "count(orders where qty)";
        assertEquals("E0302 " + col(e, "qty") + " a condition must be bool, found int", enrich(e).errors());
        e = "lower(email where active)";
        assertEquals("E0308 " + col(e, "active") + " 'where' is allowed only inside count, sum, avg, min, max and exists over a many link",
                enrich(e).errors());
        e = "orders.qty + 1";
        assertEquals("E0218 " + col(e, "orders") + " 'orders' is a many link: it has many values per row; aggregate it, as in count(orders) or exists(orders)",
                enrich(e).errors());
        e = "shop";
        assertEquals("E0307 " + col(e, "shop") + " 'shop' is a link, not a value", enrich(e).errors());
        e = "shop.town";
        assertEquals("E0204 " + col(e, "town") + " 'shops' has no attribute or link 'town'", enrich(e).errors());
        e = "email.domain";
        assertEquals("E0204 " + col(e, "domain") + " 'email' has no attribute or link 'domain'", enrich(e).errors());
        e = "p_text.x";
        assertEquals("E0204 " + (col(e, ".x") + 1) + " 'p_text' has no attribute or link 'x'", enrich(e).errors());
        e = "pionts";
        assertEquals("E0203 " + col(e, "pionts") + " unknown name 'pionts'", enrich(e).errors());
    }

    @Test
    void audiences() {
        String e = "in audience membres";
        assertEquals("E0209 " + col(e, "membres") + " unknown audience 'membres'", enrich(e).errors());
        e = "in audience shop_audience";
        assertEquals("E0217 " + col(e, "shop_audience") + " audience 'shop_audience' selects shops, but these rows are customers",
                enrich(e).errors());
        e = "exists(orders where in audience members)";
        assertEquals("E0217 " + col(e, "members") + " audience 'members' selects customers, but these rows are orders", enrich(e).errors());
    }

    @Test
    void oneMistakeIsReportedOnce() {
        String e = "lower(nope) = upper(nope) and length(nope) > 1";
        Outcome o = enrich(e);
        assertEquals(3, o.diagnostics().size(), o.errors());
        assertTrue(o.errors().lines().allMatch(l -> l.startsWith("E0203 ")), o.errors());
        e = "(pionts + 1) * 2 > 3 and not (pionts < 2)";
        assertEquals(2, enrich(e).diagnostics().size(), enrich(e).errors());
    }

    /**
     * Regression: the arguments of an unknown function are checked as values, so a misspelt
     * aggregate also reports its many link as "a many link: aggregate it", which the user did.
     */
    @Test
    void aMisspeltAggregateIsOneError() {
        String e = "cuont(orders where qty > 1)";
        assertEquals("E0205 " + col(e, "cuont") + " unknown function 'cuont'", enrich(e).errors());
        e = "summ(orders.amount)";
        assertEquals("E0205 " + col(e, "summ") + " unknown function 'summ'", enrich(e).errors());
    }

    @Test
    void valuesThatCannotBeStoredInAColumn() {
        String e = "1 day";
        assertEquals("E0301 " + col(e, "1 day") + " an enriched column must be a value that can be stored, found duration", enrich(e).errors());
        e = "09:00";
        assertEquals("E0301 " + col(e, "09:00") + " an enriched column must be a value that can be stored, found time", enrich(e).errors());
    }

    @Test
    void conditionsMustBeBool() {
        int at = "activity b: build customers where ".length() + 1;
        assertEquals("E0302 " + at + " a condition must be bool, found int", conditionErrors("points"));
        assertEquals("E0302 " + at + " a condition must be bool, found text", conditionErrors("lower(email)"));
        assertEquals("E0302 " + at + " a condition must be bool, found date", conditionErrors("today()"));
        assertEquals("", conditionErrors("null"));
        assertEquals("", conditionErrors("active"));
    }

    @Test
    void testConditionsSeeOnlyCountAndParams() {
        String text = SCHEMA + """
                activity t: test { big: count > p_int and points > 1  small: otherwise }
                activity done: end
                flow { all -> t; t.big, t.small -> done }
                """;
        Checked checked = Frontend.check(SourceFile.of("expr.camp", text));
        List<String> errors = checked.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::message).toList();
        assertEquals(List.of("a test condition may use only 'count' (the input population) and params; 'points' is neither"), errors);
    }

    @Test
    void aWaitUntilSeesOnlyParamsLiteralsAndNow() {
        String text = SCHEMA + """
                activity w1: wait until now() + 1 day
                activity w2: wait until p_date
                activity w3: wait until 2026-12-24 18:00
                activity done: end
                flow { all -> w1 -> w2 -> w3 -> done }
                """;
        assertEquals("", Cases.render(Frontend.check(SourceFile.of("expr.camp", text)).diagnostics()));
        String bad = SCHEMA + "activity w: wait until p_int\nactivity done: end\nflow { all -> w -> done }\n";
        List<String> errors = Frontend.check(SourceFile.of("expr.camp", bad)).diagnostics().stream().map(Diagnostic::message).toList();
        assertEquals(List.of("'wait until' must be a timestamp, found int"), errors);
    }
}
