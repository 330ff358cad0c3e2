package camp.fmt;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import camp.syntax.Parsed;
import camp.syntax.Syntax;
import camp.syntax.antlr.CampLexer;
import camp.syntax.antlr.CampParser;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The formatter of .camp files: one canonical layout, the one of the samples. The public API that
 * {@code camp fmt} and the language server call.
 *
 * <p>A file with syntax errors is not formatted: the result carries the errors instead. Otherwise
 * only whitespace changes (and the optional {@code ;} between flow chains goes); the result is
 * checked to have the same AST, tokens and comments as the source before it is returned.
 */
public final class Formatter {
    private static final long STACK_BYTES = 1L << 30;

    private Formatter() {
    }

    /**
     * The formatted text of a file, or the syntax errors that prevent formatting it.
     *
     * @throws IllegalStateException on a bug of the formatter (a result that would not mean the
     *     same as the source): never a reason to change the file
     */
    public static Formatted format(SourceFile file) {
        requireNonNull(file, "file is null");
        AtomicReference<Formatted> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        // deeply nested input is parsed, not a stack overflow: the same large stack as the checker's
        Thread worker = new Thread(null, () -> {
            try {
                result.set(formatNow(file));
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "camp-fmt", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("camp fmt: interrupted while formatting " + file.name(), e);
        }
        Throwable t = failure.get();
        if (t instanceof StackOverflowError) {
            throw new IllegalStateException("camp fmt: " + file.name() + " is nested too deeply to format", t);
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        } else if (t != null) {
            throw new IllegalStateException(t);
        }
        return result.get();
    }

    private static Formatted formatNow(SourceFile file) {
        Parsed parsed = Syntax.parse(file);
        if (parsed.hasErrors()) {
            return new Formatted(file, null, parsed.diagnostics());
        }
        String text = layout(file);
        Invariants.check(file, parsed, text);
        return new Formatted(file, text, parsed.diagnostics());
    }

    /** The text of a file in the canonical layout; the file must parse. */
    static String layout(SourceFile file) {
        CampLexer lexer = new CampLexer(CharStreams.fromString(file.text(), file.name()));
        lexer.removeErrorListeners();
        CommonTokenStream stream = new CommonTokenStream(lexer);
        stream.fill();
        List<Token> tokens = stream.getTokens();
        CampParser parser = new CampParser(stream);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        CampParser.FileContext tree;
        try {
            tree = parser.file();
        } catch (ParseCancellationException e) {
            stream.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                tree = parser.file();
            } catch (ParseCancellationException again) {
                throw new IllegalStateException("camp fmt: " + file.name() + " parses for checking, not for formatting", again);
            }
        }
        Structure structure = StructureBuilder.build(tree, tokens);
        return Printer.print(tokens, structure, lineBreak(file.text()));
    }

    /** The file's own line break: CRLF if its first line ends with one, else LF. */
    private static String lineBreak(String text) {
        int lf = text.indexOf('\n');
        return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
    }
}
