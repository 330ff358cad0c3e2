package camp.deliver;

/**
 * Where channel activities hand their messages: a file outbox by default, an e-mail, SMS or push
 * service otherwise.
 *
 * <p>The contract that makes "never twice for the same run, activity and recipient" hold across crashes:
 * the interpreter sends a batch, calls {@link #flush()}, and only then records the batch as sent. A
 * provider must therefore be idempotent on {@link Message#messageKey()} (it sends a key at most once,
 * however often it is given it) and must have made every message durable or handed it over for good
 * when {@code flush} returns. Implementations are safe for use by one thread at a time at least.
 */
public interface DeliveryProvider extends AutoCloseable {
    /** Sends one message, or does nothing if its key was sent before. */
    void send(Message message) throws DeliveryException;

    /** Makes every message sent so far durable; the default is for providers whose {@code send} already is. */
    default void flush() throws DeliveryException {
    }

    /** Flushes and releases the provider's resources. */
    @Override
    void close() throws DeliveryException;
}
