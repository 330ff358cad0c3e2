package camp.deliver;


import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A compiled message text (subject, body, SMS text, push title or body) with camp placeholders, rendered
 * once per message. Compiled once, rendered many times, from any number of threads.
 *
 * <p>Placeholders: {@code {{name}}}, {@code {{store.name}}}, {@code {{name | default "text"}}} and
 * {@code {{{name}}}} (never HTML-escaped). The text is rewritten into calls of two registered Handlebars
 * helpers, one per placeholder and one per stretch of literal text (see {@link TemplateParser}), so values
 * are looked up and formatted here and a value is printed as text, never evaluated again: a first name of
 * {@code {{first_name}}} prints as itself.
 *
 * <p>Values come from a map. A path {@code store.name} finds the key {@code "store.name"} itself, or
 * {@code "store"} holding a nested map with {@code "name"} (the flat key wins when both exist). A
 * placeholder without a default whose value is null or absent throws {@link MissingValueException}. A
 * default replaces a null or absent value and a blank text; without a default a blank text prints as is.
 *
 * <p>Formatting: text as is; integers plainly; BigDecimal with {@link BigDecimal#toPlainString()} (scale
 * kept: 12.50); floating point shortest, without exponent, and without {@code .0} when integral; booleans
 * true/false; dates ISO {@code yyyy-MM-dd}; timestamps {@code yyyy-MM-dd HH:mm} (instants in UTC; zoned
 * and offset values on their own wall clock); times {@code HH:mm}. A map or a list is not a value.
 *
 * <p>With {@code html} set, values and defaults in double braces are HTML-escaped (the Handlebars 4
 * entity set: {@code & < > " ' ` =}); triple braces and everything when {@code html} is off print raw.
 */
public final class MessageTemplate {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final Pattern TAG = Pattern.compile("</?[A-Za-z][A-Za-z0-9-]*(?:\\s[^<>]*)?/?>|<!--");

    private final String source;
    private final boolean html;
    private final List<TemplateParser.Placeholder> placeholders;
    private final List<String> literals;
    private final int[] segments;
    private final String handlebarsSource;

    private MessageTemplate(String source, boolean html, TemplateParser.Rewritten rewritten) {
        this.source = source;
        this.html = html;
        this.placeholders = rewritten.placeholders();
        this.literals = rewritten.literals();
        this.segments = rewritten.segments().stream().mapToInt(Integer::intValue).toArray();
        this.handlebarsSource = rewritten.handlebars();
    }

    /** Compiles a text; {@code html} turns on HTML escaping of double-brace values (e-mail bodies in HTML). */
    public static MessageTemplate compile(String source, boolean html) throws TemplateException {
        requireNonNull(source, "source is null");
        return new MessageTemplate(source, html, TemplateParser.rewrite(source));
    }

    /**
     * Whether a text looks like HTML (it contains a tag such as {@code <p>}, {@code </b>} or
     * {@code <!-- -->}): the usual test for an inline e-mail body.
     */
    public static boolean looksLikeHtml(String text) {
        return TAG.matcher(text).find();
    }

    /**
     * Renders the text with these values.
     *
     * @throws MissingValueException when a placeholder without a default has no value
     * @throws IllegalArgumentException when a placeholder names a map or a list instead of a value
     */
    public String render(Map<String, ?> values) {
        requireNonNull(values, "values is null");
        // What Handlebars prints for the rewritten text (handlebarsSource), without its machinery: the text is
        // only literal snippets (printed raw) and placeholders (escaped as Handlebars 4 escapes a helper's
        // text unless in triple braces). The tests hold this to Handlebars itself.
        Scope scope = new Scope(placeholders, literals, values);
        StringBuilder out = new StringBuilder(source.length() + 64);
        for (int segment : segments) {
            if (segment >= 0) {
                out.append(literals.get(segment));
            } else {
                int index = -1 - segment;
                String value = scope.render(index);
                out.append(html && !placeholders.get(index).raw() ? escapeHtml(value) : value);
            }
        }
        return out.toString();
    }

    /**
     * The text rewritten as a Handlebars template: literal snippets and placeholders as calls of the
     * helpers {@link TemplateParser#LITERAL_HELPER} and {@link TemplateParser#VALUE_HELPER} with the
     * index of each, which {@link #literal(int)} and {@link #value(int, Map)} answer.
     */
    String handlebarsSource() {
        return handlebarsSource;
    }

    /** The literal snippet of that index. */
    String literal(int index) {
        return literals.get(index);
    }

    /** The placeholder of that index with these values, unescaped. */
    String value(int index, Map<String, ?> values) {
        return new Scope(placeholders, literals, values).render(index);
    }

    /**
     * A value escaped for HTML as Handlebars 4 escapes it: {@code & < > " ' ` =} become entities,
     * everything else stays.
     */
    static String escapeHtml(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String entity = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#x27;";
                case '`' -> "&#x60;";
                case '=' -> "&#x3D;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The text as written. */
    public String source() {
        return source;
    }

    public boolean html() {
        return html;
    }

    /** The paths of the placeholders, in order of appearance, each once. */
    public List<String> paths() {
        return placeholders.stream().map(TemplateParser.Placeholder::path).distinct().toList();
    }

    /** The paths of the placeholders without a default: the values a message cannot do without. */
    public List<String> requiredPaths() {
        return placeholders.stream().filter(p -> p.fallback() == null).map(TemplateParser.Placeholder::path)
                .distinct().toList();
    }

    @Override
    public String toString() {
        return source;
    }

    /** One rendering: the values, and what the placeholders refer to by index. */
    private record Scope(List<TemplateParser.Placeholder> placeholders, List<String> literals, Map<String, ?> values) {
        String render(int index) {
            TemplateParser.Placeholder placeholder = placeholders.get(index);
            String path = placeholder.path();
            // a path without a dot is one key: looked up directly (most placeholders, once per message)
            Object value = path.indexOf('.') < 0 ? values.get(path) : lookup(values, path.split("\\.", -1), 0);
            if (placeholder.fallback() != null
                    && (value == null || (value instanceof CharSequence text && text.toString().isBlank()))) {
                return placeholder.fallback();
            }
            if (value == null) {
                throw new MissingValueException(placeholder.path());
            }
            return format(placeholder.path(), value);
        }
    }

    /** The value at {@code path[from..]}: a dotted key of several segments is tried before a nested map. */
    private static Object lookup(Map<String, ?> map, String[] path, int from) {
        for (int end = path.length; end > from; end--) {
            String key = end == from + 1 ? path[from] : String.join(".", List.of(path).subList(from, end));
            if (!map.containsKey(key)) {
                continue;
            }
            Object value = map.get(key);
            if (end == path.length) {
                return value;
            }
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> next = (Map<String, ?>) nested;
                Object found = lookup(next, path, end);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A value as it prints in a message. */
    static String format(String path, Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return Double.toString(d);
            }
            // 15 significant digits: what a double holds exactly, without the noise of sums (2802.7700000000004)
            BigDecimal exact = value instanceof Float f ? new BigDecimal(Float.toString(f))
                    : BigDecimal.valueOf(d).round(new java.math.MathContext(15));
            return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return TIMESTAMP.format(timestamp.toLocalDateTime());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof OffsetDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof ZonedDateTime timestamp) {
            return TIMESTAMP.format(timestamp);
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(instant.atOffset(ZoneOffset.UTC));
        }
        if (value instanceof LocalTime time) {
            return TIME.format(time);
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?> || value.getClass().isArray()) {
            throw new IllegalArgumentException("{{" + path + "}} names a group of values, not a value"
                    + (value instanceof Map<?, ?> ? "; write {{" + path + ".field}}" : ""));
        }
        return value.toString();
    }
}
