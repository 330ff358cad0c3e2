package camp.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The later stages of explain (ir, sql); they join as the compiler grows. */
final class Stages {
    private Stages() {
    }

    static int explain(String stage, Path file, PrintWriter out, PrintWriter err) {
        err.println("camp: unknown stage '" + stage + "'; the stages are tokens, ast");
        return ExitCodes.USAGE;
    }
}
