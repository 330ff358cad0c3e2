package camp.lsp;

import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Shape;
import camp.syntax.antlr.CampLexer;
import camp.types.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * What the statement at the caret is and which rows its names resolve against there: the
 * statement's kind and activity, the parentheses open at the caret, and the chain of rows from the
 * innermost aggregate's linked records out to the statement's own rows (a build's entity, the rows
 * that reach any other activity as last checked, an audience's entity; none for a param's default
 * or a {@code wait until}; only {@code count} in a test).
 */
final class CompletionsScope {
    private final CompletionsCaret at;
    private final CompletionsNames names;
    private List<Open> opens;
    private List<Rows> scopes;

    CompletionsScope(CompletionsCaret at, CompletionsNames names) {
        this.at = at;
        this.names = names;
    }

    /** The rows names resolve against at the caret: an entity's records with enriched columns, or none. */
    record Rows(String entity, Map<String, Type> columns, Kind kind) {
        enum Kind { ROW, CONSTANT, TEST, NONE }

        static Rows of(String entity) {
            return new Rows(entity, Map.of(), Kind.ROW);
        }

        static Rows of(Kind kind) {
            return new Rows(null, Map.of(), kind);
        }

        /** The rows of a port as checked; rows of an unknown entity when unknown. */
        static Rows of(Shape shape) {
            return shape == null ? new Rows(null, Map.of(), Kind.ROW) : new Rows(shape.entity(), shape.columns(), Kind.ROW);
        }
    }

    /** A parenthesis open at the caret: the function it calls (or null), its first argument's path, whether a 'where' follows. */
    static final class Open {
        final String function;
        final List<String> path = new ArrayList<>();
        boolean where;
        boolean comma;
        boolean pathOnly = true;

        Open(String function) {
            this.function = function;
        }

        boolean aggregate() {
            return function != null && CompletionsCatalog.AGGREGATES.contains(function);
        }
    }

    int statementType() {
        return at.statement.isEmpty() ? -1 : at.statement.get(0).type();
    }

    String activityName() {
        return statementType() == CampLexer.ACTIVITY && at.statement.size() >= 2 ? at.statement.get(1).name() : null;
    }

    int activityKind() {
        List<CompletionsCaret.Tok> s = at.statement;
        return statementType() == CampLexer.ACTIVITY && s.size() >= 4 && s.get(2).type() == CampLexer.COLON ? s.get(3).type() : -1;
    }

    /** The name after the first token of {@code type} in the statement, or null. */
    String nameAfter(int type) {
        List<CompletionsCaret.Tok> s = at.statement;
        for (int i = 0; i + 1 < s.size(); i++) {
            if (s.get(i).type() == type && CodeActionsFlow.isName(s.get(i + 1).type())) {
                return s.get(i + 1).name();
            }
        }
        return null;
    }

    /** The names of the path before the '.' at the caret ({@code a.b.} gives [a, b]). */
    List<String> pathBeforeDot() {
        List<CompletionsCaret.Tok> s = at.statement;
        List<String> path = new ArrayList<>();
        int i = s.size() - 1;
        while (i >= 1 && s.get(i).type() == CampLexer.DOT && CodeActionsFlow.isName(s.get(i - 1).type())) {
            path.add(0, s.get(i - 1).name());
            i -= 2;
        }
        return path;
    }

    String buildEntity() {
        List<CompletionsCaret.Tok> s = at.statement;
        if (s.size() < 5) {
            return null;
        }
        return s.get(4).type() == CampLexer.SAVED ? names.entityOf(nameAfter(CampLexer.OF)) : names.entityOf(s.get(4).name());
    }

    /** The rows of the statement, outside any aggregate. */
    Rows baseRows() {
        List<CompletionsCaret.Tok> s = at.statement;
        switch (statementType()) {
            case CampLexer.PARAM:
                return Rows.of(Rows.Kind.CONSTANT);
            case CampLexer.AUDIENCE:
            case CampLexer.TEST:
                return Rows.of(names.entityOf(nameAfter(CampLexer.EQ)));
            case CampLexer.ACTIVITY:
                int kind = activityKind();
                if (kind == CampLexer.BUILD) {
                    return Rows.of(buildEntity());
                }
                if (kind == CampLexer.TEST) {
                    return Rows.of(Rows.Kind.TEST);
                }
                if (kind == CampLexer.WAIT || s.size() < 4) {
                    return Rows.of(Rows.Kind.CONSTANT);
                }
                return Rows.of(names.input(activityName()));
            default:
                return Rows.of(Rows.Kind.NONE);
        }
    }

    /** The parentheses open at the caret, outermost first. */
    List<Open> opens() {
        if (opens != null) {
            return opens;
        }
        Deque<Open> stack = new ArrayDeque<>();
        List<CompletionsCaret.Tok> s = at.statement;
        for (int i = 0; i < s.size(); i++) {
            CompletionsCaret.Tok t = s.get(i);
            Open top = stack.peek();
            switch (t.type()) {
                case CampLexer.LPAREN -> {
                    boolean call = i > 0 && CodeActionsFlow.isName(s.get(i - 1).type()) && (i < 2 || s.get(i - 2).type() != CampLexer.DOT);
                    stack.push(new Open(call ? s.get(i - 1).name() : null));
                }
                case CampLexer.RPAREN -> {
                    if (top != null) {
                        stack.pop();
                    }
                }
                case CampLexer.WHERE -> {
                    if (top != null) {
                        top.where = true;
                    }
                }
                case CampLexer.COMMA -> {
                    if (top != null) {
                        top.comma = true;
                    }
                }
                default -> {
                    if (top != null && !top.where && !top.comma) {
                        if (CodeActionsFlow.isName(t.type())) {
                            top.path.add(t.name());
                        } else if (t.type() != CampLexer.DOT) {
                            top.pathOnly = false;
                        }
                    }
                }
            }
        }
        List<Open> out = new ArrayList<>(stack);
        Collections.reverse(out);
        opens = out;
        return out;
    }

    /** The rows names resolve against, innermost first: the linked records of each aggregate's 'where', then the statement's. */
    List<Rows> scopes() {
        if (scopes != null) {
            return scopes;
        }
        List<Rows> chain = new ArrayList<>();
        chain.add(baseRows());
        for (Open o : opens()) {
            if (o.aggregate() && o.where && o.pathOnly && !o.path.isEmpty()) {
                chain.add(0, Rows.of(follow(chain, o.path, true)));
            }
        }
        scopes = chain;
        return chain;
    }

    /**
     * The entity a path of links leads to from the rows in scope (its first name is a link of the
     * innermost rows that have it); with {@code toAttribute}, the path may end with an attribute of
     * that entity ({@code orders.amount}). Null when the path leads nowhere known.
     */
    String follow(List<Rows> chain, List<String> path, boolean toAttribute) {
        String entity = null;
        for (Rows r : chain) {
            Entity e = names.entity(r.entity());
            if (e != null && e.links().containsKey(path.get(0))) {
                entity = e.links().get(path.get(0)).target();
                break;
            }
        }
        for (int i = 1; entity != null && i < path.size(); i++) {
            Link l = names.entity(entity).links().get(path.get(i));
            if (l == null) {
                boolean attribute = names.entity(entity).attributes().containsKey(path.get(i));
                return toAttribute && attribute && i == path.size() - 1 ? entity : null;
            }
            entity = l.target();
            if (names.entity(entity) == null) {
                return null;
            }
        }
        return entity;
    }
}
