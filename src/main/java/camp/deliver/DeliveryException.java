package camp.deliver;

/**
 * A message that a provider could not take. {@link #permanent()} tells the two cases apart: a permanent
 * failure concerns this message only (a malformed address, a rejected recipient) and the message goes to
 * the channel's {@code failed} output; any other failure means the provider itself is not working (disk
 * full, network down) and the task fails, to be resumed later with the same message keys.
 */
public final class DeliveryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /** A failure of the provider (not permanent). */
    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
        this.permanent = false;
    }

    public DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
    }

    /** Whether the failure belongs to this message, so that sending it again would fail again. */
    public boolean permanent() {
        return permanent;
    }
}
