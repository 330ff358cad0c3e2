package camp.deliver;

import com.github.jknack.handlebars.EscapingStrategy;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import java.io.IOException;
import java.util.Map;

/**
 * Handlebars itself, which {@link MessageTemplate#render} must always equal: the template's text
 * as rewritten for Handlebars, compiled by Handlebars with its two helpers, applied to the values,
 * HTML-escaped by Handlebars 4's own strategy. Handlebars is a test dependency only: camp renders
 * without it.
 */
final class HandlebarsReference {
    private HandlebarsReference() {
    }

    static String render(MessageTemplate t, Map<String, ?> values) throws IOException {
        Handlebars handlebars = new Handlebars().with(t.html() ? EscapingStrategy.HBS4 : EscapingStrategy.NOOP);
        handlebars.registerHelper(TemplateParser.VALUE_HELPER, (Helper<Object>) (index, options) -> t.value(number(index), values));
        handlebars.registerHelper(TemplateParser.LITERAL_HELPER, (Helper<Object>) (index, options) -> t.literal(number(index)));
        return handlebars.compileInline(t.handlebarsSource()).apply(values);
    }

    /** What Handlebars 4 makes of a value in double braces. */
    static String escape(String text) {
        return EscapingStrategy.HBS4.escape(text).toString();
    }

    private static int number(Object literal) {
        return literal instanceof Number n ? n.intValue() : Integer.parseInt(literal.toString());
    }
}
