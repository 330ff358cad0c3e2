package camp.lsp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.DidChangeWorkspaceFoldersParams;
import org.eclipse.lsp4j.FileEvent;
import org.eclipse.lsp4j.WorkspaceFolder;
import org.eclipse.lsp4j.services.WorkspaceService;

/**
 * The {@code workspace/*} half: files that change on disk (a library saved by another program,
 * a template, {@code camp.toml}) make the open documents that read them be checked again; the
 * workspace folders say where references and renames look for other campaigns.
 */
final class CampWorkspaceService implements WorkspaceService {
    private final CampLanguageServer server;

    CampWorkspaceService(CampLanguageServer server) {
        this.server = server;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        // no settings yet
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        server.notification("workspace/didChangeWatchedFiles", () -> {
            Set<Path> paths = new HashSet<>();
            boolean all = false;
            for (FileEvent e : params.getChanges() == null ? List.<FileEvent>of() : params.getChanges()) {
                Path p = DocumentStore.pathOf(e == null ? null : e.getUri());
                if (p != null) {
                    paths.add(p);
                    // a project file or a template may matter to any campaign
                    all |= !p.toString().endsWith(".camp");
                }
            }
            server.analyzer.filesChanged(paths, all);
        });
    }

    @Override
    public void didChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams params) {
        server.notification("workspace/didChangeWorkspaceFolders", () -> {
            List<Path> roots = new ArrayList<>(server.analyzer.roots());
            if (params.getEvent() != null) {
                for (WorkspaceFolder f : nonNull(params.getEvent().getRemoved())) {
                    roots.remove(DocumentStore.pathOf(f.getUri()));
                }
                for (WorkspaceFolder f : nonNull(params.getEvent().getAdded())) {
                    Path p = DocumentStore.pathOf(f.getUri());
                    if (p != null && !roots.contains(p)) {
                        roots.add(p);
                    }
                }
            }
            server.analyzer.roots(roots);
        });
    }

    private static List<WorkspaceFolder> nonNull(List<WorkspaceFolder> list) {
        return list == null ? List.of() : list;
    }
}
