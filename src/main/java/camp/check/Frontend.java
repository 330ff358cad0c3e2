package camp.check;

import camp.ast.CampFile;
import camp.ast.Statement;
import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.ir.Plan;
import camp.ir.Shape;
import camp.ir.SharedAggregates;
import camp.project.Project;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.Parsed;
import camp.syntax.SourceReader;
import camp.syntax.Syntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The whole front end for one file: read, parse, follow imports (with cycle detection), check.
 * It runs on a thread with a large stack, so that deeply nested input is parsed rather than
 * crashing, and any internal failure becomes a diagnostic (E0900), never an exception.
 */
public final class Frontend {
    private static final long STACK_BYTES = 1L << 30;
    /** No file is open in an editor: every import is read from disk. */
    private static final Function<Path, String> DISK_ONLY = path -> null;

    private Frontend() {
    }

    /** Reads and checks a file; an unreadable file is the caller's to report. */
    public static Checked check(Path path, String displayName) throws IOException {
        return check(path, displayName, QueryValidator.NONE);
    }

    /** Reads and checks a file, with the database's parser for its query sources. */
    public static Checked check(Path path, String displayName, QueryValidator queries) throws IOException {
        SourceReader.Read read = SourceReader.read(displayName, path);
        return check(read.source(), read.diagnostics(), queries);
    }

    public static Checked check(SourceFile root) {
        return check(root, List.of(), QueryValidator.NONE);
    }

    public static Checked check(SourceFile root, QueryValidator queries) {
        return check(root, List.of(), queries);
    }

    /**
     * Checks the text an editor holds, with the editor's text of the other files it has open:
     * {@code openText} gives, for the normalized absolute path of an imported file, the text the
     * editor holds for it, or null to read the file from disk. It is called on the checking
     * thread, so it must be safe to call from any thread.
     */
    public static Checked check(SourceFile root, QueryValidator queries, Function<Path, String> openText) {
        return check(root, List.of(), queries, openText == null ? DISK_ONLY : openText);
    }

    static Checked check(SourceFile root, List<Diagnostic> readDiagnostics, QueryValidator queries) {
        return check(root, readDiagnostics, queries, DISK_ONLY);
    }

    private static Checked check(SourceFile root, List<Diagnostic> readDiagnostics, QueryValidator queries,
            Function<Path, String> openText) {
        AtomicReference<Checked> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(checkNow(root, readDiagnostics, queries, openText));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "camp-frontend", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.set(e);
        }
        if (result.get() != null) {
            return result.get();
        }
        Throwable t = failure.get();
        String what = t instanceof StackOverflowError ? "the input is nested too deeply to check" : String.valueOf(t);
        Diagnostic d = Diagnostic.inFile(root, Code.INTERNAL, what).withCause(t);
        return new Checked(root, List.of(root), List.of(d), null);
    }

    private static Checked checkNow(SourceFile root, List<Diagnostic> readDiagnostics, QueryValidator queries,
            Function<Path, String> openText) {
        List<Diagnostic> diagnostics = new ArrayList<>(readDiagnostics);
        Project project = project(root, diagnostics);
        Parsed parsed = Syntax.parse(root);
        diagnostics.addAll(parsed.diagnostics());
        Map<Path, CampFile> imported = new LinkedHashMap<>();
        List<SourceFile> sources = new ArrayList<>();
        sources.add(root);
        List<CampFile> libraries = new ArrayList<>();
        List<Path> stack = new ArrayList<>();
        if (root.path() != null) {
            stack.add(normalize(root.path()));
        }
        followImports(parsed.file(), stack, imported, libraries, sources, diagnostics, project, openText);
        Plan plan = null;
        Map<String, Map<String, Shape>> ports = Map.of();
        if (!parsed.file().truncated()) {
            Checker checker = new Checker(parsed.file(), libraries, diagnostics, queries, project);
            plan = checker.check();
            ports = checker.ports();
        }
        diagnostics.sort(Frontend::compare);
        for (Diagnostic d : diagnostics) {
            // a diagnostic inside a template file: that file was read too
            if (d.file() != null && sources.stream().noneMatch(f -> f == d.file())) {
                sources.add(d.file());
            }
        }
        if (plan != null && diagnostics.stream().noneMatch(Diagnostic::isError)) {
            plan = SharedAggregates.apply(plan);
        }
        return new Checked(root, sources, dedupe(diagnostics), plan, ports);
    }

    /**
     * The project of the file being checked (its folder when it has no path); a {@code camp.toml}
     * that cannot be read is reported in it, and the file's folder stands for the project.
     */
    private static Project project(SourceFile root, List<Diagnostic> diagnostics) {
        if (root.path() == null) {
            return Project.folder(Path.of(""));
        }
        try {
            return Project.of(root.path());
        } catch (Project.ConfigException e) {
            String text;
            try {
                text = Files.readString(e.file());
            } catch (IOException | RuntimeException unreadable) {
                text = "";
            }
            SourceFile config = new SourceFile(e.file().toString(), e.file(), text);
            int at = config.offsetOfUtf16(Math.max(0, e.line() - 1), Math.max(0, e.column() - 1));
            Diagnostic d = e.line() > 0 ? Diagnostic.at(Span.of(config, at, at), Code.PROJECT_CONFIG, e.getMessage())
                    : Diagnostic.inFile(config, Code.PROJECT_CONFIG, e.getMessage());
            diagnostics.add(d);
            return Project.folder(root.path().toAbsolutePath().getParent());
        }
    }

    private static void followImports(CampFile file, List<Path> stack, Map<Path, CampFile> imported,
            List<CampFile> libraries, List<SourceFile> sources, List<Diagnostic> diagnostics, Project project,
            Function<Path, String> openText) {
        Path base = file.source().path() == null ? Path.of("") : file.source().path().toAbsolutePath().getParent();
        for (Statement.Import imp : file.all(Statement.Import.class)) {
            Path target;
            try {
                target = normalize(base == null ? Path.of(imp.path()) : base.resolve(imp.path()));
            } catch (java.nio.file.InvalidPathException e) {
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.IMPORT_NOT_FOUND, imp.path()));
                continue;
            }
            int cycleStart = stack.indexOf(target);
            if (cycleStart >= 0) {
                List<String> names = new ArrayList<>();
                for (Path p : stack.subList(cycleStart, stack.size())) {
                    names.add(p.getFileName().toString());
                }
                names.add(target.getFileName().toString());
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.IMPORT_CYCLE, String.join(" -> ", names)));
                continue;
            }
            if (imported.containsKey(target)) {
                continue;
            }
            if (!project.allows(target)) {
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.OUTSIDE_PROJECT, imp.path(), project.root())
                        .withHelp("camp reads only the files of its project; put a camp.toml at the root that holds them all"));
                continue;
            }
            String display = displayName(file.source(), imp.path());
            String open = openText.apply(target);
            if (open == null && !Files.isRegularFile(target)) {
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.IMPORT_NOT_FOUND, imp.path()));
                continue;
            }
            SourceReader.Read read;
            try {
                // a file open in an editor is checked as the editor holds it, saved or not
                read = open != null ? new SourceReader.Read(new SourceFile(display, target, open), List.of())
                        : SourceReader.read(display, target);
            } catch (IOException e) {
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.IMPORT_NOT_FOUND, imp.path()));
                continue;
            }
            diagnostics.addAll(read.diagnostics());
            Parsed parsed = Syntax.parse(read.source());
            diagnostics.addAll(parsed.diagnostics());
            sources.add(read.source());
            imported.put(target, parsed.file());
            if (!parsed.file().all(Statement.Campaign.class).isEmpty()) {
                diagnostics.add(Diagnostic.at(imp.pathSpan(), Code.IMPORTED_ACTIVITIES, imp.path()));
            }
            stack.add(target);
            followImports(parsed.file(), stack, imported, libraries, sources, diagnostics, project, openText);
            stack.remove(stack.size() - 1);
            libraries.add(parsed.file());
        }
    }

    private static String displayName(SourceFile importer, String relative) {
        String name = importer.name();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash < 0 ? relative : name.substring(0, slash + 1) + relative;
    }

    private static Path normalize(Path p) {
        return p.toAbsolutePath().normalize();
    }

    private static int compare(Diagnostic a, Diagnostic b) {
        int byFile = a.fileName().compareTo(b.fileName());
        if (byFile != 0) {
            return byFile;
        }
        int as = a.span() == null ? -1 : a.span().start();
        int bs = b.span() == null ? -1 : b.span().start();
        return Integer.compare(as, bs);
    }

    private static List<Diagnostic> dedupe(List<Diagnostic> diagnostics) {
        List<Diagnostic> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Diagnostic d : diagnostics) {
            String key = d.fileName() + ":" + (d.span() == null ? -1 : d.span().start()) + ":" + d.code() + ":" + d.message();
            if (seen.add(key)) {
                out.add(d);
            }
        }
        return out;
    }
}
