package camp.run;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Times given on the command line (§9): an ISO instant ({@code 2026-03-10T09:00:00Z},
 * {@code 2026-03-10T10:00:00+01:00}) or a local time ({@code 2026-03-10 09:00}, or a date
 * alone for midnight) in the campaign's time zone.
 */
public final class Times {
    private Times() {
    }

    public static Instant parse(String text, ZoneId zone) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T')).toInstant();
        } catch (DateTimeParseException ignored) {
            // not an instant with an offset; try a local time
        }
        try {
            return Instant.parse(t.replace(' ', 'T'));
        } catch (DateTimeParseException ignored) {
            // not an instant either
        }
        try {
            return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException ignored) {
            // maybe a date alone
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time: use 2026-03-10T09:00:00Z, "
                    + "2026-03-10T10:00:00+01:00 or 2026-03-10 09:00 (in the campaign's time zone)");
        }
    }
}
