package camp.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration on the command line: {@code 30d}, {@code 12h}, {@code 90m}, {@code 45s}, {@code 2w}, or {@code 30 days}. */
final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9})\\s*(s|sec|seconds?|m|min|minutes?|h|hours?|d|days?|w|weeks?)");

    private Durations() {
    }

    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write 30d, 12h, 90m, 45s or 2w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
