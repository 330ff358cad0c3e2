package camp.lsp;

import camp.check.Checked;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.Severity;
import camp.source.SourceFile;
import camp.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * Quick fixes for the diagnostics of a document: every "did you mean" the checker suggests
 * ({@link Diagnostic#replacements()}: the text that replaces the diagnostic's span), a transition
 * into an activity that no start activity reaches (E0504) from the activity whose rows fit it
 * best, a flow block for a campaign that has none (E0506), and a transition to the campaign's
 * {@code end} activity for an output that goes nowhere (W0507, W0508).
 *
 * <p>A pure function of the text and its diagnostics; each action carries the diagnostic it fixes
 * and one edit of the document. It never throws: on a failure it offers nothing.
 */
public final class CodeActions {
    private static final int TITLE_TEXT = 40;

    private final SourceFile text;
    private final String uri;
    private final Checked checked;
    private final List<org.eclipse.lsp4j.Diagnostic> shown;
    private final List<CodeAction> out = new ArrayList<>();
    private CodeActionsFlowEdit flowEdit;
    /** The activities that no start activity reaches. */
    private final Set<String> unreachable = new HashSet<>();
    /** The activities a misspelt name in the flow means: fixing the name connects them. */
    private final Set<String> misspelt = new HashSet<>();

    private CodeActions(SourceFile text, String uri, Checked checked, List<org.eclipse.lsp4j.Diagnostic> shown) {
        this.text = text;
        this.uri = uri;
        this.checked = checked;
        this.shown = shown == null ? List.of() : shown;
    }

    /**
     * The quick fixes of the diagnostics whose range meets {@code requested} (every diagnostic when
     * it is null). Diagnostics of other files (imports, templates) are left out.
     */
    public static List<CodeAction> actions(SourceFile text, String uri, List<Diagnostic> diagnostics, Range requested) {
        return actions(text, uri, diagnostics, requested, null, List.of());
    }

    /**
     * As {@link #actions(SourceFile, String, List, Range)}, knowing more: {@code checked} (the last
     * check of the document, or null) gives the rows on every port, so that a new transition comes
     * from the activity whose rows have the names the target uses; {@code shown} are the protocol
     * diagnostics of the request's context, and an action carries the one it fixes (same code and
     * range) rather than a copy.
     */
    public static List<CodeAction> actions(SourceFile text, String uri, List<Diagnostic> diagnostics, Range requested,
            Checked checked, List<org.eclipse.lsp4j.Diagnostic> shown) {
        if (text == null || uri == null || diagnostics == null) {
            return List.of();
        }
        try {
            return compute(text, uri, diagnostics, requested, checked, shown);
        } catch (RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    /** As {@link #actions(SourceFile, String, List, Range, Checked, List)}, letting a failure out (for tests). */
    static List<CodeAction> compute(SourceFile text, String uri, List<Diagnostic> diagnostics, Range requested,
            Checked checked, List<org.eclipse.lsp4j.Diagnostic> shown) {
        CodeActions a = new CodeActions(text, uri, checked, shown);
        for (Diagnostic d : diagnostics) {
            if (d != null && d.code() == Code.UNREACHABLE && d.span() != null && isDocument(text, d.file())) {
                a.unreachable.add(unquote(d.span().text()));
            }
            if (d != null && d.code() == Code.UNKNOWN_ACTIVITY) {
                a.misspelt.addAll(d.replacements());
            }
        }
        for (Diagnostic d : diagnostics) {
            if (d != null && d.span() != null && isDocument(text, d.file()) && meets(a.range(d.span()), requested)) {
                a.fix(d);
            }
        }
        return List.copyOf(a.out);
    }

    /** The quick fixes of a check's own diagnostics, for the document it checked. */
    public static List<CodeAction> actions(SourceFile text, String uri, Checked checked, Range requested,
            List<org.eclipse.lsp4j.Diagnostic> shown) {
        return checked == null ? List.of() : actions(text, uri, checked.diagnostics(), requested, checked, shown);
    }

    private void fix(Diagnostic d) {
        boolean first = true;
        for (String replacement : d.replacements()) {
            String old = d.span().text();
            String title = "Change '" + shorten(old) + "' to '" + shorten(replacement) + "'";
            add(title, d, List.of(new TextEdit(range(d.span()), replacement)), first);
            first = false;
        }
        if (d.code() == Code.UNREACHABLE && !misspelt.contains(unquote(d.span().text()))) {
            String name = d.span().text();
            CodeActionsFlowEdit.Insertion edge = flowEdit().into(unquote(name), unreachable);
            if (edge != null) {
                add("Add '" + edge.label() + "' to the flow", d, List.of(edge.edit()), true);
            }
        } else if (d.code() == Code.MISSING_FLOW) {
            CodeActionsFlowEdit.Insertion block = flowEdit().newFlow();
            if (block != null) {
                add("Add a flow block: " + shorten(block.label()), d, List.of(block.edit()), true);
            }
        } else if (d.code() == Code.DEAD_END || d.code() == Code.UNUSED_PORT) {
            CodeActionsFlowEdit.Insertion end = flowEdit().toEnd(d.code() == Code.UNUSED_PORT ? outputOf(d) : d.span().text());
            if (end != null) {
                add("Add '" + end.label() + "' to the flow", d, List.of(end.edit()), false);
            }
        }
    }

    /** For an unused split port: 'split.port', read from the message's names. */
    private String outputOf(Diagnostic d) {
        // W0507: "output 'PORT' of split 'SPLIT' goes nowhere", at the segment's name
        String m = d.message();
        int first = m.indexOf("' of split '");
        if (first < 0) {
            return null;
        }
        String split = m.substring(first + "' of split '".length(), m.lastIndexOf('\''));
        return split + "." + d.span().text();
    }

    private CodeActionsFlowEdit flowEdit() {
        if (flowEdit == null) {
            flowEdit = new CodeActionsFlowEdit(text, checked);
        }
        return flowEdit;
    }

    private void add(String title, Diagnostic d, List<TextEdit> edits, boolean preferred) {
        CodeAction action = new CodeAction(title);
        action.setKind(CodeActionKind.QuickFix);
        action.setDiagnostics(List.of(protocol(d)));
        action.setEdit(new WorkspaceEdit(Map.of(uri, edits)));
        if (preferred) {
            action.setIsPreferred(true);
        }
        out.add(action);
    }

    /** The diagnostic as the editor has it: the one shown with the same code and range, else a copy of camp check's. */
    private org.eclipse.lsp4j.Diagnostic protocol(Diagnostic d) {
        Range r = range(d.span());
        for (org.eclipse.lsp4j.Diagnostic s : shown) {
            if (s != null && r.equals(s.getRange()) && s.getCode() != null && s.getCode().isLeft()
                    && d.code().id().equals(s.getCode().getLeft())) {
                return s;
            }
        }
        org.eclipse.lsp4j.Diagnostic p = new org.eclipse.lsp4j.Diagnostic(r, d.message());
        p.setSeverity(d.severity() == Severity.ERROR ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning);
        p.setCode(Either.forLeft(d.code().id()));
        p.setSource("camp");
        return p;
    }

    private static boolean isDocument(SourceFile text, SourceFile file) {
        return file == text || (file != null && file.text().equals(text.text()));
    }

    private static boolean meets(Range a, Range b) {
        return b == null || (compare(a.getStart(), b.getEnd()) <= 0 && compare(b.getStart(), a.getEnd()) <= 0);
    }

    private static int compare(Position a, Position b) {
        return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine()) : Integer.compare(a.getCharacter(), b.getCharacter());
    }

    private static String unquote(String name) {
        return name.startsWith("`") && name.endsWith("`") && name.length() >= 2 ? name.substring(1, name.length() - 1) : name;
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > TITLE_TEXT ? one.substring(0, TITLE_TEXT - 3) + "..." : one;
    }

    private Range range(Span span) {
        return CodeActionsFlowEdit.range(text, span.start(), span.end());
    }
}
