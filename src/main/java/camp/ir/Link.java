package camp.ir;

import static java.util.Objects.requireNonNull;


/**
 * A link from one entity to another. For a many link, {@code column} is the target's column
 * holding the owner's key ({@code purchases.profile_id = profiles.id}); for a one link, it is
 * the owner's column holding the target's key ({@code profiles.favorite_store_id = stores.store_id}).
 */
public record Link(String name, String owner, boolean many, String target, String column) {
    public Link {
        requireNonNull(name, "name is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(target, "target is null");
        requireNonNull(column, "column is null");
    }

    /** True for the implicit link from an addressable entity to the delivery history. */
    public boolean isDeliveries() {
        return many && Entity.DELIVERIES.equals(target) && Entity.DELIVERIES.equals(name);
    }
}
