package camp.check;

import camp.ast.Expr;
import camp.ast.Name;
import camp.ast.TestFile;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Entity;
import camp.ir.Param;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.ir.Step;
import camp.project.Project;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.SourceReader;
import camp.syntax.TestSyntax;
import camp.types.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a campaign test file ({@code .camptest}) against the campaign it names: the campaign
 * itself, every fixture's entity, columns, key and values, every param, and every expectation's
 * activity, port and columns. Every mistake is a diagnostic at its line and column, as in a
 * {@code .camp} file; nothing here reads a database (a CSV fixture's header is read, its
 * values are read by the run).
 */
public final class TestChecker {
    /** The extension of campaign test files. */
    public static final String EXTENSION = ".camptest";

    private final SourceFile source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private Plan plan;

    private TestChecker(SourceFile source) {
        this.source = source;
    }

    /** True for a path that names a campaign test file. */
    public static boolean isTestFile(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(EXTENSION);
    }

    /** Reads and checks a test file; an unreadable file is the caller's to report. */
    public static CheckedTests check(Path path, String displayName) throws IOException {
        SourceReader.Read read = SourceReader.read(displayName, path);
        TestChecker checker = new TestChecker(read.source());
        checker.diagnostics.addAll(read.diagnostics());
        return checker.check();
    }

    /** Checks the text of a test file (its path, when it has one, locates the campaign). */
    public static CheckedTests check(SourceFile source) {
        return new TestChecker(source).check();
    }

    private CheckedTests check() {
        try {
            return checkNow();
        } catch (RuntimeException | StackOverflowError e) {
            // a bug in camp: reported as one, never a crash of the command or the editor
            Diagnostic d = Diagnostic.inFile(source, Code.INTERNAL, String.valueOf(e)).withCause(e);
            return new CheckedTests(source, List.of(d), null, List.of());
        }
    }

    private CheckedTests checkNow() {
        TestSyntax.Result parsed = TestSyntax.parse(source);
        diagnostics.addAll(parsed.diagnostics());
        TestFile file = parsed.file();
        Checked campaign = campaign(file);
        List<CheckedTests.Case> tests = new ArrayList<>();
        if (plan != null && !file.truncated()) {
            Map<String, CheckedTests.Fixture> shared = fixtures(file.setup().fixtures(), Map.of());
            Map<String, CheckedTests.Saved> sharedSaved = saved(file.setup().saved(), Map.of());
            Map<String, String> sharedParams = params(file.setup().params(), Map.of());
            Set<String> names = new LinkedHashSet<>();
            if (!file.setup().expectations().isEmpty() || file.tests().isEmpty()) {
                String name = fileName();
                tests.add(testCase(name, Span.of(source, 0, 0), file.setup(), null, shared, sharedSaved, sharedParams));
            } else if (file.setup().at() != null) {
                time(file.setup().at()); // checked once here, used by every test
            }
            for (TestFile.Case c : file.tests()) {
                if (!names.add(c.name().value())) {
                    report(Diagnostic.at(c.name().span(), Code.DUPLICATE_NAME, "test", c.name().value()));
                }
                Map<String, CheckedTests.Fixture> fixtures = fixtures(c.setup().fixtures(), shared);
                Map<String, CheckedTests.Saved> saved = saved(c.setup().saved(), sharedSaved);
                Map<String, String> params = params(c.setup().params(), sharedParams);
                tests.add(testCase(c.name().value(), c.name().span(), c.setup(), file.setup().at(), fixtures, saved, params));
            }
        }
        diagnostics.sort(TestChecker::compare);
        boolean errors = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new CheckedTests(source, diagnostics, campaign, errors ? List.of() : tests);
    }

    private String fileName() {
        String name = source.name();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return name.substring(slash + 1);
    }

    // ------------------------------------------------------------ the campaign

    private Checked campaign(TestFile file) {
        if (file.campaign() == null) {
            if (!file.truncated()) {
                report(Diagnostic.at(Span.of(source, 0, 0), Code.TEST_NO_CAMPAIGN));
            }
            return null;
        }
        TestFile.Text written = file.campaign();
        Path base = source.path() == null ? Path.of("") : source.path().toAbsolutePath().getParent();
        Path target;
        try {
            target = (base == null ? Path.of(written.value()) : base.resolve(written.value())).normalize();
        } catch (InvalidPathException e) {
            report(Diagnostic.at(written.span(), Code.FILE_NOT_FOUND, written.value()));
            return null;
        }
        if (!Files.isRegularFile(target)) {
            Diagnostic d = Diagnostic.at(written.span(), Code.FILE_NOT_FOUND, written.value());
            String folder = written.value().contains("/") ? written.value().substring(0, written.value().lastIndexOf('/') + 1) : "";
            String close = camp.diag.Suggestions.closest(target.getFileName().toString(), campaignsBeside(target.getParent())).orElse(null);
            report(close == null ? d : d.withSuggestion(folder + close, "\"" + folder + close + "\""));
            return null;
        }
        Project project = project();
        if (project != null && !project.allows(target)) {
            report(Diagnostic.at(written.span(), Code.OUTSIDE_PROJECT, written.value(), project.root()));
            return null;
        }
        Checked checked;
        try {
            checked = Frontend.check(target, displayName(written.value()));
        } catch (IOException e) {
            report(Diagnostic.at(written.span(), Code.FILE_NOT_FOUND, written.value()));
            return null;
        }
        List<Diagnostic> errors = checked.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            diagnostics.addAll(errors);
            report(Diagnostic.at(written.span(), Code.TEST_CAMPAIGN_ERRORS, written.value(),
                    errors.size() == 1 ? "an error" : errors.size() + " errors"));
            return checked;
        }
        if (checked.plan() == null || !checked.plan().isCampaign()) {
            report(Diagnostic.at(written.span(), Code.NOT_RUNNABLE, written.value()));
            return checked;
        }
        plan = checked.plan();
        return checked;
    }

    private Project project() {
        if (source.path() == null) {
            return null;
        }
        try {
            return Project.of(source.path());
        } catch (Project.ConfigException e) {
            return null; // the campaign's own check reports a camp.toml that cannot be read
        }
    }

    private static List<String> campaignsBeside(Path folder) {
        List<String> names = new ArrayList<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.camp")) {
            files.forEach(f -> names.add(f.getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            // no suggestion then
        }
        Collections.sort(names);
        return names;
    }

    private String displayName(String relative) {
        String name = source.name();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? relative : name.substring(0, slash + 1) + relative;
    }

    // ------------------------------------------------------------ one test

    private CheckedTests.Case testCase(String name, Span nameSpan, TestFile.Setup setup, Expr.Literal sharedAt,
            Map<String, CheckedTests.Fixture> fixtures, Map<String, CheckedTests.Saved> saved, Map<String, String> params) {
        Expr.Literal written = setup.at() != null ? setup.at() : sharedAt;
        LocalDateTime at = null;
        if (written == null) {
            report(Diagnostic.at(nameSpan, Code.TEST_NO_TIME, name));
        } else {
            at = time(written);
        }
        List<CheckedTests.Expectation> expectations = new ArrayList<>();
        for (TestFile.Expectation e : setup.expectations()) {
            CheckedTests.Expectation checked = expectation(e);
            if (checked != null) {
                expectations.add(checked);
            }
        }
        if (setup.expectations().isEmpty()) {
            report(Diagnostic.at(nameSpan, Code.TEST_NOTHING_EXPECTED, name));
        }
        return new CheckedTests.Case(name, nameSpan, at, params, fixtures, saved, expectations);
    }

    private LocalDateTime time(Expr.Literal at) {
        return at.value() instanceof LocalDateTime t ? t : ((LocalDate) at.value()).atStartOfDay();
    }

    private Map<String, String> params(List<TestFile.ParamSetting> settings, Map<String, String> inherited) {
        Map<String, String> values = new LinkedHashMap<>(inherited);
        Set<String> here = new LinkedHashSet<>();
        for (TestFile.ParamSetting s : settings) {
            String name = s.name().value();
            Param param = plan.params().get(name);
            if (param == null) {
                report(Diagnostic.at(s.name().span(), Code.UNKNOWN_PARAM, name).withDidYouMean(name, plan.params().keySet()));
                continue;
            }
            if (!here.add(name)) {
                report(Diagnostic.at(s.name().span(), Code.DUPLICATE_NAME, "param", name));
                continue;
            }
            Object value = value(s.value(), param.type(), "param '" + name + "'");
            if (value != NO_VALUE) {
                values.put(name, s.value().value() == null ? "null" : text(value));
            }
        }
        return values;
    }

    /** A value as {@code --param} takes it. */
    private static String text(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof LocalDateTime t) {
            return t.toLocalDate() + " " + t.toLocalTime();
        }
        return String.valueOf(value);
    }

    // ------------------------------------------------------------ saved audiences

    /** The saved audiences the campaign reads ({@code build saved}, {@code in saved}), with the entity each must hold. */
    private Map<String, String> savedRead() {
        Map<String, String> read = new java.util.TreeMap<>();
        for (Step step : plan.steps()) {
            if (step instanceof Step.Build b && b.source() instanceof Step.FromSaved f) {
                read.put(f.audience(), f.entity());
            }
            for (camp.ir.Scalar scalar : camp.ir.Expressions.of(step)) {
                new camp.ir.ScalarWalker() {
                    @Override
                    public Void visitInSaved(camp.ir.Scalar.InSaved in) {
                        read.put(in.audience(), in.entity());
                        return null;
                    }
                }.walk(scalar);
            }
        }
        return read;
    }

    private Map<String, CheckedTests.Saved> saved(List<TestFile.SavedFixture> written, Map<String, CheckedTests.Saved> inherited) {
        Map<String, CheckedTests.Saved> saved = new LinkedHashMap<>(inherited);
        if (written.isEmpty()) {
            return saved;
        }
        Map<String, String> read = savedRead();
        Set<String> here = new LinkedHashSet<>();
        for (TestFile.SavedFixture f : written) {
            String name = f.name().value();
            String entityName = read.get(name);
            if (entityName == null) {
                Diagnostic d = Diagnostic.at(f.name().span(), Code.UNKNOWN_AUDIENCE, name);
                String close = camp.diag.Suggestions.closest(name, read.keySet()).orElse(null);
                report(close != null ? d.withSuggestion(close, "\"" + close + "\"")
                        : d.withHelp(read.isEmpty() ? "the campaign reads no saved audience"
                                : "the campaign reads the saved audiences " + String.join(", ", read.keySet())));
                continue;
            }
            if (!here.add(name)) {
                report(Diagnostic.at(f.name().span(), Code.DUPLICATE_NAME, "fixture of saved audience", name));
                continue;
            }
            Entity entity = plan.entities().get(entityName);
            if (entity == null) {
                continue;
            }
            if (f.columns().size() != 1 || !f.columns().get(0).value().equals(entity.key())) {
                Span at = f.columns().isEmpty() ? f.name().span() : f.columns().get(0).span().to(f.columns().get(f.columns().size() - 1).span());
                report(Diagnostic.at(at, Code.FIXTURE_NO_KEY, "saved audience \"" + name + "\"", entity.key())
                        .withHelp("a saved audience holds keys of " + entity.name() + ": its fixture has the one column " + entity.key()));
                continue;
            }
            List<List<Object>> rows = rows(f.rows(), List.of(entity.key()), List.of(entity.keyType()), "saved audience \"" + name + "\"");
            if (rows == null) {
                continue;
            }
            List<Object> keys = new ArrayList<>();
            Map<Object, Span> seen = new HashMap<>();
            for (int i = 0; i < rows.size(); i++) {
                Object key = rows.get(i).get(0);
                Span at = f.rows().get(i).values().get(0).span();
                if (key == null) {
                    report(Diagnostic.at(at, Code.FIXTURE_BAD_VALUE, "the key '" + entity.key() + "' of a record cannot be null"));
                } else if (seen.putIfAbsent(comparable(key), at) != null) {
                    report(Diagnostic.at(at, Code.FIXTURE_DUPLICATE_KEY, at.text(), "saved audience \"" + name + "\""));
                } else {
                    keys.add(key);
                }
            }
            saved.put(name, new CheckedTests.Saved(name, entity.name(), keys, f.span()));
        }
        return saved;
    }

    // ------------------------------------------------------------ fixtures

    private Map<String, CheckedTests.Fixture> fixtures(List<TestFile.Fixture> written, Map<String, CheckedTests.Fixture> inherited) {
        Map<String, CheckedTests.Fixture> fixtures = new LinkedHashMap<>(inherited);
        Set<String> here = new LinkedHashSet<>();
        for (TestFile.Fixture f : written) {
            String name = f.entity().value();
            Entity entity = plan.entities().get(name);
            if (entity == null || entity.isDeliveries()) {
                List<String> candidates = plan.entities().values().stream().filter(e -> !e.isDeliveries()).map(Entity::name).toList();
                Diagnostic d = Diagnostic.at(f.entity().span(), Code.UNKNOWN_ENTITY, name).withDidYouMean(name, candidates);
                if (entity != null) {
                    d = d.withHelp("the delivery history starts empty in a test: a test's campaign has sent nothing yet");
                }
                report(d);
                continue;
            }
            if (!here.add(name)) {
                report(Diagnostic.at(f.entity().span(), Code.DUPLICATE_NAME, "fixture", name));
                continue;
            }
            CheckedTests.Fixture checked = f instanceof TestFile.InlineFixture inline ? inline(entity, inline) : csv(entity, (TestFile.CsvFixture) f);
            if (checked != null) {
                fixtures.put(name, checked);
            }
        }
        return fixtures;
    }

    private CheckedTests.Fixture inline(Entity entity, TestFile.InlineFixture f) {
        List<String> columns = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        boolean ok = header(f.columns(), entity.attributes(), c -> Diagnostic.at(c.span(), Code.UNKNOWN_MEMBER, entity.name(), c.value())
                .withDidYouMean(c.value(), entity.attributes().keySet()), columns, types);
        if (!columns.isEmpty() && !columns.contains(entity.key())) {
            report(Diagnostic.at(f.columns().get(0).span().to(f.columns().get(f.columns().size() - 1).span()), Code.FIXTURE_NO_KEY,
                    entity.name(), entity.key()));
            ok = false;
        }
        // the rows are checked even under a wrong header, so that one fix does not bring new errors to light
        List<List<Object>> rows = rows(f.rows(), columns, types, "fixture of '" + entity.name() + "'");
        if (!ok || rows == null) {
            return null;
        }
        int keyAt = columns.indexOf(entity.key());
        Map<Object, Span> keys = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Object key = rows.get(i).get(keyAt);
            Span at = f.rows().get(i).values().get(keyAt).span();
            if (key == null) {
                report(Diagnostic.at(at, Code.FIXTURE_BAD_VALUE, "the key '" + entity.key() + "' of a record cannot be null"));
            } else if (keys.putIfAbsent(comparable(key), at) != null) {
                report(Diagnostic.at(at, Code.FIXTURE_DUPLICATE_KEY, at.text(), entity.name()));
            }
        }
        return new CheckedTests.Fixture(entity.name(), columns, rows, null, f.span());
    }

    /**
     * A table's header: each name's type among {@code available} (null for an unknown name, reported
     * with {@code unknown}), a name given twice reported; false when the header has a mistake.
     */
    private boolean header(List<Name> written, Map<String, Type> available, java.util.function.Function<Name, Diagnostic> unknown,
            List<String> columns, List<Type> types) {
        boolean ok = true;
        for (Name c : written) {
            Type type = available.get(c.value());
            if (type == null) {
                report(unknown.apply(c));
                ok = false;
            } else if (columns.contains(c.value())) {
                report(Diagnostic.at(c.span(), Code.DUPLICATE_NAME, "column", c.value()));
                ok = false;
            }
            columns.add(c.value());
            types.add(type);
        }
        return ok;
    }

    /** Rows of literals typed by their columns; null when a row is of the wrong width or holds a wrong value. */
    private List<List<Object>> rows(List<TestFile.Row> written, List<String> columns, List<Type> types, String where) {
        List<List<Object>> rows = new ArrayList<>();
        boolean ok = true;
        for (TestFile.Row row : written) {
            if (row.values().size() != columns.size()) {
                report(Diagnostic.at(row.span(), Code.FIXTURE_ROW_WIDTH, plural(row.values().size(), "value"),
                        plural(columns.size(), "column")));
                ok = false;
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                Object v = value(row.values().get(i), types.get(i), "'" + columns.get(i) + "'");
                ok &= v != NO_VALUE;
                values.add(v == NO_VALUE ? null : v);
            }
            rows.add(Collections.unmodifiableList(values));
        }
        return ok ? rows : null;
    }

    private CheckedTests.Fixture csv(Entity entity, TestFile.CsvFixture f) {
        String written = f.path().value();
        Path base = source.path() == null ? Path.of("") : source.path().toAbsolutePath().getParent();
        Path file;
        try {
            file = (base == null ? Path.of(written) : base.resolve(written)).normalize();
        } catch (InvalidPathException e) {
            report(Diagnostic.at(f.path().span(), Code.FILE_NOT_FOUND, written));
            return null;
        }
        if (!Files.isRegularFile(file)) {
            report(Diagnostic.at(f.path().span(), Code.FILE_NOT_FOUND, written));
            return null;
        }
        Project project = project();
        if (project != null && !project.allows(file)) {
            report(Diagnostic.at(f.path().span(), Code.OUTSIDE_PROJECT, written, project.root()));
            return null;
        }
        List<String> header;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            header = first == null ? List.of() : header(first);
        } catch (IOException | RuntimeException e) {
            report(Diagnostic.at(f.path().span(), Code.FIXTURE_CSV, "cannot read " + written + ": " + e.getMessage()));
            return null;
        }
        if (header.isEmpty()) {
            report(Diagnostic.at(f.path().span(), Code.FIXTURE_CSV, written + " is empty: its first line names the columns"));
            return null;
        }
        boolean ok = true;
        Set<String> seen = new LinkedHashSet<>();
        List<String> unknown = header.stream().filter(c -> !entity.attributes().containsKey(c)).toList();
        if (unknown.size() == 1) {
            report(Diagnostic.at(f.path().span(), Code.FIXTURE_CSV, "column '" + unknown.get(0) + "' of " + written
                    + " is not an attribute of '" + entity.name() + "'").withDidYouMean(unknown.get(0), entity.attributes().keySet()));
            ok = false;
        } else if (!unknown.isEmpty()) {
            String listed = unknown.stream().limit(5).map(c -> "'" + c + "'").collect(java.util.stream.Collectors.joining(", "))
                    + (unknown.size() > 5 ? " and " + (unknown.size() - 5) + " more" : "");
            report(Diagnostic.at(f.path().span(), Code.FIXTURE_CSV, unknown.size() + " columns of " + written
                    + " are not attributes of '" + entity.name() + "': " + listed)
                    .withHelp("its attributes: " + String.join(", ", entity.attributes().keySet())));
            ok = false;
        }
        for (String column : header) {
            if (!entity.attributes().containsKey(column)) {
                continue;
            } else if (!seen.add(column)) {
                report(Diagnostic.at(f.path().span(), Code.FIXTURE_CSV, "column '" + column + "' appears twice in " + written));
                ok = false;
            }
        }
        if (ok && !header.contains(entity.key())) {
            report(Diagnostic.at(f.path().span(), Code.FIXTURE_NO_KEY, entity.name(), entity.key()));
            ok = false;
        }
        return ok ? new CheckedTests.Fixture(entity.name(), header, List.of(), file, f.span()) : null;
    }

    /** The names of a CSV header line: comma separated, optionally double-quoted, trimmed. */
    static List<String> header(String line) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        List<String> names = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                names.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        names.add(current.toString().trim());
        if (names.size() == 1 && names.get(0).isEmpty()) {
            return List.of();
        }
        return names;
    }

    // ------------------------------------------------------------ expectations

    private CheckedTests.Expectation expectation(TestFile.Expectation e) {
        TestFile.PortRef ref = e.port();
        String name = ref.activity().value();
        Step step = plan.steps().stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
        if (step == null) {
            report(Diagnostic.at(ref.activity().span(), Code.UNKNOWN_ACTIVITY, name)
                    .withDidYouMean(name, plan.steps().stream().map(Step::name).toList()));
            return null;
        }
        List<String> ports = List.copyOf(step.outputs().keySet());
        if (ports.isEmpty()) {
            Span at = ref.port() == null ? ref.activity().span() : ref.port().span();
            report(Diagnostic.at(at, Code.UNKNOWN_PORT, step.kind(), name, ref.port() == null ? "out" : ref.port().value(),
                    "none: it ends the flow"));
            return null;
        }
        String port;
        if (ref.port() == null) {
            port = ports.get(0);
        } else {
            port = ref.port().value();
            if (!ports.contains(port)) {
                report(Diagnostic.at(ref.port().span(), Code.UNKNOWN_PORT, step.kind(), name, port, String.join(", ", ports))
                        .withDidYouMean(port, ports));
                return null;
            }
        }
        String shown = name + "." + port;
        if (e instanceof TestFile.CountExpectation c) {
            return new CheckedTests.Count(name, port, shown, c.operator(), c.count(), c.span());
        }
        TestFile.RowsExpectation r = (TestFile.RowsExpectation) e;
        Map<String, Type> available = columns(step.outputs().get(port));
        List<String> columns = new ArrayList<>();
        List<Type> types = new ArrayList<>();
        boolean ok = header(r.columns(), available, c -> Diagnostic.at(c.span(), Code.UNKNOWN_COLUMN, c.value(), shown)
                .withDidYouMean(c.value(), available.keySet()), columns, types);
        if (r.columns().isEmpty()) {
            report(Diagnostic.at(r.span(), Code.SYNTAX, "expected the columns to compare, as in 'id' or 'id, spent_90d', on the first line"));
            return null;
        }
        List<List<Object>> rows = rows(r.rows(), columns, types, shown);
        return rows == null || !ok ? null : new CheckedTests.Rows(name, port, shown, columns, types, rows, r.span());
    }

    /** What a port's rows can be compared on: the entity's attributes (its key first), then the columns the flow added. */
    private Map<String, Type> columns(Shape shape) {
        Map<String, Type> columns = new LinkedHashMap<>();
        Entity entity = shape.entity() == null ? null : plan.entities().get(shape.entity());
        if (entity != null) {
            columns.put(entity.key(), entity.keyType());
            columns.putAll(entity.attributes());
        }
        columns.putAll(shape.columns());
        return columns;
    }

    // ------------------------------------------------------------ values

    /** Returned for a value of the wrong type (reported). */
    private static final Object NO_VALUE = new Object();

    /**
     * A literal as a value of {@code type}: Long, BigDecimal, Double, String, Boolean, LocalDate,
     * LocalDateTime, or null; {@code NO_VALUE} (reported) when it is of another type.
     */
    private Object value(Expr.Literal literal, Type type, String what) {
        Object v = literal.value();
        if (literal.kind() == Expr.LiteralKind.NULL) {
            return null;
        }
        Object converted = type == null ? v : switch (type) {
            case INT -> literal.kind() == Expr.LiteralKind.INT ? v : NO_VALUE;
            case DECIMAL -> literal.kind() == Expr.LiteralKind.INT ? BigDecimal.valueOf((Long) v)
                    : literal.kind() == Expr.LiteralKind.DECIMAL ? v : NO_VALUE;
            case FLOAT -> literal.kind() == Expr.LiteralKind.INT ? (double) (Long) v
                    : literal.kind() == Expr.LiteralKind.DECIMAL ? ((BigDecimal) v).doubleValue() : NO_VALUE;
            case TEXT -> literal.kind() == Expr.LiteralKind.STRING ? v : NO_VALUE;
            case BOOL -> literal.kind() == Expr.LiteralKind.BOOL ? v : NO_VALUE;
            case DATE -> literal.kind() == Expr.LiteralKind.DATE ? v : NO_VALUE;
            case TIMESTAMP -> literal.kind() == Expr.LiteralKind.TIMESTAMP ? v
                    : literal.kind() == Expr.LiteralKind.DATE ? ((LocalDate) v).atStartOfDay() : NO_VALUE;
            default -> v;
        };
        if (type == null) {
            return v; // a column reported already
        }
        if (converted == NO_VALUE) {
            Diagnostic d = Diagnostic.at(literal.span(), Code.FIXTURE_BAD_VALUE,
                    what + " is " + type.label() + ", and " + literal.span().text() + " is " + kindText(literal.kind()));
            String hint = hint(type, literal);
            report(hint == null ? d : d.withHelp(hint));
        }
        return converted;
    }

    private static String kindText(Expr.LiteralKind kind) {
        return switch (kind) {
            case INT -> "a whole number";
            case DECIMAL -> "a decimal number";
            case STRING -> "text";
            case BOOL -> "a bool";
            case DATE -> "a date";
            case TIMESTAMP -> "a timestamp";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String hint(Type type, Expr.Literal literal) {
        if (literal.kind() != Expr.LiteralKind.STRING) {
            return type == Type.TEXT ? "write text in double quotes: \"" + literal.span().text() + "\"" : null;
        }
        return switch (type) {
            case DATE -> "write a date without quotes: 2026-03-10";
            case TIMESTAMP -> "write a timestamp without quotes: 2026-03-10 09:00";
            case BOOL -> "write true or false without quotes";
            case INT, DECIMAL, FLOAT -> "write a number without quotes";
            default -> null;
        };
    }

    /** A key as a map key: numbers by value, so that 1 and 1.0 are one key. */
    private static Object comparable(Object key) {
        if (key instanceof BigDecimal d) {
            return d.stripTrailingZeros();
        }
        return key;
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private void report(Diagnostic d) {
        diagnostics.add(d);
    }

    private static int compare(Diagnostic a, Diagnostic b) {
        int byFile = a.fileName().compareTo(b.fileName());
        if (byFile != 0) {
            return byFile;
        }
        int sa = a.span() == null ? -1 : a.span().start();
        int sb = b.span() == null ? -1 : b.span().start();
        return Integer.compare(sa, sb);
    }
}
