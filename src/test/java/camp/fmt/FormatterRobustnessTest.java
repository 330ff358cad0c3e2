package camp.fmt;

import camp.check.Cases;
import camp.syntax.antlr.CampLexer;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samples with their whitespace scrambled (seeded: every run sees the same texts): spaces,
 * tabs, line breaks and blank lines in every gap, some gaps opened where there was none. Whatever
 * the layout, formatting keeps the meaning and the comments, and is idempotent.
 */
class FormatterRobustnessTest {
    private static final String[] WHITESPACE = {" ", "  ", "\t", "\n", "\n\n", "\n    ", " \n  ", "\n\n\n        ", "\n "};
    private static final int SEEDS = 8;

    static Stream<Path> files() {
        return Stream.concat(Cases.campFiles(Cases.projectRoot().resolve("samples")).stream(),
                Cases.campFiles(Cases.resources("fmt")).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void scrambledWhitespaceFormatsWell(Path file) {
        String text = Cases.read(file);
        for (int seed = 0; seed < SEEDS; seed++) {
            String scrambled = scramble(text, new Random(seed));
            FmtAssertions.formatsWell(file.getFileName() + " (seed " + seed + ")", scrambled);
        }
    }

    /** The text with every gap between tokens replaced by random whitespace (a line comment keeps its line break). */
    static String scramble(String text, Random random) {
        StringBuilder out = new StringBuilder();
        Token previous = null;
        for (Token t : lex(text)) {
            boolean afterLineComment = previous != null && previous.getType() == CampLexer.LINE_COMMENT;
            if (t.getType() == CampLexer.WS) {
                String w = random.nextInt(3) == 0 ? t.getText() : WHITESPACE[random.nextInt(WHITESPACE.length)];
                out.append(afterLineComment && w.indexOf('\n') < 0 ? "\n" + w : w);
            } else {
                if (previous != null && previous.getType() != CampLexer.WS && random.nextInt(4) == 0) {
                    out.append(afterLineComment ? "\n" : WHITESPACE[random.nextInt(WHITESPACE.length)]);
                }
                out.append(t.getText());
            }
            previous = t;
        }
        return out.toString();
    }

    private static java.util.List<Token> lex(String text) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        java.util.List<Token> out = new java.util.ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(t);
        }
        return out;
    }
}
