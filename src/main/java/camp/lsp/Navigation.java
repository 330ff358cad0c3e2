package camp.lsp;

import camp.ast.Statement;
import camp.source.SourceFile;
import camp.source.Span;
import camp.syntax.Syntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PrepareRenameResult;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;

/**
 * Go to definition, find references and rename, across imports: a symbol is known by where it
 * is declared ({@link Symbol#id()}), and its uses are gathered from every analysis that reads
 * that file: the document's, the other open documents', and those of the workspace's .camp
 * files (checked from disk, with the open documents as the editor holds them).
 */
final class Navigation {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** The words that can never be names (the expression operators, §2). */
    static final Set<String> RESERVED = Set.of("and", "or", "not", "in", "is", "null", "true", "false", "between", "contains",
            "starts", "ends", "matches", "where");

    /** Where the analyses of other files come from. */
    interface Workspace {
        /** The analyses of the open documents and of the workspace's .camp files that may name a symbol. */
        List<Analysis> analysesNaming(String name);

        /** The URI under which the editor knows a file of an analysis. */
        String uri(Analysis a, SourceFile file);

        /** The URI under which the editor knows a file. */
        String uri(Path file);
    }

    private final Workspace workspace;

    Navigation(Workspace workspace) {
        this.workspace = workspace;
    }

    List<Location> definition(Analysis a, Position position) {
        Occurrence o = at(a, position);
        if (o == null) {
            return importedFile(a, Positions.offset(a.source(), position));
        }
        Symbol s = o.symbol();
        if (s.kind() == SymbolKind.SAVED_AUDIENCE) {
            // a saved audience is declared by the save audience activities that write it, in any campaign
            List<Location> out = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Analysis other : related(a, s)) {
                for (Occurrence d : other.index().occurrences(s.id())) {
                    if (d.declaration() && seen.add(key(d.span()))) {
                        out.add(location(other, d.span()));
                    }
                }
            }
            return out;
        }
        return s.declaration() == null ? List.of() : List.of(location(a, s.declaration()));
    }

    /** The file an {@code import "..."} at the offset names, when it exists. */
    private List<Location> importedFile(Analysis a, int offset) {
        Path folder = a.source().path() == null ? Path.of("").toAbsolutePath() : a.source().path().toAbsolutePath().getParent();
        for (Statement.Import imp : a.index().document().all(Statement.Import.class)) {
            if (imp.pathSpan().start() <= offset && offset <= imp.pathSpan().end()) {
                try {
                    Path target = folder.resolve(imp.path()).normalize();
                    if (Files.isRegularFile(target)) {
                        return List.of(new Location(workspace.uri(target), Positions.fileStart()));
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    return List.of();
                }
            }
        }
        return List.of();
    }

    List<Location> references(Analysis a, Position position, boolean includeDeclaration) {
        Occurrence o = at(a, position);
        if (o == null) {
            return List.of();
        }
        List<Location> out = new ArrayList<>();
        for (Found f : occurrences(a, o.symbol())) {
            if (includeDeclaration || !f.occurrence().declaration()) {
                out.add(location(f.analysis(), f.occurrence().span()));
            }
        }
        return out;
    }

    PrepareRenameResult prepareRename(Analysis a, Position position) {
        Occurrence o = at(a, position);
        if (o == null) {
            throw refuse(nothingHere(a, position));
        }
        refuseUnrenamable(o.symbol());
        return new PrepareRenameResult(Positions.range(o.span()), o.symbol().name());
    }

    WorkspaceEdit rename(Analysis a, Position position, String newName) {
        Occurrence o = at(a, position);
        if (o == null) {
            throw refuse(nothingHere(a, position));
        }
        Symbol s = o.symbol();
        refuseUnrenamable(s);
        String name = newName == null ? "" : newName.strip();
        if (RESERVED.contains(name)) {
            throw refuse("'" + name + "' is a reserved word of camp and cannot be a name; choose another one");
        }
        if (!IDENTIFIER.matcher(name).matches()) {
            throw refuse("'" + name + "' is not a valid name: a name starts with a letter or '_' and has only letters, digits and '_'");
        }
        if (name.equals(s.name())) {
            return new WorkspaceEdit(Map.of());
        }
        String taken = taken(a.index(), s, name);
        if (taken != null) {
            throw refuse("cannot rename " + s.kind().label() + " '" + s.name() + "' to '" + name + "': " + taken);
        }
        Map<String, List<TextEdit>> changes = new LinkedHashMap<>();
        for (Found f : occurrences(a, s)) {
            Span span = f.occurrence().span();
            String written = span.text();
            if (!written.equals(s.name()) && !written.equals("`" + s.name() + "`")) {
                continue; // not the name as written: leave it alone rather than break it
            }
            String uri = workspace.uri(f.analysis(), span.file());
            changes.computeIfAbsent(uri, k -> new ArrayList<>()).add(new TextEdit(Positions.range(span), name));
        }
        return new WorkspaceEdit(changes);
    }

    private static Occurrence at(Analysis a, Position position) {
        return a.index().at(a.source(), Positions.offset(a.source(), position));
    }

    /** An occurrence and the analysis it was found in. */
    private record Found(Analysis analysis, Occurrence occurrence) {
    }

    /** Every occurrence of a symbol in every analysis that reads its declaration, each once. */
    private List<Found> occurrences(Analysis a, Symbol s) {
        Map<String, Found> found = new LinkedHashMap<>();
        for (Analysis other : related(a, s)) {
            for (Occurrence o : other.index().occurrences(s.id())) {
                found.putIfAbsent(key(o.span()), new Found(other, o));
            }
        }
        return List.copyOf(found.values());
    }

    /** The analysis first, then those of other files that read the symbol's file. */
    private List<Analysis> related(Analysis a, Symbol s) {
        List<Analysis> out = new ArrayList<>();
        out.add(a);
        Path declared = s.declaration() == null || s.declaration().file().path() == null ? null
                : s.declaration().file().path().toAbsolutePath().normalize();
        if (s.declaration() != null && declared == null) {
            return out; // declared in a buffer without a file: nothing else can read it
        }
        for (Analysis other : workspace.analysesNaming(s.name())) {
            if (other == null || other.uri().equals(a.uri())) {
                continue;
            }
            if (declared == null || other.files().contains(declared)) {
                out.add(other);
            }
        }
        return out;
    }

    private Location location(Analysis a, Span span) {
        return new Location(workspace.uri(a, span.file()), Positions.range(span));
    }

    private static String key(Span span) {
        return Symbol.fileKey(span.file()) + "@" + span.start() + ":" + span.end();
    }

    private static void refuseUnrenamable(Symbol s) {
        if (!s.kind().renamable()) {
            throw refuse("a " + s.kind().label() + " is named by a string; edit the string, camp does not rename it");
        }
        if (s.declaration() == null) {
            throw refuse("'" + s.qualifiedName() + "' is built in and cannot be renamed");
        }
    }

    /** Why a new name is not free, or null when it is. */
    private static String taken(SymbolIndex ix, Symbol s, String name) {
        switch (s.kind()) {
            case ENTITY, AUDIENCE -> {
                if (ix.entities().containsKey(name) || ix.audiences().containsKey(name)) {
                    return "an entity or audience of that name exists (they share one namespace)";
                }
            }
            case PARAM -> {
                if (ix.params().containsKey(name)) {
                    return "a param of that name exists";
                }
            }
            case ACTIVITY -> {
                if (ix.activities().containsKey(name)) {
                    return "an activity of that name exists";
                }
            }
            case ATTRIBUTE, LINK -> {
                for (Symbol other : ix.symbols()) {
                    if ((other.kind() == SymbolKind.ATTRIBUTE || other.kind() == SymbolKind.LINK) && s.owner().equals(other.owner())
                            && other.name().equals(name)) {
                        return "entity '" + s.owner() + "' has a member of that name";
                    }
                }
            }
            case SEGMENT, COLUMN -> {
                for (Symbol other : ix.symbols()) {
                    if (other.kind() == s.kind() && s.owner().equals(other.owner()) && other.name().equals(name)) {
                        return "'" + s.owner() + "' has one of that name";
                    }
                }
            }
            case SAVED_AUDIENCE -> {
                return null;
            }
        }
        return null;
    }

    /** Why there is nothing to rename at a position: a keyword, or no name at all. */
    private static String nothingHere(Analysis a, Position position) {
        int offset = Positions.offset(a.source(), position);
        for (Syntax.TokenView t : Syntax.tokens(a.source())) {
            if (t.span().start() <= offset && offset <= t.span().end() && t.text().matches("[a-z_]+")
                    && !t.type().equals("IDENTIFIER")) {
                return "'" + t.text() + "' is a keyword of camp, not a name: there is nothing to rename";
            }
            if (t.span().start() > offset) {
                break;
            }
        }
        return "there is no name to rename here: put the cursor on the name of an entity, attribute, link, audience, param,"
                + " activity, output or column";
    }

    static ResponseErrorException refuse(String message) {
        return new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidRequest, message, null));
    }

    /** The .camp files under the workspace folders (not in hidden, build or dependency folders), at most {@code limit}. */
    static List<Path> campFiles(List<Path> roots, int limit) {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (out.size() >= limit || !Files.isDirectory(root)) {
                continue;
            }
            try {
                Files.walkFileTree(root, Set.of(), 12, new java.nio.file.SimpleFileVisitor<>() {
                    @Override
                    public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                        String n = dir.getFileName() == null ? "" : dir.getFileName().toString();
                        boolean skip = !dir.equals(root) && (n.startsWith(".") || n.equals("node_modules") || n.equals("target"));
                        return skip ? java.nio.file.FileVisitResult.SKIP_SUBTREE : java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && file.toString().endsWith(".camp")) {
                            out.add(file.toAbsolutePath().normalize());
                        }
                        return out.size() >= limit ? java.nio.file.FileVisitResult.TERMINATE : java.nio.file.FileVisitResult.CONTINUE;
                    }

                    @Override
                    public java.nio.file.FileVisitResult visitFileFailed(Path file, java.io.IOException e) {
                        return java.nio.file.FileVisitResult.CONTINUE;
                    }
                });
            } catch (java.io.IOException | SecurityException e) {
                // an unreadable folder: the files found so far will do
            }
        }
        return out;
    }
}
