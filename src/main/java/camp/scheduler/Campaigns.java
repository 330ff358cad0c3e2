package camp.scheduler;

import camp.check.Checked;
import camp.check.Frontend;
import camp.diag.Diagnostic;
import camp.diag.DiagnosticRenderer;
import camp.ir.Plan;
import camp.run.DuckDbQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The campaigns under the scheduler's paths: every {@code .camp} file (folders are walked) with
 * a {@code campaign} and a {@code schedule}. A file is checked again when it changes; one that
 * no longer checks is reported with its diagnostics, and the campaign is not run, neither its
 * new version nor its last good one, until it is fixed.
 */
final class Campaigns {
    /** A campaign the scheduler runs: its name, its file, and its plan as last checked without error. */
    record Campaign(String name, Path file, Plan plan) {
    }

    /** What the scheduler knows of one file. */
    private record Seen(FileTime modified, Campaign campaign, boolean broken) {
    }

    private final List<Path> paths;
    private final Events events;
    private final Map<Path, Seen> seen = new LinkedHashMap<>();
    /** The files already reported as naming the campaign of another file, with the version reported. */
    private final Map<Path, FileTime> duplicates = new LinkedHashMap<>();

    Campaigns(List<Path> paths, Events events) {
        this.paths = List.copyOf(paths);
        this.events = events;
    }

    /** Reads the files that are new or changed since the last look; reports what changed. */
    void refresh(java.time.Instant at) {
        List<Path> files = files();
        for (Path gone : new ArrayList<>(seen.keySet())) {
            if (!files.contains(gone)) {
                Seen s = seen.remove(gone);
                if (s.campaign() != null) {
                    events.emit(at, "removed", s.campaign().name(), null, "its file " + gone + " is gone: it is no longer run");
                }
            }
        }
        for (Path file : files) {
            FileTime modified;
            try {
                modified = Files.getLastModifiedTime(file);
            } catch (IOException e) {
                continue;
            }
            Seen before = seen.get(file);
            if (before != null && before.modified().equals(modified)) {
                continue;
            }
            seen.put(file, check(at, file, modified, before));
        }
    }

    private Seen check(java.time.Instant at, Path file, FileTime modified, Seen before) {
        Checked checked;
        try {
            checked = Frontend.check(file, file.toString(), DuckDbQueries.INSTANCE);
        } catch (IOException e) {
            events.emit(at, "error", null, null, "cannot read " + file + ": " + e.getMessage());
            return new Seen(modified, null, true);
        }
        if (checked.hasErrors()) {
            StringBuilder detail = new StringBuilder(file + " no longer checks; its campaign is not run until it does:");
            DiagnosticRenderer renderer = new DiagnosticRenderer(false);
            for (Diagnostic d : checked.diagnostics()) {
                if (d.isError()) {
                    detail.append('\n').append(renderer.render(d).stripTrailing());
                }
            }
            String name = before != null && before.campaign() != null ? before.campaign().name() : null;
            events.emit(at, "invalid", name, null, detail.toString());
            return new Seen(modified, null, true);
        }
        Plan plan = checked.plan();
        if (!plan.isCampaign() || plan.schedule() == null) {
            return new Seen(modified, null, false); // a library, or a campaign one runs by hand
        }
        Campaign campaign = new Campaign(plan.campaign(), file, plan);
        events.emit(at, before == null ? "loaded" : "reloaded", campaign.name(), null, file.toString());
        return new Seen(modified, campaign, false);
    }

    /** The campaigns to run, by name; a second file with a campaign's name is reported and left out. */
    Collection<Campaign> current(java.time.Instant at) {
        Map<String, Campaign> byName = new LinkedHashMap<>();
        for (Seen s : seen.values()) {
            if (s.campaign() == null) {
                continue;
            }
            Campaign first = byName.putIfAbsent(s.campaign().name(), s.campaign());
            if (first != null && !s.modified().equals(duplicates.put(s.campaign().file(), s.modified()))) {
                events.emit(at, "error", s.campaign().name(), null, s.campaign().file() + " names the same campaign as "
                        + first.file() + "; only the first is run");
            }
        }
        return byName.values();
    }

    /** Whether a file under the paths was seen, whatever it holds. */
    boolean isEmpty() {
        return seen.values().stream().allMatch(s -> s.campaign() == null && !s.broken());
    }

    /** Every .camp file under the paths, sorted. */
    private List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> f.toString().endsWith(".camp") && Files.isRegularFile(f))
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .map(f -> f.toAbsolutePath().normalize()).forEach(files::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    // a folder that cannot be read now is read again next time
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p.toAbsolutePath().normalize());
            }
        }
        return files.stream().distinct().sorted().toList();
    }
}
