package camp.lsp;

import camp.ast.CampFile;
import camp.source.SourceFile;
import camp.source.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every name of one analysis (a document and the files it imports) with the symbol it stands
 * for, resolved as the checker resolves it: declarations, uses in expressions, in the flow, in
 * message placeholders. Built by {@link Indexer}; immutable.
 *
 * @param files the parsed files, the document last (its imports first, as the checker reads them)
 * @param symbols every declared symbol, in declaration order (duplicates included)
 * @param entities the entities by name as the checker sees them (the first declaration wins)
 * @param audiences the audiences by name
 * @param params the params by name
 * @param activities the document's activities by name
 * @param imports for each imported file, the document's import statement through which it is read
 */
record SymbolIndex(List<CampFile> files, List<Symbol> symbols, Map<String, Symbol> entities, Map<String, Symbol> audiences,
        Map<String, Symbol> params, Map<String, Symbol> activities, Map<Path, Span> imports,
        Map<String, List<Occurrence>> byFile, Map<String, List<Occurrence>> bySymbol) {

    static SymbolIndex of(List<CampFile> files, List<Symbol> symbols, Map<String, Symbol> entities, Map<String, Symbol> audiences,
            Map<String, Symbol> params, Map<String, Symbol> activities, Map<Path, Span> imports, List<Occurrence> occurrences) {
        Map<String, List<Occurrence>> byFile = new LinkedHashMap<>();
        Map<String, List<Occurrence>> bySymbol = new LinkedHashMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Occurrence o : occurrences) {
            String file = Symbol.fileKey(o.span().file());
            if (!seen.add(file + "@" + o.span().start() + ":" + o.span().end())) {
                continue; // a name resolved twice (an audience's rule is read for each use): one occurrence
            }
            byFile.computeIfAbsent(file, k -> new ArrayList<>()).add(o);
            bySymbol.computeIfAbsent(o.symbol().id(), k -> new ArrayList<>()).add(o);
        }
        byFile.values().forEach(list -> list.sort(Comparator.comparingInt(o -> o.span().start())));
        return new SymbolIndex(List.copyOf(files), List.copyOf(symbols), Collections.unmodifiableMap(entities),
                Collections.unmodifiableMap(audiences), Collections.unmodifiableMap(params), Collections.unmodifiableMap(activities),
                Collections.unmodifiableMap(imports), byFile, bySymbol);
    }

    /** The name at an offset of a file (the offset may be just after the name, where the cursor is after typing it). */
    Occurrence at(SourceFile file, int offset) {
        List<Occurrence> list = byFile.get(Symbol.fileKey(file));
        if (list == null) {
            return null;
        }
        int lo = 0;
        int hi = list.size() - 1;
        Occurrence best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Occurrence o = list.get(mid);
            if (o.span().start() <= offset) {
                best = o;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (best != null && offset <= best.span().end()) {
            return best;
        }
        return null;
    }

    /** Every occurrence of a symbol in this analysis's files, declaration included. */
    List<Occurrence> occurrences(String symbolId) {
        return bySymbol.getOrDefault(symbolId, List.of());
    }

    /** Every occurrence in a file, in order. */
    List<Occurrence> occurrencesIn(SourceFile file) {
        return byFile.getOrDefault(Symbol.fileKey(file), List.of());
    }

    /** The parsed document (the last file). */
    CampFile document() {
        return files.get(files.size() - 1);
    }

    /** The symbol a declaration span stands for, by id, if this analysis declares it. */
    Symbol symbol(String id) {
        List<Occurrence> list = bySymbol.get(id);
        return list == null || list.isEmpty() ? null : list.get(0).symbol();
    }
}
