package dev.wsnio.handshake;

import dev.wsnio.frame.ContextTakeoverBudget;
import dev.wsnio.frame.DeflateWorkspace;
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
 * <p>The offer carries, from the {@link PerMessageDeflateConfig}:
 * <ul>
 *   <li>{@code client_no_context_takeover} when the configuration compresses without context
 *       takeover (§7.1.1.2: a promise the client keeps even if the server does not repeat it);</li>
 *   <li>{@code server_no_context_takeover} when the configuration asks it of the server, or when
 *       the {@link ContextTakeoverBudget} is spent;</li>
 *   <li>{@code server_max_window_bits=N} when the configuration asks for a smaller server
 *       window;</li>
 *   <li>{@code client_max_window_bits}, as browsers offer it, so that the server may choose our
 *       window (our compressor keeps within any), with our own limit as its value when
 *       {@link PerMessageDeflateConfig#maxWindowBits()} is below 15.</li>
 * </ul>
 * Since a server may decline {@code server_max_window_bits} (§7.1.2.1) and, though the RFC
 * recommends it be supported, {@code server_no_context_takeover}, a second offer without them
 * follows, as in §7.1.3's example: they are wishes that save memory, not conditions for
 * compressing at all. The exception is a spent budget: then {@code server_no_context_takeover}
 * is in both offers, and a server that declines it gets no compression.
 *
 * <p>A response is refused (§5, §7.1: the client fails the connection) when it is malformed,
 * when it carries {@code client_max_window_bits} and the offer did not (§7.1.2.2), or when that
 * value is larger than the one offered. A response may add {@code server_no_context_takeover},
 * {@code client_no_context_takeover} and {@code server_max_window_bits} of any valid size
 * unasked: our {@code Inflater} decodes any window.
 *
 * <p>Thread-safe (its only state is the budget); one instance serves every connection of a
 * client, and its budget caps the client's connections with context takeover.
 */
public final class PerMessageDeflateClientNegotiator implements ClientExtensionNegotiator {

    private final PerMessageDeflateConfig config;
    private final ContextTakeoverBudget budget;
    private final boolean offersClientWindow;
    private final OptionalInt offeredClientWindow;

    /**
     * Creates the negotiator, with a budget of
     * {@link PerMessageDeflateConfig#maxContextTakeoverConnections()} connections.
     *
     * @param config what to offer, and how to compress once agreed
     */
    public PerMessageDeflateClientNegotiator(PerMessageDeflateConfig config) {
        this.config = config;
        this.budget = new ContextTakeoverBudget(config.maxContextTakeoverConnections());
        int full = PerMessageDeflateParameters.MAX_WINDOW_BITS;
        this.offeredClientWindow = config.maxWindowBits() < full
                ? OptionalInt.of(config.maxWindowBits()) : OptionalInt.empty();
        this.offersClientWindow = config.offerClientMaxWindowBits() || offeredClientWindow.isPresent();
    }

    /**
     * The cap on this client's connections with context takeover, and how many hold state now.
     *
     * @return the budget shared by every connection of this negotiator
     */
    public ContextTakeoverBudget contextTakeoverBudget() {
        return budget;
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
     * server that it may decline. Asked once per connection attempt: the budget's state decides
     * whether the server may keep context.
     *
     * @return the parameters of each offer
     */
    @Override
    public List<ExtensionParameters> offers() {
        boolean contextAllowed = budget.hasRoom();
        int serverWindow = config.requestedPeerMaxWindowBits();
        PerMessageDeflateHeaderParameters preferred = new PerMessageDeflateHeaderParameters(
                config.requestPeerNoContextTakeover() || !contextAllowed,
                config.noContextTakeover(),
                serverWindow < PerMessageDeflateParameters.MAX_WINDOW_BITS
                        ? OptionalInt.of(serverWindow) : OptionalInt.empty(),
                offersClientWindow, offeredClientWindow);
        PerMessageDeflateHeaderParameters fallback = new PerMessageDeflateHeaderParameters(
                !contextAllowed, config.noContextTakeover(), OptionalInt.empty(),
                offersClientWindow, offeredClientWindow);
        return preferred.equals(fallback)
                ? List.of(preferred.toExtensionParameters())
                : List.of(preferred.toExtensionParameters(), fallback.toExtensionParameters());
    }

    /**
     * Checks that the server's answer is well formed and usable.
     *
     * @param response the parameters the server answered with
     * @throws ExtensionNegotiationException when it is malformed or sets a client window it may
     *     not set
     */
    @Override
    public void checkResponse(ExtensionParameters response) throws ExtensionNegotiationException {
        agreedParameters(response);
    }

    /**
     * The parameters agreed by the server's answer. {@code client_no_context_takeover} holds
     * when the server said so or when we offered it (§7.1.1.2); our window is the one the server
     * set, if any (§7.1.2.2: the client "MUST" then keep within it).
     *
     * @param response the parameters the server answered with
     * @return the agreed parameters
     * @throws ExtensionNegotiationException when the response is malformed, carries
     *     {@code client_max_window_bits} that the offer did not have, or a larger value than
     *     the offer's
     */
    public PerMessageDeflateParameters agreedParameters(ExtensionParameters response)
            throws ExtensionNegotiationException {
        PerMessageDeflateHeaderParameters answered = PerMessageDeflateHeaderParameters.parse(response,
                PerMessageDeflateHeaderParameters.Source.RESPONSE);
        if (answered.clientMaxWindowBits() && !offersClientWindow) {
            throw new ExtensionNegotiationException(PerMessageDeflateHeaderParameters.EXTENSION_NAME
                    + ": the response limits the client's window, which was not offered (RFC 7692 §7.1.2.2)");
        }
        int full = PerMessageDeflateParameters.MAX_WINDOW_BITS;
        if (answered.clientMaxWindowBitsValue().isPresent()
                && answered.clientMaxWindowBitsValue().getAsInt() > offeredClientWindow.orElse(full)) {
            throw new ExtensionNegotiationException(PerMessageDeflateHeaderParameters.EXTENSION_NAME
                    + ": the response sets client_max_window_bits=" + answered.clientMaxWindowBitsValue().getAsInt()
                    + ", more than the " + offeredClientWindow.getAsInt() + " offered (RFC 7692 §7.1.2.2)");
        }
        PerMessageDeflateParameters agreed = answered.agreed();
        return new PerMessageDeflateParameters(agreed.serverNoContextTakeover(),
                agreed.clientNoContextTakeover() || config.noContextTakeover(),
                agreed.serverMaxWindowBits(), agreed.clientMaxWindowBits());
    }

    /**
     * The compression state of a connection whose handshake accepted permessage-deflate,
     * counted against this negotiator's {@link #contextTakeoverBudget()}.
     *
     * @param response the parameters the server answered with
     * @param workspace the zlib streams and buffers of the thread that serves the connection
     * @return a new compression state for the client's session of that connection
     * @throws ExtensionNegotiationException when the response is not acceptable
     */
    public PerMessageDeflate newCompression(ExtensionParameters response, DeflateWorkspace workspace)
            throws ExtensionNegotiationException {
        return new PerMessageDeflate(Role.CLIENT, agreedParameters(response), config, workspace, budget);
    }
}
