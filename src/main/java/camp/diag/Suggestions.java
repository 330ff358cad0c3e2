package camp.diag;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?": the closest known name by edit distance, when it is close enough. */
public final class Suggestions {
    private Suggestions() {
    }

    public static Optional<String> closest(String unknown, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String target = unknown.toLowerCase(Locale.ROOT);
        for (String candidate : candidates) {
            int d = distance(target, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null || best.equals(unknown)) {
            return Optional.empty();
        }
        int allowed = Math.max(1, Math.min(3, unknown.length() / 3));
        boolean caseOnly = best.equalsIgnoreCase(unknown);
        return caseOnly || bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** The help line for an unknown name, or null when nothing is close. */
    public static String didYouMean(String unknown, Collection<String> candidates) {
        return closest(unknown, candidates).map(Suggestions::help).orElse(null);
    }

    /** The help line that suggests a name. */
    public static String help(String suggestion) {
        return "did you mean '" + suggestion + "'?";
    }

    /** Damerau-Levenshtein distance (adjacent transpositions count as one edit). */
    static int distance(String a, String b) {
        if (a.length() > 200 || b.length() > 200) {
            return Math.abs(a.length() - b.length()) + 100;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
