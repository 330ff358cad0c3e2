package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Table names read back from the run state are parsed and quoted again before they reach SQL. */
class QualifiedNamesTest {
    @Test
    void identifiersAreQuotedWithDoubledQuotes() {
        assertEquals("\"run_x\".\"odd\"\"name__out\"", QualifiedNames.requote("\"run_x\".\"odd\"\"name__out\""));
        assertEquals("\"run_x\".\"tiers__out\"", QualifiedNames.requote("run_x.tiers__out"));
        assertEquals(List.of("a.b", "c"), QualifiedNames.split("\"a.b\".c"));
    }

    @Test
    void malformedNamesAreRefused() {
        for (String bad : List.of("", "\"open", "a..b", "\"a\"x", "a.")) {
            assertThrows(IllegalArgumentException.class, () -> QualifiedNames.split(bad), bad);
        }
    }
}
