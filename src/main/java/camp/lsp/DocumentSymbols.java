package camp.lsp;

import camp.ast.Activity;
import camp.ast.CampFile;
import camp.ast.Name;
import camp.ast.Statement;
import camp.source.Span;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.jsonrpc.messages.Either;

/**
 * The outline of a document: params, entities (with their attributes and links as children),
 * audiences and activities (with the segments, branches or columns they make), in source order.
 * Read from the document's own syntax tree, so that it works while the file has errors (a
 * statement with a syntax error is missing until it is fixed).
 */
final class DocumentSymbols {
    private DocumentSymbols() {
    }

    static List<Either<SymbolInformation, DocumentSymbol>> of(Analysis a, boolean hierarchical) {
        List<DocumentSymbol> tree = tree(a.index().document());
        List<Either<SymbolInformation, DocumentSymbol>> out = new ArrayList<>();
        if (hierarchical) {
            tree.forEach(s -> out.add(Either.forRight(s)));
            return out;
        }
        for (DocumentSymbol s : tree) {
            flatten(a.uri(), s, null, out);
        }
        return out;
    }

    static List<DocumentSymbol> tree(CampFile file) {
        List<DocumentSymbol> out = new ArrayList<>();
        for (Statement st : file.statements()) {
            if (st instanceof Statement.Param p) {
                out.add(symbol(p.name(), p.span(), SymbolKind.Constant, p.type().label(), List.of()));
            } else if (st instanceof Statement.Entity e) {
                List<DocumentSymbol> members = new ArrayList<>();
                e.attributes().forEach(at -> members.add(symbol(at.name(), at.span(), SymbolKind.Field, at.type().label(), List.of())));
                e.links().forEach(l -> members.add(symbol(l.name(), l.span(), SymbolKind.Property,
                        (l.many() ? "many " : "one ") + l.target().value(), List.of())));
                out.add(symbol(e.name(), e.span(), SymbolKind.Class, "entity", members));
            } else if (st instanceof Statement.Audience au) {
                out.add(symbol(au.name(), au.span(), SymbolKind.Variable, "audience of " + au.base().value(), List.of()));
            } else if (st instanceof Statement.ActivityDecl ad) {
                out.add(symbol(ad.name(), ad.span(), SymbolKind.Function, ad.activity().kind(), children(ad.activity())));
            }
        }
        return out;
    }

    private static List<DocumentSymbol> children(Activity a) {
        List<DocumentSymbol> out = new ArrayList<>();
        if (a instanceof Activity.Split split) {
            split.segments().forEach(s -> out.add(symbol(s.name(), s.span(), SymbolKind.EnumMember, "segment", List.of())));
        } else if (a instanceof Activity.Test test) {
            test.branches().forEach(b -> out.add(symbol(b.name(), b.span(), SymbolKind.EnumMember, "branch", List.of())));
        } else if (a instanceof Activity.Enrich enrich) {
            enrich.columns().forEach(c -> out.add(symbol(c.name(), c.span(), SymbolKind.Field, "column", List.of())));
        } else if (a instanceof Activity.Load load) {
            load.columns().forEach(c -> out.add(symbol(c.name(), c.span(), SymbolKind.Field, c.type().label(), List.of())));
        }
        return out;
    }

    private static DocumentSymbol symbol(Name name, Span extent, SymbolKind kind, String detail, List<DocumentSymbol> children) {
        Span whole = extent == null || extent.start() > name.span().start() || extent.end() < name.span().end() ? name.span() : extent;
        DocumentSymbol s = new DocumentSymbol(name.value().isEmpty() ? "?" : name.value(), kind, Positions.range(whole),
                Positions.range(name.span()), detail);
        s.setChildren(children);
        return s;
    }

    private static void flatten(String uri, DocumentSymbol s, String container, List<Either<SymbolInformation, DocumentSymbol>> out) {
        SymbolInformation info = new SymbolInformation();
        info.setName(s.getName());
        info.setKind(s.getKind());
        info.setLocation(new Location(uri, s.getRange()));
        info.setContainerName(container);
        out.add(Either.forLeft(info));
        if (s.getChildren() != null) {
            s.getChildren().forEach(c -> flatten(uri, c, s.getName(), out));
        }
    }
}
