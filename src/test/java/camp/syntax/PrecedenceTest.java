package camp.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.ast.AstPrinter;
import camp.ast.Expr;
import camp.ast.Statement;
import camp.source.SourceFile;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Operator precedence and associativity (§5: or; and; not; comparisons and predicates; + -;
 * * / %; unary -; member access and calls), through {@link Syntax#parse}. The expression is the
 * default of a param, so that nothing but the syntax stage is involved. Trees are shown two
 * ways: as {@link AstPrinter} prints them, and as a compact S-expression built by a visitor.
 */
class PrecedenceTest {
    static Expr parse(String expression) {
        Parsed parsed = Syntax.parse(SourceFile.of("expr.camp", "param x: bool = " + expression + "\n"));
        assertEquals(List.of(), parsed.diagnostics(), expression);
        List<Statement.Param> params = parsed.file().all(Statement.Param.class);
        assertEquals(1, params.size());
        return params.get(0).defaultValue();
    }

    /** AstPrinter's tree of a param whose default is the expression, without the lines of raw spans. */
    static String printed(String expression) {
        Parsed parsed = Syntax.parse(SourceFile.of("expr.camp", "param x: bool = " + expression + "\n"));
        assertEquals(List.of(), parsed.diagnostics(), expression);
        return AstPrinter.print(parsed.file()).lines()
                .filter(l -> !l.strip().matches("^\\w*[sS]pan: Span .*"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @Test
    void theExampleOfTheBriefAsAstPrinterPrintsIt() {
        // a or (b and (not (c = (1 + (2 * 3)))))
        assertEquals("""
                Statement.Param @1:1 name=x type=bool
                  defaultValue: Expr.Binary @1:17 op=OR
                    left: Expr.Ref name=a
                    right: Expr.Binary @1:22 op=AND
                      left: Expr.Ref name=b
                      right: Expr.Unary @1:28 op=NOT
                        operand: Expr.Binary @1:32 op=EQ
                          left: Expr.Ref name=c
                          right: Expr.Binary @1:36 op=ADD
                            left: Expr.Literal @1:36 kind=INT value=1
                            right: Expr.Binary @1:40 op=MUL
                              left: Expr.Literal @1:40 kind=INT value=2
                              right: Expr.Literal @1:44 kind=INT value=3
                """, printed("a or b and not c = 1 + 2 * 3"));
        assertEquals("(or a (and b (not (= c (+ 1 (* 2 3))))))", sexpr(parse("a or b and not c = 1 + 2 * 3")));
    }

    @Test
    void leftAssociativeArithmeticAsAstPrinterPrintsIt() {
        assertEquals("""
                Statement.Param @1:1 name=x type=bool
                  defaultValue: Expr.Binary @1:17 op=SUB
                    left: Expr.Binary @1:17 op=SUB
                      left: Expr.Literal @1:17 kind=INT value=10
                      right: Expr.Literal @1:22 kind=INT value=4
                    right: Expr.Unary @1:26 op=NEGATE
                      operand: Expr.Literal @1:27 kind=INT value=3
                """, printed("10 - 4 - -3"));
    }

    @ParameterizedTest(name = "{0}  ==>  {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a or b or c                          | (or (or a b) c)
            a and b and c                        | (and (and a b) c)
            a or b and c                         | (or a (and b c))
            a and b or c                         | (or (and a b) c)
            (a or b) and c                       | (and (or a b) c)
            not a and b                          | (and (not a) b)
            not a or not b                       | (or (not a) (not b))
            not not a                            | (not (not a))
            not a = b                            | (not (= a b))
            a = 1 and b != 2                     | (and (= a 1) (!= b 2))
            a < 1 or a <= 2 or a > 3 or a >= 4   | (or (or (or (< a 1) (<= a 2)) (> a 3)) (>= a 4))
            a + 1 = b * 2                        | (= (+ a 1) (* b 2))
            1 + 2 + 3                            | (+ (+ 1 2) 3)
            1 - 2 - 3                            | (- (- 1 2) 3)
            1 - 2 + 3                            | (+ (- 1 2) 3)
            8 / 4 / 2                            | (/ (/ 8 4) 2)
            8 / 4 * 2 % 3                        | (% (* (/ 8 4) 2) 3)
            1 + 2 * 3                            | (+ 1 (* 2 3))
            1 * 2 + 3                            | (+ (* 1 2) 3)
            (1 + 2) * 3                          | (* (+ 1 2) 3)
            -1 * 2                               | (* (neg 1) 2)
            -a.b                                 | (neg (. a b))
            - -a                                 | (neg (neg a))
            a - -1                               | (- a (neg 1))
            a.b.c + f(x).y                       | (+ (. (. a b) c) (. (f x) y))
            f(a, b + 1) * 2                      | (* (f a (+ b 1)) 2)
            count(o where o.x > 1) > 2           | (> (count (where o (> (. o x) 1))) 2)
            a in (1, 2 + 3) and b                | (and (in a 1 (+ 2 3)) b)
            a not in (1) or b                    | (or (not-in a 1) b)
            a between 1 and 2 and b              | (and (between a 1 2) b)
            a not between 1 + 1 and 2 * 2        | (not-between a (+ 1 1) (* 2 2))
            a is null or b is not null           | (or (is-null a) (is-not-null b))
            not a is null                        | (not (is-null a))
            a contains "x" and b starts with "y" | (and (contains a "x") (starts with b "y"))
            a ends with "x" or b matches "y"     | (or (ends with a "x") (matches b "y"))
            lower(a) + "x" contains "y"          | (contains (+ (lower a) "x") "y")
            now() - 90 days >= t                 | (>= (- (now) 90 days) t)
            d + 1 week - 2 days                  | (- (+ d 1 week) 2 days)
            in audience loyal and in saved "vip" | (and (in-audience loyal) (in-saved "vip"))
            not in audience loyal                | (not (in-audience loyal))
            """)
    void precedenceAndAssociativity(String expression, String tree) {
        assertEquals(tree, sexpr(parse(expression)));
    }

    @Test
    void spansCoverTheWholeOperation() {
        Expr e = parse("a or b and not c = 1 + 2 * 3");
        assertEquals("a or b and not c = 1 + 2 * 3", e.span().text());
        Expr.Binary and = (Expr.Binary) ((Expr.Binary) e).right();
        assertEquals("b and not c = 1 + 2 * 3", and.span().text());
        assertEquals("not c = 1 + 2 * 3", and.right().span().text());
        Expr.Binary paren = (Expr.Binary) parse("(1 + 2) * 3");
        assertEquals("1 + 2", paren.left().span().text(), "parentheses are not part of the operand's span");
        assertTrue(paren.span().text().startsWith("1 + 2)"), paren.span().text());
    }

    /**
     * Regression: AstPrinter prints no name at all (Name is a record, so it is neither printed
     * inline nor as a child): {@code explain --stage ast} shows {@code Expr.Ref} without saying
     * which name, and a param, an activity or an entity without its name.
     */
    @Test
    void astPrinterShowsNames() {
        String tree = AstPrinter.print(Syntax.parse(SourceFile.of("n.camp", "param limit_points: int = other_param\n")).file());
        assertTrue(tree.contains("limit_points"), "the param's name is missing:\n" + tree);
        assertTrue(tree.contains("other_param"), "the referenced name is missing:\n" + tree);
    }

    // ------------------------------------------------------------ S-expressions

    static String sexpr(Expr e) {
        return e.accept(new Expr.Visitor<String>() {
            @Override
            public String visitLiteral(Expr.Literal l) {
                return l.span().text();
            }

            @Override
            public String visitRef(Expr.Ref r) {
                return r.name().value();
            }

            @Override
            public String visitMember(Expr.Member m) {
                return "(. " + sexpr(m.target()) + " " + m.member().value() + ")";
            }

            @Override
            public String visitCall(Expr.Call c) {
                StringBuilder out = new StringBuilder("(" + c.function().value());
                for (Expr.Argument a : c.arguments()) {
                    out.append(' ').append(a.filter() == null ? sexpr(a.value())
                            : "(where " + sexpr(a.value()) + " " + sexpr(a.filter()) + ")");
                }
                return out.append(')').toString();
            }

            @Override
            public String visitUnary(Expr.Unary u) {
                return "(" + (u.op() == Expr.UnaryOp.NOT ? "not" : "neg") + " " + sexpr(u.operand()) + ")";
            }

            @Override
            public String visitBinary(Expr.Binary b) {
                return "(" + b.op().symbol() + " " + sexpr(b.left()) + " " + sexpr(b.right()) + ")";
            }

            @Override
            public String visitInList(Expr.InList i) {
                return "(" + (i.negated() ? "not-in " : "in ") + sexpr(i.value()) + " "
                        + i.items().stream().map(PrecedenceTest::sexpr).collect(Collectors.joining(" ")) + ")";
            }

            @Override
            public String visitBetween(Expr.Between b) {
                return "(" + (b.negated() ? "not-between " : "between ") + sexpr(b.value()) + " " + sexpr(b.low()) + " "
                        + sexpr(b.high()) + ")";
            }

            @Override
            public String visitIsNull(Expr.IsNull i) {
                return "(" + (i.negated() ? "is-not-null " : "is-null ") + sexpr(i.value()) + ")";
            }

            @Override
            public String visitInAudience(Expr.InAudience a) {
                return "(in-audience " + a.audience().value() + ")";
            }

            @Override
            public String visitInSaved(Expr.InSaved s) {
                return "(in-saved \"" + s.name() + "\")";
            }
        });
    }
}
