package camp.lsp;

import camp.source.SourceFile;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The flow block of a document as its text has it now, read from its tokens: where it is and its
 * transitions. The completions use it to find the rows that reach an activity, the code actions
 * to add a transition; both need it for text that may not parse, so this reads what it can and
 * never fails.
 *
 * @param keyword the offset of the {@code flow} keyword, or -1 when the document has no flow block
 * @param open the offset of its '{', or -1
 * @param close the offset of its closing '}', or -1 when it is not closed
 * @param edges the transitions written, in order
 * @param mentioned every activity named in the block
 */
record CodeActionsFlow(int keyword, int open, int close, List<Edge> edges, Set<String> mentioned) {
    private static final Pattern FLOW = Pattern.compile("(?m)^[ \\t]*flow\\s*\\{");
    private static final CodeActionsFlow NONE = new CodeActionsFlow(-1, -1, -1, List.of(), Set.of());

    /** A transition: from an activity's port (null: its default port) to an activity. */
    record Edge(String from, String port, String to) {
    }

    CodeActionsFlow {
        edges = List.copyOf(edges);
        mentioned = Set.copyOf(mentioned);
    }

    boolean exists() {
        return keyword >= 0;
    }

    /** The first transition into {@code activity}, or null. */
    Edge into(String activity) {
        return edges.stream().filter(e -> e.to().equals(activity)).findFirst().orElse(null);
    }

    /** Whether some transition leaves {@code activity} (by {@code port}, or by any port when null). */
    boolean leaves(String activity, String port) {
        return edges.stream().anyMatch(e -> e.from().equals(activity) && (port == null || port.equals(e.port())));
    }

    /** The first flow block of the text (a statement that starts a line), or none. */
    static CodeActionsFlow of(SourceFile text) {
        String s = text.text();
        Matcher m = FLOW.matcher(s);
        while (m.find()) {
            int at = s.indexOf("flow", m.start());
            CodeActionsFlow flow = read(text, s, at);
            if (flow != null) {
                return flow;
            }
        }
        return NONE;
    }

    /** The block whose keyword is at char index {@code at}, or null when the text there is not one. */
    private static CodeActionsFlow read(SourceFile text, String s, int at) {
        int base = s.codePointCount(0, at);
        CampLexer lexer = new CampLexer(CharStreams.fromString(s.substring(at)));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        int close = -1;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == CampLexer.LBRACE) {
                depth++;
            } else if (t.getType() == CampLexer.RBRACE && --depth == 0) {
                close = base + t.getStartIndex();
                break;
            }
            tokens.add(t);
        }
        if (tokens.size() < 2 || tokens.get(0).getType() != CampLexer.FLOW || tokens.get(1).getType() != CampLexer.LBRACE) {
            return null;
        }
        List<Edge> edges = new ArrayList<>();
        Set<String> mentioned = new LinkedHashSet<>();
        List<String[]> previous = List.of();
        List<String[]> current = new ArrayList<>();
        boolean arrow = false;
        for (int i = 2; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            int type = t.getType();
            if (type == CampLexer.ARROW) {
                previous = current;
                current = new ArrayList<>();
                arrow = true;
            } else if (type == CampLexer.COMMA || type == CampLexer.DOT) {
                continue;
            } else if (isName(type)) {
                boolean port = i > 0 && tokens.get(i - 1).getType() == CampLexer.DOT && !current.isEmpty();
                if (port) {
                    current.get(current.size() - 1)[1] = name(t);
                    continue;
                }
                boolean continues = i > 2 && (tokens.get(i - 1).getType() == CampLexer.COMMA
                        || tokens.get(i - 1).getType() == CampLexer.ARROW);
                if (!continues) {
                    previous = List.of();
                    current = new ArrayList<>();
                    arrow = false;
                }
                String to = name(t);
                mentioned.add(to);
                current.add(new String[] {to, null});
                if (arrow) {
                    for (String[] from : previous) {
                        edges.add(new Edge(from[0], from[1], to));
                    }
                }
            } else {
                // a ';' or anything unexpected ends the chain
                previous = List.of();
                current = new ArrayList<>();
                arrow = false;
            }
        }
        return new CodeActionsFlow(base, base + tokens.get(1).getStartIndex(), close, edges, mentioned);
    }

    static boolean isName(int type) {
        return type == CampLexer.IDENTIFIER || type == CampLexer.QUOTED_IDENTIFIER
                || (type >= CampLexer.CAMPAIGN && type <= CampLexer.YEARS);
    }

    /** A name token's name: backquotes removed. */
    static String name(Token t) {
        String text = t.getText();
        return t.getType() == CampLexer.QUOTED_IDENTIFIER && text.length() >= 2 ? text.substring(1, text.length() - 1) : text;
    }
}
