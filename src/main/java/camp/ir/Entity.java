package camp.ir;

import static java.util.Objects.requireNonNull;

import camp.source.Span;
import camp.types.Type;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entity: where its records live, its key, its typed attributes (in declaration order), its
 * links and the consent attribute of each channel. {@code location} is the resolved file path
 * of a csv or parquet source, the table name of a table and the SQL text of a query.
 *
 * @param file the resolved file of a csv or parquet source, else null
 * @param span the entity's name where it is declared; null for the built-in delivery history
 */
public record Entity(
        String name, String key, SourceKind sourceKind, String location, Path file,
        Map<String, Type> attributes, Map<String, Link> links, Map<String, String> consents, Span span) {

    /** Where an entity's records come from (§4). */
    public enum SourceKind { TABLE, CSV, PARQUET, QUERY }

    /** The built-in delivery history that every addressable entity links to. */
    public static final String DELIVERIES = "deliveries";

    public Entity {
        requireNonNull(name, "name is null");
        requireNonNull(key, "key is null");
        requireNonNull(sourceKind, "sourceKind is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        consents = Collections.unmodifiableMap(new LinkedHashMap<>(consents));
    }

    public Type keyType() {
        return attributes.getOrDefault(key, Type.INT);
    }

    /** True for the built-in delivery history (a campaign cannot declare an entity of that name and replace it). */
    public boolean isDeliveries() {
        return DELIVERIES.equals(name) && span == null;
    }

    /** This entity with another set of links. */
    public Entity withLinks(Map<String, Link> newLinks) {
        return new Entity(name, key, sourceKind, location, file, attributes, newLinks, consents, span);
    }
}
