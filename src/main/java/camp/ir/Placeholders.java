package camp.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholders of a message text: {@code {{name}}}, {@code {{store.name}}},
 * {@code {{name | default "x"}}}, and the unescaped {@code {{{name}}}}. The checker uses them
 * to check names; the renderer rewrites them into Handlebars helpers.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "\\{\\{(\\{?)\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*(?:\\|\\s*default\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*)?\\}?\\}\\}");
    private static final Pattern ANY = Pattern.compile("\\{\\{(.*?)\\}\\}");

    private Placeholders() {
    }

    /** One placeholder: the path, its default (null when none), whether HTML escaping is off, its offset. */
    public record Placeholder(String path, String fallback, boolean raw, int offset, int length) {
    }

    /** Placeholders of a text, and the offsets of {@code {{...}}} that are not placeholders. */
    public record Scan(List<Placeholder> placeholders, List<int[]> malformed) {
    }

    public static Scan scan(String text) {
        List<Placeholder> found = new ArrayList<>();
        List<int[]> malformed = new ArrayList<>();
        Matcher any = ANY.matcher(text);
        while (any.find()) {
            Matcher m = PLACEHOLDER.matcher(text);
            m.region(any.start(), text.length());
            if (m.lookingAt()) {
                String fallback = m.group(3) == null ? null : m.group(3).replace("\\\"", "\"").replace("\\\\", "\\");
                found.add(new Placeholder(m.group(2), fallback, !m.group(1).isEmpty(), m.start(), m.end() - m.start()));
                any.region(m.end(), text.length());
            } else {
                malformed.add(new int[] {any.start(), any.end() - any.start()});
            }
        }
        return new Scan(found, malformed);
    }
}
