package camp.syntax;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Collects ANTLR's syntax errors as diagnostics and rewrites them into sentences a marketer can
 * act on: "expected ':' after the activity name, found 'build'" rather than ANTLR's token sets.
 * Known mistakes (a misspelt statement, activity kind or type) get their own message and a
 * "did you mean".
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private static final List<String> STATEMENTS = List.of(
            "campaign", "import", "param", "entity", "audience", "activity", "flow", "schedule", "test");
    private static final List<String> ACTIVITY_KINDS = List.of(
            "build", "load", "reconcile", "combine", "dedup", "split", "enrich", "change", "test", "fork",
            "join", "wait", "email", "sms", "push", "save", "alert", "end");
    private static final List<String> TYPES = List.of("int", "decimal", "float", "text", "bool", "date", "timestamp");
    private static final Map<String, String> TYPE_ALIASES = Map.of(
            "integer", "int", "long", "int", "bigint", "int", "string", "text", "varchar", "text",
            "boolean", "bool", "datetime", "timestamp", "number", "decimal", "double", "float");
    private static final Map<Integer, String> RULE_NAMES = Map.ofEntries(
            Map.entry(CampParser.RULE_statement, "a statement"),
            Map.entry(CampParser.RULE_activity, "an activity"),
            Map.entry(CampParser.RULE_entityMember, "an entity member"),
            Map.entry(CampParser.RULE_segment, "a split segment"),
            Map.entry(CampParser.RULE_channelOption, "a channel option"),
            Map.entry(CampParser.RULE_frequency, "a schedule"),
            Map.entry(CampParser.RULE_chain, "a flow"),
            Map.entry(CampParser.RULE_primary, "an expression"),
            Map.entry(CampParser.RULE_expr, "an expression"));

    private final SourceFile source;
    private final List<Diagnostic> diagnostics;
    private final int maxErrors;
    private int count;
    private int lastOffset = -1;
    private int lastTokenIndex = -1;

    SyntaxErrorListener(SourceFile source, List<Diagnostic> diagnostics, int maxErrors) {
        this.source = source;
        this.diagnostics = diagnostics;
        this.maxErrors = maxErrors;
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        if (!(offendingSymbol instanceof Token token) || !(recognizer instanceof Parser parser)) {
            return;
        }
        Span span = spanOf(token);
        if (span.start() == lastOffset) {
            return;
        }
        lastOffset = span.start();
        // an error on the token right after the previous error is its cascade, not news
        if (token.getType() != Token.EOF && lastTokenIndex >= 0 && token.getTokenIndex() - lastTokenIndex <= 1) {
            lastTokenIndex = token.getTokenIndex();
            return;
        }
        lastTokenIndex = token.getTokenIndex();
        if (count++ >= maxErrors) {
            if (count == maxErrors + 1) {
                diagnostics.add(Diagnostic.at(span, Code.SYNTAX, "too many syntax errors; stopping here"));
            }
            return;
        }
        ParserRuleContext ctx = parser.getContext();
        Diagnostic known = knownMistake(parser, ctx, token, span);
        if (known != null) {
            diagnostics.add(known);
            return;
        }
        IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        String found = found(token);
        String message;
        if (msg.startsWith("missing ")) {
            message = "expected " + describe(expected) + " before " + found;
        } else if (e instanceof NoViableAltException || (e == null && !msg.startsWith("extraneous"))) {
            String where = RULE_NAMES.get(ctx.getRuleIndex());
            message = "unexpected " + found + (where != null ? " in " + where : "");
            String exp = describe(expected);
            if (!exp.isEmpty() && expected.size() <= 8) {
                message += "; expected " + exp;
            }
        } else {
            message = "expected " + describe(expected) + ", found " + found;
        }
        diagnostics.add(Diagnostic.at(span, Code.SYNTAX, message).withHelp(helpFor(ctx, token)));
    }

    private Diagnostic knownMistake(Parser parser, ParserRuleContext ctx, Token token, Span span) {
        String text = token.getText();
        boolean word = token.getType() == CampLexer.IDENTIFIER;
        if (ctx instanceof CampParser.FileContext && word) {
            return Diagnostic.at(span, Code.SYNTAX, "unknown statement '" + text + "'")
                    .withDidYouMean(text, STATEMENTS,
                            "a file is made of campaign, import, param, entity, audience, activity, flow, schedule and test audience statements");
        }
        if (ctx instanceof CampParser.ActivityContext && word) {
            return Diagnostic.at(span, Code.SYNTAX, "unknown activity kind '" + text + "'")
                    .withDidYouMean(text, ACTIVITY_KINDS, "the kinds are " + String.join(", ", ACTIVITY_KINDS));
        }
        boolean afterColon = token.getTokenIndex() > 0
                && parser.getInputStream().get(token.getTokenIndex() - 1).getType() == CampLexer.COLON;
        boolean declaresType = ctx instanceof CampParser.TypeNameContext
                || (afterColon && (ctx instanceof CampParser.EntityMemberContext || ctx instanceof CampParser.ColumnDeclContext
                        || ctx instanceof CampParser.EntityStatementContext || ctx instanceof CampParser.LoadActivityContext
                        || ctx instanceof CampParser.ParamStatementContext));
        if (declaresType && word) {
            String alias = TYPE_ALIASES.get(text.toLowerCase(java.util.Locale.ROOT));
            Diagnostic unknown = Diagnostic.at(span, Code.SYNTAX, "unknown type '" + text + "'");
            return alias != null ? unknown.withSuggestion(alias, alias)
                    : unknown.withDidYouMean(text, TYPES, "the types are " + String.join(", ", TYPES));
        }
        if (token.getType() == CampLexer.EQ && parser.getCurrentToken() == token
                && ctx instanceof CampParser.PredicateContext) {
            return null;
        }
        return null;
    }

    private String helpFor(ParserRuleContext ctx, Token token) {
        if (token.getType() == CampLexer.EQ && ctx instanceof CampParser.PredicateTailContext) {
            return "'=' compares once; combine conditions with 'and' / 'or'";
        }
        if (token.getType() == Token.EOF) {
            return "the file ends before this construct is complete: is a '}' or ')' missing?";
        }
        return null;
    }

    private Span spanOf(Token token) {
        if (token.getType() == Token.EOF || token.getStartIndex() < 0) {
            int end = source.length();
            return Span.of(source, end, end);
        }
        return Span.of(source, token.getStartIndex(), token.getStopIndex() + 1);
    }

    private static String found(Token token) {
        if (token.getType() == Token.EOF) {
            return "end of file";
        }
        String text = token.getText();
        if (text.length() > 40) {
            text = text.substring(0, 37) + "...";
        }
        return switch (token.getType()) {
            case CampLexer.STRING, CampLexer.LONG_STRING -> "string " + text;
            case CampLexer.INTEGER, CampLexer.DECIMAL_NUMBER -> "number " + text;
            default -> "'" + text + "'";
        };
    }

    /** Turns a token set into words: keywords quoted, classes named, soft keywords folded into "a name". */
    static String describe(IntervalSet expected) {
        if (expected == null || expected.isNil()) {
            return "";
        }
        Set<String> words = new LinkedHashSet<>();
        boolean name = expected.contains(CampLexer.IDENTIFIER);
        if (expected.contains(CampLexer.LPAREN) && expected.contains(CampLexer.MINUS) && expected.contains(CampLexer.INTEGER)) {
            return "an expression";
        }
        List<Integer> types = new ArrayList<>(expected.toList());
        for (int type : types) {
            String w = tokenWord(type, name);
            if (w != null) {
                words.add(w);
            }
        }
        List<String> list = new ArrayList<>(words);
        if (list.size() > 8) {
            List<String> head = new ArrayList<>(list.subList(0, 7));
            head.add("...");
            list = head;
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " or " + list.get(list.size() - 1);
    }

    private static String tokenWord(int type, boolean nameExpected) {
        switch (type) {
            case Token.EOF:
                return "end of file";
            case CampLexer.IDENTIFIER:
                return "a name";
            case CampLexer.QUOTED_IDENTIFIER:
                return null;
            case CampLexer.STRING:
                return "a string";
            case CampLexer.LONG_STRING:
                return null;
            case CampLexer.INTEGER:
                return "a whole number";
            case CampLexer.DECIMAL_NUMBER:
                return "a number";
            case CampLexer.DATE:
                return "a date (2026-03-01)";
            case CampLexer.TIME:
                return "a time (09:00)";
            case CampLexer.ORDINAL:
                return "an ordinal (1st, 2nd...)";
            default:
                break;
        }
        String literal = CampLexer.VOCABULARY.getLiteralName(type);
        if (literal == null) {
            return null;
        }
        boolean keyword = Character.isLetter(literal.charAt(1));
        if (keyword && nameExpected && type >= CampLexer.CAMPAIGN && type <= CampLexer.YEARS) {
            return null;
        }
        return literal;
    }
}
