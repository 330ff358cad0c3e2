package camp.cli;

import camp.cli.DiffReport.ActivityDiff;
import camp.cli.DiffReport.ChannelTotal;
import camp.cli.DiffReport.Count;
import camp.cli.DiffReport.PortDiff;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link DiffReport}: as text for a terminal, as Markdown for a pull-request comment, or
 * as one JSON object for tools. Text and Markdown start with the summary line; counts have
 * thousands separators, differences a sign and the change in percent of the old count.
 */
final class DiffPrinter {
    private DiffPrinter() {
    }

    // ------------------------------------------------------------ text

    static void text(DiffReport r, PrintWriter out) {
        out.println(r.summary("->"));
        out.println("dry runs of " + r.before().file() + " (old) and " + r.after().file() + " (new) at " + when(r));
        notes(r).forEach(out::println);
        out.println();
        TextTable table = new TextTable("activity", "change", "kind", "port", "before", "after", "difference").alignRight(4, 5, 6);
        for (ActivityDiff a : r.activities()) {
            if (a.ports().isEmpty()) {
                table.add(a.name(), change(a), a.kind(), "", "", "", "");
            }
            boolean first = true;
            for (PortDiff p : a.ports()) {
                table.add(first ? a.name() : "", first ? change(a) : "", first ? a.kind() : "", p.port(), DiffReport.number(p.before()),
                        DiffReport.number(p.after()), DiffReport.difference(p.before(), p.after()));
                first = false;
            }
        }
        table.print(out);
        if (!r.messages().isEmpty()) {
            out.println();
            TextTable messages = new TextTable("messages", "before", "after", "difference").alignRight(1, 2, 3);
            for (ChannelTotal t : r.messages()) {
                messages.add(t.channel() + (t.complete() ? "" : " (not every task ran)"), DiffReport.number(t.before()),
                        DiffReport.number(t.after()), t.complete() ? DiffReport.difference(Count.of(t.before()), Count.of(t.after())) : "");
            }
            messages.print(out);
        }
    }

    private static String change(ActivityDiff a) {
        if (a.aspects().isEmpty()) {
            return a.change().name();
        }
        return a.change().name() + " (" + a.aspects().stream().map(Enum::name).collect(Collectors.joining(", ")) + ")";
    }

    /** The logical time in the new version's zone: "2026-03-10 09:00 Europe/Paris". */
    private static String when(DiffReport r) {
        LocalDateTime local = r.at().atZone(ZoneId.of(r.timezone())).toLocalDateTime();
        String pattern = local.getSecond() == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss";
        return DateTimeFormatter.ofPattern(pattern).format(local) + " " + r.timezone();
    }

    /** A line for each version whose run did not complete. */
    private static List<String> notes(DiffReport r) {
        List<String> notes = new ArrayList<>();
        for (DiffReport.Side side : List.of(r.before(), r.after())) {
            String what = switch (side.status()) {
                case "completed" -> null;
                case "waiting" -> "is waiting: a wait holds the activities after it (--through-waits runs past waits)";
                case "failed" -> "failed: " + side.error();
                default -> "ended " + side.status() + (side.error() == null ? "" : ": " + side.error());
            };
            if (what != null) {
                notes.add("the dry run of " + side.file() + " " + what);
            }
        }
        return notes;
    }

    // ------------------------------------------------------------ markdown

    static void markdown(DiffReport r, PrintWriter out) {
        out.println("**`" + cell(r.after().file()) + "`**: " + r.summary("&rarr;"));
        out.println();
        out.println("Dry runs of the old and the new version at " + when(r) + ", over the same data (`camp diff`).");
        notes(r).forEach(n -> out.println("> " + cell(n)));
        List<ActivityDiff> shown = new ArrayList<>();
        List<ActivityDiff> quiet = new ArrayList<>();
        for (ActivityDiff a : r.activities()) {
            (a.change() == DiffReport.Change.unchanged && !a.countsDiffer() ? quiet : shown).add(a);
        }
        if (!shown.isEmpty()) {
            out.println();
            activityTable(shown, true, out);
        }
        if (!r.messages().isEmpty()) {
            out.println();
            out.println("| messages | before | after | difference |");
            out.println("|:--|--:|--:|--:|");
            for (ChannelTotal t : r.messages()) {
                out.println("| " + t.channel() + (t.complete() ? "" : " (not every task ran)") + " | " + DiffReport.number(t.before())
                        + " | " + DiffReport.number(t.after()) + " | "
                        + (t.complete() ? DiffReport.difference(Count.of(t.before()), Count.of(t.after())) : "") + " |");
            }
        }
        if (!quiet.isEmpty()) {
            out.println();
            out.println("<details><summary>" + quiet.size() + (quiet.size() == 1 ? " activity" : " activities")
                    + " unchanged, with the same counts</summary>");
            out.println();
            activityTable(quiet, false, out);
            out.println();
            out.println("</details>");
        }
    }

    private static void activityTable(List<ActivityDiff> activities, boolean withChange, PrintWriter out) {
        out.println(withChange ? "| activity | change | port | before | after | difference |" : "| activity | kind | port | rows |");
        out.println(withChange ? "|:--|:--|:--|--:|--:|--:|" : "|:--|:--|:--|--:|");
        for (ActivityDiff a : activities) {
            if (a.ports().isEmpty()) {
                out.println(withChange ? "| `" + a.name() + "` | " + change(a) + " | | | | |" : "| `" + a.name() + "` | " + a.kind() + " | | |");
            }
            boolean first = true;
            for (PortDiff p : a.ports()) {
                String name = first ? "`" + a.name() + "`" : "";
                if (withChange) {
                    out.println("| " + name + " | " + (first ? change(a) : "") + " | " + p.port() + " | " + DiffReport.number(p.before())
                            + " | " + DiffReport.number(p.after()) + " | " + DiffReport.difference(p.before(), p.after()) + " |");
                } else {
                    out.println("| " + name + " | " + (first ? a.kind() : "") + " | " + p.port() + " | " + DiffReport.number(p.after()) + " |");
                }
                first = false;
            }
        }
    }

    /** Text in a table cell or after a quote mark: pipes escaped, on one line. */
    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("`", "'").replace('\n', ' ').replace('\r', ' ');
    }

    // ------------------------------------------------------------ json

    static String json(DiffReport r) {
        try {
            return Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(jsonNode(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode jsonNode(DiffReport r) {
        ObjectNode root = Json.object();
        root.set("old", side(r.before()));
        root.set("new", side(r.after()));
        root.put("at", r.at().toString());
        root.put("timezone", r.timezone());
        root.put("summary", r.summary("\u2192"));
        ObjectNode changes = root.putObject("changes");
        for (DiffReport.Change c : DiffReport.Change.values()) {
            changes.put(c.name(), r.count(c));
        }
        ArrayNode activities = root.putArray("activities");
        for (ActivityDiff a : r.activities()) {
            ObjectNode o = activities.addObject();
            o.put("activity", a.name());
            o.put("change", a.change().name());
            ArrayNode aspects = o.putArray("aspects");
            a.aspects().forEach(x -> aspects.add(x.name()));
            o.set("old", version(a.before()));
            o.set("new", version(a.after()));
            ArrayNode ports = o.putArray("ports");
            for (PortDiff p : a.ports()) {
                ObjectNode port = ports.addObject();
                port.put("port", p.port());
                count(port, "before", p.before());
                count(port, "after", p.after());
                if (p.difference() == null) {
                    port.putNull("difference");
                } else {
                    port.put("difference", p.difference());
                }
                percent(port, p.before(), p.after());
            }
        }
        ArrayNode messages = root.putArray("messages");
        for (ChannelTotal t : r.messages()) {
            ObjectNode o = messages.addObject();
            o.put("channel", t.channel());
            o.put("before", t.before());
            o.put("after", t.after());
            // a channel some of whose tasks did not run (a wait holds them) has partial totals: no difference
            if (t.complete()) {
                o.put("difference", t.after() - t.before());
                percent(o, Count.of(t.before()), Count.of(t.after()));
            } else {
                o.putNull("difference");
                o.putNull("percent");
            }
            o.put("complete", t.complete());
        }
        return root;
    }

    private static ObjectNode side(DiffReport.Side s) {
        ObjectNode o = Json.object();
        o.put("file", s.file());
        o.put("campaign", s.campaign());
        o.put("status", s.status());
        if (s.error() != null) {
            o.put("error", s.error());
        }
        return o;
    }

    private static ObjectNode version(DiffReport.Version v) {
        if (v == null) {
            return null;
        }
        ObjectNode o = Json.object();
        o.put("kind", v.kind());
        o.put("status", v.status().label());
        return o;
    }

    private static void count(ObjectNode o, String field, Count c) {
        if (c.known()) {
            o.put(field, c.value());
        } else {
            o.putNull(field);
        }
    }

    private static void percent(ObjectNode o, Count before, Count after) {
        if (!before.known() || !after.known() || before.value() == 0) {
            o.putNull("percent");
            return;
        }
        double p = (after.value() - before.value()) * 100.0 / before.value();
        o.put("percent", Math.round(p * 10) / 10.0);
    }
}
