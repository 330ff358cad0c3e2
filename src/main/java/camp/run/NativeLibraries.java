package camp.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * DuckDB's JDBC driver copies its native library (about 55 MB) into the temporary folder each time a
 * process first uses it, and deletes the copy when the process exits normally. A process that is
 * killed (kill -9, an out-of-memory kill, a crash) leaves its copy behind, and an operator whose camp
 * is killed now and then would see the temporary folder fill. Each camp process removes the copies
 * that are old enough to belong to processes that loaded them long ago: deleting a file that a live
 * process has mapped is harmless on Linux and macOS (the mapping keeps it), and a copy younger than
 * {@link #AGE} may be about to be loaded, so it stays.
 */
public final class NativeLibraries {
    /** Copies older than this are left over (a process loads its copy right after writing it). */
    static final Duration AGE = Duration.ofMinutes(10);

    private NativeLibraries() {
    }

    /** Removes the stale copies of the temporary folder on a background thread; never delays or fails the caller. */
    public static void cleanInBackground() {
        Thread t = new Thread(() -> clean(Path.of(System.getProperty("java.io.tmpdir")), Instant.now()), "camp-native-cleanup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** What kept the background load of DuckDB's library from completing, or null. */
    private static volatile Throwable loadFailure;

    /**
     * Loads DuckDB's driver and its native library on a background thread, for a command that will
     * open a database once it has parsed its arguments and checked its campaign: copying and
     * mapping the library (about a third of a second) then overlaps that work instead of following
     * it. A failure is kept for {@link #loadFailure()}, and the command's own connection fails.
     */
    public static void loadInBackground() {
        Thread t = new Thread(() -> {
            try {
                Class.forName("org.duckdb.DuckDBNative", true, NativeLibraries.class.getClassLoader());
            } catch (Throwable e) {
                loadFailure = e;
            }
        }, "camp-native-load");
        t.setDaemon(true);
        t.start();
    }

    /** The cause of a failed background load (the JVM reports later uses of the class without it), or null. */
    static Throwable loadFailure() {
        return loadFailure;
    }

    /** Removes from {@code folder} the copies of DuckDB's library last written before {@code now - AGE}; returns how many. */
    static int clean(Path folder, Instant now) {
        int removed = 0;
        FileTime before = FileTime.from(now.minus(AGE));
        try (DirectoryStream<Path> copies = Files.newDirectoryStream(folder, "libduckdb_java*.{so,dylib,dll}")) {
            for (Path copy : copies) {
                try {
                    if (Files.isRegularFile(copy) && !Files.isSymbolicLink(copy)
                            && Files.getLastModifiedTime(copy).compareTo(before) < 0 && Files.deleteIfExists(copy)) {
                        removed++;
                    }
                } catch (IOException | SecurityException e) {
                    // another user's copy, or one just removed by another camp: not ours to worry about
                }
            }
        } catch (IOException | SecurityException e) {
            // no temporary folder to read: nothing to clean
        }
        return removed;
    }
}
