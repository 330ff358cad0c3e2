package camp.cli;

/** The exit codes of every camp command, documented in the README and in --help. */
public final class ExitCodes {
    /** Success: no errors. */
    public static final int OK = 0;
    /** The scripts have errors (diagnostics were printed). */
    public static final int SCRIPT_ERRORS = 1;
    /** Bad usage or an unreadable file. */
    public static final int USAGE = 2;
    /** A run failed (a task failed; see camp tasks and camp logs). */
    public static final int RUN_FAILED = 3;
    /** An internal error: a bug in camp. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    /** What an exit code means, in the words of the help's "Exit codes" lines. */
    public static String meaning(int code) {
        return switch (code) {
            case OK -> "ok";
            case SCRIPT_ERRORS -> "errors in scripts";
            case USAGE -> "usage, or an unreadable file or database";
            case RUN_FAILED -> "run failed";
            default -> "internal error";
        };
    }
}
