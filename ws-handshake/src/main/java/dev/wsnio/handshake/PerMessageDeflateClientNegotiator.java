package dev.wsnio.handshake;

import dev.wsnio.frame.PerMessageDeflate;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.PerMessageDeflateParameters;
import dev.wsnio.frame.Role;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A client's negotiation of permessage-deflate (RFC 7692 §7.1): what it offers, and whether the
 * server's answer can be used.
 *
 * <p>The offer carries {@code client_no_context_takeover} when the configuration compresses
 * without context takeover (§7.1.1.2: a promise the client keeps even if the server does not
 * repeat it), {@code server_no_context_takeover} and {@code server_max_window_bits=N} when the
 * configuration asks them of the server. Since a server may decline those two (§7.1.2.1), a
 * second offer without them follows, as in §7.1.3's example: they are wishes that save memory,
 * not conditions for compressing at all.
 *
 * <p>It never offers {@code client_max_window_bits}: that would invite the server to limit our
 * window, and the JDK's {@code Deflater} cannot compress with less than 32 KiB. Accordingly a
 * response that carries {@code client_max_window_bits} is refused (§7.1.2.2: a response "MUST
 * NOT" include it when the offer did not), as is any malformed response (§5: the client
 * fails the connection). A response may add {@code server_no_context_takeover},
 * {@code client_no_context_takeover} and {@code server_max_window_bits} of any valid size
 * unasked: our {@code Inflater} decodes any window.
 *
 * <p>Immutable; one instance serves every connection of a client.
 */
public final class PerMessageDeflateClientNegotiator implements ClientExtensionNegotiator {

    private final PerMessageDeflateConfig config;
    private final List<ExtensionParameters> offers;

    /**
     * Creates the negotiator.
     *
     * @param config what to offer, and how to compress once agreed
     */
    public PerMessageDeflateClientNegotiator(PerMessageDeflateConfig config) {
        this.config = config;
        int serverWindow = config.requestedPeerMaxWindowBits();
        PerMessageDeflateHeaderParameters preferred = new PerMessageDeflateHeaderParameters(
                config.requestPeerNoContextTakeover(),
                config.noContextTakeover(),
                serverWindow < PerMessageDeflateParameters.MAX_WINDOW_BITS
                        ? OptionalInt.of(serverWindow) : OptionalInt.empty(),
                false, OptionalInt.empty());
        PerMessageDeflateHeaderParameters fallback = new PerMessageDeflateHeaderParameters(
                false, config.noContextTakeover(), OptionalInt.empty(), false, OptionalInt.empty());
        this.offers = preferred.equals(fallback)
                ? List.of(preferred.toExtensionParameters())
                : List.of(preferred.toExtensionParameters(), fallback.toExtensionParameters());
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
     * The offers, most preferred first: one, or two when the configuration asks something of the
     * server that it may decline.
     *
     * @return the parameters of each offer
     */
    @Override
    public List<ExtensionParameters> offers() {
        return offers;
    }

    /**
     * Checks that the server's answer is well formed and usable.
     *
     * @param response the parameters the server answered with
     * @throws ExtensionNegotiationException when it is malformed or carries
     *     {@code client_max_window_bits}
     */
    @Override
    public void checkResponse(ExtensionParameters response) throws ExtensionNegotiationException {
        agreedParameters(response);
    }

    /**
     * The parameters agreed by the server's answer. {@code client_no_context_takeover} holds
     * when the server said so or when we offered it (§7.1.1.2).
     *
     * @param response the parameters the server answered with
     * @return the agreed parameters
     * @throws ExtensionNegotiationException when the response is malformed or carries
     *     {@code client_max_window_bits}
     */
    public PerMessageDeflateParameters agreedParameters(ExtensionParameters response)
            throws ExtensionNegotiationException {
        PerMessageDeflateHeaderParameters answered = PerMessageDeflateHeaderParameters.parse(response,
                PerMessageDeflateHeaderParameters.Source.RESPONSE);
        if (answered.clientMaxWindowBits()) {
            throw new ExtensionNegotiationException(PerMessageDeflateHeaderParameters.EXTENSION_NAME
                    + ": the response limits the client's window, which was not offered (RFC 7692 §7.1.2.2)");
        }
        PerMessageDeflateParameters agreed = answered.agreed();
        return new PerMessageDeflateParameters(agreed.serverNoContextTakeover(),
                agreed.clientNoContextTakeover() || config.noContextTakeover(),
                agreed.serverMaxWindowBits(), agreed.clientMaxWindowBits());
    }

    /**
     * The compression state of a connection whose handshake accepted permessage-deflate.
     *
     * @param response the parameters the server answered with
     * @return a new compression state for the client's session of that connection
     * @throws ExtensionNegotiationException when the response is not acceptable
     */
    public PerMessageDeflate newCompression(ExtensionParameters response) throws ExtensionNegotiationException {
        return new PerMessageDeflate(Role.CLIENT, agreedParameters(response), config);
    }
}
