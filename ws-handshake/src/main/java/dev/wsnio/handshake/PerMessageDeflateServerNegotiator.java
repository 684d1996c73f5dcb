package dev.wsnio.handshake;

import dev.wsnio.frame.PerMessageDeflate;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.PerMessageDeflateParameters;
import dev.wsnio.frame.Role;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A server's negotiation of permessage-deflate (RFC 7692 §7.1): accepts the first of the
 * client's offers that it can honour and answers with the parameters agreed.
 *
 * <p>An offer is declined, and the next one considered, when
 * <ul>
 *   <li>it is malformed for this extension: an unknown parameter, a parameter given twice, a
 *       value where none belongs or none where one is needed, a window size that is not 8 to
 *       15 (§5: the server "MUST decline" such an offer). Declining, rather than answering
 *       400, follows the RFC's wording and lets a client whose later offer, or whose plain
 *       WebSocket without compression, is fine connect anyway;</li>
 *   <li>it asks for {@code server_max_window_bits} below 15: the JDK's {@code Deflater} cannot
 *       compress with a window smaller than 32 KiB, so the server cannot promise it
 *       (§7.1.2.1 lets a server decline what it does not support).</li>
 * </ul>
 * When no offer is left, the connection goes on without compression.
 *
 * <p>The response to an accepted offer:
 * <ul>
 *   <li>{@code server_no_context_takeover} when offered (§7.1.1.1: accepting it means
 *       including it) or when the configuration compresses without context takeover (a
 *       server may include it unasked);</li>
 *   <li>{@code client_no_context_takeover} when the configuration asks it of the peer, or when
 *       the client offered it (§7.1.1.2: saying so lets us drop the client's window between
 *       messages, which the client promised not to use anyway);</li>
 *   <li>{@code server_max_window_bits=15} when offered with 15 (accepting it means including it
 *       with the same or a smaller value, §7.1.2.1);</li>
 *   <li>{@code client_max_window_bits=N} only when the client offered the parameter (a response
 *       "MUST NOT" include it otherwise, §7.1.2.2) and the configuration asks for a window
 *       below 15: the smaller of that and the client's own value. Our {@code Inflater} decodes
 *       any window, so without such a wish the parameter is left out.</li>
 * </ul>
 *
 * <p>Immutable; one instance serves every connection of a server.
 */
public final class PerMessageDeflateServerNegotiator implements ServerExtensionNegotiator {

    private final PerMessageDeflateConfig config;

    /**
     * Creates the negotiator.
     *
     * @param config what to ask of clients, and how to compress once agreed
     */
    public PerMessageDeflateServerNegotiator(PerMessageDeflateConfig config) {
        this.config = config;
    }

    /**
     * The extension's name.
     *
     * @return {@code permessage-deflate}
     */
    @Override
    public String name() {
        return PerMessageDeflateHeaderParameters.EXTENSION_NAME;
    }

    /**
     * The bit that marks a compressed message (RFC 7692 §6).
     *
     * @return RSV1
     */
    @Override
    public Set<ReservedBit> reservedBits() {
        return Set.of(ReservedBit.RSV1);
    }

    /**
     * Accepts the first offer that is well formed and can be honoured.
     *
     * @param offers the client's offers of permessage-deflate, most preferred first
     * @return the response's parameters, or empty when every offer is declined
     */
    @Override
    public Optional<ExtensionParameters> negotiate(List<ExtensionParameters> offers) {
        for (ExtensionParameters offer : offers) {
            PerMessageDeflateHeaderParameters offered;
            try {
                offered = PerMessageDeflateHeaderParameters.parse(offer, PerMessageDeflateHeaderParameters.Source.OFFER);
            } catch (ExtensionNegotiationException malformed) {
                continue; // §5: decline this offer
            }
            if (offered.serverMaxWindowBits().orElse(PerMessageDeflateParameters.MAX_WINDOW_BITS)
                    < PerMessageDeflateParameters.MAX_WINDOW_BITS) {
                continue; // §7.1.2.1: a window we cannot compress with
            }
            return Optional.of(respond(offered).toExtensionParameters());
        }
        return Optional.empty();
    }

    private PerMessageDeflateHeaderParameters respond(PerMessageDeflateHeaderParameters offered) {
        OptionalInt clientWindow = OptionalInt.empty();
        int wanted = config.requestedPeerMaxWindowBits();
        if (offered.clientMaxWindowBits() && wanted < PerMessageDeflateParameters.MAX_WINDOW_BITS) {
            clientWindow = OptionalInt.of(Math.min(wanted,
                    offered.clientMaxWindowBitsValue().orElse(PerMessageDeflateParameters.MAX_WINDOW_BITS)));
        }
        return new PerMessageDeflateHeaderParameters(
                offered.serverNoContextTakeover() || config.noContextTakeover(),
                offered.clientNoContextTakeover() || config.requestPeerNoContextTakeover(),
                offered.serverMaxWindowBits(),
                clientWindow.isPresent(),
                clientWindow);
    }

    /**
     * The parameters agreed by a response this negotiator produced.
     *
     * @param response the parameters of the response's permessage-deflate element
     * @return the agreed parameters
     * @throws IllegalArgumentException when the response is not one this negotiator writes
     */
    public PerMessageDeflateParameters agreedParameters(ExtensionParameters response) {
        try {
            return PerMessageDeflateHeaderParameters.parse(response, PerMessageDeflateHeaderParameters.Source.RESPONSE)
                    .agreed();
        } catch (ExtensionNegotiationException e) {
            throw new IllegalArgumentException("not a permessage-deflate response: " + e.getMessage(), e);
        }
    }

    /**
     * The compression state of a connection whose handshake accepted permessage-deflate.
     *
     * @param response the parameters of the response's permessage-deflate element
     * @return a new compression state for the server's session of that connection
     * @throws IllegalArgumentException when the response is not one this negotiator writes
     */
    public PerMessageDeflate newCompression(ExtensionParameters response) {
        return new PerMessageDeflate(Role.SERVER, agreedParameters(response), config);
    }
}
