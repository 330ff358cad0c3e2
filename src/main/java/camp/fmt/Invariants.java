package camp.fmt;

import camp.ast.AstPrinter;
import camp.source.SourceFile;
import camp.syntax.Parsed;
import camp.syntax.Syntax;
import camp.syntax.antlr.CampLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * What formatting must never change, checked on every result before anyone sees it: the output
 * parses, its AST is the source's (positions aside), its tokens are the source's with the same
 * texts (strings byte for byte; only flow semicolons may go), and its comments are the source's,
 * in the same order. A failure is a bug in the formatter, reported as one, never a silently
 * changed campaign.
 */
final class Invariants {
    /** The position the AST printer writes after each node's type: {@code Activity.Build @21:22}. */
    private static final Pattern POSITION = Pattern.compile("(?m)^(\\s*(?:\\w+: )?[\\w.]+) @\\d+:\\d+");

    private Invariants() {
    }

    static void check(SourceFile source, Parsed before, String text) {
        SourceFile formatted = new SourceFile(source.name(), source.path(), text);
        Parsed after = Syntax.parse(formatted);
        if (after.hasErrors()) {
            fail(source, "the formatted text does not parse: " + after.diagnostics().get(0).headline());
        }
        if (!words(source, false).equals(words(formatted, false))) {
            fail(source, "its tokens would change");
        }
        if (!words(source, true).equals(words(formatted, true))) {
            fail(source, "its comments would change");
        }
        if (!withoutPositions(AstPrinter.print(before.file())).equals(withoutPositions(AstPrinter.print(after.file())))) {
            fail(source, "its syntax tree would change");
        }
    }

    /** The AST as {@code camp explain --stage ast} prints it, without the line:column of each node. */
    static String withoutPositions(String printedAst) {
        return POSITION.matcher(printedAst).replaceAll("$1");
    }

    /** The texts of the tokens (without flow semicolons) or of the comments, in order. */
    private static List<String> words(SourceFile file, boolean comments) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        List<String> words = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            int type = t.getType();
            boolean comment = type == CampLexer.LINE_COMMENT || type == CampLexer.BLOCK_COMMENT;
            if (comments ? comment : t.getChannel() == Token.DEFAULT_CHANNEL && type != CampLexer.SEMICOLON) {
                words.add(type + " " + t.getText());
            }
        }
        return words;
    }

    private static void fail(SourceFile source, String what) {
        throw new IllegalStateException("camp fmt would change the meaning of " + source.name() + ": " + what
                + " (a bug in camp fmt; the file is left as it is)");
    }
}
