package camp.check;

import java.util.Locale;

/**
 * The structural check of a query source that needs no database: one statement (no {@code ;}
 * before its end, outside strings, quoted names and comments) that begins as a query does
 * ({@code SELECT}, {@code WITH}, {@code FROM}, {@code VALUES} or a parenthesis). DuckDB's parser
 * then says whether it is a SELECT ({@link QueryValidator}).
 */
final class QueryShape {
    private QueryShape() {
    }

    /** Why the text is not the shape of one query, or null. */
    static String problem(String sql) {
        String code = strip(sql);
        String trimmed = code.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        if (trimmed.isEmpty()) {
            return "it is empty";
        }
        if (trimmed.indexOf(';') >= 0) {
            return "it holds more than one statement (a ';' before its end)";
        }
        String first = trimmed.split("[\\s(]", 2)[0].toUpperCase(Locale.ROOT);
        if (!trimmed.startsWith("(") && !first.equals("SELECT") && !first.equals("WITH") && !first.equals("FROM")
                && !first.equals("VALUES")) {
            return "it begins with " + (first.isEmpty() ? "nothing" : first) + ", not SELECT";
        }
        return null;
    }

    /** The text with strings, quoted names and comments blanked out, so that their ';' do not count. */
    private static String strip(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = i + 1;
                while (end < sql.length()) {
                    if (sql.charAt(end) == c) {
                        if (end + 1 < sql.length() && sql.charAt(end + 1) == c) {
                            end += 2;
                            continue;
                        }
                        break;
                    }
                    end++;
                }
                out.append(' ');
                i = end + 1;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
                out.append(' ');
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
