package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import camp.diag.Diagnostic;
import camp.diag.Suggestions;
import camp.source.SourceFile;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** "Did you mean ...?": the closest known name by edit distance, when it is close enough. */
class SuggestionsTest {
    private static final List<String> ATTRIBUTES = List.of("id", "email", "points", "first_name", "country", "created_at");

    @Test
    void oneTypoIsCorrected() {
        assertEquals(Optional.of("points"), Suggestions.closest("pionts", ATTRIBUTES), "a transposition is one edit");
        assertEquals(Optional.of("points"), Suggestions.closest("point", ATTRIBUTES), "a deletion");
        assertEquals(Optional.of("points"), Suggestions.closest("pointss", ATTRIBUTES), "an insertion");
        assertEquals(Optional.of("country"), Suggestions.closest("countru", ATTRIBUTES), "a substitution");
        assertEquals(Optional.of("first_name"), Suggestions.closest("frist_nmae", ATTRIBUTES), "two transpositions in a long name");
    }

    @Test
    void aDifferenceOfCaseAloneIsAlwaysSuggested() {
        assertEquals(Optional.of("created_at"), Suggestions.closest("CREATED_AT", ATTRIBUTES));
        assertEquals(Optional.of("America/New_York"),
                Suggestions.closest("america/new_york", List.of("America/New_York", "America/Chicago")));
    }

    @Test
    void theAllowedDistanceGrowsWithTheLengthUpToThree() {
        // a third of the length, at least 1 and at most 3
        assertEquals(Optional.of("id"), Suggestions.closest("it", ATTRIBUTES));
        assertEquals(Optional.empty(), Suggestions.closest("xyz", ATTRIBUTES));
        assertEquals(Optional.empty(), Suggestions.closest("emial_adress", ATTRIBUTES), "too far from email");
        assertEquals(Optional.of("abcdefghijkl"), Suggestions.closest("abcxyzghijkl", List.of("abcdefghijkl")), "3 edits in 12");
        assertEquals(Optional.empty(), Suggestions.closest("abcxyzwhijkl", List.of("abcdefghijkl")), "4 edits in 12");
    }

    @Test
    void nothingToSuggest() {
        assertEquals(Optional.empty(), Suggestions.closest("points", ATTRIBUTES), "the name itself is not a suggestion");
        assertEquals(Optional.empty(), Suggestions.closest("anything", List.of()));
        assertEquals(Optional.empty(), Suggestions.closest("x".repeat(5_000), List.of("x".repeat(4_999))), "long names are not compared");
        assertNull(Suggestions.didYouMean("zzz", ATTRIBUTES));
    }

    @Test
    void tiesGoToTheFirstInAlphabeticalOrder() {
        assertEquals(Optional.of("bat"), Suggestions.closest("cat", List.of("hat", "bat", "rat")));
        assertEquals(Optional.of("bat"), Suggestions.closest("cat", List.of("rat", "bat", "hat")));
    }

    @Test
    void theHelpLine() {
        assertEquals("did you mean 'points'?", Suggestions.didYouMean("pionts", ATTRIBUTES));
        assertEquals("did you mean 'Europe/Paris'?", Suggestions.didYouMean("Europe/Pari", List.of("Europe/Paris", "Europe/Prague")));
    }

    @Test
    void unknownNamesEverywhereGetASuggestion() {
        String text = """
                campaign "Suggestions"
                param min_points: int = 1
                entity customers key id from table "customers" {
                  id: int
                  points: int
                  orders: many orders on customer_id
                }
                entity orders key order_id from table "orders" {
                  order_id: int
                  customer_id: int
                }
                audience members = customers where points > min_ponts
                activity all: build customers where in audience membres
                activity other: build membres
                activity lines: change dimension to ordres
                activity calc: enrich { n = lenght(lower("x")) }
                activity tiers: split { big: points > 1  rest: remainder }
                activity done: end
                schedule daily at 09:00 on mon..fir timezone "Europe/Lodnon"
                flow { all -> lines -> done; all -> calc -> tiers; tiers.bgi -> done; tiers.rest -> dnoe; other -> done }
                """;
        List<Diagnostic> diagnostics = Frontend.check(SourceFile.of("s.camp", text)).diagnostics();
        List<String> help = diagnostics.stream().filter(Diagnostic::isError).map(d -> d.message() + " -> " + d.help()).toList();
        assertEquals(List.of(
                "unknown name 'min_ponts' -> did you mean 'min_points'?",
                "unknown audience 'membres' -> did you mean 'members'?",
                "unknown entity or audience 'membres' -> did you mean 'members'?",
                "entity 'customers' has no link 'ordres' -> did you mean 'orders'?",
                "unknown function 'lenght' -> did you mean 'length'?",
                "unknown day 'fir'; days are mon, tue, wed, thu, fri, sat, sun -> did you mean 'fri'?",
                "unknown time zone 'Europe/Lodnon' -> did you mean 'Europe/London'?",
                "split 'tiers' has no output port 'bgi' (its ports: big, rest) -> did you mean 'big'?",
                "unknown activity 'dnoe' -> did you mean 'done'?"), help);
    }
}
