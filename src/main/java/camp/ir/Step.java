package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.DurationValue;
import camp.types.Type;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of the plan: an activity with everything resolved (§6). Each kind is one record
 * holding its {@link Node} (name, position, inputs, output ports and the rows on each) and its
 * own typed parts: expressions as {@link Scalar}s, links as {@link Link}s, files read and
 * checked already. Consumers handle every kind through {@link Visitor}, so a new kind breaks
 * the build until the SQL writer, the interpreter and every other stage handle it.
 */
public sealed interface Step {
    Node node();

    <R> R accept(Visitor<R> visitor);

    default String name() {
        return node().name();
    }

    /** The kind as written in scripts, such as "split" or "change dimension". */
    default String kind() {
        return node().kind();
    }

    default Span span() {
        return node().span();
    }

    default int ordinal() {
        return node().ordinal();
    }

    default List<Edge> inputs() {
        return node().inputs();
    }

    default Map<String, Shape> outputs() {
        return node().outputs();
    }

    /** A start activity reads no worktable (build, load). */
    default boolean isStart() {
        return node().arity() == Arity.NONE;
    }

    /** How many inputs a kind takes (§7); the checker reports any other number. */
    enum Arity {
        NONE("no input"), ONE("exactly one input"), ONE_OR_MORE("one or more inputs"), TWO_OR_MORE("two or more inputs");

        private final String text;

        Arity(String text) {
            this.text = text;
        }

        /** For messages: "exactly one input". */
        public String text() {
            return text;
        }
    }

    /**
     * What every step has.
     *
     * @param ordinal the position in the plan's topological order
     * @param kind the kind as written in scripts
     * @param span the activity's name where it is declared
     * @param terminal whether its output may go nowhere without a warning (channels, save audience, end, alert, test)
     * @param inputs the transitions into the step, in the order the flow lists them
     * @param outputs the rows on each output port, the default port first
     */
    record Node(int ordinal, String name, String kind, Span span, Arity arity, boolean terminal, List<Edge> inputs,
            Map<String, Shape> outputs) {
        public Node {
            requireNonNull(name, "name is null");
            requireNonNull(kind, "kind is null");
            requireNonNull(arity, "arity is null");
            inputs = List.copyOf(inputs);
            outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        }
    }

    interface Visitor<R> {
        R visitBuild(Build s);

        R visitLoad(Load s);

        R visitReconcile(Reconcile s);

        R visitCombine(Combine s);

        R visitDedup(Dedup s);

        R visitSplit(Split s);

        R visitEnrich(Enrich s);

        R visitChangeDimension(ChangeDimension s);

        R visitTest(Test s);

        R visitFork(Fork s);

        R visitJoin(Join s);

        R visitWait(Wait s);

        R visitChannel(Channel s);

        R visitSaveAudience(SaveAudience s);

        R visitAlert(Alert s);

        R visitEnd(End s);
    }

    /** An ordering term: nulls always come last, ascending or descending. */
    record Order(Scalar value, boolean descending) {
        public Order {
            requireNonNull(value, "value is null");
        }
    }

    // ------------------------------------------------------------ build

    /** Where a build reads from. */
    sealed interface BuildSource {
        /** The entity of the rows it reads. */
        String entity();
    }

    record FromEntity(String entity) implements BuildSource {
    }

    /** An audience: its conditions (and those of the audiences it refines) apply before the build's own. */
    record FromAudience(Audience audience) implements BuildSource {
        @Override
        public String entity() {
            return audience.entity();
        }
    }

    /** A saved audience of an entity, read from the database at run time. */
    record FromSaved(String audience, String entity) implements BuildSource {
    }

    /** {@code incremental [on ATTR] [history N days]}: {@code on} and {@code history} may be null. */
    record Incremental(String on, DurationValue history) {
    }

    /** {@code build SOURCE [where EXPR] [incremental ...] [skip empty]}; {@code where} may be null. */
    record Build(Node node, BuildSource source, Scalar where, Incremental incremental, boolean skipEmpty) implements Step {
        public Build {
            requireNonNull(source, "source is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitBuild(this);
        }
    }

    // ------------------------------------------------------------ load and reconcile

    record Column(String name, Type type) {
    }

    /**
     * {@code load csv "path" { COLUMN: TYPE ... } [reject max N]}.
     *
     * @param path the path as written, for messages
     * @param file the file it names, resolved against the script's folder
     */
    record Load(Node node, String path, Path file, List<Column> columns, long rejectMax) implements Step {
        public Load {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitLoad(this);
        }
    }

    /** {@code INCOMING = ATTR}: an incoming column equals an attribute of the entity (possibly through one links). */
    record Match(String incoming, Scalar attribute) {
    }

    record Reconcile(Node node, String entity, List<Match> matches, boolean keepUnmatched) implements Step {
        public Reconcile {
            matches = List.copyOf(matches);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitReconcile(this);
        }
    }

    // ------------------------------------------------------------ combine, dedup, split, enrich

    enum CombineMode { UNION, INTERSECTION, EXCLUSION }

    record Combine(Node node, CombineMode mode) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitCombine(this);
        }
    }

    /** How a dedup chooses the rows it keeps in a group. */
    sealed interface DedupMethod {
    }

    record FirstBy(List<Order> order) implements DedupMethod {
        public FirstBy {
            order = List.copyOf(order);
        }
    }

    /** {@code non empty ATTR}: rows whose value is null or blank come last. */
    record NonEmpty(Scalar value) implements DedupMethod {
    }

    /** {@code prefer ATTR in (v1, v2, ...)}: rows in the order of the listed values, then the others. */
    record Prefer(Scalar value, List<Scalar> choices) implements DedupMethod {
        public Prefer {
            choices = List.copyOf(choices);
        }
    }

    /** The default: a hash of the key and the run's seed. */
    record RandomPick() implements DedupMethod {
    }

    /** {@code dedup by KEYS [keep N] [METHOD]}: {@code keep} 0 keeps every row. */
    record Dedup(Node node, List<Scalar> keys, long keep, DedupMethod method) implements Step {
        public Dedup {
            keys = List.copyOf(keys);
            requireNonNull(method, "method is null");
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitDedup(this);
        }
    }

    record Limit(long amount, boolean percent) {
    }

    /**
     * One segment of a split, whose port has the segment's name. {@code condition} is null for
     * the remainder; {@code limit} may be null, and then {@code orderBy} is empty and {@code
     * random} false (they only choose which rows a limit keeps).
     */
    record Segment(String port, Scalar condition, Limit limit, List<Order> orderBy, boolean random, boolean skipEmpty) {
        public Segment {
            requireNonNull(port, "port is null");
            orderBy = List.copyOf(orderBy);
        }

        public boolean isRemainder() {
            return condition == null;
        }
    }

    record Split(Node node, boolean overlapping, List<Segment> segments) implements Step {
        public Split {
            segments = List.copyOf(segments);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSplit(this);
        }
    }

    /** An enriched column: its name and its value, computed from the enrich's input row. */
    record Derived(String name, Scalar value) {
    }

    record Enrich(Node node, List<Derived> columns) implements Step {
        public Enrich {
            columns = List.copyOf(columns);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEnrich(this);
        }
    }

    /** {@code change dimension to LINK}: the rows become the records the link reaches. */
    record ChangeDimension(Node node, Link link) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitChangeDimension(this);
        }
    }

    // ------------------------------------------------------------ flow control

    /** A branch of a test; {@code condition} is null for {@code otherwise}; it sees {@code count} and params. */
    record Branch(String port, Scalar condition) {
    }

    record Test(Node node, List<Branch> branches) implements Step {
        public Test {
            branches = List.copyOf(branches);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitTest(this);
        }
    }

    record Fork(Node node) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitFork(this);
        }
    }

    /** {@code join [primary INPUT]}: {@code primary} is the index of the input whose rows it carries. */
    record Join(Node node, int primary) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitJoin(this);
        }
    }

    /** {@code wait DURATION} (duration set) or {@code wait until EXPR} (until set, a constant). */
    record Wait(Node node, DurationValue duration, Scalar until) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitWait(this);
        }
    }

    // ------------------------------------------------------------ channels

    enum ChannelKind {
        EMAIL, SMS, PUSH;

        /** As written in scripts and recorded in the delivery history: "email", "sms", "push". */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum CapPeriod { DAY, WEEK, MONTH }

    /**
     * A text of a message: subject, body, text, title or from, as written or read from its
     * template file when the script was checked.
     *
     * @param html whether rendered values are HTML-escaped (an e-mail body from an .html
     *     template or with tags)
     */
    record Text(String field, String value, boolean html) {
        public Text {
            requireNonNull(field, "field is null");
            requireNonNull(value, "value is null");
        }
    }

    /**
     * A placeholder of the texts, resolved like any expression: an enriched column or an
     * attribute (through one links) of the row, of the recipient, or, with {@code per}, of the
     * related record ({@code perRecord}: then {@code value} is evaluated on that record).
     */
    record Placeholder(String path, boolean perRecord, Scalar value) {
        public Placeholder {
            requireNonNull(path, "path is null");
            requireNonNull(value, "value is null");
        }
    }

    record Cap(long amount, CapPeriod period) {
    }

    record Waves(long count, DurationValue every) {
    }

    /**
     * An email, sms or push activity: whom it addresses and what it says.
     *
     * @param address the address, evaluated on the row
     * @param recipient the entity that holds the address and the consent: the row's, or one reached through {@code recipientPath}
     * @param recipientPath the one links from the row's entity to the recipient's (empty when it is the row's)
     * @param consent the consent condition on the row, or null when the recipient declares none
     * @param per the many link of {@code per LINK}, or null
     * @param texts the texts in the order they are written
     * @param placeholders every distinct placeholder of the texts, in order of appearance
     * @param throttle messages per second, or null
     * @param waves or null
     * @param cap or null
     */
    record Channel(Node node, ChannelKind channel, Scalar address, String recipient, List<Link> recipientPath, Scalar consent,
            Link per, List<Text> texts, List<Placeholder> placeholders, Long throttle, Waves waves, Cap cap)
            implements Step {
        public Channel {
            requireNonNull(channel, "channel is null");
            requireNonNull(address, "address is null");
            requireNonNull(recipient, "recipient is null");
            recipientPath = List.copyOf(recipientPath);
            texts = List.copyOf(texts);
            placeholders = List.copyOf(placeholders);
        }

        /** The text of a field, or null when the activity has none. */
        public Text text(String field) {
            return texts.stream().filter(t -> t.field().equals(field)).findFirst().orElse(null);
        }

        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitChannel(this);
        }
    }

    // ------------------------------------------------------------ the rest

    record SaveAudience(Node node, String audience) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitSaveAudience(this);
        }
    }

    record Alert(Node node, String title, String message) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitAlert(this);
        }
    }

    record End(Node node) implements Step {
        @Override
        public <R> R accept(Visitor<R> v) {
            return v.visitEnd(this);
        }
    }
}
