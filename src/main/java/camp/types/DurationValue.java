package camp.types;

import static java.util.Objects.requireNonNull;

import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** A duration literal such as {@code 90 days}: an amount of one calendar unit. */
public record DurationValue(long amount, ChronoUnit unit) {
    public DurationValue {
        requireNonNull(unit, "unit is null");
    }

    /** The SQL INTERVAL unit keyword for this duration. */
    public String sqlUnit() {
        return switch (unit) {
            case MINUTES -> "MINUTE";
            case HOURS -> "HOUR";
            case DAYS -> "DAY";
            case WEEKS -> "WEEK";
            case MONTHS -> "MONTH";
            case YEARS -> "YEAR";
            default -> throw new IllegalStateException("unit " + unit);
        };
    }

    /** Approximate length, exact for minutes to weeks (used for waits and pacing). */
    public java.time.Duration approximate() {
        return unit.getDuration().multipliedBy(amount);
    }

    @Override
    public String toString() {
        String u = unit.name().toLowerCase(Locale.ROOT);
        return amount + " " + (amount == 1 ? u.substring(0, u.length() - 1) : u);
    }
}
