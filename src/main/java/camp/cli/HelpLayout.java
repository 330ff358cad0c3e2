package camp.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How help reads. The commands' descriptions and footers are written as short source lines; here
 * the lines of one paragraph are joined so that picocli wraps each paragraph at the terminal's
 * width (or {@link #WIDTH} when output is not a terminal) instead of breaking the author's lines a
 * second time. Indented lines (examples, JSON shapes), list items and blank lines stay as written.
 * The list of commands shows each command's first sentence, whole.
 */
final class HelpLayout {
    /** Columns of help when the terminal's width is unknown (a pipe, a file, a test). */
    static final int WIDTH = 100;

    private HelpLayout() {
    }

    static void apply(CommandLine root) {
        root.setUsageHelpWidth(WIDTH);
        root.setUsageHelpAutoWidth(true);
        root.setHelpFactory(SpaceWrappingHelp::new);
        paragraphsEverywhere(root);
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
    }

    /** Help whose tables and paragraphs break lines at spaces only. */
    static final class SpaceWrappingHelp extends Help {
        SpaceWrappingHelp(CommandSpec spec, Help.ColorScheme scheme) {
            super(spec, scheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<picocli.CommandLine.Model.PositionalParamSpec> positionals,
                Help.ColorScheme scheme) {
            int longOptions = calcLongOptionColumnWidth(options, positionals, scheme);
            TextTable defaults = TextTable.forDefaultColumns(scheme, longOptions, commandSpec().usageMessage().width());
            SpaceWrappingTable table = new SpaceWrappingTable(scheme, defaults.columns());
            table.indentWrappedLines = defaults.indentWrappedLines;
            return new Layout(scheme, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
        }
    }

    /**
     * A text table that breaks a wrapped column's text at spaces only: picocli's own breaks after
     * any dot or comma too, which cut {@code camp.toml} into {@code camp.} and {@code toml}. A word
     * longer than the column is cut at its width.
     */
    static final class SpaceWrappingTable extends Help.TextTable {
        private final Help.ColorScheme scheme;

        SpaceWrappingTable(Help.ColorScheme scheme, Help.Column... columns) {
            super(scheme, columns);
            this.scheme = scheme;
        }

        @Override
        public Cell putValue(int row, int col, Help.Ansi.Text value) {
            Help.Column column = columns()[col];
            if (column.overflow != Help.Column.Overflow.WRAP || value == null) {
                return super.putValue(row, col, value);
            }
            Cell cell = null;
            int at = row;
            boolean first = true;
            for (Help.Ansi.Text line : value.splitLines()) {
                String plain = line.plainString();
                int start = 0;
                boolean wrapped = false;
                do {
                    int width = column.width - column.indent - (wrapped ? indentWrappedLines : 0);
                    int end = plain.length();
                    int next = end;
                    if (end - start > width) {
                        int space = plain.lastIndexOf(' ', start + width);
                        if (space > start) {
                            end = space;
                            next = space + 1;
                        } else {
                            end = start + Math.max(1, width);
                            next = end;
                        }
                    }
                    while (end > start && plain.charAt(end - 1) == ' ' && end < plain.length()) {
                        end--;
                    }
                    Help.Ansi.Text chunk = line.substring(start, end);
                    if (wrapped && indentWrappedLines > 0) {
                        chunk = scheme.ansi().new Text(" ".repeat(indentWrappedLines), scheme).concat(chunk);
                    }
                    if (!first) {
                        addEmptyRow();
                        at = rowCount() - 1;
                    }
                    cell = super.putValue(at, col, chunk);
                    at = cell.row;
                    first = false;
                    wrapped = true;
                    start = next;
                    while (start < plain.length() && plain.charAt(start) == ' ') {
                        start++;
                    }
                } while (start < plain.length());
            }
            return cell;
        }
    }

    private static void paragraphsEverywhere(CommandLine cli) {
        UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
        usage.description(paragraphs(usage.description()));
        usage.footer(paragraphs(usage.footer()));
        usage.header(paragraphs(usage.header()));
        CommandSpec spec = cli.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            String[] description = option.description();
            String[] joined = paragraphs(description);
            if (joined.length != description.length) {
                // an option's help is immutable: it is replaced by a copy with the joined paragraphs
                spec.remove(option);
                spec.addOption(option.toBuilder().description(joined).build());
            }
        }
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
                help -> lines(help, help.commandSpec().usageMessage().description()));
        cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> lines(help, help.commandSpec().usageMessage().footer()));
        for (CommandLine sub : cli.getSubcommands().values()) {
            paragraphsEverywhere(sub);
        }
    }

    /** A description or a footer: each line formatted as picocli formats it ({@code %n}, {@code %%}), wrapped at spaces. */
    private static String lines(Help help, String[] lines) {
        if (lines.length == 0) {
            return "";
        }
        Help.ColorScheme scheme = help.colorScheme();
        SpaceWrappingTable table = new SpaceWrappingTable(scheme,
                new Help.Column(help.commandSpec().usageMessage().width(), 0, Help.Column.Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String line : lines) {
            String text;
            try {
                text = String.format(line);
            } catch (java.util.IllegalFormatException e) {
                text = line;
            }
            table.addRowValues(scheme.ansi().new Text(text, scheme));
        }
        return table.toString();
    }

    /** The lines of each paragraph joined by a space; other lines as they are. */
    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int last = out.size() - 1;
            if (last >= 0 && continues(out.get(last), line)) {
                out.set(last, out.get(last) + " " + line.strip());
            } else {
                out.add(line);
            }
        }
        return out.toArray(String[]::new);
    }

    /** Whether {@code line} goes on the paragraph that {@code previous} ends. */
    private static boolean continues(String previous, String line) {
        return !previous.isBlank() && !line.isBlank()
                && !startsIndented(previous) && !startsIndented(line)
                && !previous.stripTrailing().endsWith(":")
                && !startsAnItem(line);
    }

    private static boolean startsIndented(String line) {
        return !line.isEmpty() && Character.isWhitespace(line.charAt(0));
    }

    /** A list item, a new section or a line that reads as its own ("Exit codes: ...", "Default: ..."). */
    private static boolean startsAnItem(String line) {
        return line.startsWith("- ") || line.startsWith("* ") || line.matches("^\\d+[.)] .*")
                || line.matches("^[A-Z][A-Za-z -]{0,30}: .*") || line.endsWith(":");
    }

    /**
     * What a command does, in the list of commands: its header when it has one, else its
     * description up to the first ". " or ": " (what a command does, before the details), without
     * a final period.
     */
    static String summary(UsageMessageSpec usage) {
        String[] lines = usage.header().length > 0 ? usage.header() : usage.description();
        if (lines.length == 0) {
            return "";
        }
        String text = paragraphs(lines)[0].replace("%n", " ").strip();
        int end = firstOf(text, ". ", ": ", "; ", " (");
        text = end < 0 ? text : text.substring(0, end);
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static int firstOf(String text, String... marks) {
        int first = -1;
        for (String mark : marks) {
            int at = text.indexOf(mark);
            if (at >= 0 && (first < 0 || at < first)) {
                first = at;
            }
        }
        return first;
    }

    /** Each command with its first sentence, wrapped beside the names. */
    private static String commandList(Help help) {
        Map<String, Help> commands = help.subcommands();
        if (commands.isEmpty()) {
            return "";
        }
        int names = commands.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        int width = help.commandSpec().usageMessage().width();
        Help.TextTable table = new SpaceWrappingTable(help.colorScheme(),
                new Help.Column(names + 2, 2, Help.Column.Overflow.SPAN),
                new Help.Column(Math.max(20, width - names - 2), 0, Help.Column.Overflow.WRAP));
        for (Map.Entry<String, Help> e : commands.entrySet()) {
            table.addRowValues(e.getKey(), summary(e.getValue().commandSpec().usageMessage()));
        }
        return table.toString();
    }
}
