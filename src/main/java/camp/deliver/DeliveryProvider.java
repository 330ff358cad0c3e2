package camp.deliver;

/**
 * Where channel activities hand their messages: a file outbox by default, an e-mail, SMS or push
 * service otherwise.
 *
 * <p>The contract that makes "never twice for the same run, activity and recipient" hold across crashes:
 * the interpreter plans every message in its ledger, sends a batch, calls {@link #flush()}, and only then
 * records the batch as sent; a resume sends only what is still planned. A provider must have made every
 * message durable or handed it over for good when {@code flush} returns, and must pass the stable
 * {@link Message#messageKey()} on: the file outbox never writes a key twice, so it is exactly once; an SMTP
 * server gets it as the Message-ID and a webhook as the {@code Idempotency-Key}, so the messages of the
 * batch in flight at a crash may reach them again, always under the same key, and none is lost.
 * Implementations are safe for use by one thread at a time at least.
 */
public interface DeliveryProvider extends AutoCloseable {
    /** Sends one message, or does nothing if its key was sent before. */
    void send(Message message) throws DeliveryException;

    /** Makes every message sent so far durable; the default is for providers whose {@code send} already is. */
    default void flush() throws DeliveryException {
    }

    /**
     * The first half of {@link #flush()} for a provider that {@linkplain #sendsOnFlush() sends on flush}:
     * hands what is queued on (to the file), not yet durably. {@link #sync()} then makes it durable,
     * and may run on another thread while the next messages are sent.
     */
    default void push() throws DeliveryException {
        flush();
    }

    /** The second half of {@link #flush()}: makes what was pushed durable; safe beside {@link #send}. */
    default void sync() throws DeliveryException {
    }

    /**
     * Whether {@link #send} only queues and nothing reaches the recipient before {@link #flush}: then
     * the sender may render the next batch while the last one is being recorded, and still no more
     * than one batch is ever sent and not yet recorded.
     */
    default boolean sendsOnFlush() {
        return false;
    }

    /** Flushes and releases the provider's resources. */
    @Override
    void close() throws DeliveryException;
}
