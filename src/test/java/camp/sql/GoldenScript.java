package camp.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script as {@code camp sql} prints it, cut into one section per activity (at the
 * {@code -- NAME: KIND (line N)} headers) and each section into its statements (at a {@code ;}
 * that ends a line outside quotes; comment lines between statements are left out), so that a
 * test can say which activity a statement came from. The statements before the first header are
 * the engine's helpers ({@link Dialect#setup}).
 */
record GoldenScript(List<String> setup, List<Section> sections) {
    private static final Pattern HEADER = Pattern.compile("^-- (\\S+): (.+) \\(line (\\d+)\\)$");

    GoldenScript {
        setup = List.copyOf(setup);
        sections = List.copyOf(sections);
    }

    /** The statements of one activity, without their final semicolons. */
    record Section(String activity, String kind, int line, List<String> statements) {
        Section {
            requireNonNull(activity, "activity is null");
            statements = List.copyOf(statements);
        }
    }

    static GoldenScript parse(String script) {
        List<String> setup = new ArrayList<>();
        List<Section> sections = new ArrayList<>();
        String activity = null;
        String kind = null;
        int line = 0;
        List<String> statements = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        char quote = 0;
        for (String text : script.split("\n", -1)) {
            Matcher header = HEADER.matcher(text);
            if (quote == 0 && statement.toString().isBlank() && header.matches()) {
                if (activity != null) {
                    sections.add(new Section(activity, kind, line, statements));
                }
                activity = header.group(1);
                kind = header.group(2);
                line = Integer.parseInt(header.group(3));
                statements = new ArrayList<>();
                statement.setLength(0);
                continue;
            }
            if (quote == 0 && statement.toString().isBlank() && text.startsWith("--")) {
                continue; // a comment line between statements
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quote == 0 && (c == '\'' || c == '"')) {
                    quote = c;
                } else if (c == quote) {
                    quote = 0; // a doubled quote closes and reopens: the same state in the end
                }
            }
            boolean ends = quote == 0 && text.endsWith(";");
            statement.append(ends ? text.substring(0, text.length() - 1) : text);
            if (ends) {
                (activity == null ? setup : statements).add(statement.toString().strip());
                statement.setLength(0);
            } else {
                statement.append('\n');
            }
        }
        if (!statement.toString().isBlank()) {
            throw new IllegalArgumentException("the script ends inside a statement (no final ';'): " + statement);
        }
        if (activity != null) {
            sections.add(new Section(activity, kind, line, statements));
        }
        return new GoldenScript(setup, sections);
    }
}
