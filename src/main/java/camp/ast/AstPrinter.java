package camp.ast;

import camp.source.Span;
import java.lang.reflect.RecordComponent;
import java.util.Collection;

/**
 * Prints an AST as an indented tree, one node per line with its position, for
 * {@code camp explain --stage ast} and golden tests. Records are printed generically from
 * their components, so a new node kind prints without changes here.
 */
public final class AstPrinter {
    private final StringBuilder out = new StringBuilder();

    private AstPrinter() {
    }

    public static String print(CampFile file) {
        AstPrinter p = new AstPrinter();
        for (Statement s : file.statements()) {
            p.node(s, 0, null);
        }
        return p.out.toString();
    }

    private void node(Object value, int depth, String label) {
        String indent = "  ".repeat(depth);
        String prefix = label == null ? "" : label + ": ";
        if (value instanceof Record r) {
            Span span = spanOf(r);
            out.append(indent).append(prefix).append(typeName(r));
            if (span != null) {
                out.append(" @").append(span.line()).append(':').append(span.column());
            }
            StringBuilder inline = new StringBuilder();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v = get(c, r);
                if (v == null || v instanceof Span || v instanceof camp.source.SourceFile || v instanceof Boolean b && !b) {
                    continue;
                }
                if (v instanceof Name || (!(v instanceof Record) && !(v instanceof Collection<?>))) {
                    inline.append(' ').append(c.getName()).append('=').append(scalar(v));
                }
            }
            out.append(inline).append('\n');
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                Object v = get(c, r);
                if (v instanceof Name || v instanceof Span) {
                    continue;
                }
                if (v instanceof Record) {
                    node(v, depth + 1, c.getName());
                } else if (v instanceof Collection<?> list && !list.isEmpty() && !(list.iterator().next() instanceof Span)) {
                    out.append(indent).append("  ").append(c.getName()).append(":\n");
                    for (Object item : list) {
                        node(item, depth + 2, null);
                    }
                }
            }
        } else if (value instanceof Collection<?> list) {
            out.append(indent).append(prefix).append('\n');
            for (Object item : list) {
                node(item, depth + 1, null);
            }
        } else {
            out.append(indent).append(prefix).append(scalar(value)).append('\n');
        }
    }

    private static String typeName(Record r) {
        Class<?> c = r.getClass();
        return c.getEnclosingClass() == null ? c.getSimpleName() : c.getEnclosingClass().getSimpleName() + "." + c.getSimpleName();
    }

    private static Span spanOf(Record r) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (c.getName().equals("span") && c.getType() == Span.class) {
                return (Span) get(c, r);
            }
        }
        return null;
    }

    private static String scalar(Object v) {
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
        if (v instanceof Name n) {
            return n.value();
        }
        return String.valueOf(v);
    }

    private static Object get(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
