package camp.lsp;

import camp.check.Checked;
import camp.ir.Audience;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Param;
import camp.ir.Shape;
import camp.lsp.CompletionsScope.Open;
import camp.lsp.CompletionsScope.Rows;
import camp.source.SourceFile;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import camp.types.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.InsertTextFormat;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Completion at the caret, in context: the keywords the grammar takes there, and the names that
 * make sense there: activity kinds after {@code activity NAME:}, entities and audiences after
 * {@code build}, the attributes, links and enriched columns of the rows in scope inside an
 * expression (the rows that reach the activity, as last checked; the linked entity's inside an
 * aggregate's {@code where}), a link's members after {@code link.}, ports after {@code activity.} in
 * the flow, functions with their signatures, params, days and months in a schedule, and time zones
 * inside {@code timezone "..."}.
 *
 * <p>A pure function of the text, the caret and the last check of the document (which may be
 * older than the text, have errors, or be missing). What the grammar takes next is computed from
 * the tokens of the current statement only ({@link CompletionsCaret}, {@link CompletionsGrammar}),
 * so a completion takes a few milliseconds even at the end of a long file. It never throws: on any
 * failure it offers nothing.
 */
public final class Completions {
    private static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "null", "true", "false", "between",
            "contains", "starts", "ends", "matches", "where");

    private final SourceFile text;
    private final CompletionsCaret at;
    private final CompletionsNames names;
    private final CompletionsScope scope;
    private final Map<String, CompletionItem> items = new LinkedHashMap<>();

    private Completions(SourceFile text, CompletionsCaret at, CompletionsNames names) {
        this.text = text;
        this.at = at;
        this.names = names;
        this.scope = new CompletionsScope(at, names);
    }

    /**
     * The completions at a caret.
     *
     * @param text the document as the editor has it now
     * @param offset the caret, as a code-point offset into {@code text} (clamped to it)
     * @param lastChecked the latest check of this document, possibly of an older text, possibly null
     */
    public static List<CompletionItem> complete(SourceFile text, int offset, Checked lastChecked) {
        return complete(text, offset, lastChecked, true);
    }

    /**
     * As {@link #complete(SourceFile, int, Checked)}, for an editor that may not take snippets
     * ({@code snippetSupport} false: each snippet becomes the plain text of its defaults).
     */
    public static List<CompletionItem> complete(SourceFile text, int offset, Checked lastChecked, boolean snippetSupport) {
        if (text == null) {
            return List.of();
        }
        try {
            List<CompletionItem> items = compute(text, offset, lastChecked);
            if (!snippetSupport) {
                items.forEach(Completions::plain);
            }
            return items;
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** A snippet item turned into plain text: each placeholder its default, each choice its first option, tab stops nothing. */
    private static void plain(CompletionItem item) {
        if (item.getInsertTextFormat() != InsertTextFormat.Snippet) {
            return;
        }
        String snippet = item.getTextEdit().getLeft().getNewText();
        String text = snippet.replaceAll("\\$\\{\\d+:([^}]*)\\}", "$1").replaceAll("\\$\\{\\d+\\|([^,|]*)[^}]*\\}", "$1")
                .replaceAll("\\$\\d+", "");
        item.getTextEdit().getLeft().setNewText(text);
        item.setInsertText(text);
        item.setInsertTextFormat(InsertTextFormat.PlainText);
    }

    /** As {@link #complete}, letting a failure out (for tests, which must see it). */
    static List<CompletionItem> compute(SourceFile text, int offset, Checked lastChecked) {
        int caret = Math.max(0, Math.min(offset, text.length()));
        CompletionsCaret at = CompletionsCaret.at(text, caret);
        Completions c = new Completions(text, at, new CompletionsNames(text, lastChecked));
        c.collect();
        List<CompletionItem> out = new ArrayList<>(c.items.values());
        out.sort(Comparator.comparing(i -> i.getSortText() == null ? i.getLabel() : i.getSortText()));
        return out;
    }

    private void collect() {
        switch (at.place) {
            case CODE -> inCode();
            case STRING, TEXT_BLOCK -> inString();
            case COMMENT, NUMBER -> {
                // nothing to offer in a comment or a number
            }
        }
    }

    // ------------------------------------------------------------ code

    private void inCode() {
        CompletionsGrammar.Expected expected = at.expected();
        for (CompletionsGrammar.NameSlot slot : expected.names()) {
            names(slot);
        }
        for (Map.Entry<Integer, Set<Integer>> e : expected.tokens().entrySet()) {
            keyword(e.getKey(), e.getValue());
        }
    }

    private void names(CompletionsGrammar.NameSlot slot) {
        int previous = at.previousType();
        switch (slot.rule()) {
            case CampParser.RULE_statement -> {
                if (previous == CampLexer.EQ) {
                    if (scope.statementType() == CampLexer.TEST) {
                        entities();
                    } else {
                        sources();
                    }
                }
            }
            case CampParser.RULE_entityMember -> entityMember(previous);
            case CampParser.RULE_buildSource -> {
                if (previous == CampLexer.OF) {
                    entities();
                } else {
                    sources();
                }
            }
            case CampParser.RULE_buildOption -> {
                Entity e = names.entity(scope.buildEntity());
                if (e != null) {
                    e.attributes().forEach((name, type) -> {
                        if (type.isTemporal()) {
                            attribute(e, name, type, "1");
                        }
                    });
                }
            }
            case CampParser.RULE_activity -> activityReference(previous);
            case CampParser.RULE_matchRule -> {
                Shape in = names.input(scope.activityName());
                if (in != null) {
                    in.columns().forEach((name, type) -> column(name, type, "0"));
                }
            }
            case CampParser.RULE_path -> path(slot, previous);
            case CampParser.RULE_channelOption -> {
                if (previous == CampLexer.PER) {
                    Shape in = names.input(scope.activityName());
                    for (Link l : names.manyLinks(in == null ? null : in.entity())) {
                        if (!l.isDeliveries()) {
                            link(l, "1");
                        }
                    }
                }
            }
            case CampParser.RULE_endpoint -> {
                if (previous == CampLexer.DOT) {
                    ports();
                } else {
                    activities();
                }
            }
            case CampParser.RULE_frequency -> words(CompletionsCatalog.MONTHS, "month");
            case CampParser.RULE_monthDays -> {
                words(CompletionsCatalog.WEEKDAYS, "day of the week");
                words(List.of("day"), "the last day of the month");
            }
            case CampParser.RULE_dayRange -> words(CompletionsCatalog.WEEKDAYS, "day of the week");
            case CampParser.RULE_postfix -> members(scope.scopes(), scope.pathBeforeDot());
            case CampParser.RULE_primary -> {
                if (previous == CampLexer.AUDIENCE) {
                    audiences();
                } else {
                    expressionNames();
                }
            }
            default -> {
                // a name being declared: nothing to offer
            }
        }
    }

    private void entityMember(int previous) {
        String own = at.statement.size() >= 2 ? at.statement.get(1).name() : null;
        if (previous == CampLexer.CONSENT) {
            words(CompletionsCatalog.CHANNELS, "channel");
        } else if (previous == CampLexer.MANY || previous == CampLexer.ONE) {
            entities();
        } else if (previous == CampLexer.ON && at.statement.size() >= 3) {
            boolean many = at.typeBack(3) == CampLexer.MANY;
            Entity e = names.entity(many ? at.statement.get(at.statement.size() - 2).name() : own);
            if (e != null) {
                e.attributes().forEach((name, type) -> attribute(e, name, type, "1"));
            }
        } else if (previous == CampLexer.COLON && at.typeBack(3) == CampLexer.CONSENT) {
            Entity e = names.entity(own);
            if (e != null) {
                e.attributes().forEach((name, type) -> {
                    if (type == Type.BOOL) {
                        attribute(e, name, type, "1");
                    }
                });
            }
        }
    }

    private void activityReference(int previous) {
        int kind = scope.activityKind();
        if (previous == CampLexer.TO && kind == CampLexer.RECONCILE) {
            entities();
        } else if (previous == CampLexer.TO && kind == CampLexer.CHANGE) {
            Shape in = names.input(scope.activityName());
            Entity e = names.entity(in == null ? null : in.entity());
            if (e != null) {
                e.links().values().forEach(l -> link(l, "1"));
            }
        } else if (previous == CampLexer.PRIMARY) {
            String me = scope.activityName();
            for (CodeActionsFlow.Edge edge : names.flow().edges()) {
                if (edge.to().equals(me)) {
                    activity(edge.from(), "0");
                }
            }
        }
    }

    /** A path in a reconcile rule (an attribute of the entity reconciled to) or a dedup method (of the rows). */
    private void path(CompletionsGrammar.NameSlot slot, int previous) {
        List<Rows> chain = slot.rules().contains(CampParser.RULE_matchRule)
                ? List.of(Rows.of(names.entityOf(scope.nameAfter(CampLexer.TO)))) : scope.scopes();
        if (previous == CampLexer.DOT) {
            members(chain, scope.pathBeforeDot());
            return;
        }
        Rows rows = chain.get(0);
        rows.columns().forEach((name, type) -> column(name, type, "0"));
        Entity e = names.entity(rows.entity());
        if (e != null) {
            e.attributes().forEach((name, type) -> attribute(e, name, type, "1"));
            e.links().values().stream().filter(l -> !l.many()).forEach(l -> link(l, "2"));
        }
    }

    /** The attributes and links of the entity a path of links leads to. */
    private void members(List<Rows> chain, List<String> path) {
        if (path.isEmpty()) {
            return;
        }
        Entity e = names.entity(scope.follow(chain, path, false));
        if (e == null) {
            return;
        }
        e.attributes().forEach((name, type) -> attribute(e, name, type, "0"));
        e.links().values().forEach(l -> link(l, "1"));
    }

    private void expressionNames() {
        List<Rows> chain = scope.scopes();
        List<Open> open = scope.opens();
        Open inner = open.isEmpty() ? null : open.get(open.size() - 1);
        if (inner != null && inner.aggregate() && !inner.where && !inner.comma && inner.path.isEmpty()) {
            // the first argument of an aggregate: a many link
            for (Link l : names.manyLinks(chain.get(0).entity())) {
                link(l, "0");
            }
            return;
        }
        Rows base = chain.get(chain.size() - 1);
        if (scope.statementType() == CampLexer.PARAM) {
            return; // a param's default is a literal
        }
        if (base.kind() == Rows.Kind.TEST) {
            item("count", CompletionItemKind.Variable, "int: the number of rows reaching the test", null, "0");
            params();
            return;
        }
        base.columns().forEach((name, type) -> column(name, type, "0"));
        int depth = 0;
        for (Rows r : chain) {
            Entity e = r.kind() == Rows.Kind.ROW ? names.entity(r.entity()) : null;
            if (e != null) {
                String group = "1" + depth;
                e.attributes().forEach((name, type) -> attribute(e, name, type, group));
                e.links().values().forEach(l -> link(l, group));
            }
            depth++;
        }
        params();
        for (CompletionsCatalog.Entry f : CompletionsCatalog.functions()) {
            boolean aggregate = CompletionsCatalog.AGGREGATES.contains(f.label());
            if (aggregate && (base.kind() != Rows.Kind.ROW)) {
                continue;
            }
            snippet(f, CompletionItemKind.Function, "7");
        }
    }

    // ------------------------------------------------------------ strings

    private void inString() {
        String soFar = at.stringSoFar;
        if (at.place == CompletionsCaret.Place.STRING && at.previousType() == CampLexer.TIMEZONE) {
            zones();
            return;
        }
        int open = soFar.lastIndexOf("{{");
        if (open < 0 || soFar.indexOf("}}", open) >= 0 || scope.statementType() != CampLexer.ACTIVITY) {
            return;
        }
        String path = soFar.substring(open + 2);
        path = path.startsWith("{") ? path.substring(1) : path;
        path = path.stripLeading();
        if (!path.matches("([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Za-z_]?[A-Za-z0-9_]*")) {
            return;
        }
        int dot = path.lastIndexOf('.');
        String typed = path.substring(dot + 1);
        int start = at.caret - typed.codePointCount(0, typed.length());
        Shape in = names.input(scope.activityName());
        Rows rows = Rows.of(in);
        at.wordStart = start;
        if (dot >= 0) {
            Entity e = names.entity(scope.follow(List.of(rows), List.of(path.substring(0, dot).split("\\.")), false));
            if (e != null) {
                e.attributes().forEach((name, type) -> attribute(e, name, type, "0"));
                e.links().values().stream().filter(l -> !l.many()).forEach(l -> link(l, "1"));
            }
            return;
        }
        rows.columns().forEach((name, type) -> column(name, type, "0"));
        Entity e = names.entity(rows.entity());
        if (e != null) {
            e.attributes().forEach((name, type) -> attribute(e, name, type, "1"));
            e.links().values().stream().filter(l -> !l.many()).forEach(l -> link(l, "2"));
        }
    }

    private void zones() {
        String s = text.text();
        int caretChar = s.offsetByCodePoints(0, at.caret);
        int end = at.caret;
        for (int i = caretChar; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                end = at.caret + s.codePointCount(caretChar, i);
                break;
            }
            if (c == '\n' || c == '\r') {
                break;
            }
        }
        Range range = range(at.stringContentStart, end);
        for (CompletionsCatalog.Entry z : CompletionsCatalog.zones()) {
            CompletionItem item = new CompletionItem(z.label());
            item.setKind(CompletionItemKind.Value);
            item.setDetail(z.detail());
            item.setFilterText(z.label());
            item.setTextEdit(Either.forLeft(new TextEdit(range, z.label())));
            items.putIfAbsent(z.label() + "/zone", item);
        }
    }

    // ------------------------------------------------------------ keywords

    private void keyword(int type, Set<Integer> rules) {
        String literal = CampLexer.VOCABULARY.getLiteralName(type);
        if (literal == null || literal.length() < 3) {
            return;
        }
        String word = literal.substring(1, literal.length() - 1);
        if (!word.matches("[a-z]+")) {
            return;
        }
        if (rules.contains(CampParser.RULE_activity) && at.previousType() == CampLexer.COLON
                && scope.statementType() == CampLexer.ACTIVITY && at.statement.size() == 3) {
            CompletionsCatalog.Entry kind = CompletionsCatalog.ACTIVITY_KINDS.get(word);
            if (kind != null) {
                CompletionItem item = snippet(kind, CompletionItemKind.Keyword, "1");
                item.setDetail("activity kind: " + kind.detail());
                return;
            }
        }
        if (rules.contains(CampParser.RULE_channelOption) && CompletionsCatalog.OPTION_WORDS.contains(word)
                && scope.statementType() == CampLexer.ACTIVITY && at.statement.size() >= 4
                && !CompletionsCatalog.CHANNEL_OPTIONS.getOrDefault(at.statement.get(3).text(), List.of(word)).contains(word)) {
            return; // an option of another channel
        }
        if (rules.contains(CampParser.RULE_typeName)) {
            item(word, CompletionItemKind.TypeParameter, "type", null, "5");
            return;
        }
        if (rules.contains(CampParser.RULE_statement) && CompletionsCaret.STATEMENT_KEYWORDS.contains(type)
                && at.previousType() != CampLexer.TEST) {
            snippet(CompletionsCatalog.STATEMENTS.get(word), CompletionItemKind.Keyword, "8");
            return;
        }
        if (type == CampLexer.IN && rules.contains(CampParser.RULE_primary)) {
            item("in audience", CompletionItemKind.Keyword, "in audience NAME: the row is in the audience", null, "6");
            item("in saved", CompletionItemKind.Keyword, "in saved \"name\": the row is in the saved audience", null, "6");
            if (!rules.contains(CampParser.RULE_predicateTail)) {
                return;
            }
        }
        String detail = rules.contains(CampParser.RULE_durationUnit) ? "duration unit" : "keyword";
        for (String phrase : CompletionsCatalog.PHRASES.getOrDefault(word, List.of(word))) {
            item(phrase, CompletionItemKind.Keyword, detail, null, "6");
        }
    }

    // ------------------------------------------------------------ names

    private void sources() {
        entities();
        audiences();
    }

    private void entities() {
        Set<String> all = new LinkedHashSet<>(names.entities().keySet());
        all.addAll(names.declaredEntities());
        for (String name : all) {
            Entity e = names.entity(name);
            String detail = e == null ? "entity" : e.isDeliveries() ? "entity: the delivery history"
                    : "entity " + e.sourceKind().name().toLowerCase(Locale.ROOT) + ", key " + e.key()
                            + ", " + e.attributes().size() + " attributes";
            item(name, CompletionItemKind.Class, detail, quoted(name), e != null && e.isDeliveries() ? "3" : "1");
        }
    }

    private void audiences() {
        String declaring = scope.statementType() == CampLexer.AUDIENCE && at.statement.size() >= 2 ? at.statement.get(1).name() : null;
        Map<String, String> all = new LinkedHashMap<>();
        for (Audience a : names.audiences().values()) {
            all.put(a.name(), a.entity());
        }
        names.declaredAudiences().forEach((name, base) -> all.putIfAbsent(name, names.entityOf(name)));
        all.forEach((name, entity) -> {
            if (!name.equals(declaring)) {
                item(name, CompletionItemKind.Interface, entity == null ? "audience" : "audience of " + entity, quoted(name), "2");
            }
        });
    }

    private void params() {
        Map<String, String> all = new LinkedHashMap<>();
        for (Param p : names.params().values()) {
            all.put(p.name(), p.type().label() + (p.hasDefault() && p.defaultValue() != null ? " = " + p.defaultValue() : ""));
        }
        names.declaredParams().forEach((name, type) -> all.putIfAbsent(name, type == null ? "" : type));
        String declaring = scope.statementType() == CampLexer.PARAM && at.statement.size() >= 2 ? at.statement.get(1).name() : null;
        all.forEach((name, detail) -> {
            if (!name.equals(declaring)) {
                item(name, CompletionItemKind.Constant, "param: " + detail, quoted(name), "5");
            }
        });
    }

    private void activities() {
        Set<String> all = new LinkedHashSet<>(names.activities().keySet());
        if (names.checked != null) {
            all.addAll(names.checked.ports().keySet());
        }
        int i = 0;
        for (String name : all) {
            activity(name, String.format("0%05d", i++));
        }
    }

    private void activity(String name, String group) {
        CompletionsNames.ActivityDecl d = names.activities().get(name);
        String detail = "activity" + (d == null || d.kind() == null ? "" : ": " + d.kind());
        item(name, CompletionItemKind.Method, detail, quoted(name), group);
    }

    private void ports() {
        List<String> path = scope.pathBeforeDot();
        if (path.size() != 1) {
            return;
        }
        String activity = path.get(0);
        int i = 0;
        for (String port : names.ports(activity)) {
            Shape rows = names.port(activity, port);
            String detail = "port of " + activity + (rows == null || rows.entity() == null ? "" : ": rows of " + rows.entity()
                    + (rows.columns().isEmpty() ? "" : " with " + String.join(", ", rows.columns().keySet())));
            item(port, CompletionItemKind.EnumMember, detail, quoted(port), "0" + i++);
        }
    }

    private void words(List<String> words, String detail) {
        for (String w : words) {
            item(w, CompletionItemKind.EnumMember, detail, null, "1");
        }
    }

    private void attribute(Entity e, String name, Type type, String group) {
        item(name, CompletionItemKind.Property, type.label() + " (attribute of " + e.name() + ")", quoted(name), group);
    }

    private void column(String name, Type type, String group) {
        item(name, CompletionItemKind.Field, type.label() + " (enriched column)", quoted(name), group);
    }

    private void link(Link l, String group) {
        String detail = (l.many() ? "many " : "one ") + l.target() + " (link of " + l.owner() + ")";
        item(l.name(), CompletionItemKind.Reference, detail, quoted(l.name()), group);
    }

    // ------------------------------------------------------------ items

    private CompletionItem snippet(CompletionsCatalog.Entry e, CompletionItemKind kind, String group) {
        CompletionItem item = item(e.label(), kind, e.detail(), e.insert(), group);
        if (e.snippet()) {
            item.setInsertTextFormat(InsertTextFormat.Snippet);
        }
        return item;
    }

    private CompletionItem item(String label, CompletionItemKind kind, String detail, String insert, String group) {
        String key = label + "/" + kind;
        CompletionItem existing = items.get(key);
        if (existing != null) {
            return existing;
        }
        CompletionItem item = new CompletionItem(label);
        item.setKind(kind);
        item.setDetail(detail);
        item.setSortText(group + "_" + label);
        item.setFilterText(label);
        String newText = insert == null ? label : insert;
        item.setInsertText(newText);
        item.setTextEdit(Either.forLeft(new TextEdit(range(at.wordStart, at.caret), newText)));
        items.put(key, item);
        return item;
    }

    /** A name as it must be written: backquoted when it is not a plain identifier or is reserved. */
    private static String quoted(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") && !RESERVED.contains(name) ? name : "`" + name + "`";
    }

    private Range range(int start, int end) {
        return new Range(position(start), position(end));
    }

    private Position position(int offset) {
        return new Position(text.line(offset) - 1, text.utf16Column(offset));
    }
}
