package camp.syntax;

import camp.diag.Code;
import camp.diag.Diagnostic;
import camp.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a .camp file as UTF-8; bytes that are not UTF-8 are a diagnostic, not an exception. */
public final class SourceReader {
    private SourceReader() {
    }

    /** The file read, and any diagnostic about its encoding. */
    public record Read(SourceFile source, List<Diagnostic> diagnostics) {
    }

    public static Read read(String displayName, Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        return decode(displayName, path, bytes);
    }

    public static Read decode(String displayName, Path path, byte[] bytes) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String text;
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            text = strict.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.UTF_8);
            int bad = firstBadByte(bytes);
            SourceFile source = new SourceFile(displayName, path, stripBom(text));
            diagnostics.add(Diagnostic.inFile(source, Code.INVALID_UTF8, bad));
            return new Read(source, diagnostics);
        }
        return new Read(new SourceFile(displayName, path, stripBom(text)), diagnostics);
    }

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int firstBadByte(byte[] bytes) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        var result = d.decode(in, out, true);
        return result.isError() ? in.position() : 0;
    }
}
