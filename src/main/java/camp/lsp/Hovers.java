package camp.lsp;

import camp.ast.Statement;
import camp.ir.Audience;
import camp.ir.Shape;
import camp.source.Span;
import camp.types.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;

/**
 * What hovering a name shows: what it is (kind and type), where it is defined, and for an
 * activity its kind, inputs, outputs (with the rows on each), the counts of its last run when a
 * database has them, and the SQL it lowers to.
 */
final class Hovers {
    private static final int LONGEST_SQL = 6_000;
    private static final int LONGEST_TEXT = 1_200;

    private final RunCounts counts;
    private final Links links;

    /** Turns a declaration into a link the editor opens. */
    interface Links {
        String uri(Analysis a, Span span);

        List<Path> roots();
    }

    Hovers(RunCounts counts, Links links) {
        this.counts = counts;
        this.links = links;
    }

    Hover hover(Analysis a, Position position, boolean markdown) {
        int offset = Positions.offset(a.source(), position);
        Occurrence o = a.index().at(a.source(), offset);
        if (o == null) {
            return null;
        }
        String text = describe(a, o.symbol());
        if (!markdown) {
            text = text.replace("```camp\n", "").replace("```sql\n", "").replace("```\n", "").replace("**", "").replace("`", "");
        }
        return new Hover(new MarkupContent(markdown ? MarkupKind.MARKDOWN : MarkupKind.PLAINTEXT, text), Positions.range(o.span()));
    }

    String describe(Analysis a, Symbol s) {
        StringBuilder b = new StringBuilder();
        switch (s.kind()) {
            case ENTITY -> entity(a, s, b);
            case ATTRIBUTE -> {
                code(b, "(attribute) " + s.qualifiedName() + ": " + s.detail());
                Statement.Entity decl = entityDecl(a, s.owner());
                if (decl != null && decl.key().value().equals(s.name())) {
                    b.append("The key of `").append(s.owner()).append("`.\n\n");
                }
            }
            case LINK -> code(b, "(link) " + s.qualifiedName() + ": " + s.detail());
            case AUDIENCE -> {
                code(b, excerpt(s.extent()));
                Audience resolved = a.checked().plan() == null ? null : a.checked().plan().audiences().get(s.name());
                if (resolved != null) {
                    b.append("Rows of `").append(resolved.entity()).append("`.\n\n");
                }
            }
            case PARAM -> code(b, excerpt(s.extent()));
            case ACTIVITY -> activity(a, s, b);
            case SEGMENT -> segment(a, s, b);
            case COLUMN -> {
                code(b, "(column) " + s.name() + (s.detail() == null ? "" : ": " + s.detail()));
                b.append("Made by ").append(kindOf(a, s.owner())).append(" `").append(s.owner())
                        .append("`; every activity after it can use it.\n\n");
            }
            case SAVED_AUDIENCE -> saved(a, s, b);
        }
        if (s.declaration() != null) {
            b.append("Defined at ").append(link(a, s.declaration())).append('\n');
        } else if (s.kind() != SymbolKind.SAVED_AUDIENCE) {
            b.append("Built in: the delivery history of every campaign (§6).\n");
        }
        return b.toString().strip() + "\n";
    }

    private void entity(Analysis a, Symbol s, StringBuilder b) {
        Statement.Entity decl = entityDecl(a, s.name());
        if (decl == null) {
            code(b, "entity " + s.name());
            b.append(s.detail()).append(".\n\n");
            return;
        }
        String header = decl.span().text();
        int brace = header.indexOf('{');
        code(b, (brace > 0 ? header.substring(0, brace) : header).strip());
        b.append(decl.attributes().size()).append(decl.attributes().size() == 1 ? " attribute" : " attributes");
        if (!decl.links().isEmpty()) {
            StringJoiner j = new StringJoiner(", ", "; links: ", "");
            decl.links().forEach(l -> j.add("`" + l.name().value() + "` (" + (l.many() ? "many " : "one ") + l.target().value() + ")"));
            b.append(j);
        }
        b.append(".\n\n");
    }

    private void activity(Analysis a, Symbol s, StringBuilder b) {
        SymbolIndex ix = a.index();
        code(b, "activity " + s.name() + ": " + s.detail());
        String name = s.name();
        List<String> inputs = inputs(ix, name);
        b.append("**Inputs:** ").append(inputs.isEmpty() ? "none" : String.join(", ", inputs.stream().map(i -> "`" + i + "`").toList()))
                .append("\n\n");
        Map<String, Shape> outputs = a.checked().ports().get(name);
        if (outputs != null && !outputs.isEmpty()) {
            b.append("**Outputs:**\n");
            outputs.forEach((port, shape) -> b.append("- `").append(port).append("`: ").append(shape(shape)).append('\n'));
            b.append('\n');
        } else if (outputs != null) {
            b.append("**Outputs:** none\n\n");
        }
        RunCounts.Task task = lastTask(a, name);
        if (task != null) {
            b.append("**Last run** `").append(task.runId()).append("`").append(task.dryRun() ? " (dry run)" : "").append(": task ")
                    .append(task.status());
            if (task.input() != null) {
                b.append(", input ").append(number(task.input()));
            }
            if (!task.outputs().isEmpty()) {
                StringJoiner j = new StringJoiner(", ", " → ", "");
                task.outputs().forEach((port, rows) -> j.add(port + " " + number(rows)));
                b.append(j);
            }
            b.append("\n\n");
        }
        String sql = ActivitySql.of(a.checked(), name);
        if (sql != null) {
            if (sql.length() > LONGEST_SQL) {
                sql = sql.substring(0, LONGEST_SQL) + "\n-- ... (" + (sql.length() - LONGEST_SQL) + " more characters: camp sql FILE)\n";
            }
            b.append("**SQL** (now() is the time of this hover):\n```sql\n").append(sql.strip()).append("\n```\n\n");
        } else if (a.checked().hasErrors()) {
            b.append("No SQL while the campaign has errors.\n\n");
        }
    }

    private static List<String> inputs(SymbolIndex ix, String activity) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Statement.Flow flow : ix.document().all(Statement.Flow.class)) {
            for (Statement.Chain chain : flow.chains()) {
                for (int i = 0; i + 1 < chain.steps().size(); i++) {
                    for (Statement.Endpoint to : chain.steps().get(i + 1)) {
                        if (to.activity().value().equals(activity)) {
                            chain.steps().get(i).forEach(from -> out.add(from.activity().value()
                                    + (from.port() == null ? "" : "." + from.port().value())));
                        }
                    }
                }
            }
            break;
        }
        return List.copyOf(out);
    }

    private void segment(Analysis a, Symbol s, StringBuilder b) {
        code(b, "(output) " + s.qualifiedName());
        b.append("A ").append(s.detail()).append(" `").append(s.owner()).append("`.");
        Shape shape = a.checked().port(s.owner(), s.name());
        if (shape != null) {
            b.append(" Rows: ").append(shape(shape)).append('.');
        }
        b.append("\n\n");
        RunCounts.Task task = lastTask(a, s.owner());
        if (task != null && task.outputs().containsKey(s.name())) {
            b.append("**Last run** `").append(task.runId()).append("`: ").append(number(task.outputs().get(s.name()))).append(" rows\n\n");
        }
    }

    private void saved(Analysis a, Symbol s, StringBuilder b) {
        code(b, "(saved audience) \"" + s.name() + "\"");
        b.append(s.detail() == null ? "" : capitalize(s.detail())).append(".\n\n");
        RunCounts.Saved saved = counts.saved(database(a), s.name());
        if (saved != null) {
            b.append("**Saved:** ").append(number(saved.rows())).append(" rows, by '").append(saved.campaign()).append("' in run `")
                    .append(saved.runId()).append("`\n\n");
        }
    }

    private RunCounts.Task lastTask(Analysis a, String activity) {
        String campaign = a.checked().plan() == null ? null : a.checked().plan().campaign();
        return campaign == null ? null : counts.lastTask(database(a), campaign, activity);
    }

    private Path database(Analysis a) {
        return counts.database(a.source().path(), links.roots());
    }

    private static String kindOf(Analysis a, String activity) {
        Symbol s = a.index().activities().get(activity);
        return s == null ? "activity" : s.detail();
    }

    private static Statement.Entity entityDecl(Analysis a, String name) {
        for (var f : a.index().files()) {
            for (Statement.Entity e : f.all(Statement.Entity.class)) {
                if (e.name().value().equals(name)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The rows on a port, for people: {@code profiles + spent_90d decimal, orders int}. */
    static String shape(Shape shape) {
        StringBuilder b = new StringBuilder(shape.entity() == null ? "rows of a load" : "`" + shape.entity() + "`");
        if (!shape.columns().isEmpty()) {
            StringJoiner j = new StringJoiner(", ", " + ", "");
            for (Map.Entry<String, Type> c : shape.columns().entrySet()) {
                j.add(c.getKey() + " " + c.getValue().label());
            }
            b.append(j);
        }
        return b.toString();
    }

    private String link(Analysis a, Span span) {
        String uri = links.uri(a, span);
        String where = span.file().name() + ":" + span.line() + ":" + span.column();
        return uri == null ? where : "[" + where + "](" + uri + "#L" + span.line() + "," + span.column() + ")";
    }

    private static void code(StringBuilder b, String code) {
        b.append("```camp\n").append(code).append("\n```\n\n");
    }

    private static String excerpt(Span extent) {
        if (extent == null) {
            return "";
        }
        String text = extent.text().strip();
        return text.length() > LONGEST_TEXT ? text.substring(0, LONGEST_TEXT) + " ..." : text;
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
