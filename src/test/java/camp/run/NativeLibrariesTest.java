package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @TempDir
    Path tmp;

    private Path file(String name, Instant modified) throws Exception {
        Path p = Files.writeString(tmp.resolve(name), "x");
        Files.setLastModifiedTime(p, FileTime.from(modified));
        return p;
    }

    @Test
    void removesOnlyOldCopiesOfDuckDbsLibrary() throws Exception {
        Instant now = Instant.parse("2026-12-05T12:00:00Z");
        Path leftOver = file("libduckdb_java8123456789.so", now.minus(3, ChronoUnit.HOURS));
        Path justOver = file("libduckdb_java1.so", now.minus(11, ChronoUnit.MINUTES));
        Path beingLoaded = file("libduckdb_java2.so", now.minus(5, ChronoUnit.SECONDS));
        Path other = file("libother123.so", now.minus(3, ChronoUnit.HOURS));
        Path similar = file("libduckdb_java3.so.txt", now.minus(3, ChronoUnit.HOURS));
        Path folder = Files.createDirectory(tmp.resolve("libduckdb_java4.so"));
        Files.setLastModifiedTime(folder, FileTime.from(now.minus(3, ChronoUnit.HOURS)));

        assertEquals(2, NativeLibraries.clean(tmp, now));
        assertFalse(Files.exists(leftOver));
        assertFalse(Files.exists(justOver));
        assertTrue(Files.exists(beingLoaded), "a copy a process may be about to load stays");
        assertTrue(Files.exists(other));
        assertTrue(Files.exists(similar));
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aMissingFolderIsNothingToClean() {
        assertEquals(0, NativeLibraries.clean(tmp.resolve("absent"), Instant.now()));
    }
}
