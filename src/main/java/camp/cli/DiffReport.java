package camp.cli;

import static java.util.Objects.requireNonNull;

import camp.ir.Step;
import camp.run.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a change to a campaign does, as {@code camp diff} shows it: both versions' dry runs at one
 * logical time over the same data, compared activity by activity (added, removed, changed,
 * unchanged), port by port (the rows before and after), and channel by channel (the messages
 * each would send).
 *
 * <p>Activities are in the new version's order, each removed one right after the activity that
 * preceded it in the old version. A count is known only for a task that settled (done or
 * skipped); a task that waits, failed or never started has none.
 *
 * @param at the logical time of both runs
 * @param timezone the new version's time zone, in which {@code at} is shown
 */
record DiffReport(Side before, Side after, Instant at, String timezone, List<ActivityDiff> activities, List<ChannelTotal> messages) {

    DiffReport {
        requireNonNull(before, "before is null");
        requireNonNull(after, "after is null");
        activities = List.copyOf(activities);
        messages = List.copyOf(messages);
    }

    /** One version: its file as given, and its dry run. */
    record Side(String file, String campaign, String status, String error) {
    }

    enum Change { added, removed, changed, unchanged }

    /** What of an activity differs: its kind, its SQL, its message texts, its pacing (throttle, waves). */
    enum Aspect { kind, sql, message, pacing }

    /** One version of an activity: its kind, its task's status, and the definition it is compared by. */
    record Version(String kind, TaskStatus status, Map<String, Long> outputs, Definition definition) {
        boolean settled() {
            return status.isSettled();
        }
    }

    /**
     * What an activity is, for comparison: its kind, its SQL as {@code camp sql} prints it (without
     * the header, whose line number moves with every edit above), and what a run uses beyond SQL.
     */
    record Definition(String kind, String sql, String message, String pacing, String channel) {
        List<Aspect> differences(Definition other) {
            List<Aspect> out = new ArrayList<>();
            if (!kind.equals(other.kind)) {
                out.add(Aspect.kind);
            }
            if (!sql.equals(other.sql)) {
                out.add(Aspect.sql);
            }
            if (!message.equals(other.message)) {
                out.add(Aspect.message);
            }
            if (!pacing.equals(other.pacing)) {
                out.add(Aspect.pacing);
            }
            return out;
        }
    }

    /** A count of one side: a number, or why there is none ("" when the activity or port does not exist there). */
    record Count(Long value, String missing) {
        static Count of(long value) {
            return new Count(value, null);
        }

        static final Count ABSENT = new Count(null, "");

        boolean known() {
            return value != null;
        }
    }

    record PortDiff(String port, Count before, Count after) {
        /** after - before, when both are known. */
        Long difference() {
            return before.known() && after.known() ? after.value() - before.value() : null;
        }
    }

    record ActivityDiff(String name, Change change, List<Aspect> aspects, Version before, Version after, List<PortDiff> ports) {
        ActivityDiff {
            aspects = List.copyOf(aspects);
            ports = List.copyOf(ports);
        }

        String kind() {
            if (before != null && after != null && !before.kind().equals(after.kind())) {
                return before.kind() + " -> " + after.kind();
            }
            return after != null ? after.kind() : before.kind();
        }

        /** The channel of a channel activity ("email", "sms", "push"), or null. */
        String channel() {
            return after != null ? after.definition().channel() : before.definition().channel();
        }

        /** Whether some count differs, or is known on one side only. */
        boolean countsDiffer() {
            for (PortDiff p : ports) {
                if (p.before().known() != p.after().known() || p.difference() != null && p.difference() != 0) {
                    return true;
                }
            }
            return false;
        }

        /** The messages it would send: its {@code sent} count; 0 where it does not exist. */
        Count sent(boolean afterSide) {
            Version v = afterSide ? after : before;
            if (v == null) {
                return Count.of(0);
            }
            return ports.stream().filter(p -> p.port().equals("sent")).findFirst()
                    .map(p -> afterSide ? p.after() : p.before()).orElse(Count.of(0));
        }
    }

    /**
     * The messages of one channel, over the activities of that channel that ran; {@code complete}
     * when all of them did in both versions (else the totals are partial and not compared).
     */
    record ChannelTotal(String channel, long before, long after, boolean complete) {
    }

    /** The activities of both versions, compared. */
    static List<ActivityDiff> compare(List<Step> oldSteps, Map<String, Version> olds, List<Step> newSteps, Map<String, Version> news) {
        List<String> order = order(oldSteps.stream().map(Step::name).toList(), newSteps.stream().map(Step::name).toList());
        List<ActivityDiff> out = new ArrayList<>();
        for (String name : order) {
            Version b = olds.get(name);
            Version a = news.get(name);
            List<Aspect> aspects = b != null && a != null ? b.definition().differences(a.definition()) : List.of();
            Change change = b == null ? Change.added : a == null ? Change.removed : aspects.isEmpty() ? Change.unchanged : Change.changed;
            Set<String> ports = new LinkedHashSet<>();
            if (a != null) {
                ports.addAll(a.outputs().keySet());
            }
            if (b != null) {
                ports.addAll(b.outputs().keySet());
            }
            List<PortDiff> diffs = new ArrayList<>();
            for (String port : ports) {
                diffs.add(new PortDiff(port, count(b, port), count(a, port)));
            }
            out.add(new ActivityDiff(name, change, aspects, b, a, diffs));
        }
        return out;
    }

    private static Count count(Version v, String port) {
        if (v == null || !v.outputs().containsKey(port)) {
            return Count.ABSENT;
        }
        return v.settled() ? Count.of(v.outputs().get(port)) : new Count(null, v.status().label());
    }

    /** The new order, each activity only in the old one placed right after its predecessor there. */
    static List<String> order(List<String> olds, List<String> news) {
        List<String> out = new ArrayList<>(news);
        String previous = null;
        for (String name : olds) {
            if (!out.contains(name)) {
                int at = previous == null ? 0 : out.indexOf(previous) + 1;
                out.add(at, name);
            }
            previous = name;
        }
        return out;
    }

    /** The messages each channel would send, in both versions. */
    static List<ChannelTotal> totals(List<ActivityDiff> activities) {
        Map<String, long[]> sums = new LinkedHashMap<>();
        Map<String, Boolean> complete = new LinkedHashMap<>();
        for (ActivityDiff a : activities) {
            String channel = a.channel();
            if (channel == null) {
                continue;
            }
            long[] sum = sums.computeIfAbsent(channel, c -> new long[2]);
            for (int side = 0; side < 2; side++) {
                Count c = a.sent(side == 1);
                if (c.known()) {
                    sum[side] += c.value();
                } else {
                    complete.put(channel, false);
                }
            }
        }
        List<ChannelTotal> out = new ArrayList<>();
        sums.forEach((channel, sum) -> out.add(new ChannelTotal(channel, sum[0], sum[1], complete.getOrDefault(channel, true))));
        return out;
    }

    long count(Change change) {
        return activities.stream().filter(a -> a.change() == change).count();
    }

    /**
     * The one-line summary: "3 activities changed, 1 added, 1 removed; email `welcome`: 1,204 → 1,389
     * (+185)", with the arrow of the output format. Every channel activity whose messages differ is named.
     */
    String summary(String arrow) {
        List<String> parts = new ArrayList<>();
        long changed = count(Change.changed);
        long added = count(Change.added);
        long removed = count(Change.removed);
        if (changed > 0) {
            parts.add(changed + (changed == 1 ? " activity changed" : " activities changed"));
        }
        if (added > 0) {
            parts.add(added + (parts.isEmpty() ? (added == 1 ? " activity added" : " activities added") : " added"));
        }
        if (removed > 0) {
            parts.add(removed + (parts.isEmpty() ? (removed == 1 ? " activity removed" : " activities removed") : " removed"));
        }
        StringBuilder b = new StringBuilder(parts.isEmpty() ? "no activity changed" : String.join(", ", parts));
        List<String> messages = new ArrayList<>();
        for (ActivityDiff a : activities) {
            if (a.channel() == null) {
                continue;
            }
            Count before = a.sent(false);
            Count after = a.sent(true);
            if (before.known() && after.known() && before.value().equals(after.value())) {
                continue;
            }
            messages.add(a.channel() + " `" + a.name() + "`: " + number(before) + " " + arrow + " " + number(after)
                    + (before.known() && after.known() ? " (" + signed(after.value() - before.value()) + ")" : ""));
        }
        if (!messages.isEmpty()) {
            b.append("; ").append(String.join("; ", messages));
        } else if (!this.messages.isEmpty()) {
            b.append("; the same messages");
        }
        return b.toString();
    }

    static String number(Count c) {
        return c.known() ? number(c.value()) : c.missing().isEmpty() ? "" : "(" + c.missing() + ")";
    }

    static String number(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    static String signed(long n) {
        return (n > 0 ? "+" : "") + number(n);
    }

    /** The change in percent of the before count, one decimal; null when there is no before count to relate to. */
    static String percent(long before, long after) {
        if (before == 0) {
            return null;
        }
        double p = (after - before) * 100.0 / before;
        return (p > 0 ? "+" : "") + String.format(Locale.ROOT, "%.1f", p) + "%";
    }

    /** "+185 (+15.4%)", "-5 (-2.1%)", "0", or "" when a side has no count. */
    static String difference(Count before, Count after) {
        if (!before.known() || !after.known()) {
            return "";
        }
        long d = after.value() - before.value();
        if (d == 0) {
            return "0";
        }
        String p = percent(before.value(), after.value());
        return signed(d) + (p == null ? "" : " (" + p + ")");
    }
}
