package camp.model;

import static java.util.Objects.requireNonNull;

import camp.ast.Statement;
import camp.types.Type;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A checked entity: its source, key, typed attributes (in declaration order), links and
 * consent attributes per channel. {@code location} is the resolved file path for csv and
 * parquet sources, the table name for tables and the SQL text for queries.
 */
public record EntityInfo(
        String name, String key, Statement.SourceKind sourceKind, String location, Path file,
        Map<String, Type> attributes, Map<String, LinkInfo> links, Map<String, String> consents,
        Statement.Entity decl) {

    public EntityInfo {
        requireNonNull(name, "name is null");
        requireNonNull(key, "key is null");
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        links = Collections.unmodifiableMap(new LinkedHashMap<>(links));
        consents = Collections.unmodifiableMap(new LinkedHashMap<>(consents));
    }

    public Type keyType() {
        return attributes.getOrDefault(key, Type.INT);
    }

    /** The built-in delivery history that every addressable entity links to. */
    public static final String DELIVERIES = "deliveries";

    public boolean isDeliveries() {
        return DELIVERIES.equals(name) && decl == null;
    }
}
