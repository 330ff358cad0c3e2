package camp.deliver;

import static java.util.Objects.requireNonNull;

/**
 * One rendered message, ready for a delivery provider.
 *
 * <p>{@code messageKey} identifies the message for good: the same run, activity and recipient (and
 * related record, with {@code per LINK}) always give the same key, so a provider can refuse a second
 * send after a crash and a resume. {@code recipient} is the row's key, {@code address} the e-mail
 * address, phone number or push token. {@code from} and {@code subject} are for e-mail, {@code title}
 * for push; they are null when the channel has none. {@code html} says that the body is HTML (an
 * e-mail whose body was written as HTML or read from an {@code .html} template); otherwise it is plain
 * text. Every other field is required.
 */
public record Message(String messageKey, String runId, String campaign, String activity, String channel,
        String recipient, String address, String from, String subject, String body, String title, boolean html) {

    /** A message whose body is plain text. */
    public Message(String messageKey, String runId, String campaign, String activity, String channel,
            String recipient, String address, String from, String subject, String body, String title) {
        this(messageKey, runId, campaign, activity, channel, recipient, address, from, subject, body, title, false);
    }

    public Message {
        requireNonNull(messageKey, "messageKey is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(campaign, "campaign is null");
        requireNonNull(activity, "activity is null");
        requireNonNull(channel, "channel is null");
        requireNonNull(recipient, "recipient is null");
        requireNonNull(address, "address is null");
        requireNonNull(body, "body is null");
    }
}
