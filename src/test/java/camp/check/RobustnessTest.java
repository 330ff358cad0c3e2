package camp.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.SourceReader;
import camp.syntax.Syntax;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The front end never crashes, whatever it is fed: a seeded fuzzer mutates the samples and the
 * valid cases (token deletions, duplications, swaps, insertions of keywords and punctuation,
 * truncations, random characters and bytes, invalid UTF-8) and checks each result, plus a set
 * of nasty inputs written by hand. A run fails on any exception out of the front end, on any
 * internal diagnostic (E0900) and on any diagnostic whose span is not inside its file; the
 * message gives the seed, the iteration, the case seed and the input, so that a failure can be
 * replayed alone with {@code -Dcamp.fuzz.case=C}; {@code -Dcamp.fuzz.seed=S} and
 * {@code -Dcamp.fuzz.iterations=N} explore further.
 */
class RobustnessTest {
    private static final long SEED = Long.getLong("camp.fuzz.seed", 20_260_301L);
    private static final int ITERATIONS = Integer.getInteger("camp.fuzz.iterations", 5_000);
    /** Replays one case: {@code -Dcamp.fuzz.case=<case seed>} as printed by a failure. */
    private static final Long ONE_CASE = Long.getLong("camp.fuzz.case");

    /** Words and punctuation the fuzzer inserts: every kind of token, and the lexer's traps. */
    private static final List<String> INSERTIONS = List.of(
            "campaign", "import", "param", "entity", "audience", "activity", "flow", "schedule", "test",
            "key", "from", "table", "csv", "parquet", "query", "many", "one", "on", "consent",
            "int", "decimal", "float", "text", "bool", "date", "timestamp",
            "build", "load", "reconcile", "combine", "dedup", "split", "enrich", "change", "dimension", "fork",
            "join", "wait", "email", "sms", "push", "save", "alert", "end", "saved", "of", "incremental",
            "history", "skip", "empty", "reject", "max", "to", "union", "intersection", "exclusion", "keep",
            "unmatched", "by", "first", "asc", "desc", "non", "prefer", "random", "overlapping", "limit",
            "order", "remainder", "otherwise", "primary", "until", "subject", "body", "template", "title",
            "per", "throttle", "second", "waves", "every", "cap", "once", "at", "daily", "weekly", "monthly",
            "last", "timezone", "runs", "with", "days", "hours", "minutes", "weeks", "months", "years",
            "and", "or", "not", "in", "is", "null", "true", "false", "between", "contains", "starts", "ends",
            "matches", "where",
            "{", "}", "(", ")", ":", ",", ".", "..", "->", ";", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*",
            "/", "%", "\"", "\"\"\"", "'", "`", "/*", "*/", "//", "\n", "\t", "\r\n", " ",
            "2026-02-30", "2026-03-01 09:00", "25:00", "09:00", "99999999999999999999", "1st", "6th", "0",
            "-1", "3.14", "\"unterminated", "\"{{\"", "\"{{ x }}\"", "\"{{name | default \\\"y\\\"}}\"", "`quoted name`",
            "count(", "sum(", "exists(", "x where", "in audience", "in saved", "\"\\q\"", "\u201C", "\u00E9",
            "\uD83C\uDF89", "\u0000", "\uFEFF", "\u00A0", "&", "|", "!", "#", "@", "[", "]", "$", "?", "\\");

    private record Seed(String name, Path path, String text, int[] codePoints, List<Syntax.TokenView> tokens) {
    }

    private record Mutant(String description, SourceFile source, List<Diagnostic> readDiagnostics) {
    }

    private static List<Seed> corpus;

    @BeforeAll
    static void loadCorpus() throws IOException {
        List<Path> files = new ArrayList<>(ValidCasesTest.samples());
        files.addAll(ValidCasesTest.validCases());
        corpus = new ArrayList<>();
        for (Path p : files) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            SourceFile source = new SourceFile(p.getFileName().toString(), p, text);
            corpus.add(new Seed(source.name(), p, text, text.codePoints().toArray(), Syntax.tokens(source)));
        }
        assertTrue(corpus.size() >= 20, "corpus too small: " + corpus.size());
    }

    // ------------------------------------------------------------ the fuzzer

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void mutatedScriptsNeverCrashTheFrontEnd() {
        Random master = new Random(SEED);
        String first = null;
        Map<String, String> distinct = new LinkedHashMap<>();
        int failures = 0;
        int iterations = ONE_CASE == null ? ITERATIONS : 1;
        for (int i = 0; i < iterations; i++) {
            long caseSeed = ONE_CASE == null ? master.nextLong() : ONE_CASE;
            Random random = new Random(caseSeed);
            Seed seed = corpus.get(random.nextInt(corpus.size()));
            Mutant mutant = mutate(seed, random);
            String problem = problems(mutant);
            if (problem == null) {
                continue;
            }
            failures++;
            String where = "iteration " + i + " (case seed " + caseSeed + "): " + mutant.description() + " of " + seed.name();
            distinct.putIfAbsent(signature(problem), where);
            if (first == null) {
                first = where + "\n" + problem + "\n--- input ---\n" + shown(mutant.source().text()) + "\n--- end of input ---";
            }
        }
        if (first != null) {
            StringBuilder kinds = new StringBuilder();
            distinct.forEach((kind, where) -> kinds.append("  ").append(kind).append("\n    first at ").append(where).append('\n'));
            fail(failures + " of " + iterations + " mutated scripts broke the front end (camp.fuzz.seed=" + SEED + "); "
                    + distinct.size() + " distinct problems:\n" + kinds + "the first one: " + first);
        }
    }

    /** A problem without its file, positions and names, and the first camp frame of its stack trace: one line per bug. */
    private static String signature(String problem) {
        String head = problem.lines().findFirst().orElse("")
                .replaceAll("^internal error \\S+: error\\[E0900\\]: internal error: ", "")
                .replaceAll(" \\(this is a bug in camp.*$", "")
                .replaceAll("\\d+", "N")
                .replaceAll("'[^']*'", "'_'");
        String frame = problem.lines().map(String::strip).filter(l -> l.startsWith("at camp.")).findFirst().orElse("");
        return (head.length() > 160 ? head.substring(0, 160) : head) + (frame.isEmpty() ? "" : " " + frame);
    }

    private static Mutant mutate(Seed seed, Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return bytes(seed, random);
        }
        int[] cps = seed.codePoints();
        List<String> steps = new ArrayList<>();
        int rounds = 1 + random.nextInt(kind == 1 ? 8 : 3);
        for (int r = 0; r < rounds; r++) {
            cps = mutateOnce(seed, cps, random, steps);
        }
        String text = new String(cps, 0, cps.length);
        return new Mutant(String.join(", ", steps), new SourceFile(seed.name(), seed.path(), text), List.of());
    }

    /** One edit at token granularity (using the seed's tokens as boundaries while they still fit). */
    private static int[] mutateOnce(Seed seed, int[] cps, Random random, List<String> steps) {
        List<Syntax.TokenView> tokens = seed.tokens().stream().filter(t -> t.span().end() <= cps.length).toList();
        if (tokens.size() < 2 || cps.length == 0) {
            steps.add("insert");
            return insert(cps, cps.length == 0 ? 0 : random.nextInt(cps.length + 1), pick(INSERTIONS, random));
        }
        Syntax.TokenView t = tokens.get(random.nextInt(tokens.size()));
        int start = t.span().start();
        int end = t.span().end();
        switch (random.nextInt(7)) {
            case 0 -> {
                int last = Math.min(tokens.size() - 1, tokens.indexOf(t) + random.nextInt(3));
                steps.add("delete tokens at " + start);
                return remove(cps, start, Math.max(end, tokens.get(last).span().end()));
            }
            case 1 -> {
                steps.add("duplicate token at " + start);
                return insert(cps, end, " " + new String(cps, start, end - start));
            }
            case 2 -> {
                Syntax.TokenView other = tokens.get(random.nextInt(tokens.size()));
                steps.add("swap tokens at " + start + " and " + other.span().start());
                return swap(cps, t.span(), other.span());
            }
            case 3 -> {
                String word = pick(INSERTIONS, random);
                steps.add("insert " + printable(word) + " at " + start);
                return insert(cps, random.nextBoolean() ? start : end, " " + word + " ");
            }
            case 4 -> {
                int at = random.nextBoolean() ? start : random.nextInt(cps.length + 1);
                steps.add("truncate at " + at);
                return Arrays.copyOf(cps, at);
            }
            case 5 -> {
                int at = random.nextInt(cps.length);
                int cp = randomCodePoint(random);
                steps.add("replace character at " + at + " with U+" + Integer.toHexString(cp));
                int[] out = cps.clone();
                out[at] = cp;
                return out;
            }
            default -> {
                Seed donor = corpus.get(random.nextInt(corpus.size()));
                if (donor.tokens().isEmpty()) {
                    return cps;
                }
                int from = random.nextInt(donor.tokens().size());
                int to = Math.min(donor.tokens().size() - 1, from + random.nextInt(12));
                int a = donor.tokens().get(from).span().start();
                int b = donor.tokens().get(to).span().end();
                steps.add("splice " + donor.name() + "[" + a + ".." + b + ") at " + start);
                return insert(cps, start, new String(donor.codePoints(), a, b - a) + " ");
            }
        }
    }

    /** Byte-level damage, decoded as camp reads files: flipped, inserted and invalid UTF-8 bytes. */
    private static Mutant bytes(Seed seed, Random random) {
        byte[] b = seed.text().getBytes(StandardCharsets.UTF_8);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] bad = pick(List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFF},
                            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF0, (byte) 0x9F},
                            new byte[] {0}, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}), random);
                    byte[] out = new byte[b.length + bad.length];
                    System.arraycopy(b, 0, out, 0, at);
                    System.arraycopy(bad, 0, out, at, bad.length);
                    System.arraycopy(b, at, out, at + bad.length, b.length - at);
                    b = out;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        SourceReader.Read read = SourceReader.decode(seed.name(), seed.path(), b);
        return new Mutant("byte edits x" + edits, read.source(), read.diagnostics());
    }

    // ------------------------------------------------------------ nasty inputs

    /**
     * Regression: an expression or a list cut short (the state of every file while it is being
     * typed in an editor) made the AST builder crash with a NullPointerException, reported as
     * E0900 instead of the syntax error; a schedule time that is not a time crashed the
     * schedule model. Each must be an ordinary syntax error.
     */
    @Test
    void inputsCutShortAreSyntaxErrorsNotCrashes() {
        String header = "campaign \"Cut short\"\nentity people key id from table \"people\" { id: int name: text }\n";
        List<String> reproducers = List.of(
                "activity all: build people where id >",
                "activity all: build people where id >= }",
                "activity all: build people where id = ,",
                "activity all: build people where id +",
                "activity all: build people where id >= 1 +",
                "activity all: build people where name contains",
                "activity all: build people where id in (",
                "activity all: build people where id in (1,",
                "activity all: build people where id between 1 and",
                "activity all: build people where not",
                "activity all: build people where -",
                "audience a = people where id >",
                "test audience = people where",
                "activity unique: dedup by",
                "activity unique: dedup by id,",
                "schedule daily at 9am",
                "schedule daily at x");
        List<String> broken = new ArrayList<>();
        for (String line : reproducers) {
            Checked checked = Frontend.check(SourceFile.of("cut.camp", header + line));
            boolean internal = checked.diagnostics().stream().anyMatch(d -> d.code() == Code.INTERNAL);
            boolean syntax = checked.diagnostics().stream().anyMatch(d -> d.code() == Code.SYNTAX && d.line() >= 3);
            if (internal || !syntax) {
                broken.add(line + "\n" + Cases.render(checked.diagnostics()).indent(4));
            }
        }
        assertEquals("", String.join("\n", broken), broken.size() + " of " + reproducers.size()
                + " inputs cut short are not reported as a syntax error on line 3");
    }

    @Test
    void binaryJunk() {
        Random random = new Random(SEED);
        for (int i = 0; i < 40; i++) {
            byte[] junk = new byte[random.nextInt(20_000)];
            random.nextBytes(junk);
            SourceReader.Read read = SourceReader.decode("junk.camp", null, junk);
            assertSound(new Mutant("binary junk #" + i, read.source(), read.diagnostics()));
        }
        // printable junk: valid UTF-8 made of every ASCII character
        StringBuilder ascii = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            ascii.append((char) (random.nextInt(95) + 32));
        }
        assertSound(text("ascii junk", ascii.toString()));
    }

    @Test
    void invalidUtf8IsReportedWithTheOffsetOfTheFirstBadByte() {
        byte[] bytes = "campaign \"caf\u00E9\"\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = Arrays.copyOf(bytes, bytes.length + 2);
        broken[bytes.length] = (byte) 0xFF;
        broken[bytes.length + 1] = '\n';
        SourceReader.Read read = SourceReader.decode("latin.camp", null, broken);
        assertEquals(1, read.diagnostics().size());
        Diagnostic d = read.diagnostics().get(0);
        assertEquals(Code.INVALID_UTF8, d.code());
        assertEquals("the file is not valid UTF-8 text (first bad byte at offset " + bytes.length + ")", d.message());
        assertSound(new Mutant("invalid UTF-8", read.source(), read.diagnostics()));
    }

    @Test
    void fiftyThousandCharacterLines() {
        String header = "campaign \"Long\"\nentity people key id from table \"people\" { id: int name: text }\n";
        String flow = "\nactivity keep: save audience \"k\"\nflow { all -> keep }\n";
        List<String> lines = List.of(
                "activity all: build people where " + "id > 1 and ".repeat(4_550) + "id > 2",
                "activity all: build people where name = \"" + "x".repeat(50_000) + "\"",
                "activity all: build people where " + "n".repeat(50_000) + " = 1",
                "activity all: build people where id > 1 " + " ".repeat(50_000) + "@ and id < 9",
                "activity all: build people where name = \"" + "x".repeat(50_000),
                "// " + "comment ".repeat(6_250),
                "activity all: build people where " + "\u00E9".repeat(25_000) + "\uD83C\uDF89".repeat(25_000));
        for (String line : lines) {
            assertTrue(line.length() >= 50_000, "line of " + line.length());
            Mutant m = text("50,000-character line", header + line + flow);
            Checked checked = assertSound(m);
            for (Diagnostic d : checked.diagnostics()) {
                // the source line and the caret line are shown as a window around the span
                for (String rendered : new DiagnosticRenderer(false).render(d).split("\n")) {
                    if (rendered.matches("^[ 0-9]* \\|.*")) {
                        assertTrue(rendered.length() < 400, "rendered source lines are windowed, got " + rendered.length() + " characters");
                    }
                }
            }
        }
    }

    @Test
    void twoThousandNestedParenthesesInAWhere() {
        Checked ok = assertSound(text("2,000 parentheses", whereScript("(".repeat(2_000) + "id > 1" + ")".repeat(2_000))));
        assertEquals(List.of(), ok.diagnostics(), "2,000 levels are within the limit");
        Checked tooDeep = assertSound(text("2,001 parentheses", whereScript("(".repeat(2_001) + "id > 1" + ")".repeat(2_001))));
        assertEquals(1, tooDeep.diagnostics().size(), Cases.render(tooDeep.diagnostics()));
        Diagnostic d = tooDeep.diagnostics().get(0);
        assertEquals(Code.TOO_DEEP, d.code());
        assertEquals(4, d.line());
        assertEquals("activity all: build people where ".length() + 2_001, d.column(), "the caret is on the 2,001st '('");
        assertSound(text("100,000 parentheses", whereScript("(".repeat(100_000) + "id > 1" + ")".repeat(100_000))));
        assertSound(text("unbalanced parentheses", whereScript("(".repeat(3_000) + "id > 1")));
        assertSound(text("closing parentheses", whereScript("id > 1" + ")".repeat(3_000))));
    }

    @Test
    void twoThousandNestedNots() {
        Checked checked = assertSound(text("2,000 nots", whereScript("not ".repeat(2_000) + "flag")));
        assertEquals(List.of(), checked.diagnostics());
        Checked minus = assertSound(text("2,000 minus signs", whereScript("-".repeat(2_000) + "id > 1")));
        assertEquals(List.of(), minus.diagnostics());
        Checked type = assertSound(text("2,000 nots of an int", whereScript("not ".repeat(2_000) + "id")));
        assertEquals(1, type.errorCount(), Cases.render(type.diagnostics()));
        assertSound(text("20,000 nots, 20,000 braces", whereScript("not ".repeat(20_000) + "{".repeat(20_000))));
        assertSound(text("nested aggregates", whereScript("exists(".repeat(1_000) + "x" + ")".repeat(1_000))));
    }

    @Test
    void emptyFilesCommentsAndWhitespace() {
        for (String text : List.of("", " ", "\n", "\r\n", "\uFEFF", "\t\f\u00A0", "// only a comment", "// a comment\n",
                "/* a block */", "/* a\n block */\n// and a line\n\n", "/**/", "//")) {
            Checked checked = assertSound(text("empty or comments only", text));
            assertEquals(List.of(), checked.diagnostics(), "an empty library is valid: " + printable(text));
        }
        for (String text : List.of("/*", "/* never closed\n", "\"", "\"\"\"", "`", "'", "campaign", "campaign \"x\"",
                "flow {", "activity", "activity a:", "entity e key k from", "schedule", "import")) {
            assertSound(text("unfinished", text));
        }
    }

    @Test
    void everySampleTruncatedAtEveryFewTokens() {
        int checks = 0;
        for (Seed seed : corpus.subList(0, Math.min(corpus.size(), 12))) {
            for (int i = 0; i < seed.tokens().size(); i += 9) {
                int at = seed.tokens().get(i).span().start() + (i % 2);
                String text = new String(seed.codePoints(), 0, Math.min(at, seed.codePoints().length));
                assertSound(new Mutant("truncated at " + at, new SourceFile(seed.name(), seed.path(), text), List.of()));
                checks++;
            }
        }
        assertTrue(checks > 100, "truncations: " + checks);
    }

    // ------------------------------------------------------------ assertions

    private static String whereScript(String condition) {
        return "campaign \"Deep\"\nentity people key id from table \"people\" { id: int flag: bool }\n\n"
                + "activity all: build people where " + condition + "\nactivity keep: save audience \"k\"\nflow { all -> keep }\n";
    }

    private static Mutant text(String description, String text) {
        return new Mutant(description, SourceFile.of("nasty.camp", text), List.of());
    }

    private static Checked assertSound(Mutant mutant) {
        Checked[] checked = new Checked[1];
        String problem = problems(mutant, checked);
        if (problem != null) {
            fail(mutant.description() + ": " + problem + "\n--- input ---\n" + shown(mutant.source().text()) + "\n--- end of input ---");
        }
        return checked[0];
    }

    private static String problems(Mutant mutant) {
        return problems(mutant, new Checked[1]);
    }

    /** What is wrong with the front end's answer for this input, or null when it is sound. */
    private static String problems(Mutant mutant, Checked[] result) {
        Checked checked;
        try {
            checked = Frontend.check(mutant.source(), mutant.readDiagnostics(), QueryValidator.NONE);
        } catch (Throwable t) {
            return "the front end threw " + stackTrace(t);
        }
        result[0] = checked;
        if (checked == null) {
            return "the front end returned null";
        }
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        for (Diagnostic d : checked.diagnostics()) {
            if (d.code() == Code.INTERNAL) {
                return "internal error " + d.headline() + (d.cause() == null ? "" : "\n" + stackTrace(d.cause()));
            }
            String rendered;
            try {
                rendered = renderer.render(d);
            } catch (Throwable t) {
                return "rendering " + d.headline() + " threw " + stackTrace(t);
            }
            Span span = d.span();
            if (span == null) {
                if (d.file() == null) {
                    return "a diagnostic with neither span nor file: " + d.headline();
                }
                continue;
            }
            SourceFile file = span.file();
            if (checked.sources().stream().noneMatch(s -> s == file)) {
                return "the span of " + d.headline() + " is in a file that was not read: " + file.name();
            }
            if (span.start() < 0 || span.end() < span.start() || span.end() > file.length()) {
                return "the span [" + span.start() + ", " + span.end() + ") of " + d.headline()
                        + " is not inside the file of " + file.length() + " characters";
            }
            if (d.line() < 1 || d.line() > file.lineCount() || d.column() < 1 || d.endLine() < d.line()
                    || (d.endLine() == d.line() && d.endColumn() < d.column())) {
                return "bad position " + d.line() + ":" + d.column() + "-" + d.endLine() + ":" + d.endColumn() + " of " + d.headline();
            }
            if (!rendered.contains("^")) {
                return "no caret under " + d.headline() + ":\n" + rendered;
            }
        }
        return null;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String shown(String text) {
        return text.length() <= 4_000 ? text : text.substring(0, 4_000) + "\n... (" + (text.length() - 4_000) + " more characters)";
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder("'");
        s.codePoints().forEach(cp -> out.append(cp < 32 || cp == 0xFEFF ? String.format("\\u%04X", cp) : new String(Character.toChars(cp))));
        return out.append('\'').toString();
    }

    private static <T> T pick(List<T> list, Random random) {
        return list.get(random.nextInt(list.size()));
    }

    private static int randomCodePoint(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(32);
            case 1 -> 32 + random.nextInt(95);
            case 2 -> 0x80 + random.nextInt(0x700);
            case 3 -> 0x1F300 + random.nextInt(0x300);
            default -> pick(List.of((int) '"', (int) '`', (int) '{', (int) '}', (int) '\n', (int) '/', (int) '*', 0xFEFF, 0xFFFD), random);
        };
    }

    private static int[] insert(int[] cps, int at, String text) {
        int[] add = text.codePoints().toArray();
        int[] out = new int[cps.length + add.length];
        System.arraycopy(cps, 0, out, 0, at);
        System.arraycopy(add, 0, out, at, add.length);
        System.arraycopy(cps, at, out, at + add.length, cps.length - at);
        return out;
    }

    private static int[] remove(int[] cps, int start, int end) {
        int[] out = new int[cps.length - (end - start)];
        System.arraycopy(cps, 0, out, 0, start);
        System.arraycopy(cps, end, out, start, cps.length - end);
        return out;
    }

    private static int[] swap(int[] cps, Span a, Span b) {
        if (a.start() == b.start()) {
            return cps;
        }
        Span first = a.start() < b.start() ? a : b;
        Span second = first == a ? b : a;
        if (first.end() > second.start()) {
            return cps;
        }
        int[] out = new int[cps.length];
        int at = 0;
        at = copy(cps, 0, first.start(), out, at);
        at = copy(cps, second.start(), second.end(), out, at);
        at = copy(cps, first.end(), second.start(), out, at);
        at = copy(cps, first.start(), first.end(), out, at);
        copy(cps, second.end(), cps.length, out, at);
        return out;
    }

    private static int copy(int[] from, int start, int end, int[] to, int at) {
        System.arraycopy(from, start, to, at, end - start);
        return at + end - start;
    }
}
