package camp.run;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A write that failed because the disk is full, found in what a task threw: DuckDB's "Could not
 * write file ...: No space left on device", or the same from the outbox. Says which file, and
 * how much is free on its disk now.
 *
 * <p>So that a full disk can still be recorded (the task failed, the run failed, resume once
 * there is space), a database keeps a small reserve file beside it, {@code NAME.reserve}: it is
 * given back to the disk when the disk is full, and made again at the next open.
 */
record DiskFull(Path file, String reason) {
    private static final Pattern FILE = Pattern.compile("(?:file|outbox) \"?([^\"\\n]+?)\"?[:]? .*No space left on device");
    /** The size of the reserve kept beside a database. */
    static final long RESERVE_BYTES = Long.getLong("camp.diskReserveBytes", 4L << 20);

    /** The disk-full failure in a chain of causes, or null. */
    static DiskFull in(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) {
            String m = String.valueOf(x.getMessage());
            if (m.contains("No space left on device") || m.contains("Disk quota exceeded")) {
                Matcher f = FILE.matcher(m);
                return new DiskFull(f.find() ? Path.of(f.group(1)) : null, TaskFailure.firstLine(m));
            }
            if (x.getCause() == x) {
                break;
            }
        }
        return null;
    }

    String message() {
        StringBuilder b = new StringBuilder("the disk is full: ");
        b.append(file == null ? "a write failed" : "could not write " + file);
        Long free = free(file);
        if (free != null) {
            b.append(" (").append(mebibytes(free)).append(" free on its disk now)");
        }
        return b.append("; free some space, then resume the run").toString();
    }

    private static Long free(Path file) {
        if (file == null) {
            return null;
        }
        try {
            Path at = file;
            while (at != null && !Files.exists(at)) {
                at = at.getParent();
            }
            FileStore store = Files.getFileStore(at == null ? Path.of(".") : at);
            return store.getUsableSpace();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String mebibytes(long bytes) {
        return bytes < (1 << 20) ? bytes / 1024 + " KiB" : String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** The reserve file of a database. */
    static Path reserve(Path db) {
        return db.toAbsolutePath().resolveSibling(db.getFileName() + ".reserve");
    }

    /** Makes the reserve when it is missing; a disk too full for it is left as it is. */
    static void keepReserve(Path db) {
        Path reserve = reserve(db);
        if (RESERVE_BYTES <= 0 || Files.exists(reserve)) {
            return;
        }
        try (var out = Files.newOutputStream(reserve)) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < RESERVE_BYTES; written += block.length) {
                out.write(block);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(reserve);
            } catch (IOException ignored) {
                // the disk is full: nothing to do about it now
            }
        }
    }

    /** Gives the reserve back to the disk, so that camp can record what happened. */
    static void release(Path db) {
        try {
            Files.deleteIfExists(reserve(db));
        } catch (IOException ignored) {
            // nothing more can be freed
        }
    }
}
