package camp.lsp;

import static java.util.Objects.requireNonNull;

import camp.source.SourceFile;
import camp.source.Span;
import java.nio.file.Path;

/**
 * Something a name stands for, identified by where it is declared, so that two analyses that
 * read the same file (a campaign and the library it imports) agree on which symbol a name is.
 *
 * @param owner the entity of an attribute or link, the activity of a segment or column; else null
 * @param declaration the name where it is declared; null for what is built in (the delivery history)
 *     and for a saved audience that no activity of the file saves
 * @param extent the whole declaration (for document symbols and hovers); null when {@code declaration} is
 * @param detail a short description: the type of an attribute, param or column, the kind of an activity...
 */
record Symbol(SymbolKind kind, String name, String owner, Span declaration, Span extent, String detail) {
    Symbol {
        requireNonNull(kind, "kind is null");
        requireNonNull(name, "name is null");
    }

    /** The same for every analysis that reads the declaration's file: its file and offset. */
    String id() {
        if (kind == SymbolKind.SAVED_AUDIENCE) {
            return "saved:" + name;
        }
        if (declaration == null) {
            return "builtin:" + kind + ":" + owner + "." + name;
        }
        return fileKey(declaration.file()) + "#" + declaration.start();
    }

    /** The name with its owner, as in {@code profiles.email} or {@code tiers.gold}. */
    String qualifiedName() {
        return owner == null ? name : owner + "." + name;
    }

    /** A file's identity across analyses: its path, or its name for text without a file. */
    static String fileKey(SourceFile file) {
        Path p = file.path();
        return p != null ? p.toAbsolutePath().normalize().toString() : "buffer:" + file.name();
    }
}
