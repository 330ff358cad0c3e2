package camp.model;

import camp.ast.Activity;

/**
 * How a channel activity reaches people: the address expression evaluated on the input row,
 * the entity that holds the address and consent, the consent condition (null when the entity
 * declares none for the channel), and the optional {@code per} link.
 */
public record ChannelInfo(Activity.ChannelKind channel, Scalar address, String recipientEntity,
        java.util.List<LinkInfo> recipientPath, Scalar consent, LinkInfo per) {
}
