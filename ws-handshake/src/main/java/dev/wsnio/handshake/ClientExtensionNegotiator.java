package dev.wsnio.handshake;

import java.util.List;
import java.util.Set;

/**
 * A client's side of one extension's negotiation (RFC 6455 §9.1): what to offer, and whether
 * the server's response is acceptable. permessage-deflate (RFC 7692) is the extension this
 * exists for.
 */
public interface ClientExtensionNegotiator {

    /**
     * The extension name this negotiator handles, a token such as {@code permessage-deflate}.
     *
     * @return the extension name
     */
    String name();

    /**
     * The frame header bits the extension uses when in use (permessage-deflate: RSV1); a
     * response accepting two extensions that claim the same bit fails the handshake.
     *
     * @return the reserved bits, possibly none
     */
    Set<ReservedBit> reservedBits();

    /**
     * The offers to send, most preferred first; each becomes one element of the request's
     * {@code Sec-WebSocket-Extensions}.
     *
     * @return the parameters of each offer, not empty
     */
    List<ExtensionParameters> offers();

    /**
     * Checks the server's response for this extension (§9.1: the client fails the connection
     * when it cannot use what the server chose).
     *
     * @param response the parameters the server answered with
     * @throws ExtensionNegotiationException when the response is not acceptable
     */
    void checkResponse(ExtensionParameters response) throws ExtensionNegotiationException;
}
