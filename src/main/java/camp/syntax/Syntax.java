package camp.syntax;

import camp.ast.CampFile;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The syntax stage: text to tokens to parse tree to AST. The ANTLR classes stay in this package.
 *
 * <p>Lexical problems (stray characters, unterminated strings and comments) are reported here
 * and the offending tokens repaired or dropped, so that the parser reports only real syntax
 * errors, each once. Parsing first tries ANTLR's fast SLL mode and falls back to full LL with
 * error recovery only when that fails.
 */
public final class Syntax {
    /** Deeper nesting than this is reported instead of parsed. */
    public static final int MAX_NESTING = 2_000;
    private static final int MAX_ERRORS = 50;

    private Syntax() {
    }

    /** A token for {@code camp explain --stage tokens}. */
    public record TokenView(String type, String text, Span span) {
    }

    public static List<TokenView> tokens(SourceFile source) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        List<TokenView> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                String name = CampLexer.VOCABULARY.getSymbolicName(t.getType());
                out.add(new TokenView(name, t.getText(), Span.of(source, t.getStartIndex(), t.getStopIndex() + 1)));
            }
        }
        return out;
    }

    public static Parsed parse(SourceFile source) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<Token> tokens = lex(source, diagnostics);
        boolean truncated = diagnostics.stream().anyMatch(d -> d.code() == Code.UNTERMINATED_COMMENT
                || d.code() == Code.UNTERMINATED_LONG_STRING);
        if (tooDeep(source, tokens, diagnostics)) {
            return new Parsed(new CampFile(source, List.of(), List.of(), true), diagnostics);
        }
        int lexical = diagnostics.size();
        CampParser.FileContext tree;
        CampParser parser = new CampParser(new CommonTokenStream(new ListTokenSource(tokens)));
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            parser = new CampParser(new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            SyntaxErrorListener listener = new SyntaxErrorListener(source, diagnostics, MAX_ERRORS);
            parser.addErrorListener(listener);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.file();
        }
        if (truncated) {
            // the lexer stopped early: what the parser says about the missing end is not news
            int end = source.length();
            List<Diagnostic> kept = new ArrayList<>(diagnostics.subList(0, lexical));
            for (Diagnostic d : diagnostics.subList(lexical, diagnostics.size())) {
                if (d.span() == null || d.span().start() < end) {
                    kept.add(d);
                }
            }
            diagnostics.clear();
            diagnostics.addAll(kept);
        }
        AstBuilder builder = new AstBuilder(source, diagnostics);
        CampFile file = builder.build(tree, truncated);
        diagnostics.sort(java.util.Comparator.comparingInt(d -> d.span() == null ? -1 : d.span().start()));
        return new Parsed(file, diagnostics);
    }

    /** Lexes the whole file, reporting and repairing lexical errors. */
    static List<Token> lex(SourceFile source, List<Diagnostic> diagnostics) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        List<Token> all = new ArrayList<>();
        for (Token t = lexer.nextToken(); ; t = lexer.nextToken()) {
            all.add(t);
            if (t.getType() == Token.EOF) {
                break;
            }
        }
        List<Token> kept = new ArrayList<>(all.size());
        int lexErrors = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            int type = t.getType();
            if (type == CampLexer.UNEXPECTED_CHAR) {
                int j = i;
                while (j + 1 < all.size() && all.get(j + 1).getType() == CampLexer.UNEXPECTED_CHAR
                        && all.get(j + 1).getStartIndex() == all.get(j).getStopIndex() + 1) {
                    j++;
                }
                if (lexErrors++ < MAX_ERRORS) {
                    String text = t.getText();
                    String shown = j > i ? "s starting with " + describe(text) : " " + describe(text);
                    diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), all.get(j).getStopIndex() + 1),
                            Code.UNEXPECTED_CHARACTER, shown.trim()).withHelp(hintFor(text)));
                }
                i = j;
                continue;
            }
            if (type == CampLexer.SLASH && i + 1 < all.size() && all.get(i + 1).getType() == CampLexer.STAR
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1) {
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStartIndex() + 2),
                        Code.UNTERMINATED_COMMENT));
                kept.add(all.get(all.size() - 1));
                break;
            }
            if (type == CampLexer.STRING && t.getText().equals("\"\"") && i + 1 < all.size()
                    && all.get(i + 1).getStartIndex() == t.getStopIndex() + 1
                    && all.get(i + 1).getText().startsWith("\"")) {
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 2),
                        Code.UNTERMINATED_LONG_STRING));
                kept.add(all.get(all.size() - 1));
                break;
            }
            if (type == CampLexer.TYPOGRAPHIC_STRING) {
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 1), Code.SYNTAX,
                        "typographic quotes do not make a string").withHelp("use straight double quotes: \"...\""));
                kept.add(asString(t));
                continue;
            }
            if (type == CampLexer.DOUBLE_AMPERSAND || type == CampLexer.DOUBLE_BAR || type == CampLexer.DOUBLE_EQUALS) {
                String word = type == CampLexer.DOUBLE_AMPERSAND ? "and" : type == CampLexer.DOUBLE_BAR ? "or" : "=";
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 1), Code.SYNTAX,
                        "'" + t.getText() + "' is written '" + word + "' in camp"));
                org.antlr.v4.runtime.CommonToken repaired = new org.antlr.v4.runtime.CommonToken(t);
                repaired.setType(type == CampLexer.DOUBLE_AMPERSAND ? CampLexer.AND : type == CampLexer.DOUBLE_BAR ? CampLexer.OR : CampLexer.EQ);
                repaired.setText(word);
                kept.add(repaired);
                continue;
            }
            if (type == CampLexer.SINGLE_QUOTED_STRING) {
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 1),
                        Code.SINGLE_QUOTED_STRING));
                kept.add(asString(t));
                continue;
            }
            if (type == CampLexer.UNTERMINATED_STRING) {
                diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 1),
                        Code.UNTERMINATED_STRING));
                org.antlr.v4.runtime.CommonToken repaired = new org.antlr.v4.runtime.CommonToken(t);
                repaired.setType(CampLexer.STRING);
                repaired.setText(t.getText() + "\"");
                kept.add(repaired);
                continue;
            }
            if ((type == CampLexer.STRING || type == CampLexer.LONG_STRING || type == CampLexer.QUOTED_IDENTIFIER)
                    && t.getText().indexOf('\0') >= 0) {
                // no database, template engine or file takes it as text: it would fail far from here
                String text = t.getText();
                int at = t.getStartIndex() + text.codePointCount(0, text.indexOf('\0'));
                diagnostics.add(Diagnostic.at(Span.of(source, at, at + 1), Code.NUL_IN_STRING));
            }
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                kept.add(t);
            }
        }
        return kept;
    }

    /** A token between other quotes, repaired into the double-quoted string it was meant to be. */
    private static Token asString(Token t) {
        org.antlr.v4.runtime.CommonToken repaired = new org.antlr.v4.runtime.CommonToken(t);
        repaired.setType(CampLexer.STRING);
        String body = t.getText().substring(1, t.getText().length() - 1);
        repaired.setText("\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        return repaired;
    }

    private static String describe(String text) {
        int cp = text.codePointAt(0);
        if (cp == 0xFFFD) {
            return "(bytes that are not UTF-8 text)";
        }
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "' (U+" + String.format("%04X", cp) + ")";
    }

    private static String hintFor(String text) {
        return switch (text) {
            case "'" -> "strings use double quotes: \"...\"";
            case "\u201C", "\u201D" -> "use straight double quotes \" instead of typographic quotes";
            case "&" -> "write 'and'";
            case "|" -> "write 'or'";
            case "!" -> "write 'not', or '!=' for inequality";
            case "#" -> "comments start with //";
            case "[", "]" -> "lists are written in parentheses: in (a, b)";
            default -> null;
        };
    }

    private static boolean tooDeep(SourceFile source, List<Token> tokens, List<Diagnostic> diagnostics) {
        int depth = 0;
        for (Token t : tokens) {
            int type = t.getType();
            if (type == CampLexer.LPAREN || type == CampLexer.LBRACE) {
                depth++;
                if (depth > MAX_NESTING) {
                    diagnostics.add(Diagnostic.at(Span.of(source, t.getStartIndex(), t.getStopIndex() + 1),
                            Code.TOO_DEEP, MAX_NESTING));
                    return true;
                }
            } else if ((type == CampLexer.RPAREN || type == CampLexer.RBRACE) && depth > 0) {
                depth--;
            }
        }
        return false;
    }
}
