package camp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The command line as a process of its own: a new JVM on this build's classes, so that a test
 * can kill it with {@code kill -9} ({@link Process#destroyForcibly}), run a second command beside
 * it, or watch its files while it works. Output goes to a log file the test can read.
 */
public final class CampProcess {
    private final List<String> args;
    private String mainClass = "camp.cli.Main";
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path directory;
    private Path log;
    private Process process;

    private CampProcess(List<String> args) {
        this.args = List.copyOf(args);
    }

    /** {@code camp ARGS...} to be started. */
    public static CampProcess camp(String... args) {
        return new CampProcess(List.of(args));
    }

    /** Another main class of this build's classes (the tests' helpers too), to be started. */
    public static CampProcess java(String mainClass, String... args) {
        CampProcess p = new CampProcess(List.of(args));
        p.mainClass = mainClass;
        return p;
    }

    /** A system property of the JVM, such as a fault-injection switch. */
    public CampProcess property(String name, String value) {
        properties.put(name, value);
        return this;
    }

    public CampProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The working folder (default: the test's). */
    public CampProcess in(Path dir) {
        this.directory = dir;
        return this;
    }

    /** Where stdout and stderr go (default: a temporary file). */
    public CampProcess log(Path file) {
        this.log = file;
        return this;
    }

    public CampProcess start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the module options of this JVM (Spark's, from surefire's argLine): a run on Spark needs them too
        for (String option : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("--add-opens") || option.startsWith("-Djdk.reflect.") || option.startsWith("-Dio.netty.")) {
                command.add(option);
            }
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        if (log == null) {
            log = Files.createTempFile("camp-process", ".log");
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    /** Starts the command and waits for it; returns its exit code. */
    public int run(long seconds) throws IOException, InterruptedException {
        start();
        return await(seconds);
    }

    /** Waits for the process to end; returns its exit code. */
    public int await(long seconds) throws InterruptedException, IOException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("camp " + String.join(" ", args) + " did not end in " + seconds + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** {@code kill -9}: the process ends at once, without running any of its shutdown code. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process did not die");
    }

    /** {@code kill} (SIGTERM): the process is asked to end, and runs its shutdown code. */
    public void terminate() {
        process.destroy();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the process printed so far. */
    public String output() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "camp " + String.join(" ", args) + "\n" + output();
    }

    /** Waits until the condition holds (polling), failing after the timeout. */
    public static void waitUntil(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
