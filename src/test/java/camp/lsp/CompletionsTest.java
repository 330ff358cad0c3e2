package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Checked;
import camp.check.Frontend;
import camp.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionItemKind;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;

/**
 * Completion in context. Each case is the campaign below with one place edited as it is while
 * being typed, the caret at {@code ‸}; the last check is that of the campaign before the edit,
 * as the server holds it while the user types.
 */
class CompletionsTest {
    static final Path DIR = Path.of("src/test/resources/valid");
    static final String CARET = "‸";

    static final String CAMPAIGN = """
            campaign "Completion"

            import "shop.camp"

            param min_spent: decimal = 100.0

            schedule daily at 09:00 timezone "Europe/Paris"

            activity all:    build members where country = "FR"
            activity facts:  enrich {
                               spent    = sum(orders.amount where status = "paid")
                               n_orders = count(orders)
                               city     = shop.city
                             }
            activity tiers:  split {
                               big:   spent >= min_spent
                               small: remainder
                             }
            activity mail:   email {
                               subject "Hello {{first_name}}"
                               body "You spent {{spent}}"
                             }
            activity rest:   save audience "rest"

            flow {
              all -> facts -> tiers
              tiers.big -> mail
              tiers.small -> rest
            }
            """;

    private static Checked lastChecked;

    /** The check of the campaign before the edit (the server's last analysis). */
    static synchronized Checked lastChecked() {
        if (lastChecked == null) {
            lastChecked = Frontend.check(source(CAMPAIGN));
            assertEquals(0, lastChecked.errorCount(), () -> lastChecked.diagnostics().toString());
        }
        return lastChecked;
    }

    static SourceFile source(String text) {
        return new SourceFile("case.camp", DIR.resolve("case.camp"), text);
    }

    /** The completions with {@code edited} replacing {@code original} in the campaign (the caret marked in it). */
    static List<CompletionItem> complete(String original, String edited) {
        assertTrue(CAMPAIGN.contains(original), original);
        return completeIn(CAMPAIGN.replace(original, edited));
    }

    static List<CompletionItem> completeIn(String textWithCaret) {
        int caretChar = textWithCaret.indexOf(CARET);
        assertTrue(caretChar >= 0, "no caret in the case");
        String text = textWithCaret.replace(CARET, "");
        SourceFile source = source(text);
        return Completions.compute(source, text.codePointCount(0, caretChar), lastChecked());
    }

    static Set<String> labels(List<CompletionItem> items) {
        return items.stream().map(CompletionItem::getLabel).collect(Collectors.toSet());
    }

    static CompletionItem item(List<CompletionItem> items, String label) {
        return items.stream().filter(i -> i.getLabel().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no item '" + label + "' in " + labels(items)));
    }

    static void offers(List<CompletionItem> items, String... expected) {
        Set<String> labels = labels(items);
        for (String e : expected) {
            assertTrue(labels.contains(e), "'" + e + "' is not offered; offered: " + labels);
        }
    }

    static void offersNone(List<CompletionItem> items, String... unexpected) {
        Set<String> labels = labels(items);
        for (String e : unexpected) {
            assertFalse(labels.contains(e), "'" + e + "' is offered here; offered: " + labels);
        }
    }

    // ------------------------------------------------------------ keywords

    @Test
    void statementKeywordsAtTheTopLevel() {
        List<CompletionItem> items = complete("activity rest:   save audience \"rest\"\n",
                "activity rest:   save audience \"rest\"\n" + CARET + "\n");
        offers(items, "activity", "entity", "audience", "param", "flow", "schedule", "import");
        offersNone(items, "split", "email", "points", "customers");
        assertEquals(CompletionItemKind.Keyword, item(items, "activity").getKind());
        assertTrue(item(items, "entity").getTextEdit().getLeft().getNewText().startsWith("entity ${1:name} key"),
                "a statement is a snippet");
    }

    @Test
    void snippetsBecomePlainTextForAnEditorWithoutThem() {
        String text = CAMPAIGN.replace("activity rest:   save audience \"rest\"", "activity rest: ");
        SourceFile source = source(text);
        int caret = text.codePointCount(0, text.indexOf("activity rest: ") + "activity rest: ".length());
        CompletionItem split = item(Completions.complete(source, caret, lastChecked(), false), "split");
        assertEquals(org.eclipse.lsp4j.InsertTextFormat.PlainText, split.getInsertTextFormat());
        assertEquals("split {\n\tsegment: condition\n\tothers: remainder\n}", split.getTextEdit().getLeft().getNewText());
        CompletionItem combine = item(Completions.complete(source, caret, lastChecked(), false), "combine");
        assertEquals("combine union", combine.getTextEdit().getLeft().getNewText());
    }

    @Test
    void aPartialKeywordIsReplaced() {
        List<CompletionItem> items = complete("activity rest:   save audience \"rest\"\n",
                "activity rest:   save audience \"rest\"\nacti" + CARET + "\n");
        CompletionItem activity = item(items, "activity");
        Range range = activity.getTextEdit().getLeft().getRange();
        assertEquals(range.getStart().getLine(), range.getEnd().getLine());
        assertEquals(4, range.getEnd().getCharacter() - range.getStart().getCharacter(), "the typed word 'acti' is replaced");
    }

    @Test
    void activityKindsAfterTheColon() {
        List<CompletionItem> items = complete("activity rest:   save audience \"rest\"", "activity rest: " + CARET);
        offers(items, "build", "load", "reconcile", "combine", "dedup", "split", "enrich", "change", "test", "fork", "join",
                "wait", "email", "sms", "push", "save", "alert", "end");
        offersNone(items, "customers", "where", "points", "activity");
        assertTrue(item(items, "split").getDetail().startsWith("activity kind"), item(items, "split").getDetail());
        assertTrue(item(items, "split").getTextEdit().getLeft().getNewText().contains("remainder"), "a split comes as a snippet");
    }

    @Test
    void typesAfterAParamColon() {
        List<CompletionItem> items = complete("param min_spent: decimal = 100.0", "param min_spent: " + CARET);
        offers(items, "int", "decimal", "float", "text", "bool", "date", "timestamp");
        offersNone(items, "build", "customers");
    }

    // ------------------------------------------------------------ names

    @Test
    void entitiesAndAudiencesAfterBuild() {
        List<CompletionItem> items = complete("build members where country = \"FR\"", "build " + CARET);
        offers(items, "customers", "orders", "shops", "members", "locals", "buyers", "saved");
        offersNone(items, "split", "enrich", "points", "lower");
        assertEquals(CompletionItemKind.Class, item(items, "customers").getKind());
        assertEquals(CompletionItemKind.Interface, item(items, "members").getKind());
        assertEquals("audience of customers", item(items, "members").getDetail());
    }

    @Test
    void attributesLinksParamsAndFunctionsInABuildWhere() {
        List<CompletionItem> items = complete("build members where country = \"FR\"", "build members where " + CARET);
        offers(items, "email", "points", "country", "orders", "shop", "min_points", "min_spent", "lower", "count", "not");
        offersNone(items, "split", "enrich", "build", "activity", "spent");
        assertEquals("int (attribute of customers)", item(items, "points").getDetail());
        assertEquals(CompletionItemKind.Reference, item(items, "orders").getKind());
        assertEquals(CompletionItemKind.Constant, item(items, "min_points").getKind());
        assertTrue(item(items, "min_points").getDetail().contains("int"), item(items, "min_points").getDetail());
    }

    @Test
    void functionsCarryTheirSignatures() {
        List<CompletionItem> items = complete("build members where country = \"FR\"", "build members where " + CARET);
        CompletionItem days = item(items, "days_between");
        assertEquals(CompletionItemKind.Function, days.getKind());
        assertTrue(days.getDetail().startsWith("days_between(a, b) -> int"), days.getDetail());
        assertTrue(item(items, "count").getDetail().contains("many link"), item(items, "count").getDetail());
        assertTrue(item(items, "lower").getTextEdit().getLeft().getNewText().startsWith("lower("));
    }

    @Test
    void enrichedColumnsOfTheRowsReachingAnActivity() {
        List<CompletionItem> items = complete("big:   spent >= min_spent", "big:   " + CARET);
        offers(items, "spent", "n_orders", "city", "points", "min_spent");
        assertEquals(CompletionItemKind.Field, item(items, "spent").getKind());
        assertTrue(item(items, "spent").getDetail().startsWith("decimal"), item(items, "spent").getDetail());
        offersNone(items, "split", "email {");
    }

    @Test
    void linkMembersAfterADot() {
        List<CompletionItem> items = complete("build members where country = \"FR\"", "build members where shop." + CARET);
        offers(items, "name", "city", "opened_on", "orders");
        offersNone(items, "email", "points", "lower", "and");
    }

    @Test
    void inAnAggregateWhereTheLinkedEntityComesFirst() {
        List<CompletionItem> items = complete("build members where country = \"FR\"",
                "build members where count(orders where " + CARET);
        offers(items, "amount", "status", "ordered_at", "customer", "points");
        List<String> order = items.stream().map(CompletionItem::getLabel).toList();
        assertTrue(order.indexOf("amount") < order.indexOf("points"), "the linked entity's names first: " + order);
    }

    @Test
    void aSumsWhereSeesTheLinkedEntity() {
        List<CompletionItem> items = complete("spent    = sum(orders.amount where status = \"paid\")",
                "spent    = sum(orders.amount where " + CARET + ")");
        offers(items, "status", "category", "points");
        List<String> order = items.stream().map(CompletionItem::getLabel).toList();
        assertTrue(order.indexOf("status") < order.indexOf("points"), "the linked entity's names first: " + order);
    }

    @Test
    void theFirstArgumentOfAnAggregateIsAManyLink() {
        List<CompletionItem> items = complete("build members where country = \"FR\"", "build members where count(" + CARET);
        offers(items, "orders");
        offersNone(items, "shop", "points", "lower");
        List<CompletionItem> sum = complete("build members where country = \"FR\"", "build members where sum(orders." + CARET);
        offers(sum, "amount", "status");
        offersNone(sum, "points");
    }

    @Test
    void portsAfterAnActivityInTheFlow() {
        List<CompletionItem> split = complete("  tiers.small -> rest\n", "  tiers.small -> rest\n  tiers." + CARET + "\n");
        offers(split, "big", "small");
        offersNone(split, "out", "points", "all");
        assertEquals(CompletionItemKind.EnumMember, item(split, "big").getKind());
        List<CompletionItem> mail = complete("  tiers.small -> rest\n", "  tiers.small -> rest\n  mail." + CARET + "\n");
        offers(mail, "sent", "failed", "excluded");
    }

    @Test
    void activitiesInTheFlow() {
        List<CompletionItem> items = complete("  tiers.small -> rest\n", "  tiers.small -> rest\n  mail -> " + CARET + "\n");
        offers(items, "all", "facts", "tiers", "mail", "rest");
        offersNone(items, "customers", "build", "points");
        assertEquals("activity: build", item(items, "all").getDetail());
    }

    @Test
    void aNewActivityIsOfferedBeforeTheNextCheck() {
        List<CompletionItem> flow = completeIn(CAMPAIGN.replace("activity rest:   save audience \"rest\"",
                "activity rest:   save audience \"rest\"\nactivity later: wait 1 day").replace("  tiers.small -> rest\n",
                        "  tiers.small -> rest -> " + CARET + "\n"));
        offers(flow, "later");
    }

    @Test
    void placeholdersInAChannelText() {
        List<CompletionItem> items = complete("subject \"Hello {{first_name}}\"", "subject \"Hello {{" + CARET + "\"");
        offers(items, "first_name", "spent", "city", "shop");
        offersNone(items, "lower", "and");
    }

    @Test
    void daysInASchedule() {
        List<CompletionItem> items = complete("schedule daily at 09:00 timezone \"Europe/Paris\"",
                "schedule daily at 09:00 on " + CARET);
        offers(items, "mon", "tue", "fri", "sun");
        offersNone(items, "customers", "lower");
    }

    // ------------------------------------------------------------ time zones

    @Test
    void timeZonesInsideATimezoneString() {
        List<CompletionItem> items = complete("timezone \"Europe/Paris\"", "timezone \"Europe/Pa" + CARET + "\"");
        offers(items, "Europe/Paris", "America/New_York", "UTC");
        offersNone(items, "activity", "customers");
        CompletionItem paris = item(items, "Europe/Paris");
        assertEquals(CompletionItemKind.Value, paris.getKind());
        Range range = paris.getTextEdit().getLeft().getRange();
        String line = CAMPAIGN.lines().filter(l -> l.startsWith("schedule")).findFirst().orElseThrow();
        int open = line.indexOf('"') + 1;
        assertEquals(open, range.getStart().getCharacter(), "the zone replaces the string's content");
        assertEquals(open + "Europe/Pa".length(), range.getEnd().getCharacter(), "up to its closing quote");
        List<CompletionItem> empty = complete("timezone \"Europe/Paris\"", "timezone \"" + CARET);
        offers(empty, "Asia/Tokyo");
    }

    // ------------------------------------------------------------ broken text

    @Test
    void aHalfTypedFileStillCompletes() {
        String broken = """
                campaign "Broken"
                import "shop.camp"
                activity a: build customers where points >= && (
                activity b: enrich { x = count(
                activity c: build customers where shop.""" + CARET;
        List<CompletionItem> items = completeIn(broken);
        offers(items, "name", "city");
        List<CompletionItem> junk = completeIn("}}} ))) -> -> activity activity : : where " + CARET + " }");
        assertNotNull(junk);
        List<CompletionItem> afterError = complete("build members where country = \"FR\"",
                "build members where country = = \"FR\" and " + CARET);
        offers(afterError, "points", "email");
    }

    @Test
    void nothingInCommentsAndNumbers() {
        assertEquals(List.of(), complete("activity rest:   save audience \"rest\"",
                "activity rest:   save audience \"rest\" // build " + CARET));
        assertEquals(List.of(), complete("activity rest:   save audience \"rest\"",
                "activity rest:   save audience \"rest\" /* build " + CARET));
        assertEquals(List.of(), complete("param min_spent: decimal = 100.0", "param min_spent: decimal = 100" + CARET));
    }

    @Test
    void anyOffsetAndAnyInputIsSafe() {
        SourceFile text = source(CAMPAIGN);
        assertNotNull(Completions.complete(text, -5, null));
        assertNotNull(Completions.complete(text, text.length() + 100, lastChecked()));
        assertEquals(List.of(), Completions.complete(null, 0, null));
        assertNotNull(Completions.complete(SourceFile.of("empty.camp", ""), 0, null));
        SourceFile deep = SourceFile.of("deep.camp", "activity a: build x where " + "(".repeat(3000));
        assertNotNull(Completions.complete(deep, deep.length(), null));
    }

    @Test
    void aLongFileCompletesInAFewMilliseconds() {
        String text = camp.bench.LargeScript.generate(2_000);
        SourceFile source = new SourceFile("large.camp", Path.of("samples/large.camp"), text);
        Checked checked = Frontend.check(source);
        int[] offsets = new int[60];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = (int) ((long) source.length() * (i + 1) / (offsets.length + 1));
        }
        for (int warm = 0; warm < 3; warm++) {
            for (int o : offsets) {
                Completions.compute(source, o, checked);
            }
        }
        long[] times = new long[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            long start = System.nanoTime();
            Completions.compute(source, offsets[i], checked);
            times[i] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        long median = times[times.length / 2];
        // generous for a loaded machine: the median is about a millisecond on an idle one
        assertTrue(median < 25_000_000L, "median completion time " + median / 1_000_000.0 + " ms");
    }

    // ------------------------------------------------------------ all three engines, everywhere

    /** Every sample and valid case, every 37th offset, whole and cut there (as while typing): nothing throws. */
    @Test
    void theEnginesNeverThrowOnSamplesAndValidCases() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(Path.of("samples"), DIR)) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".camp") && Files.isRegularFile(p)).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() > 20, "the cases were found: " + files);
        for (Path file : files) {
            String text = Files.readString(file);
            SourceFile source = new SourceFile(file.toString(), file, text);
            Checked checked = Frontend.check(source);
            SemanticTokensTest.assertWellFormed(source, SemanticTokens.compute(source, checked));
            CodeActions.compute(source, "file:///x.camp", checked.diagnostics(), null, checked, List.of());
            for (int offset = 0; offset <= source.length(); offset += 37) {
                String where = file + " at " + offset;
                try {
                    Completions.compute(source, offset, checked);
                    SourceFile cut = new SourceFile(file.toString(), file, source.slice(0, offset));
                    Completions.compute(cut, offset, checked);
                    SemanticTokensTest.assertWellFormed(cut, SemanticTokens.compute(cut, checked));
                    CodeActions.compute(cut, "file:///x.camp", checked.diagnostics(), null, checked, List.of());
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError(where + ": " + e, e);
                }
            }
        }
    }
}
