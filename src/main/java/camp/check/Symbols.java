package camp.check;

import camp.ir.Audience;
import camp.ir.Entity;
import camp.ir.Param;
import camp.source.Span;
import java.util.LinkedHashMap;
import java.util.Map;

/** The names a campaign declares, filled by the checker as it goes. */
final class Symbols {
    /** The project the campaign belongs to: the folders its files may be read from. */
    final camp.project.Project project;

    Symbols(camp.project.Project project) {
        this.project = project;
    }

    final Map<String, Entity> entities = new LinkedHashMap<>();
    final Map<String, Param> params = new LinkedHashMap<>();
    final Map<String, Audience> audiences = new LinkedHashMap<>();
    /** Names declared by statements that had syntax errors: known to exist, never reported as unknown. */
    final java.util.Set<String> broken = new java.util.HashSet<>();
    /** Audiences defined in terms of themselves (reported once). */
    final java.util.Set<String> cyclic = new java.util.HashSet<>();
    /** Whether some statement of the campaign had a syntax error. */
    boolean incomplete;

    /** Whether an unknown name should be reported (it is not just the victim of a syntax error). */
    boolean reportUnknown(String name) {
        return !broken.contains(name) && !cyclic.contains(name);
    }

    /** Where each name was first declared, for duplicate reports. */
    final Map<String, Span> declared = new LinkedHashMap<>();
    /** Resolves an audience on first use (audiences may be used before they are declared). */
    java.util.function.BiFunction<String, Span, Audience> audienceResolver;

    Audience audience(String name, Span useSite) {
        Audience info = audiences.get(name);
        if (info == null && audienceResolver != null) {
            info = audienceResolver.apply(name, useSite);
        }
        return info;
    }
}
