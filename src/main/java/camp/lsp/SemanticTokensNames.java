package camp.lsp;

import static camp.lsp.SemanticTokens.CLASS;
import static camp.lsp.SemanticTokens.DECLARATION;
import static camp.lsp.SemanticTokens.DEFAULT_LIBRARY;
import static camp.lsp.SemanticTokens.ENUM_MEMBER;
import static camp.lsp.SemanticTokens.FUNCTION;
import static camp.lsp.SemanticTokens.INTERFACE;
import static camp.lsp.SemanticTokens.METHOD;
import static camp.lsp.SemanticTokens.PARAMETER;
import static camp.lsp.SemanticTokens.PROPERTY;
import static camp.lsp.SemanticTokens.TYPE;
import static camp.lsp.SemanticTokens.VARIABLE;

import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * What each name of a document is, by the place it stands in the parse tree: the rule around its
 * {@code ident} and which of the rule's names it is. The parse recovers from syntax errors as the
 * syntax stage does, so a broken statement still has its names classified up to the error; input
 * nested beyond what a parse can take is left to the lexer's classification.
 */
final class SemanticTokensNames {
    private static final int MAX_NESTING = 1_000;

    /** Names the place alone does not tell apart: audiences (from entities) and params (from attributes). */
    record Known(Set<String> audiences, Set<String> params, Set<String> rowNames) {
    }

    /** The kind of name each rule holds, when it holds one kind whatever its position. */
    private static final Map<Class<?>, int[]> BY_RULE = new HashMap<>();

    static {
        BY_RULE.put(CampParser.ParamStatementContext.class, new int[] {PARAMETER, DECLARATION});
        BY_RULE.put(CampParser.ActivityStatementContext.class, new int[] {METHOD, DECLARATION});
        BY_RULE.put(CampParser.TestAudienceStatementContext.class, new int[] {CLASS, 0});
        BY_RULE.put(CampParser.AttributeMemberContext.class, new int[] {PROPERTY, DECLARATION});
        BY_RULE.put(CampParser.SavedBuildSourceContext.class, new int[] {CLASS, 0});
        BY_RULE.put(CampParser.IncrementalOptionContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.ReconcileActivityContext.class, new int[] {CLASS, 0});
        BY_RULE.put(CampParser.ChangeDimensionActivityContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.JoinActivityContext.class, new int[] {METHOD, 0});
        BY_RULE.put(CampParser.ColumnDeclContext.class, new int[] {PROPERTY, DECLARATION});
        BY_RULE.put(CampParser.MatchRuleContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.PathContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.RemainderSegmentContext.class, new int[] {ENUM_MEMBER, DECLARATION});
        BY_RULE.put(CampParser.ConditionSegmentContext.class, new int[] {ENUM_MEMBER, DECLARATION});
        BY_RULE.put(CampParser.EnrichColumnContext.class, new int[] {PROPERTY, DECLARATION});
        BY_RULE.put(CampParser.OtherwiseBranchContext.class, new int[] {ENUM_MEMBER, DECLARATION});
        BY_RULE.put(CampParser.ConditionBranchContext.class, new int[] {ENUM_MEMBER, DECLARATION});
        BY_RULE.put(CampParser.PerOptionContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.MonthlyFrequencyContext.class, new int[] {ENUM_MEMBER, 0});
        BY_RULE.put(CampParser.OrdinalDayContext.class, new int[] {ENUM_MEMBER, 0});
        BY_RULE.put(CampParser.DayRangeContext.class, new int[] {ENUM_MEMBER, 0});
        BY_RULE.put(CampParser.PostfixContext.class, new int[] {PROPERTY, 0});
        BY_RULE.put(CampParser.CallPrimaryContext.class, new int[] {FUNCTION, DEFAULT_LIBRARY});
        BY_RULE.put(CampParser.InAudiencePrimaryContext.class, new int[] {INTERFACE, 0});
    }

    private SemanticTokensNames() {
    }

    /** The kind and modifiers of each classified token, by its start offset. */
    static Map<Integer, int[]> classify(List<Token> all, Known known) {
        List<Token> tokens = parserTokens(all);
        if (tokens == null) {
            return Map.of();
        }
        CampParser.FileContext tree = parse(tokens);
        Known withDeclared = declared(tree, known);
        Map<Integer, int[]> out = new HashMap<>();
        Deque<ParseTree> todo = new ArrayDeque<>();
        todo.push(tree);
        while (!todo.isEmpty()) {
            ParseTree node = todo.pop();
            if (node instanceof CampParser.IdentContext ident) {
                int[] kind = ident(ident, withDeclared);
                Token t = ident.getStart();
                if (kind != null && t != null && t.getStartIndex() >= 0) {
                    out.put(t.getStartIndex(), kind);
                }
                continue;
            }
            if (node instanceof CampParser.TypeNameContext type && type.getStart() != null) {
                out.put(type.getStart().getStartIndex(), new int[] {TYPE, 0});
                continue;
            }
            for (int i = node.getChildCount() - 1; i >= 0; i--) {
                todo.push(node.getChild(i));
            }
        }
        return out;
    }

    /** The tokens the parser reads, repaired as the syntax stage repairs them; null when nesting is too deep to parse. */
    private static List<Token> parserTokens(List<Token> all) {
        List<Token> kept = new ArrayList<>(all.size());
        int depth = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            int type = t.getType();
            if (type == CampLexer.SLASH && i + 1 < all.size() && all.get(i + 1).getType() == CampLexer.STAR
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1) {
                break;
            }
            if (type == CampLexer.STRING && t.getText().equals("\"\"") && i + 1 < all.size()
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1 && all.get(i + 1).getText().startsWith("\"")) {
                break;
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL || type == CampLexer.UNEXPECTED_CHAR) {
                continue;
            }
            int repaired = switch (type) {
                case CampLexer.UNTERMINATED_STRING, CampLexer.SINGLE_QUOTED_STRING, CampLexer.TYPOGRAPHIC_STRING -> CampLexer.STRING;
                case CampLexer.DOUBLE_AMPERSAND -> CampLexer.AND;
                case CampLexer.DOUBLE_BAR -> CampLexer.OR;
                case CampLexer.DOUBLE_EQUALS -> CampLexer.EQ;
                default -> type;
            };
            if (repaired != type) {
                CommonToken copy = new CommonToken(t);
                copy.setType(repaired);
                t = copy;
            }
            if (type == CampLexer.LPAREN || type == CampLexer.LBRACE) {
                if (++depth > MAX_NESTING) {
                    return null;
                }
            } else if ((type == CampLexer.RPAREN || type == CampLexer.RBRACE) && depth > 0) {
                depth--;
            }
            kept.add(t);
        }
        return kept;
    }

    private static CampParser.FileContext parse(List<Token> tokens) {
        CampParser parser = new CampParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.file();
        } catch (ParseCancellationException e) {
            parser = new CampParser(new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            return parser.file();
        }
    }

    /** The known names plus the audiences and params the document declares itself. */
    private static Known declared(CampParser.FileContext tree, Known known) {
        Set<String> audiences = new HashSet<>(known.audiences());
        Set<String> params = new HashSet<>(known.params());
        for (CampParser.StatementContext s : tree.statement()) {
            if (s instanceof CampParser.AudienceStatementContext a && !a.ident().isEmpty()) {
                audiences.add(name(a.ident(0)));
            } else if (s instanceof CampParser.ParamStatementContext p && p.ident() != null) {
                params.add(name(p.ident()));
            }
        }
        return new Known(audiences, params, known.rowNames());
    }

    private static int[] ident(CampParser.IdentContext ident, Known known) {
        ParserRuleContext parent = ident.getParent();
        if (parent == null) {
            return null;
        }
        int[] simple = BY_RULE.get(parent.getClass());
        if (simple != null) {
            return simple;
        }
        int index = parent.getRuleContexts(CampParser.IdentContext.class).indexOf(ident);
        String name = name(ident);
        if (parent instanceof CampParser.EntityStatementContext) {
            return index == 0 ? new int[] {CLASS, DECLARATION} : new int[] {PROPERTY, 0};
        }
        if (parent instanceof CampParser.AudienceStatementContext) {
            return index == 0 ? new int[] {INTERFACE, DECLARATION} : source(name, known);
        }
        if (parent instanceof CampParser.NamedBuildSourceContext) {
            return source(name, known);
        }
        if (parent instanceof CampParser.ConsentMemberContext) {
            return index == 0 ? new int[] {ENUM_MEMBER, 0} : new int[] {PROPERTY, 0};
        }
        if (parent instanceof CampParser.LinkMemberContext) {
            return index == 0 ? new int[] {PROPERTY, DECLARATION} : index == 1 ? new int[] {CLASS, 0} : new int[] {PROPERTY, 0};
        }
        if (parent instanceof CampParser.EndpointContext) {
            return index == 0 ? new int[] {METHOD, 0} : new int[] {ENUM_MEMBER, 0};
        }
        if (parent instanceof CampParser.NamePrimaryContext) {
            if (name.equals("count") && inTest(parent)) {
                return new int[] {VARIABLE, DEFAULT_LIBRARY};
            }
            return known.params().contains(name) && !known.rowNames().contains(name) ? new int[] {PARAMETER, 0} : new int[] {PROPERTY, 0};
        }
        return new int[] {VARIABLE, 0};
    }

    private static int[] source(String name, Known known) {
        return known.audiences().contains(name) ? new int[] {INTERFACE, 0} : new int[] {CLASS, 0};
    }

    private static boolean inTest(ParserRuleContext node) {
        for (ParserRuleContext p = node; p != null; p = p.getParent()) {
            if (p instanceof CampParser.TestActivityContext) {
                return true;
            }
        }
        return false;
    }

    private static String name(CampParser.IdentContext ident) {
        String text = ident.getText();
        if (ident.getChildCount() == 1 && ident.getChild(0) instanceof TerminalNode t
                && t.getSymbol().getType() == CampLexer.QUOTED_IDENTIFIER && text.length() >= 2) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }
}
