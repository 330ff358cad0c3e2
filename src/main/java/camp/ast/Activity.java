package camp.ast;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.DurationValue;
import camp.types.Type;
import java.util.List;

/** What an activity does (§6). {@code span} covers the activity's definition after the colon. */
public sealed interface Activity {
    Span span();

    /** The kind keyword as written in scripts, such as "split" or "change dimension". */
    String kind();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitBuild(Build a);

        R visitLoad(Load a);

        R visitReconcile(Reconcile a);

        R visitCombine(Combine a);

        R visitDedup(Dedup a);

        R visitSplit(Split a);

        R visitEnrich(Enrich a);

        R visitChangeDimension(ChangeDimension a);

        R visitTest(Test a);

        R visitFork(Fork a);

        R visitJoin(Join a);

        R visitWait(Wait a);

        R visitChannel(Channel a);

        R visitSaveAudience(SaveAudience a);

        R visitAlert(Alert a);

        R visitEnd(End a);
    }

    /** An ordering term: nulls always come last, ascending or descending. */
    record OrderItem(Expr expr, boolean descending, Span span) {
        public OrderItem {
            requireNonNull(expr, "expr is null");
        }
    }

    /** Where a build reads from: a named entity or audience, or a saved audience of an entity. */
    sealed interface BuildSource {
        Span span();
    }

    record NamedSource(Name name) implements BuildSource {
        @Override
        public Span span() {
            return name.span();
        }
    }

    record SavedSource(String audience, Span audienceSpan, Name entity, Span span) implements BuildSource {
    }

    /** {@code incremental [on ATTR] [history N days]}; both parts optional. */
    record Incremental(Name on, DurationValue history, Span historySpan, Span span) {
    }

    record Build(BuildSource source, Expr where, Incremental incremental, boolean skipEmpty, Span span)
            implements Activity {
        public Build {
            requireNonNull(source, "source is null");
        }

        @Override
        public String kind() {
            return "build";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBuild(this);
        }
    }

    record Column(Name name, Type type, Span span) {
    }

    record Load(String path, Span pathSpan, List<Column> columns, Long rejectMax, Span span) implements Activity {
        public Load {
            columns = List.copyOf(columns);
        }

        @Override
        public String kind() {
            return "load";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLoad(this);
        }
    }

    /** {@code INCOMING = ATTR}: an incoming column equals an entity attribute. */
    record MatchRule(Name incoming, List<Name> attribute, Span span) {
        public MatchRule {
            attribute = List.copyOf(attribute);
        }
    }

    record Reconcile(Name entity, List<MatchRule> rules, boolean keepUnmatched, Span span) implements Activity {
        public Reconcile {
            rules = List.copyOf(rules);
        }

        @Override
        public String kind() {
            return "reconcile";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitReconcile(this);
        }
    }

    enum CombineMode { UNION, INTERSECTION, EXCLUSION }

    record Combine(CombineMode mode, Span span) implements Activity {
        @Override
        public String kind() {
            return "combine";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCombine(this);
        }
    }

    sealed interface DedupMethod {
        Span span();
    }

    record FirstBy(List<OrderItem> order, Span span) implements DedupMethod {
        public FirstBy {
            order = List.copyOf(order);
        }
    }

    record NonEmpty(List<Name> attribute, Span span) implements DedupMethod {
        public NonEmpty {
            attribute = List.copyOf(attribute);
        }
    }

    record Prefer(List<Name> attribute, List<Expr> values, Span span) implements DedupMethod {
        public Prefer {
            attribute = List.copyOf(attribute);
            values = List.copyOf(values);
        }
    }

    record RandomPick(Span span) implements DedupMethod {
    }

    /** {@code keep} is null when not written (default 1); method null means random. */
    record Dedup(List<Expr> keys, Long keep, Span keepSpan, DedupMethod method, Span span) implements Activity {
        public Dedup {
            keys = List.copyOf(keys);
        }

        @Override
        public String kind() {
            return "dedup";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDedup(this);
        }
    }

    record Limit(long amount, boolean percent, Span span) {
    }

    /**
     * One segment of a split; {@code condition} is null for {@code remainder}. Options are kept
     * with their spans so that the checker can point at a misplaced one.
     */
    record Segment(Name name, Expr condition, Limit limit, List<OrderItem> orderBy, Span orderSpan,
            Span randomSpan, Span skipEmptySpan, Span span) {
        public Segment {
            requireNonNull(name, "name is null");
            orderBy = List.copyOf(orderBy);
        }

        public boolean isRemainder() {
            return condition == null;
        }

        public boolean random() {
            return randomSpan != null;
        }

        public boolean skipEmpty() {
            return skipEmptySpan != null;
        }
    }

    record Split(boolean overlapping, List<Segment> segments, Span span) implements Activity {
        public Split {
            segments = List.copyOf(segments);
        }

        @Override
        public String kind() {
            return "split";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSplit(this);
        }
    }

    record EnrichColumn(Name name, Expr value, Span span) {
    }

    record Enrich(List<EnrichColumn> columns, Span span) implements Activity {
        public Enrich {
            columns = List.copyOf(columns);
        }

        @Override
        public String kind() {
            return "enrich";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEnrich(this);
        }
    }

    record ChangeDimension(Name link, Span span) implements Activity {
        @Override
        public String kind() {
            return "change dimension";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitChangeDimension(this);
        }
    }

    /** A branch of a test; {@code condition} is null for {@code otherwise}. */
    record TestBranch(Name name, Expr condition, Span span) {
    }

    record Test(List<TestBranch> branches, Span span) implements Activity {
        public Test {
            branches = List.copyOf(branches);
        }

        @Override
        public String kind() {
            return "test";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTest(this);
        }
    }

    record Fork(Span span) implements Activity {
        @Override
        public String kind() {
            return "fork";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFork(this);
        }
    }

    record Join(Name primary, Span span) implements Activity {
        @Override
        public String kind() {
            return "join";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitJoin(this);
        }
    }

    /** {@code wait DURATION} (duration set) or {@code wait until EXPR} (until set). */
    record Wait(DurationValue duration, Expr until, Span span) implements Activity {
        @Override
        public String kind() {
            return "wait";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitWait(this);
        }
    }

    enum ChannelKind { EMAIL, SMS, PUSH }

    enum CapPeriod { DAY, WEEK, MONTH }

    /** An option inside a channel block; the checker says which apply to which channel. */
    sealed interface ChannelOption {
        Span span();

        /** The option's keyword, as in "subject" or "body template". */
        String keyword();
    }

    record To(Expr address, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "to";
        }
    }

    record From(String sender, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "from";
        }
    }

    /** subject, body, text or title, inline or from a template file. */
    record Content(String field, String value, boolean template, Span valueSpan, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return template ? field + " template" : field;
        }
    }

    record Per(Name link, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "per";
        }
    }

    record Throttle(long perSecond, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "throttle";
        }
    }

    record Waves(long count, DurationValue every, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "waves";
        }
    }

    record Cap(long amount, CapPeriod period, Span span) implements ChannelOption {
        @Override
        public String keyword() {
            return "cap";
        }
    }

    record Channel(ChannelKind channel, List<ChannelOption> options, Span span) implements Activity {
        public Channel {
            requireNonNull(channel, "channel is null");
            options = List.copyOf(options);
        }

        @Override
        public String kind() {
            return channel.name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitChannel(this);
        }
    }

    record SaveAudience(String audience, Span audienceSpan, Span span) implements Activity {
        @Override
        public String kind() {
            return "save audience";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSaveAudience(this);
        }
    }

    record Alert(String title, String message, Span span) implements Activity {
        @Override
        public String kind() {
            return "alert";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAlert(this);
        }
    }

    record End(Span span) implements Activity {
        @Override
        public String kind() {
            return "end";
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEnd(this);
        }
    }
}
