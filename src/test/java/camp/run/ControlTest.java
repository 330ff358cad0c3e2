package camp.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pause and stop (§9): from another process through control files, or directly when no process runs the run. */
class ControlTest {
    /** The id of a run at 2026-03-10T08:00:00Z. */
    private static final String RUN = "20260310T080000Z";

    @TempDir
    Path dir;

    private Path campaign;
    private Path db;

    @BeforeEach
    void setUp() throws IOException {
        Path samples = Path.of("samples").toAbsolutePath();
        // the campaign imports the samples' library from another folder, which its project allows
        Files.writeString(dir.resolve("camp.toml"), "[paths]\nallow = [\"" + samples.toString().replace("\\", "\\\\") + "\"]\n");
        Files.writeString(dir.resolve("c.camp"), """
                campaign "Control"
                import "%s"
                activity fr:   build profiles where upper(trim(country)) = "FR"
                activity loyal: build loyal
                activity both: combine intersection
                activity keep: save audience "control_both"
                flow { fr, loyal -> both -> keep }
                """.formatted(samples.resolve("retail.camp")));
        campaign = dir.resolve("c.camp");
        db = dir.resolve("state").resolve("camp.duckdb");
    }

    private RunOptions options(RunListener listener) {
        return new RunOptions(campaign, db, Instant.parse("2026-03-10T08:00:00Z"), Map.of(), false, null, listener);
    }

    /** A listener that asks for a command once the first task has finished, as another process would. */
    private RunListener commandAfterFirstTask(Control.Command command) {
        AtomicBoolean sent = new AtomicBoolean();
        return new RunListener() {
            @Override
            public void finished(String activity, String kind, String status, long input, Map<String, Long> outputs, long millis,
                    String note) {
                if (sent.compareAndSet(false, true)) {
                    try {
                        Control.request(db, RUN, command);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
    }

    @Test
    void aPauseRequestedWhileRunningStopsNewTasksAndResumeGoesOn() throws Exception {
        RunResult paused = Interpreter.run(options(commandAfterFirstTask(Control.Command.PAUSE)));
        assertEquals("paused", paused.status().label());
        assertEquals("done", paused.activities().get("fr").status().label());
        assertEquals("pending", paused.activities().get("keep").status().label(), "no new task starts after a pause");
        assertTrue(Control.pending(db, RUN).isEmpty(), "the request is consumed");

        RunResult resumed = Interpreter.resume(RUN, db, null, null);
        assertEquals("completed", resumed.status().label());
        assertEquals("done", resumed.activities().get("keep").status().label());
    }

    @Test
    void aStopRequestedWhileRunningEndsTheRunForGood() throws Exception {
        RunResult stopped = Interpreter.run(options(commandAfterFirstTask(Control.Command.STOP)));
        assertEquals("stopped", stopped.status().label());
        assertEquals("stopped", stopped.activities().get("keep").status().label(), "unfinished tasks are stopped");
        assertThrows(IllegalArgumentException.class, () -> Interpreter.resume(RUN, db, null, null), "a stopped run cannot resume");
    }

    @Test
    void aRunNoProcessRunsIsPausedOrStoppedInTheDatabase() throws Exception {
        RunResult paused = Interpreter.run(options(commandAfterFirstTask(Control.Command.PAUSE)));
        assertEquals("paused", paused.status().label());
        assertEquals(RunStatus.STOPPED, Interpreter.control(RUN, db, Control.Command.STOP));
        assertThrows(IllegalArgumentException.class, () -> Interpreter.control(RUN, db, Control.Command.PAUSE),
                "a stopped run takes no more commands");
    }
}
