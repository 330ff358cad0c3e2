package camp.deliver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageTemplateTest {
    private static String render(String source, boolean html, Map<String, ?> values) throws TemplateException {
        return MessageTemplate.compile(source, html).render(values);
    }

    private static Map<String, Object> values(Object... keyValuePairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            map.put((String) keyValuePairs[i], keyValuePairs[i + 1]);
        }
        return map;
    }

    /**
     * render() concatenates the template's pieces itself, for speed; the compiled Handlebars template is
     * the reference it must equal, for every kind of text, value and escaping.
     */
    @Test
    void theDirectRendererPrintsExactlyWhatHandlebarsPrints() throws Exception {
        List<String> sources = List.of("", "plain text", "{{a}}", "{{{a}}}", "<p>{{a}} & {{{a}}}</p>", "{{a}}{{b}}{{a}}",
                "x {{a | default \"<d&'>\"}} y", "{{ a }} {{b|default \"\"}}", "{{n}} pts at {{when}}", "\\{{a}} }} {",
                "<a href=\"?q={{a}}&x=`{{b}}`\">{{b}}</a>", "Line\n{{a}}\r\n=={{b}}==", "emoji \uD83C\uDF89 {{a}}");
        List<Map<String, Object>> valueSets = List.of(values("a", "Zoé", "b", "x", "n", 3L, "when", LocalDate.of(2026, 12, 4)),
                values("a", "<b>\"Tom & Jerry\"</b> 'q' `t` =", "b", "  ", "n", new BigDecimal("12.50"), "when",
                        LocalDateTime.of(2026, 1, 2, 3, 4)),
                values("a", "{{a}}", "b", "\u00e9\u0301", "n", 2.5d, "when", Instant.parse("2026-03-29T01:30:00Z")));
        int compared = 0;
        for (String source : sources) {
            for (boolean html : new boolean[] {false, true}) {
                MessageTemplate t = MessageTemplate.compile(source, html);
                for (Map<String, Object> v : valueSets) {
                    if (t.requiredPaths().stream().allMatch(v::containsKey)) {
                        assertEquals(HandlebarsReference.render(t, v), t.render(v), source + " (html " + html + ") with " + v);
                        compared++;
                    }
                }
            }
        }
        assertTrue(compared >= 60, "compared " + compared);
    }

    /** camp's HTML escaper is Handlebars 4's, character for character, over every character that matters and random text. */
    @Test
    void escapesHtmlExactlyAsHandlebarsDoes() {
        java.util.Random random = new java.util.Random(7);
        List<String> texts = new ArrayList<>(List.of("", "plain", "&<>\"'`=", "a=b&c", "&amp; already", "\u00e9\uD83C\uDF89<"));
        for (int i = 0; i < 500; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                String special = "&<>\"'`=/\\;#x";
                b.append(random.nextInt(4) == 0 ? special.charAt(random.nextInt(special.length())) : (char) (32 + random.nextInt(400)));
            }
            texts.add(b.toString());
        }
        for (String text : texts) {
            assertEquals(HandlebarsReference.escape(text), MessageTemplate.escapeHtml(text), text);
        }
        assertEquals("&lt;b&gt;Tom &amp; &quot;Jerry&quot; &#x27;q&#x27; &#x60;t&#x60; &#x3D;&lt;/b&gt;",
                MessageTemplate.escapeHtml("<b>Tom & \"Jerry\" 'q' `t` =</b>"));
    }

    @Test
    void rendersPlainPlaceholders() throws Exception {
        assertEquals("Hello Zoé, you have 3 points.",
                render("Hello {{first_name}}, you have {{ points }} points.", false, values("first_name", "Zoé", "points", 3L)));
        assertEquals("no placeholders", render("no placeholders", false, Map.of()));
    }

    @Test
    void rendersPathsFromNestedMapsOrDottedKeys() throws Exception {
        String source = "See you at {{store.name}} ({{store.address.city}})";
        assertEquals("See you at Lyon Part-Dieu (Lyon)", render(source, false,
                values("store", Map.of("name", "Lyon Part-Dieu", "address", Map.of("city", "Lyon")))));
        assertEquals("See you at Lyon Part-Dieu (Lyon)", render(source, false,
                values("store.name", "Lyon Part-Dieu", "store.address.city", "Lyon")));
        assertEquals("See you at Lyon Part-Dieu (Lyon)", render(source, false,
                values("store", Map.of("name", "Lyon Part-Dieu", "address.city", "Lyon"))));
        assertEquals("See you at flat (Lyon)", render(source, false,
                values("store.name", "flat", "store", Map.of("name", "nested", "address", Map.of("city", "Lyon")))));
    }

    @Test
    void usesTheDefaultForAbsentNullAndBlankValues() throws Exception {
        MessageTemplate template = MessageTemplate.compile("Hi {{first_name | default \"there\"}}!", false);
        assertEquals("Hi there!", template.render(Map.of()));
        assertEquals("Hi there!", template.render(values("first_name", null)));
        assertEquals("Hi there!", template.render(values("first_name", "  ")));
        assertEquals("Hi Léa!", template.render(values("first_name", "Léa")));
        assertEquals("Hi the \"best\" \\ one!",
                render("Hi {{first_name|default \"the \\\"best\\\" \\\\ one\"}}!", false, Map.of()));
        assertEquals("At ", render("At {{store.name | default \"\"}}", false, Map.of()));
    }

    @Test
    void blankTextWithoutDefaultPrintsAsIs() throws Exception {
        assertEquals("[ ]", render("[{{x}}]", false, values("x", " ")));
    }

    @Test
    void missingValueNamesThePlaceholder() throws Exception {
        MessageTemplate template = MessageTemplate.compile("Hi {{first_name}} from {{store.name}}", true);
        MissingValueException absent = assertThrows(MissingValueException.class,
                () -> template.render(values("store", Map.of("name", "Lyon"))));
        assertEquals("first_name", absent.placeholder());
        assertEquals("no value for {{first_name}}; give it a value or write {{first_name | default \"...\"}}",
                absent.getMessage());
        MissingValueException nullValue = assertThrows(MissingValueException.class,
                () -> template.render(values("first_name", "Zoé", "store", values("name", null))));
        assertEquals("store.name", nullValue.placeholder());
        assertEquals("store.name", assertThrows(MissingValueException.class,
                () -> template.render(values("first_name", "Zoé", "store", "not a map"))).placeholder());
    }

    @Test
    void escapesHtmlOnlyWhenAsked() throws Exception {
        Map<String, Object> values = values("name", "<b>Tom & Jerry</b>");
        assertEquals("<p>&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;</p>", render("<p>{{name}}</p>", true, values));
        assertEquals("<p><b>Tom & Jerry</b></p>", render("<p>{{name}}</p>", false, values));
    }

    @Test
    void escapesExactlyTheHandlebarsEntitySet() throws Exception {
        assertEquals("&amp;&lt;&gt;&quot;&#x27;&#x60;&#x3D;é✓🎉", render("{{v}}", true, values("v", "&<>\"'`=é✓🎉")));
    }

    @Test
    void tripleBracesAreNeverEscaped() throws Exception {
        assertEquals("<p><b>Tom & Jerry</b></p>", render("<p>{{{name}}}</p>", true, values("name", "<b>Tom & Jerry</b>")));
        assertEquals("<i>x</i>", render("{{{ name | default \"<i>x</i>\" }}}", true, Map.of()));
    }

    @Test
    void defaultTextIsEscapedInHtmlToo() throws Exception {
        assertEquals("Hi Tom &amp; Jerry", render("Hi {{n | default \"Tom & Jerry\"}}", true, Map.of()));
    }

    @Test
    void valuesAreNeverEvaluatedAgain() throws Exception {
        MessageTemplate template = MessageTemplate.compile("<p>Hello {{first_name}}, {{city}}</p>", true);
        assertEquals("<p>Hello {{first_name}}, {{{city}}} {{#each x}}</p>",
                template.render(values("first_name", "{{first_name}}", "city", "{{{city}}} {{#each x}}")));
        assertEquals("<p>Hello &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;, x</p>",
                template.render(values("first_name", "</p><script>alert(1)</script>", "city", "x")));
        assertEquals("Hello {{first_name}}", render("Hello {{first_name}}", false, values("first_name", "{{first_name}}")));
    }

    @Test
    void formatsNumbersDatesAndBooleans() throws Exception {
        String source = "{{l}}|{{i}}|{{d}}|{{big}}|{{f1}}|{{f2}}|{{f3}}|{{f4}}|{{fl}}|{{b}}|{{day}}|{{ts}}|{{odt}}|{{inst}}";
        Map<String, Object> values = values("l", 1234567890123L, "i", -7, "d", new BigDecimal("12.50"),
                "big", new BigDecimal("1E+3"), "f1", 3.0, "f2", 2.5, "f3", 1e20, "f4", 0.1, "fl", 0.1f, "b", true,
                "day", LocalDate.of(2026, 3, 1), "ts", LocalDateTime.of(2026, 3, 1, 9, 5, 59, 999),
                "odt", OffsetDateTime.of(2026, 3, 1, 9, 5, 0, 0, ZoneOffset.ofHours(1)),
                "inst", Instant.parse("2026-03-01T08:05:00Z"));
        assertEquals("1234567890123|-7|12.50|1000|3|2.5|100000000000000000000|0.1|0.1|true|2026-03-01"
                + "|2026-03-01 09:05|2026-03-01 09:05|2026-03-01 08:05", render(source, false, values));
        assertEquals("-0.5|0|false", render("{{a}}|{{b}}|{{c}}", false, values("a", -0.5, "b", -0.0, "c", false)));
    }

    @Test
    void rendersUnicode() throws Exception {
        assertEquals("Привет, 李雷 👋 — ça va ?",
                render("Привет, {{name | default \"李雷\"}} 👋 — {{q}}", true, values("q", "ça va ?")));
        assertEquals("こんにちは Zoë", render("こんにちは {{n}}", false, values("n", "Zoë")));
    }

    @Test
    void keepsStrayClosingBracesAndLoneBracesAsText() throws Exception {
        String css = "<style>@media (max-width:600px){.a{width:100%}}</style>{ {{n}} }";
        assertEquals("<style>@media (max-width:600px){.a{width:100%}}</style>{ x }", render(css, true, values("n", "x")));
    }

    @Test
    void printsBackslashesBeforeAPlaceholder() throws Exception {
        assertEquals("C:\\Users\\zoe and \\\\zoe \\",
                render("C:\\Users\\{{n}} and \\\\{{n}} \\", false, values("n", "zoe")));
        assertEquals("\\&lt;", render("\\{{n}}", true, values("n", "<")));
    }

    @Test
    void keepsBracesAndBackslashesNextToPlaceholders() throws Exception {
        assertEquals("A}}", render("{{{a}}}}}", true, values("a", "A")));
        assertEquals("{\\A }", render("{\\{{a}} }", true, values("a", "A")));
        assertEquals("{\\", render("{\\", true, Map.of()));
    }

    /** Random texts over the characters that matter: literal text must come out exactly as it went in. */
    @Test
    void literalTextSurvivesHandlebarsUnchanged() throws Exception {
        String[] tokens = {"{", "}", "{{", "}}", "{{{", "}}}", "\\", "a", "b.c", " ", "|", "default", "\"", "x", "\n",
            "\r", "<", "&", "#", "!", "^", "/", "~", ">", "else", "this", "..", "@", "=", "'"};
        java.util.Random random = new java.util.Random(42);
        int compiled = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder source = new StringBuilder();
            for (int n = random.nextInt(20); n > 0; n--) {
                source.append(tokens[random.nextInt(tokens.length)]);
            }
            String text = source.toString();
            TemplateParser.Rewritten rewritten;
            try {
                rewritten = TemplateParser.rewrite(text);
            } catch (TemplateException e) {
                continue;
            }
            StringBuilder expected = new StringBuilder();
            Map<String, Object> values = new HashMap<>();
            int at = 0;
            for (TemplateParser.Placeholder p : rewritten.placeholders()) {
                expected.append(text, at, p.offset()).append('V');
                at = p.offset() + p.length();
                values.put(p.path(), "V");
            }
            expected.append(text.substring(at));
            for (boolean html : new boolean[] {false, true}) {
                assertEquals(expected.toString(), MessageTemplate.compile(text, html).render(values), "template: " + text);
            }
            compiled++;
        }
        assertTrue(compiled > 1_000, "only " + compiled + " valid templates");
    }

    @Test
    void keepsLineBreaksAndSpacesAroundPlaceholders() throws Exception {
        assertEquals("  a  \n  b\n", render("  {{x}}  \n  {{y}}\n", false, values("x", "a", "y", "b")));
    }

    private static final String HINT = "; write {{name}}, {{name | default \"text\"}} or {{{name}}}";

    static Stream<Arguments> malformedTemplates() {
        return Stream.of(
                Arguments.of("Hello {{first_name", "'{{first_name' opens a placeholder that is never closed (line 1, column 7)"),
                Arguments.of("Hi {{#if vip}}gold{{/if}}", "'{{#if vip}}' is not a placeholder" + HINT + " (line 1, column 4)"),
                Arguments.of("{{!-- note --}}", "'{{!-- note --}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{> footer}}", "'{{> footer}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{}}", "'{{}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{name | default there}}", "'{{name | default there}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{name | upper}}", "'{{name | upper}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{first name}}", "'{{first name}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{store.}}", "'{{store.}}' is not a placeholder" + HINT + " (line 1, column 1)"),
                Arguments.of("{{{name}}", "'{{{name}}' opens with {{{ but closes with }}" + HINT + " (line 1, column 1)"),
                Arguments.of("x {{name}}}", "'{{name}}}' opens with {{ but closes with }}}" + HINT + " (line 1, column 3)"),
                Arguments.of("{{n | default \"open}}", "'{{n | default \"open}}' has a default text that is never closed (line 1, column 1)"));
    }

    @ParameterizedTest
    @MethodSource("malformedTemplates")
    void rejectsMalformedTemplates(String source, String message) {
        TemplateException e = assertThrows(TemplateException.class, () -> MessageTemplate.compile(source, true));
        assertEquals(message, e.getMessage());
    }

    @Test
    void reportsLineAndColumnOfTheProblem() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> MessageTemplate.compile("<p>Hi {{n}}</p>\n<p>  {{!comment}}</p>", true));
        assertEquals(2, e.line());
        assertEquals(6, e.column());
        assertEquals(21, e.offset());
    }

    @Test
    void refusesAGroupOfValues() throws Exception {
        MessageTemplate template = MessageTemplate.compile("{{store}}", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> template.render(values("store", Map.of("name", "x"))));
        assertEquals("{{store}} names a group of values, not a value; write {{store.field}}", e.getMessage());
    }

    @Test
    void listsItsPaths() throws Exception {
        MessageTemplate template = MessageTemplate.compile(
                "{{a}} {{b.c | default \"x\"}} {{{a}}} {{d}}", true);
        assertEquals(List.of("a", "b.c", "d"), template.paths());
        assertEquals(List.of("a", "d"), template.requiredPaths());
        assertTrue(template.html());
    }

    @Test
    void tellsHtmlFromText() {
        assertTrue(MessageTemplate.looksLikeHtml("Hello <b>you</b>"));
        assertTrue(MessageTemplate.looksLikeHtml("<p>x"));
        assertTrue(MessageTemplate.looksLikeHtml("a<br/>b"));
        assertTrue(MessageTemplate.looksLikeHtml("<a href=\"https://x.org\">x</a>"));
        assertTrue(MessageTemplate.looksLikeHtml("<!-- preheader -->"));
        assertFalse(MessageTemplate.looksLikeHtml("a <b and c"));
        assertFalse(MessageTemplate.looksLikeHtml("<3 you"));
        assertFalse(MessageTemplate.looksLikeHtml("3 < 5 and 6 > 2"));
        assertFalse(MessageTemplate.looksLikeHtml("Last day: 20% off at {{store_name}}"));
    }

    @Test
    void rendersConcurrentlyFromOneCompiledTemplate() throws Exception {
        MessageTemplate template = MessageTemplate.compile("<p>{{n}} / {{m | default \"-\"}}</p>", true);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String n = "t" + thread + "<" + i + ">";
                        String expected = "<p>t" + thread + "&lt;" + i + "&gt; / " + (i % 2 == 0 ? "-" : i) + "</p>";
                        Map<String, Object> values = i % 2 == 0 ? values("n", n) : values("n", n, "m", i);
                        if (!expected.equals(template.render(values))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
