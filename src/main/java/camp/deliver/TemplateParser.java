package camp.deliver;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads camp's placeholder syntax and rewrites it into Handlebars source in which every placeholder is a
 * call of a registered helper naming the placeholder by its index: {@code {{first_name}}} becomes
 * {@code {{campValue 0}}}, {@code {{{first_name}}}} becomes {@code {{{campValue 0}}}} and
 * {@code {{name | default "there"}}} becomes {@code {{campValue 1}}} with the default kept beside the
 * path; the text between them becomes {@code {{{campLiteral 0}}}} and so on. Handlebars therefore never
 * resolves a name, parses a default or lexes a character of the user's text; it sequences the calls and
 * escapes the double-brace ones.
 *
 * <p>Accepted between braces: optional spaces, a path ({@code name} or {@code store.name}), optionally
 * {@code | default "text"} ({@code \"} and {@code \\} escape inside the text), optional spaces. Anything
 * else that opens with {@code {{} is an error, as the checker reports it; a stray {@code }}} is text (CSS
 * in e-mail bodies is full of them).
 */
final class TemplateParser {
    static final String VALUE_HELPER = "campValue";
    static final String LITERAL_HELPER = "campLiteral";
    private static final String HINT = "; write {{name}}, {{name | default \"text\"}} or {{{name}}}";

    /**
     * A placeholder: its path, its default text (null when none), whether HTML escaping is off, and where
     * it is in the text (offset and length in UTF-16 units, braces included).
     */
    record Placeholder(String path, String fallback, boolean raw, int offset, int length) {
    }

    /**
     * The Handlebars source, and the placeholders and literal snippets its helper calls refer to by index;
     * {@code segments} is the same text as a list: a literal's index, or {@code -1 - i} for placeholder i.
     */
    record Rewritten(String handlebars, List<Placeholder> placeholders, List<String> literals, List<Integer> segments) {
        Rewritten {
            placeholders = List.copyOf(placeholders);
            literals = List.copyOf(literals);
            segments = List.copyOf(segments);
        }
    }

    private final String text;
    private final StringBuilder out;
    private final List<String> literals = new ArrayList<>();
    private final List<Integer> segments = new ArrayList<>();
    private int position;

    private TemplateParser(String text) {
        this.text = text;
        this.out = new StringBuilder(text.length() + 16);
    }

    static Rewritten rewrite(String text) throws TemplateException {
        return new TemplateParser(text).rewrite();
    }

    private Rewritten rewrite() throws TemplateException {
        List<Placeholder> placeholders = new ArrayList<>();
        while (position < text.length()) {
            int open = text.indexOf("{{", position);
            if (open < 0) {
                appendLiteral(text.substring(position));
                break;
            }
            appendLiteral(text.substring(position, open));
            position = open;
            Placeholder placeholder = placeholder();
            String call = VALUE_HELPER + " " + placeholders.size();
            out.append(placeholder.raw() ? "{{{" + call + "}}}" : "{{" + call + "}}");
            segments.add(-1 - placeholders.size());
            placeholders.add(placeholder);
        }
        return new Rewritten(out.toString(), placeholders, literals, segments);
    }

    /**
     * Literal text is printed by a helper too: Handlebars.java reads more than {@code {{} as syntax next
     * to a mustache ({@code \{{} escapes it, {@code {{a}}~}}} and {@code {{{a}}}}} fail to parse), so
     * the source it compiles holds nothing but helper calls and no user text can ever be read as syntax.
     */
    private void appendLiteral(String literal) {
        if (!literal.isEmpty()) {
            out.append("{{{").append(LITERAL_HELPER).append(' ').append(literals.size()).append("}}}");
            segments.add(literals.size());
            literals.add(literal);
        }
    }

    /** Parses the placeholder that starts at {@code position} (on its {@code {{}) and moves past it. */
    private Placeholder placeholder() throws TemplateException {
        int start = position;
        if (text.indexOf("}}", start + 2) < 0) {
            throw error(start, "'" + snippet(start) + "' opens a placeholder that is never closed");
        }
        boolean raw = text.startsWith("{{{", start);
        position = start + (raw ? 3 : 2);
        skipSpaces();
        String path = path();
        if (path == null) {
            throw notAPlaceholder(start);
        }
        skipSpaces();
        String fallback = null;
        if (position < text.length() && text.charAt(position) == '|') {
            position++;
            skipSpaces();
            if (!text.startsWith("default", position)) {
                throw notAPlaceholder(start);
            }
            position += "default".length();
            int afterKeyword = position;
            skipSpaces();
            if (position == afterKeyword) {
                throw notAPlaceholder(start);
            }
            fallback = stringLiteral(start);
            skipSpaces();
        }
        if (!text.startsWith("}}", position)) {
            throw notAPlaceholder(start);
        }
        boolean tripleClose = text.startsWith("}}}", position);
        if (raw != tripleClose) {
            throw error(start, "'" + snippet(start) + "' " + (raw ? "opens with {{{ but closes with }}"
                    : "opens with {{ but closes with }}}") + HINT);
        }
        position += raw ? 3 : 2;
        return new Placeholder(path, fallback, raw, start, position - start);
    }

    private String path() {
        int start = position;
        while (true) {
            if (position >= text.length() || !isIdentifierStart(text.charAt(position))) {
                return null;
            }
            position++;
            while (position < text.length() && isIdentifierPart(text.charAt(position))) {
                position++;
            }
            if (position < text.length() && text.charAt(position) == '.') {
                position++;
            } else {
                return text.substring(start, position);
            }
        }
    }

    private String stringLiteral(int placeholderStart) throws TemplateException {
        if (position >= text.length() || text.charAt(position) != '"') {
            throw notAPlaceholder(placeholderStart);
        }
        StringBuilder value = new StringBuilder();
        position++;
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && position < text.length()
                    && (text.charAt(position) == '"' || text.charAt(position) == '\\')) {
                c = text.charAt(position++);
            }
            value.append(c);
        }
        throw error(placeholderStart, "'" + snippet(placeholderStart) + "' has a default text that is never closed");
    }

    private void skipSpaces() {
        while (position < text.length() && isSpace(text.charAt(position))) {
            position++;
        }
    }

    private TemplateException notAPlaceholder(int start) {
        return error(start, "'" + snippet(start) + "' is not a placeholder" + HINT);
    }

    /** The text from {@code start} through the next closing braces, on one line and at most 60 characters. */
    private String snippet(int start) {
        int close = text.indexOf("}}", start + 2);
        int end = close < 0 ? text.length() : close + (text.startsWith("}}}", close) ? 3 : 2);
        int lineEnd = text.indexOf('\n', start);
        if (lineEnd >= 0 && lineEnd < end) {
            end = lineEnd;
        }
        String s = text.substring(start, Math.min(end, start + 60));
        return end > start + 60 ? s + "..." : s;
    }

    private TemplateException error(int offset, String problem) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new TemplateException(problem, offset, line, offset - lineStart + 1);
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    /** The whitespace of the checker's {@code \s}. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
