package camp.check;

import camp.ast.Activity;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Suggestions;
import camp.ir.Entity;
import camp.ir.Link;
import camp.ir.Placeholders;
import camp.ir.Scalar;
import camp.ir.Shape;
import camp.ir.Step;
import camp.source.Span;
import camp.types.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks an email, sms or push activity: its options, who it addresses (the row's address
 * attribute, or the nearest entity with one through one links), consent, {@code per} links,
 * template files and the placeholders of every text.
 */
final class ChannelChecker {
    private static final Map<Activity.ChannelKind, Set<String>> OPTIONS = Map.of(
            Activity.ChannelKind.EMAIL, Set.of("to", "from", "subject", "body", "body template", "per", "throttle", "waves", "cap"),
            Activity.ChannelKind.SMS, Set.of("to", "from", "text", "text template", "per", "throttle", "waves", "cap"),
            Activity.ChannelKind.PUSH, Set.of("to", "title", "body", "body template", "per", "throttle", "waves", "cap"));

    private final Symbols symbols;
    private final ExprChecker exprs;
    private final List<Diagnostic> diagnostics;

    ChannelChecker(Symbols symbols, ExprChecker exprs, List<Diagnostic> diagnostics) {
        this.symbols = symbols;
        this.exprs = exprs;
        this.diagnostics = diagnostics;
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    ActivityChecker.Result check(Statement.ActivityDecl decl, Activity.Channel a, Shape in, Predicate<Shape> needsEntity) {
        String kind = a.kind();
        String name = decl.name().value();
        Map<String, Activity.ChannelOption> options = new LinkedHashMap<>();
        for (Activity.ChannelOption o : a.options()) {
            String key = o instanceof Activity.Content c ? c.field() : o.keyword();
            if (!OPTIONS.get(a.channel()).contains(o.keyword())) {
                report(optionSuggestion(Diagnostic.at(o.span(), Code.OPTION_NOT_FOR_CHANNEL, o.keyword(), kind), o,
                        OPTIONS.get(a.channel())));
                continue;
            }
            if (options.putIfAbsent(key, o) != null) {
                report(Diagnostic.at(o.span(), Code.DUPLICATE_OPTION, key));
            }
            if (o instanceof Activity.Throttle t && t.perSecond() < 1) {
                report(Diagnostic.at(t.span(), Code.BAD_COUNT, "throttle", 1, t.perSecond()));
            } else if (o instanceof Activity.Waves w && (w.count() < 1 || w.every().amount() < 1)) {
                report(Diagnostic.at(w.span(), Code.BAD_COUNT, "waves", 1, w.count()));
            } else if (o instanceof Activity.Cap c && c.amount() < 1) {
                report(Diagnostic.at(c.span(), Code.BAD_COUNT, "cap", 1, c.amount()));
            }
        }
        List<String> required = switch (a.channel()) {
            case EMAIL -> List.of("subject", "body");
            case SMS -> List.of("text");
            case PUSH -> List.of("title", "body");
        };
        List<String> missing = required.stream().filter(r -> !options.containsKey(r)).toList();
        if (!missing.isEmpty()) {
            report(Diagnostic.at(decl.name().span(), Code.MISSING_CONTENT, kind + " '" + name + "'",
                    "a " + String.join(" and a ", missing)));
        }
        if (!needsEntity.test(in)) {
            return null;
        }
        Entity entity = symbols.entities.get(in.entity());
        Scope scope = Scope.row(in.entity(), in.columns(), "'" + name + "'");
        Link per = null;
        if (options.get("per") instanceof Activity.Per p) {
            Link link = entity.links().get(p.link().value());
            if (link == null || !link.many() || link.isDeliveries()) {
                List<String> many = entity.links().values().stream().filter(l -> l.many() && !l.isDeliveries()).map(Link::name).toList();
                report(Diagnostic.at(p.link().span(), Code.PER_NOT_MANY, p.link().value(), entity.name())
                        .withDidYouMean(p.link().value(), many));
            } else {
                per = link;
            }
        }
        String channel = kind;
        String addressAttribute = Checker.ADDRESS_ATTRIBUTE.get(channel);
        Scalar address;
        List<Link> path = addressPath(entity, addressAttribute);
        String recipient = path == null ? entity.name() : path.isEmpty() ? entity.name() : path.get(path.size() - 1).target();
        if (options.get("to") instanceof Activity.To to) {
            address = exprs.check(to.address(), scope);
            if (address.type() != Type.TEXT && address.type() != Type.ERROR) {
                report(Diagnostic.at(to.address().span(), Code.TYPE_MISMATCH, "the address", "text", address.type()));
            }
            if (path == null) {
                path = List.of();
            }
        } else if (path == null) {
            report(Diagnostic.at(decl.name().span(), Code.NO_ADDRESS, kind + " '" + name + "'", entity.name(), addressAttribute)
                    .withHelp("say whom to send to with 'to EXPR', or change dimension to an entity that has '" + addressAttribute + "'"));
            return null;
        } else {
            address = new Scalar.Attribute(path, recipient, addressAttribute, 0, Type.TEXT, decl.name().span());
        }
        Entity recipientEntity = symbols.entities.get(recipient);
        Scalar consent = null;
        String consentAttribute = recipientEntity.consents().get(channel);
        if (consentAttribute != null && recipientEntity.attributes().get(consentAttribute) == Type.BOOL) {
            consent = new Scalar.Attribute(path, recipient, consentAttribute, 0, Type.BOOL, decl.name().span());
        }
        Texts texts = checkTexts(a, name, in, entity, recipientEntity, path, per);

        Shape messages = new Shape(per == null ? in.entity() : per.target(), in.columns());
        Map<String, Shape> out = new LinkedHashMap<>();
        out.put("sent", messages);
        out.put("failed", messages);
        out.put("excluded", in.with("reason", Type.TEXT));
        Step.ChannelKind channelKind = Step.ChannelKind.valueOf(a.channel().name());
        Long throttle = options.get("throttle") instanceof Activity.Throttle t ? t.perSecond() : null;
        Step.Waves waves = options.get("waves") instanceof Activity.Waves w ? new Step.Waves(w.count(), w.every()) : null;
        Step.Cap cap = options.get("cap") instanceof Activity.Cap c
                ? new Step.Cap(c.amount(), Step.CapPeriod.valueOf(c.period().name())) : null;
        Scalar to = address;
        List<Link> recipientPath = path;
        Scalar consentCondition = consent;
        Link perLink = per;
        return new ActivityChecker.Result(out, node -> new Step.Channel(node, channelKind, to, recipient, recipientPath, consentCondition,
                perLink, texts.texts(), texts.placeholders(), throttle, waves, cap));
    }

    /** The texts of a channel with their contents, and its placeholders resolved. */
    private record Texts(List<Step.Text> texts, List<Step.Placeholder> placeholders) {
    }

    /** The shortest path of one links from an entity to one with the address attribute; [] if it has it. */
    private List<Link> addressPath(Entity start, String attribute) {
        Deque<List<Link>> queue = new ArrayDeque<>();
        queue.add(List.of());
        Set<String> seen = new HashSet<>();
        seen.add(start.name());
        while (!queue.isEmpty()) {
            List<Link> path = queue.poll();
            Entity at = path.isEmpty() ? start : symbols.entities.get(path.get(path.size() - 1).target());
            if (at == null) {
                continue;
            }
            if (at.attributes().get(attribute) == Type.TEXT || at.attributes().containsKey(attribute)) {
                return path;
            }
            if (path.size() >= 3) {
                continue;
            }
            for (Link l : at.links().values()) {
                if (!l.many() && seen.add(l.target())) {
                    List<Link> next = new ArrayList<>(path);
                    next.add(l);
                    queue.add(next);
                }
            }
        }
        return null;
    }

    private Texts checkTexts(Activity.Channel a, String name, Shape in, Entity entity, Entity recipient, List<Link> recipientPath,
            Link per) {
        List<Step.Text> texts = new ArrayList<>();
        Map<String, Step.Placeholder> placeholders = new LinkedHashMap<>();
        for (Activity.ChannelOption o : a.options()) {
            if (!(o instanceof Activity.Content c) && !(o instanceof Activity.From)) {
                continue;
            }
            String text;
            Span at;
            String field;
            if (o instanceof Activity.Content c) {
                at = c.valueSpan();
                field = c.field();
                text = c.template() ? ActivityChecker.readTemplate(c.valueSpan(), c.value(), symbols.project, diagnostics) : c.value();
            } else {
                Activity.From f = (Activity.From) o;
                at = f.span();
                field = "from";
                text = f.sender();
            }
            if (text == null) {
                continue;
            }
            texts.add(new Step.Text(field, text, isHtml(a, o)));
            Placeholders.Scan scan = Placeholders.scan(text);
            boolean inline = !(o instanceof Activity.Content c && c.template());
            // a placeholder in a template file is reported in that file, at its line and column
            camp.source.SourceFile templateFile = inline ? null
                    : new camp.source.SourceFile(templateName(at, ((Activity.Content) o).value()), null, text);
            for (int[] bad : scan.malformed()) {
                Span span = inline ? inner(at, text, bad[0], bad[1]) : within(templateFile, text, bad[0], bad[1]);
                report(Diagnostic.at(span, Code.TEMPLATE_SYNTAX, "'" + text.substring(bad[0], bad[0] + bad[1])
                        + "' is not a placeholder; write {{name}} or {{name | default \"text\"}}"));
            }
            for (Placeholders.Placeholder p : scan.placeholders()) {
                Span span = inline ? inner(at, text, p.offset(), p.length()) : within(templateFile, text, p.offset(), p.length());
                Step.Placeholder resolved = resolve(p.path(), span, in, entity, recipient, recipientPath, per);
                if (resolved != null) {
                    placeholders.putIfAbsent(p.path(), resolved);
                    continue;
                }
                Set<String> names = new LinkedHashSet<>(in.columns().keySet());
                names.addAll(entity.attributes().keySet());
                names.addAll(recipient.attributes().keySet());
                for (Link l : entity.links().values()) {
                    Entity target = symbols.entities.get(l.target());
                    if (!l.many() && target != null) {
                        target.attributes().keySet().forEach(attribute -> names.add(l.name() + "." + attribute));
                    }
                }
                if (per != null) {
                    names.addAll(symbols.entities.get(per.target()).attributes().keySet());
                }
                report(placeholderSuggestion(Diagnostic.at(span, Code.UNKNOWN_PLACEHOLDER, p.path(), name), p.path(), names));
            }
        }
        return new Texts(texts, List.copyOf(placeholders.values()));
    }

    /** Whether rendered values are HTML-escaped: in an e-mail body from an .html template or with tags. */
    private static boolean isHtml(Activity.Channel channel, Activity.ChannelOption o) {
        if (!(o instanceof Activity.Content c) || channel.channel() != Activity.ChannelKind.EMAIL || !c.field().equals("body")) {
            return false;
        }
        return c.template() ? c.value().toLowerCase(java.util.Locale.ROOT).matches(".*\\.html?$")
                : c.value().matches("(?s).*<[A-Za-z/][^>]*>.*");
    }

    /** The span of a part of a template file's text (char offsets) in code points. */
    private static Span within(camp.source.SourceFile file, String text, int offset, int length) {
        int start = text.codePointCount(0, offset);
        return Span.of(file, start, start + text.codePointCount(offset, offset + length));
    }

    /** How diagnostics name a template file: beside the .camp file that names it, as the user sees it. */
    private static String templateName(Span at, String relative) {
        String name = at.file().name();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? relative : name.substring(0, slash + 1) + relative;
    }

    /** The span of a placeholder inside a one-line string literal (after the opening quote). */
    /**
     * The "did you mean" of an option that the channel does not take: the span is the whole option,
     * so the replacement is the option with its keyword changed.
     */
    private static Diagnostic optionSuggestion(Diagnostic d, Activity.ChannelOption o, Collection<String> options) {
        String suggestion = Suggestions.closest(o.keyword(), options).orElse(null);
        if (suggestion == null) {
            return d;
        }
        String text = o.span().text();
        java.util.regex.Matcher keyword = java.util.regex.Pattern.compile(
                java.util.regex.Pattern.quote(o.keyword()).replace(" ", "\\E\\s+\\Q")).matcher(text);
        return d.withSuggestion(suggestion, keyword.lookingAt() ? suggestion + text.substring(keyword.end()) : null);
    }

    /**
     * The "did you mean" of an unknown placeholder: the span is the whole {@code {{...}}} (or the
     * string, when the placeholder could not be located in it), so the replacement is the placeholder
     * with its path changed, and there is none when the span is the string.
     */
    private static Diagnostic placeholderSuggestion(Diagnostic d, String path, Collection<String> names) {
        String suggestion = Suggestions.closest(path, names).orElse(null);
        if (suggestion == null) {
            return d;
        }
        String text = d.span().text();
        int at = text.indexOf(path);
        boolean placeholder = text.startsWith("{{") && at >= 0;
        return d.withSuggestion(suggestion, placeholder ? text.substring(0, at) + suggestion + text.substring(at + path.length()) : null);
    }

    private static Span inner(Span literal, String text, int offset, int length) {
        String raw = literal.text();
        if (!raw.startsWith("\"") || raw.startsWith("\"\"\"") || raw.contains("\\")) {
            return literal;
        }
        int start = literal.start() + 1 + text.codePointCount(0, offset);
        int end = start + text.codePointCount(offset, offset + length);
        return Span.of(literal.file(), start, Math.min(end, literal.end()));
    }

    /**
     * A placeholder path as an expression: an enriched column, else an attribute (through one
     * links) of the related record ({@code per}), of the row, or of the recipient; null when it
     * names none of them.
     */
    private Step.Placeholder resolve(String path, Span span, Shape in, Entity entity, Entity recipient, List<Link> recipientPath,
            Link per) {
        String[] parts = path.split("\\.");
        if (parts.length == 1 && in.columns().containsKey(parts[0])) {
            return new Step.Placeholder(path, false, new Scalar.Column(parts[0], 0, in.columns().get(parts[0]), span));
        }
        if (per != null) {
            Scalar s = walk(symbols.entities.get(per.target()), List.of(), parts, span);
            if (s != null) {
                return new Step.Placeholder(path, true, s);
            }
        }
        Scalar s = walk(entity, List.of(), parts, span);
        if (s == null) {
            s = walk(recipient, recipientPath, parts, span);
        }
        return s == null ? null : new Step.Placeholder(path, false, s);
    }

    /** The attribute at the end of a path of one links from an entity, after the links of {@code prefix}; or null. */
    private Scalar walk(Entity start, List<Link> prefix, String[] parts, Span span) {
        List<Link> links = new ArrayList<>(prefix);
        Entity at = start;
        for (int i = 0; i < parts.length - 1; i++) {
            Link l = at == null ? null : at.links().get(parts[i]);
            if (l == null || l.many()) {
                return null;
            }
            links.add(l);
            at = symbols.entities.get(l.target());
        }
        String attribute = parts[parts.length - 1];
        if (at == null || !at.attributes().containsKey(attribute)) {
            return null;
        }
        return new Scalar.Attribute(links, at.name(), attribute, 0, at.attributes().get(attribute), span);
    }
}
