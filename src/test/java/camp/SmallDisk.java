package camp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real small disk for the tests of a full disk: a tmpfs mounted at a folder (which needs root,
 * as the project's machines and CI run). Without the right to mount, the test is skipped, unless
 * {@code -Dcamp.requireDiskTests=true} makes that a failure.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path mount;

    private SmallDisk(Path mount) {
        this.mount = mount;
    }

    public static SmallDisk mount(Path folder, String size) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", folder.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        String output = new String(p.getInputStream().readAllBytes());
        boolean mounted = done && p.exitValue() == 0;
        if (!mounted && Boolean.getBoolean("camp.requireDiskTests")) {
            throw new AssertionError("cannot mount a tmpfs at " + folder + ": " + output);
        }
        assumeTrue(mounted, "cannot mount a tmpfs (" + output.strip() + "): the full-disk test is skipped");
        return new SmallDisk(folder);
    }

    public Path path() {
        return mount;
    }

    /** Fills the disk to the last byte with a file of its own. */
    public void fill() throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(mount.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            if (!String.valueOf(full.getMessage()).contains("No space left")) {
                throw full;
            }
        }
    }

    /** Makes the disk read-only: what was written stays readable, nothing more can be written. */
    public void readOnly() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mount", "-o", "remount,ro", mount.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("cannot remount " + mount + " read-only: " + new String(p.getInputStream().readAllBytes()));
        }
    }

    /** Gives the room of {@link #fill()} back. */
    public void free() throws IOException {
        Files.deleteIfExists(mount.resolve("filler"));
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
