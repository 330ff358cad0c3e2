package camp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;

/** Quick fixes, applied to the text: the result must check clean (or at least without the problem fixed). */
class CodeActionsTest {
    private static final String URI = "file:///work/case.camp";

    private static final String CAMPAIGN = """
            campaign "Fixes"

            import "shop.camp"

            schedule daily at 09:00 timezone "Europe/Paris"

            activity all:    build members where points > 10
            activity facts:  enrich { spent = sum(orders.amount) }
            activity mail:   email { subject "Hi {{first_name}}" body "You spent {{spent}}" }

            flow {
              all -> facts -> mail
            }
            """;

    static SourceFile source(String text) {
        return new SourceFile("case.camp", CompletionsTest.DIR.resolve("case.camp"), text);
    }

    static Checked check(String text) {
        return Frontend.check(source(text));
    }

    /** The text with the edits of an action applied (they never overlap). */
    static String apply(String text, CodeAction action) {
        SourceFile source = source(text);
        List<TextEdit> edits = new ArrayList<>(action.getEdit().getChanges().get(URI));
        edits.sort(Comparator.comparing((TextEdit e) -> e.getRange().getStart().getLine())
                .thenComparing(e -> e.getRange().getStart().getCharacter()).reversed());
        StringBuilder out = new StringBuilder(text);
        for (TextEdit e : edits) {
            int start = text.offsetByCodePoints(0, source.offsetOfUtf16(e.getRange().getStart().getLine(), e.getRange().getStart().getCharacter()));
            int end = text.offsetByCodePoints(0, source.offsetOfUtf16(e.getRange().getEnd().getLine(), e.getRange().getEnd().getCharacter()));
            out.replace(start, end, e.getNewText());
        }
        return out.toString();
    }

    static List<CodeAction> actions(String text) {
        Checked checked = check(text);
        return CodeActions.compute(source(text), URI, checked.diagnostics(), null, checked, List.of());
    }

    static CodeAction only(List<CodeAction> actions, String titlePart) {
        List<CodeAction> found = actions.stream().filter(a -> a.getTitle().contains(titlePart)).toList();
        assertEquals(1, found.size(), "one action '" + titlePart + "' in " + actions.stream().map(CodeAction::getTitle).toList());
        return found.get(0);
    }

    /** Applies the action named and asserts that the result checks without errors or warnings. */
    static String fixesClean(String broken, String titlePart) {
        Checked before = check(broken);
        assertTrue(before.errorCount() > 0, "the case is broken: " + before.diagnostics());
        CodeAction action = only(actions(broken), titlePart);
        assertEquals(CodeActionKind.QuickFix, action.getKind());
        assertEquals(1, action.getDiagnostics().size(), "the action names the diagnostic it fixes");
        String fixed = apply(broken, action);
        Checked after = check(fixed);
        assertEquals(List.of(), after.diagnostics(), "the fixed text checks clean:\n" + fixed);
        return fixed;
    }

    @Test
    void theCampaignIsClean() {
        assertEquals(List.of(), check(CAMPAIGN).diagnostics());
        assertEquals(List.of(), actions(CAMPAIGN));
    }

    @Test
    void aMisspeltAttribute() {
        String fixed = fixesClean(CAMPAIGN.replace("where points > 10", "where pionts > 10"), "Change 'pionts' to 'points'");
        assertEquals(CAMPAIGN, fixed);
    }

    @Test
    void aMisspeltActivityKind() {
        String fixed = fixesClean(CAMPAIGN.replace("build members", "biuld members"), "Change 'biuld' to 'build'");
        assertEquals(CAMPAIGN, fixed);
    }

    @Test
    void aMisspeltEntityOrAudience() {
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("build members", "build membres"), "to 'members'"));
    }

    @Test
    void misspeltNamesEverywhere() {
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("sum(orders.amount)", "summ(orders.amount)"), "to 'sum'"));
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("sum(orders.amount)", "sum(orders.amuont)"), "to 'amount'"));
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("facts -> mail", "facts -> mial"), "to 'mail'"));
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("{{spent}}", "{{spnet}}"), "to '{{spent}}'"));
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("\"Europe/Paris\"", "\"Europe/Pari\""), "to '\"Europe/Paris\"'"));
        assertEquals(CAMPAIGN, fixesClean(CAMPAIGN.replace("schedule daily", "schedul daily"), "to 'schedule'"));
    }

    @Test
    void aMissingFlowEdge() {
        String broken = CAMPAIGN.replace("activity mail:", "activity keep:   save audience \"facts\"\nactivity mail:");
        Checked checked = check(broken);
        assertTrue(checked.diagnostics().stream().anyMatch(d -> d.code() == Code.UNREACHABLE), checked.diagnostics().toString());
        String fixed = fixesClean(broken, "to the flow");
        assertTrue(fixed.contains("  all -> facts -> mail\n  facts -> keep\n}"), "a line at the end of the block, indented as its lines:\n" + fixed);
    }

    @Test
    void aMissingEdgeComesFromTheActivityWhoseRowsFit() {
        // 'reminder' uses the enriched column 'spent': it must come after 'facts', not after 'all'
        String broken = CAMPAIGN.replace("activity mail:", "activity reminder: sms { text \"{{spent}}\" }\nactivity mail:");
        String fixed = fixesClean(broken, "to the flow");
        assertTrue(fixed.contains("facts -> reminder"), fixed);
    }

    @Test
    void aMissingFlowBlock() {
        String broken = CAMPAIGN.substring(0, CAMPAIGN.indexOf("flow {"));
        String fixed = fixesClean(broken, "Add a flow block");
        assertTrue(fixed.endsWith("flow {\n  all -> facts -> mail\n}\n"), fixed);
    }

    @Test
    void aSingleLineFlowGetsTheEdgeInline() {
        String broken = """
                campaign "Inline"
                import "shop.camp"
                activity all: build customers
                activity keep: save audience "all"
                activity rest: save audience "rest"
                flow { all -> keep }
                """;
        String fixed = fixesClean(broken, "to the flow");
        assertTrue(fixed.contains("flow { all -> keep; keep -> rest }") || fixed.contains("flow { all -> keep; all -> rest }"), fixed);
    }

    @Test
    void anOutputThatGoesNowhereCanEnd() {
        String text = """
                campaign "Ends"
                import "shop.camp"
                activity all: build customers
                activity facts: enrich { n = count(orders) }
                activity done: end
                flow { all -> facts; all -> done }
                """;
        List<CodeAction> actions = actions(text);
        String fixed = apply(text, only(actions, "Add 'facts -> done' to the flow"));
        assertEquals(List.of(), check(fixed).diagnostics());
    }

    @Test
    void actionsCarryTheirDiagnosticAndTheDocument() {
        String broken = CAMPAIGN.replace("where points > 10", "where pionts > 10");
        Checked checked = check(broken);
        Diagnostic d = checked.diagnostics().get(0);
        assertEquals(List.of("points"), d.replacements());
        assertEquals("did you mean 'points'?", d.help(), "the help is the same as before");
        SourceFile source = source(broken);
        org.eclipse.lsp4j.Diagnostic shown = new org.eclipse.lsp4j.Diagnostic(
                CodeActionsFlowEdit.range(source, d.span().start(), d.span().end()), d.message());
        shown.setCode(d.code().id());
        List<CodeAction> actions = CodeActions.actions(source, URI, checked, null, List.of(shown));
        CodeAction action = only(actions, "pionts");
        assertSame(shown, action.getDiagnostics().get(0), "the editor's own diagnostic");
        assertTrue(action.getIsPreferred());
        assertEquals(List.of(URI), List.copyOf(action.getEdit().getChanges().keySet()));
        CodeAction plain = only(CodeActions.actions(source, URI, checked.diagnostics(), null), "pionts");
        assertEquals(d.code().id(), plain.getDiagnostics().get(0).getCode().getLeft());
        assertEquals(d.message(), plain.getDiagnostics().get(0).getMessage());
    }

    @Test
    void onlyTheRequestedRange() {
        String broken = CAMPAIGN.replace("where points > 10", "where pionts > 10").replace("{{spent}}", "{{spnet}}");
        Checked checked = check(broken);
        SourceFile source = source(broken);
        int line = (int) broken.lines().takeWhile(l -> !l.contains("pionts")).count();
        int column = broken.lines().toList().get(line).indexOf("pionts") + 2;
        Range caret = new Range(new Position(line, column), new Position(line, column));
        List<CodeAction> here = CodeActions.actions(source, URI, checked.diagnostics(), caret);
        assertEquals(1, here.size(), here.toString());
        assertTrue(here.get(0).getTitle().contains("pionts"));
        Range elsewhere = new Range(new Position(0, 0), new Position(0, 3));
        assertEquals(List.of(), CodeActions.actions(source, URI, checked.diagnostics(), elsewhere));
        assertEquals(2, CodeActions.actions(source, URI, checked.diagnostics(), null).size());
    }

    @Test
    void nothingThrows() {
        assertEquals(List.of(), CodeActions.actions(null, URI, List.of(), null));
        assertEquals(List.of(), CodeActions.actions(source(""), URI, List.of(), null));
        String broken = CAMPAIGN.replace("where points > 10", "where pionts > 10");
        Checked checked = check(broken);
        // the diagnostics of an older text: not of this document, so nothing is offered for them
        assertEquals(List.of(), CodeActions.actions(source("campaign \"x\""), URI, checked.diagnostics(), null));
    }

    /**
     * Every "did you mean" of the invalid cases has a structured replacement, and applying it makes
     * that diagnostic go away.
     */
    @Test
    void everySuggestionOfTheInvalidCasesIsAFix() throws IOException {
        int suggestions = 0;
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("src/test/resources/invalid"))) {
            files = s.filter(p -> p.toString().endsWith(".camp") && Files.isRegularFile(p)).sorted().toList();
        }
        for (Path file : files) {
            String text = Files.readString(file);
            SourceFile source = new SourceFile(file.toString(), file, text);
            Checked checked = Frontend.check(source);
            for (Diagnostic d : checked.diagnostics()) {
                if (d.help() == null || !d.help().startsWith("did you mean") || d.file() != source) {
                    continue;
                }
                suggestions++;
                assertFalse(d.replacements().isEmpty(), "no replacement for " + d.headline() + " (" + d.help() + ")");
                List<CodeAction> actions = CodeActions.compute(source, URI, List.of(d), null, checked, List.of());
                assertFalse(actions.isEmpty(), "no action for " + d.headline());
                SourceFile fixedSource = new SourceFile(file.toString(), file, applyTo(source, actions.get(0)));
                Checked after = Frontend.check(fixedSource);
                assertTrue(after.diagnostics().stream().noneMatch(x -> x.code() == d.code() && x.message().equals(d.message())),
                        "still there after '" + actions.get(0).getTitle() + "': " + d.headline());
            }
        }
        assertTrue(suggestions >= 20, "the invalid cases have suggestions: " + suggestions);
    }

    private static String applyTo(SourceFile source, CodeAction action) {
        String text = source.text();
        TextEdit e = action.getEdit().getChanges().get(URI).get(0);
        int start = text.offsetByCodePoints(0, source.offsetOfUtf16(e.getRange().getStart().getLine(), e.getRange().getStart().getCharacter()));
        int end = text.offsetByCodePoints(0, source.offsetOfUtf16(e.getRange().getEnd().getLine(), e.getRange().getEnd().getCharacter()));
        return text.substring(0, start) + e.getNewText() + text.substring(end);
    }
}
