package camp.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import camp.syntax.antlr.CampParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A labelled alternative of the grammar's {@code activity} rule is a kind of activity; the AST
 * builder must make its record. The generated parser cannot make the compiler say so (its
 * visitor has defaults), so this test does: a new {@code #xActivity} alternative fails here
 * until {@code AstBuilder} handles its context.
 */
class AstBuilderCoverageTest {
    @Test
    void everyActivityAlternativeOfTheGrammarIsBuilt() throws IOException {
        String builder = Files.readString(Path.of("src/main/java/camp/syntax/AstBuilder.java"), StandardCharsets.UTF_8);
        List<String> alternatives = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Class<?> c : CampParser.class.getDeclaredClasses()) {
            if (c.getSuperclass() == CampParser.ActivityContext.class) {
                alternatives.add(c.getSimpleName());
                if (!builder.contains("instanceof " + c.getSimpleName())) {
                    missing.add(c.getSimpleName());
                }
            }
        }
        assertTrue(alternatives.size() >= 17, "the activity alternatives were found: " + alternatives);
        assertEquals(List.of(), missing, "activity alternatives of grammar/Camp.g4 that AstBuilder does not build");
    }
}
