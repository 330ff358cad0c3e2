package camp.cli;

import camp.lsp.LspServer;
import camp.lsp.LspSettings;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code camp lsp}: the language server, over stdin and stdout, until the editor says exit. */
@Command(name = "lsp", mixinStandardHelpOptions = true,
        description = {
            "Start the camp language server: the Language Server Protocol over stdin and stdout, for editors.",
            "Diagnostics as you type (the same as camp check), hover (types, definitions, an activity's SQL and the",
            "counts of its last run), go to definition, find references and rename across imports, document symbols."},
        footer = {
            "",
            "Editors start it themselves; see the README's section \"Editors\" for VS Code, Neovim, Helix and Emacs.",
            "Nothing but the protocol is written to stdout; the server's own errors go to stderr and to the editor's log.",
            "",
            "Exit codes: 0 when the editor sent shutdown then exit, 1 when it exited or closed the input without shutdown.",
            "",
            "Examples:",
            "  camp lsp",
            "  camp lsp --db data/crm.duckdb"})
final class LspCommand implements Callable<Integer> {
    @Option(names = "--stdio",
            description = "Speak over stdin and stdout: the default and only transport (accepted for editors that pass it).")
    boolean stdio;

    @Option(names = "--db", paramLabel = "PATH",
            description = "The run state whose last-run counts hovers show (default: .camp/camp.duckdb in each campaign's project folder,"
                    + " a workspace folder or the current folder, when it exists). It is only ever opened read-only.")
    Path database;

    @Option(names = "--debounce", paramLabel = "MS", defaultValue = "0",
            description = "Wait this long after a change before checking (default: ${DEFAULT-VALUE}; changes that arrive"
                    + " while a check runs are coalesced either way).")
    long debounceMillis;

    @Override
    public Integer call() throws InterruptedException {
        InputStream in = new FileInputStream(FileDescriptor.in);
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        PrintStream protocol = System.out;
        // stdout carries the protocol: anything else printed by mistake goes to stderr instead
        System.setOut(System.err);
        LspServer server = LspServer.start(in, out, new LspSettings(database, Math.max(0, debounceMillis)));
        try {
            return server.awaitExit();
        } finally {
            server.close();
            protocol.flush();
        }
    }
}
