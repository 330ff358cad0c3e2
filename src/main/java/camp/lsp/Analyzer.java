package camp.lsp;

import camp.check.Checked;
import camp.check.CheckedTests;
import camp.check.Frontend;
import camp.check.QueryValidator;
import camp.check.TestChecker;
import camp.diag.Code;
import camp.source.SourceFile;
import camp.syntax.SourceReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Checks open documents on one analysis thread, never on the thread that reads the protocol.
 *
 * <p>A change marks its document (and every open document that read it as an import) as
 * pending; the thread takes what is pending, waits {@code debounceMillis}, and checks each at
 * the version the editor holds then. Changes that arrive meanwhile coalesce: only the latest
 * version of a document is checked, and only an analysis of the version still open is handed to
 * the listener, so a stale result never replaces a newer one. Features that need the analysis
 * of the current text wait for it ({@link #current}); files that are not open are checked from
 * disk on the asking thread and cached until they or an open document change.
 */
final class Analyzer {
    private static final long WAIT_SECONDS = 10;
    private static final long LARGEST_FILE = 8L << 20;

    private final DocumentStore documents;
    private final QueryValidator queries;
    private final Consumer<Analysis> listener;
    private final ClientLog log;
    private final long debounceMillis;
    private final Object lock = new Object();
    /** Documents to check, in the order they were marked (the edited one before its importers). */
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private final Map<String, List<Waiter>> waiters = new HashMap<>();
    private final Map<String, Analysis> latest = new ConcurrentHashMap<>();
    private final Map<Path, DiskAnalysis> disk = new ConcurrentHashMap<>();
    /** Counts changes to open documents: a file checked from disk may import one of them. */
    private final AtomicLong generation = new AtomicLong();
    private volatile List<Path> roots = List.of();
    private volatile boolean running = true;
    private final Thread thread;

    private record Waiter(int version, CompletableFuture<Analysis> future) {
    }

    private record DiskAnalysis(long modified, long size, long generation, Analysis analysis) {
    }

    Analyzer(DocumentStore documents, QueryValidator queries, Consumer<Analysis> listener, ClientLog log, long debounceMillis) {
        this.documents = documents;
        this.queries = queries;
        this.listener = listener;
        this.log = log;
        this.debounceMillis = debounceMillis;
        // deeply nested input is parsed again (for the index) on this thread: a stack as large as the front end's
        this.thread = new Thread(null, this::loop, "camp-lsp-analysis", CampLanguageServer.STACK_BYTES);
        thread.setDaemon(true);
        thread.start();
    }

    /** The workspace folders: file names in diagnostics are relative to the first that holds them. */
    void roots(List<Path> folders) {
        roots = List.copyOf(folders);
    }

    List<Path> roots() {
        return roots;
    }

    /**
     * An open document changed (or was opened or closed): check it, and every open document
     * that read it, or that could not find an import (the file may be the one it wanted).
     */
    void changed(String uri, Path path) {
        generation.incrementAndGet();
        synchronized (lock) {
            if (documents.get(uri) != null) {
                pending.add(uri);
            }
            for (OpenDocument d : documents.all()) {
                Analysis a = latest.get(d.uri());
                if (!d.uri().equals(uri) && a != null && (path != null && a.files().contains(path) || missesImport(a))) {
                    pending.add(d.uri());
                }
            }
            lock.notifyAll();
        }
    }

    /** Files changed on disk: every open document that read one of them is checked again. */
    void filesChanged(Set<Path> paths, boolean all) {
        generation.incrementAndGet();
        disk.clear();
        synchronized (lock) {
            for (OpenDocument d : documents.all()) {
                Analysis a = latest.get(d.uri());
                if (all || a == null || missesImport(a) || a.files().stream().anyMatch(paths::contains)) {
                    pending.add(d.uri());
                }
            }
            lock.notifyAll();
        }
    }

    /** A document was closed: its analysis is dropped and whoever waits for it gets none. */
    void closed(String uri, Path path) {
        forget(uri);
        changed(uri, path);
    }

    /**
     * Drops what is known of a document (it was closed, or opened again: its versions start
     * over); whoever waits for its analysis gets none.
     */
    void forget(String uri) {
        latest.remove(uri);
        List<Waiter> left;
        synchronized (lock) {
            pending.remove(uri);
            left = waiters.remove(uri);
        }
        if (left != null) {
            left.forEach(w -> w.future().complete(null));
        }
    }

    private static boolean missesImport(Analysis a) {
        return a.checked().diagnostics().stream().anyMatch(d -> d.code() == Code.IMPORT_NOT_FOUND);
    }

    /** The latest analysis of an open document, whatever its version; null when there is none yet. */
    Analysis latest(String uri) {
        return latest.get(uri);
    }

    /**
     * The analysis of a document as the editor holds it now: at once when it is done, else when
     * the analysis thread gets to it (the latest one after {@value #WAIT_SECONDS} s). A document
     * that is not open is checked from its file on the calling thread; none when there is no such
     * file.
     */
    CompletableFuture<Analysis> current(String uri) {
        OpenDocument d = documents.get(uri);
        if (d == null) {
            Path path = DocumentStore.pathOf(uri);
            return CompletableFuture.completedFuture(path == null ? null : fromDisk(path));
        }
        Analysis a = latest.get(uri);
        if (a != null && a.version() >= d.version()) {
            return CompletableFuture.completedFuture(a);
        }
        CompletableFuture<Analysis> future = new CompletableFuture<>();
        synchronized (lock) {
            a = latest.get(uri);
            if (a != null && a.version() >= d.version()) {
                return CompletableFuture.completedFuture(a);
            }
            waiters.computeIfAbsent(uri, k -> new ArrayList<>()).add(new Waiter(d.version(), future));
            pending.add(uri);
            lock.notifyAll();
        }
        return future.completeOnTimeout(null, WAIT_SECONDS, TimeUnit.SECONDS)
                .thenApply(done -> done != null ? done : latest.get(uri));
    }

    /** The analysis of a file: the open document's current one, else the file's on disk (null when unreadable). */
    Analysis ofFile(Path path) {
        OpenDocument d = documents.byPath(path);
        if (d != null) {
            return current(d.uri()).join();
        }
        return fromDisk(path);
    }

    /** A file that is not open, checked as it is on disk (with the open documents it imports as the editor holds them). */
    Analysis fromDisk(Path path) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || attributes.size() > LARGEST_FILE) {
                return null;
            }
            long modified = attributes.lastModifiedTime().toMillis();
            long gen = generation.get();
            DiskAnalysis cached = disk.get(path);
            if (cached != null && cached.modified() == modified && cached.size() == attributes.size() && cached.generation() == gen) {
                return cached.analysis();
            }
            SourceReader.Read read = SourceReader.read(displayName(path), path);
            long t0 = System.nanoTime();
            Checked checked = check(read.source(), path.toString());
            Analysis a = new Analysis(path.toUri().toString(), -1, read.source(), checked, System.nanoTime() - t0);
            disk.put(path, new DiskAnalysis(modified, attributes.size(), gen, a));
            return a;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Checks an open document now, on the calling thread. */
    Analysis analyze(OpenDocument d) {
        SourceFile source = new SourceFile(d.path() == null ? d.uri() : displayName(d.path()), d.path(), checkedText(d.text()));
        long t0 = System.nanoTime();
        Checked checked = check(source, d.path() == null ? d.uri() : d.path().toString());
        return new Analysis(d.uri(), d.version(), source, checked, System.nanoTime() - t0);
    }

    /**
     * A .camp file through the front end; a campaign test file (.camptest) through its own checker,
     * whose diagnostics stand in a result without a plan (hover, completion and the other features
     * of campaigns then have nothing to offer in it).
     */
    private Checked check(SourceFile source, String name) {
        if (name.endsWith(TestChecker.EXTENSION)) {
            CheckedTests tests = TestChecker.check(source);
            return new Checked(source, List.of(source), tests.diagnostics(), null);
        }
        return Frontend.check(source, queries, documents::textOf);
    }

    /**
     * The text the front end checks for an editor's text: a byte-order mark becomes a space, as
     * long, so that positions stay the editor's and the check is {@code camp check}'s (which drops it).
     */
    static String checkedText(String text) {
        return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    }

    /** How diagnostics name a file: relative to the workspace folder that holds it, as {@code camp check} run there would. */
    String displayName(Path path) {
        for (Path root : roots) {
            if (path.startsWith(root) && !path.equals(root)) {
                return root.relativize(path).toString();
            }
        }
        return path.toString();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void loop() {
        while (running) {
            List<String> batch;
            try {
                synchronized (lock) {
                    while (pending.isEmpty()) {
                        lock.wait();
                    }
                }
                if (debounceMillis > 0) {
                    Thread.sleep(debounceMillis);
                }
                synchronized (lock) {
                    batch = new ArrayList<>(pending);
                    pending.clear();
                }
            } catch (InterruptedException e) {
                return;
            }
            for (String uri : batch) {
                try {
                    check(uri);
                } catch (Throwable t) {
                    log.error("checking " + uri + " failed", t);
                }
            }
        }
    }

    private void check(String uri) {
        OpenDocument d = documents.get(uri);
        if (d == null) {
            return;
        }
        Analysis a = analyze(d);
        OpenDocument open = documents.get(uri);
        if (open == null || open.version() < a.version()) {
            return; // closed, or closed and opened again, while it was being checked
        }
        latest.compute(uri, (k, old) -> old == null || old.version() <= a.version() || old.version() > open.version() ? a : old);
        List<CompletableFuture<Analysis>> done = new ArrayList<>();
        synchronized (lock) {
            List<Waiter> list = waiters.get(uri);
            if (list != null) {
                for (Iterator<Waiter> it = list.iterator(); it.hasNext();) {
                    Waiter w = it.next();
                    if (w.version() <= a.version()) {
                        done.add(w.future());
                        it.remove();
                    }
                }
                if (list.isEmpty()) {
                    waiters.remove(uri);
                }
            }
        }
        done.forEach(f -> f.complete(a));
        OpenDocument now = documents.get(uri);
        if (now != null && now.version() == a.version()) {
            listener.accept(a);
        }
    }
}
