package dev.wsnio.handshake;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server's side of one extension's negotiation (RFC 6455 §9.1): given what a client offers
 * for this extension, decide whether to use it and with which parameters. permessage-deflate
 * (RFC 7692) is the extension this exists for.
 *
 * <p>{@link ServerHandshake} asks negotiators in the client's order of preference (the order
 * of first appearance of each name in the request), and asks one only while it is still
 * applicable: if an extension already accepted claims one of its {@link #reservedBits()},
 * it is not asked at all, so two accepted extensions never share a reserved bit. Offers of
 * extensions that no negotiator handles are declined: they never appear in the response.
 *
 * <p>One {@link ServerHandshake} serves every connection, possibly from several threads at
 * once, so a negotiator must be stateless or thread-safe.
 */
public interface ServerExtensionNegotiator {

    /**
     * The extension name this negotiator handles, a token such as {@code permessage-deflate};
     * matched against offers ignoring case, and written in the response as given here.
     *
     * @return the extension name
     */
    String name();

    /**
     * The frame header bits the extension uses when in use (permessage-deflate: RSV1).
     *
     * @return the reserved bits, possibly none
     */
    Set<ReservedBit> reservedBits();

    /**
     * Chooses among the client's offers of this extension.
     *
     * @param offers the parameters of every offer of this extension, in the client's order of
     *               preference; never empty
     * @return the parameters of the response for the offer accepted, or empty to decline
     * @throws ExtensionNegotiationException when an offer is malformed for this extension
     *                                       (a server answers 400)
     */
    Optional<ExtensionParameters> negotiate(List<ExtensionParameters> offers) throws ExtensionNegotiationException;
}
