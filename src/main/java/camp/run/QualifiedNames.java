package camp.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Table names read back from the run state, such as {@code "run_x"."tiers__gold"}: each part,
 * quoted or bare, is parsed and quoted again, so that nothing read from the database reaches
 * SQL as it was stored.
 */
final class QualifiedNames {
    private QualifiedNames() {
    }

    /** The name quoted again; a malformed name is an {@link IllegalArgumentException}. */
    static String requote(String stored) {
        StringBuilder b = new StringBuilder();
        for (String part : split(stored)) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append('"').append(part.replace("\"", "\"\"")).append('"');
        }
        return b.toString();
    }

    static List<String> split(String stored) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        int n = stored.length();
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < n && stored.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw malformed(stored);
                    }
                    char ch = stored.charAt(i++);
                    if (ch == '"') {
                        if (i < n && stored.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(ch);
                    }
                }
            } else {
                while (i < n && stored.charAt(i) != '.') {
                    part.append(stored.charAt(i++));
                }
            }
            if (part.length() == 0) {
                throw malformed(stored);
            }
            parts.add(part.toString());
            if (i >= n) {
                return parts;
            }
            if (stored.charAt(i) != '.') {
                throw malformed(stored);
            }
            i++;
        }
    }

    private static IllegalArgumentException malformed(String stored) {
        return new IllegalArgumentException("malformed table name in the run state: " + stored);
    }
}
