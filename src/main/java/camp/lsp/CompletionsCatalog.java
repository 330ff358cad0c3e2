package camp.lsp;

import camp.ir.Builtin;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fixed words completions offer, each with what it inserts and what it says: statements and
 * activity kinds as snippets with their syntax, functions with their signatures (the checker's
 * own table, {@link Builtin}, plus the aggregates), days, months and time zones.
 */
final class CompletionsCatalog {
    private CompletionsCatalog() {
    }

    /** A word to offer: what it inserts (a snippet when it has {@code $} placeholders) and its detail. */
    record Entry(String label, String insert, String detail) {
        boolean snippet() {
            return insert.contains("$");
        }
    }

    static final Map<String, Entry> STATEMENTS = table(
            new Entry("campaign", "campaign \"${1:Name}\"", "campaign \"Name\": the campaign's display name"),
            new Entry("import", "import \"${1:library.camp}\"", "import \"path.camp\": entities, audiences and params of another file"),
            new Entry("param", "param ${1:name}: ${2:int} = ${3:0}", "param NAME: TYPE = DEFAULT"),
            new Entry("entity", "entity ${1:name} key ${2:id} from table \"${3:table}\" {\n\t${2:id}: int\n\t$0\n}",
                    "entity NAME key ATTR from SOURCE { ... }"),
            new Entry("audience", "audience ${1:name} = ${2:entity} where ${3:condition}", "audience NAME = ENTITY [where EXPR]"),
            new Entry("activity", "activity ${1:name}: $0", "activity NAME: KIND ..."),
            new Entry("flow", "flow {\n\t$0\n}", "flow { a -> b ... }: the transitions"),
            new Entry("schedule", "schedule daily at ${1:09:00}", "schedule ...: when runs start"),
            new Entry("test", "test audience = ${1:profiles} where ${2:condition}", "test audience = ENTITY where EXPR"));

    static final Map<String, Entry> ACTIVITY_KINDS = table(
            new Entry("build", "build ${1:entity}", "build ENTITY_OR_AUDIENCE [where EXPR] [incremental] [skip empty]"),
            new Entry("load", "load csv \"${1:file.csv}\" {\n\t${2:column}: ${3:text}\n}", "load csv \"file\" { COLUMN: TYPE ... }"),
            new Entry("reconcile", "reconcile to ${1:entity} on ${2:column} = ${3:attribute}",
                    "reconcile to ENTITY on INCOMING = ATTR [keep unmatched]"),
            new Entry("combine", "combine ${1|union,intersection,exclusion|}", "combine union | intersection | exclusion"),
            new Entry("dedup", "dedup by ${1:expression}", "dedup by EXPR [keep N] [first by ... | random]"),
            new Entry("split", "split {\n\t${1:segment}: ${2:condition}\n\t${3:others}: remainder\n}",
                    "split { NAME: EXPR [limit N] ... NAME: remainder }"),
            new Entry("enrich", "enrich {\n\t${1:column} = ${2:expression}\n}", "enrich { NAME = EXPR ... }"),
            new Entry("change", "change dimension to ${1:link}", "change dimension to LINK"),
            new Entry("test", "test {\n\t${1:branch}: ${2:count > 0}\n\t${3:other}: otherwise\n}", "test { NAME: CONDITION ... }"),
            new Entry("fork", "fork", "fork: the rows to every target at once"),
            new Entry("join", "join", "join [primary INPUT]: waits for every input"),
            new Entry("wait", "wait ${1:1} ${2|days,hours,minutes,weeks|}", "wait DURATION | wait until TIMESTAMP"),
            new Entry("email", "email {\n\tsubject \"${1:Subject}\"\n\tbody \"${2:Body}\"\n}", "email { subject \"...\" body \"...\" ... }"),
            new Entry("sms", "sms { text \"${1:Text}\" }", "sms { text \"...\" ... }"),
            new Entry("push", "push {\n\ttitle \"${1:Title}\"\n\tbody \"${2:Body}\"\n}", "push { title \"...\" body \"...\" ... }"),
            new Entry("save", "save audience \"${1:name}\"", "save audience \"name\""),
            new Entry("alert", "alert \"${1:title}\" \"${2:message}\"", "alert \"title\" \"message\""),
            new Entry("end", "end", "end: the branch ends here"));

    /** The aggregates over a many link and the functions without arguments, which {@link Builtin} leaves out. */
    static final Map<String, Entry> SPECIAL_FUNCTIONS = table(
            new Entry("count", "count(${1:link})", "count(many link [where condition]) -> int"),
            new Entry("sum", "sum(${1:link.attribute})", "sum(link.attribute [where condition]) -> number"),
            new Entry("avg", "avg(${1:link.attribute})", "avg(link.attribute [where condition]) -> number"),
            new Entry("min", "min(${1:link.attribute})", "min(link.attribute [where condition]) -> value"),
            new Entry("max", "max(${1:link.attribute})", "max(link.attribute [where condition]) -> value"),
            new Entry("exists", "exists(${1:link})", "exists(many link [where condition]) -> bool"),
            new Entry("now", "now()", "now() -> timestamp: the run's logical time"),
            new Entry("today", "today()", "today() -> date: the run's date in the campaign timezone"));

    static final List<String> AGGREGATES = List.of("count", "sum", "avg", "min", "max", "exists");
    static final List<String> WEEKDAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    static final List<String> CHANNELS = List.of("email", "sms", "push");

    /** The first word of each channel's options, as the checker accepts them (§6). */
    static final Map<String, List<String>> CHANNEL_OPTIONS = Map.of(
            "email", List.of("to", "from", "subject", "body", "per", "throttle", "waves", "cap"),
            "sms", List.of("to", "from", "text", "per", "throttle", "waves", "cap"),
            "push", List.of("to", "title", "body", "per", "throttle", "waves", "cap"));
    static final List<String> OPTION_WORDS = List.of("to", "from", "subject", "body", "text", "title", "per", "throttle",
            "waves", "cap");

    /** Keywords that are written with the next one: offered together. */
    static final Map<String, List<String>> PHRASES = Map.of(
            "starts", List.of("starts with"),
            "ends", List.of("ends with"),
            "skip", List.of("skip empty"),
            "is", List.of("is null", "is not null"),
            "non", List.of("non empty"),
            "order", List.of("order by"),
            "dimension", List.of("dimension to"));

    /** Every callable function with its signature: the checker's catalog first, then aggregates, now() and today(). */
    static List<Entry> functions() {
        List<Entry> out = new ArrayList<>();
        for (Builtin b : Builtin.values()) {
            out.add(new Entry(b.label(), b.label() + "($1)", b.signature() + ": " + b.summary()));
        }
        out.addAll(SPECIAL_FUNCTIONS.values());
        return out;
    }

    private static volatile List<Entry> zones;

    /** The IANA time zones java.time knows, each with its standard offset now. */
    static List<Entry> zones() {
        List<Entry> z = zones;
        if (z == null) {
            List<Entry> out = new ArrayList<>();
            Instant now = Instant.now();
            for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
                ZoneOffset offset = ZoneId.of(id).getRules().getStandardOffset(now);
                out.add(new Entry(id, id, "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId())));
            }
            z = List.copyOf(out);
            zones = z;
        }
        return z;
    }

    private static Map<String, Entry> table(Entry... entries) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : entries) {
            m.put(e.label(), e);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
