package camp.lsp;

import camp.check.Checked;
import camp.ir.Audience;
import camp.ir.Edge;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Param;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.source.SourceFile;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * The names a completion may offer: what the last check knew (entities with their attributes and
 * links, audiences, params, the rows on every port of every activity, imports included), and
 * what the text declares now that the check has not seen yet (a name typed since). Each part is
 * read on first use, so that a completion pays only for what it offers.
 */
final class CompletionsNames {
    private static final Pattern DECLARATION = Pattern.compile(
            "(?m)^[ \\t]*(entity|audience|param|activity)[ \\t]+(`[^`\\r\\n]+`|[A-Za-z_][A-Za-z0-9_]*)[ \\t]*"
                    + "(?:(=)\\s*([A-Za-z_][A-Za-z0-9_]*)|(:)\\s*([A-Za-z_][A-Za-z0-9_]*))?");

    /** An activity as the text declares it: its name, the first word of its kind, where its statement starts. */
    record ActivityDecl(String name, String kind, int charIndex) {
    }

    final SourceFile text;
    final Checked checked;
    final Plan plan;
    private Map<String, ActivityDecl> activities;
    private Map<String, String> audienceBases;
    private List<String> entityNames;
    private Map<String, String> paramTypes;
    private CodeActionsFlow flow;

    CompletionsNames(SourceFile text, Checked checked) {
        this.text = text;
        this.checked = checked;
        this.plan = checked == null ? null : checked.plan();
    }

    Map<String, Entity> entities() {
        return plan == null ? Map.of() : plan.entities();
    }

    Map<String, Audience> audiences() {
        return plan == null ? Map.of() : plan.audiences();
    }

    Map<String, Param> params() {
        return plan == null ? Map.of() : plan.params();
    }

    Entity entity(String name) {
        return name == null ? null : entities().get(name);
    }

    /** The entity of an entity or audience name, or null when unknown. */
    String entityOf(String source) {
        if (source == null) {
            return null;
        }
        if (entities().containsKey(source)) {
            return source;
        }
        Audience a = audiences().get(source);
        if (a != null) {
            return a.entity();
        }
        String base = declaredAudiences().get(source);
        for (int i = 0; base != null && i < 32; i++) {
            if (entities().containsKey(base)) {
                return base;
            }
            a = audiences().get(base);
            if (a != null) {
                return a.entity();
            }
            base = declaredAudiences().get(base);
        }
        return null;
    }

    /** Entity names the text declares (some may be unknown to the last check). */
    List<String> declaredEntities() {
        scan();
        return entityNames;
    }

    /** Audience names the text declares, with the name each is built on. */
    Map<String, String> declaredAudiences() {
        scan();
        return audienceBases;
    }

    /** Param names the text declares, with their type as written. */
    Map<String, String> declaredParams() {
        scan();
        return paramTypes;
    }

    /** The activities the text declares, in order. */
    Map<String, ActivityDecl> activities() {
        scan();
        return activities;
    }

    CodeActionsFlow flow() {
        if (flow == null) {
            flow = CodeActionsFlow.of(text);
        }
        return flow;
    }

    private void scan() {
        if (activities != null) {
            return;
        }
        activities = new LinkedHashMap<>();
        audienceBases = new LinkedHashMap<>();
        entityNames = new ArrayList<>();
        paramTypes = new LinkedHashMap<>();
        Matcher m = DECLARATION.matcher(text.text());
        while (m.find()) {
            String name = unquote(m.group(2));
            switch (m.group(1)) {
                case "entity" -> entityNames.add(name);
                case "audience" -> audienceBases.putIfAbsent(name, m.group(4));
                case "param" -> paramTypes.putIfAbsent(name, m.group(6));
                default -> activities.putIfAbsent(name, new ActivityDecl(name, m.group(6), m.start(1)));
            }
        }
    }

    private static String unquote(String name) {
        return name.startsWith("`") && name.endsWith("`") && name.length() >= 2 ? name.substring(1, name.length() - 1) : name;
    }

    /** The output ports of an activity, default first: as checked, else from its kind in the text. */
    List<String> ports(String activity) {
        Map<String, Shape> checkedPorts = checked == null ? null : checked.ports().get(activity);
        if (checkedPorts != null && !checkedPorts.isEmpty()) {
            return List.copyOf(checkedPorts.keySet());
        }
        ActivityDecl d = activities().get(activity);
        if (d == null || d.kind() == null) {
            return List.of();
        }
        return switch (d.kind()) {
            case "load" -> List.of("out", "rejected");
            case "reconcile" -> List.of("out", "unmatched");
            case "combine" -> List.of("out", "complement");
            case "dedup" -> List.of("out", "duplicates");
            case "email", "sms", "push" -> List.of("sent", "failed", "excluded");
            case "split", "test" -> segments(d);
            case "end" -> List.of();
            default -> List.of("out");
        };
    }

    /** The port an edge from a bare activity name leaves by: {@code sent} for a channel, else {@code out}. */
    String defaultPort(String activity) {
        List<String> ports = ports(activity);
        if (ports.contains("out")) {
            return "out";
        }
        return ports.contains("sent") ? "sent" : null;
    }

    /** The rows on an activity's port as last checked, or null. */
    Shape port(String activity, String port) {
        return checked == null || port == null ? null : checked.port(activity, port);
    }

    /**
     * The rows that reach an activity: those of its first input in the flow as last checked, or as
     * the text has it now, else
     * (an activity whose rows keep their entity) those it passes on, as last checked; null when unknown.
     */
    Shape input(String activity) {
        if (plan != null) {
            for (Edge e : plan.edges()) {
                Shape s = e.to().equals(activity) ? port(e.from(), e.port()) : null;
                if (s != null) {
                    return s;
                }
            }
        }
        CodeActionsFlow.Edge in = flow().into(activity);
        if (in != null) {
            Shape s = port(in.from(), in.port() == null ? defaultPort(in.from()) : in.port());
            if (s != null) {
                return s;
            }
        }
        ActivityDecl d = activities().get(activity);
        String kind = d == null ? null : d.kind();
        if (kind == null || kind.equals("change") || kind.equals("reconcile") || kind.equals("load") || kind.equals("build")) {
            return null;
        }
        Map<String, Shape> own = checked == null ? null : checked.ports().get(activity);
        if (own == null) {
            return null;
        }
        return own.values().stream().filter(s -> s != null).findFirst().orElse(null);
    }

    /** The links of an entity that lead to many records. */
    List<Link> manyLinks(String entity) {
        Entity e = entity(entity);
        return e == null ? List.of() : e.links().values().stream().filter(Link::many).toList();
    }

    /** The segment or branch names of a split or test, read from its block in the text. */
    private List<String> segments(ActivityDecl d) {
        String s = text.text();
        CampLexer lexer = new CampLexer(CharStreams.fromString(s.substring(d.charIndex())));
        lexer.removeErrorListeners();
        List<String> names = new ArrayList<>();
        int depth = 0;
        Token previous = null;
        Token beforePrevious = null;
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            if (t.getType() == CampLexer.LBRACE) {
                depth++;
            } else if (t.getType() == CampLexer.RBRACE && --depth <= 0) {
                break;
            } else if (depth == 1 && t.getType() == CampLexer.COLON && previous != null && CodeActionsFlow.isName(previous.getType())
                    && (beforePrevious == null || beforePrevious.getType() != CampLexer.DOT)) {
                String name = CodeActionsFlow.name(previous);
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
            if (depth == 0 && previous != null && CompletionsCaret.STATEMENT_KEYWORDS.contains(t.getType())) {
                break; // the next statement: the block was not opened
            }
            beforePrevious = previous;
            previous = t;
        }
        return names;
    }
}
