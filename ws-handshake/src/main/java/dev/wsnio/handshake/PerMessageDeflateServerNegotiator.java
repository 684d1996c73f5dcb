package dev.wsnio.handshake;

import dev.wsnio.frame.ContextTakeoverBudget;
import dev.wsnio.frame.DeflateWorkspace;
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
 * client's offers that is well formed and answers with the parameters it will honour.
 *
 * <p>An offer is declined, and the next one considered, only when it is malformed for this
 * extension: an unknown parameter, a parameter given twice, a value where none belongs or none
 * where one is needed, a window size that is not 8 to 15 (§5: the server "MUST decline" such an
 * offer). Declining, rather than answering 400, follows the RFC's wording and lets a client whose
 * later offer, or whose plain WebSocket without compression, is fine connect anyway. Every
 * well-formed offer can be honoured: our compressor keeps within any window of 8 to 15 bits and
 * our decompressor decodes any (see {@link PerMessageDeflate}). When no offer is left, the
 * connection goes on without compression.
 *
 * <p>The response to an accepted offer:
 * <ul>
 *   <li>{@code server_no_context_takeover} when offered (§7.1.1.1: accepting it means
 *       including it), when the configuration compresses without context takeover, or when the
 *       {@link ContextTakeoverBudget} is spent (a server may include it unasked);</li>
 *   <li>{@code client_no_context_takeover} when the configuration asks it of the peer, when the
 *       budget is spent, or when the client offered it (§7.1.1.2: saying so lets us drop the
 *       client's window between messages, which the client promised not to use anyway);</li>
 *   <li>{@code server_max_window_bits=N} when offered (§7.1.2.1: accepting it means including it
 *       with the same or a smaller value: the smaller of the offer and
 *       {@link PerMessageDeflateConfig#maxWindowBits()}), or unasked when the configuration
 *       limits our window, so that the client can allocate less;</li>
 *   <li>{@code client_max_window_bits=N} only when the client offered the parameter (a response
 *       "MUST NOT" include it otherwise, §7.1.2.2) and the configuration asks for a window
 *       below 15: the smaller of that and the client's own value. Our {@code Inflater} decodes
 *       any window, so without such a wish the parameter is left out.</li>
 * </ul>
 *
 * <p>Thread-safe (its only state is the budget); one instance serves every connection of a
 * server, and its budget caps the server's connections with context takeover.
 */
public final class PerMessageDeflateServerNegotiator implements ServerExtensionNegotiator {

    private final PerMessageDeflateConfig config;
    private final ContextTakeoverBudget budget;

    /**
     * Creates the negotiator, with a budget of
     * {@link PerMessageDeflateConfig#maxContextTakeoverConnections()} connections.
     *
     * @param config what to ask of clients, and how to compress once agreed
     */
    public PerMessageDeflateServerNegotiator(PerMessageDeflateConfig config) {
        this.config = config;
        this.budget = new ContextTakeoverBudget(config.maxContextTakeoverConnections());
    }

    /**
     * The cap on this server's connections with context takeover, and how many hold state now.
     *
     * @return the budget shared by every connection this negotiator accepts
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
     * Accepts the first offer that is well formed.
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
            return Optional.of(respond(offered).toExtensionParameters());
        }
        return Optional.empty();
    }

    private PerMessageDeflateHeaderParameters respond(PerMessageDeflateHeaderParameters offered) {
        int full = PerMessageDeflateParameters.MAX_WINDOW_BITS;
        OptionalInt serverWindow = offered.serverMaxWindowBits();
        if (serverWindow.isPresent() || config.maxWindowBits() < full) {
            serverWindow = OptionalInt.of(Math.min(serverWindow.orElse(full), config.maxWindowBits()));
        }
        OptionalInt clientWindow = OptionalInt.empty();
        int wanted = config.requestedPeerMaxWindowBits();
        if (offered.clientMaxWindowBits() && wanted < full) {
            clientWindow = OptionalInt.of(Math.min(wanted, offered.clientMaxWindowBitsValue().orElse(full)));
        }
        boolean contextAllowed = budget.hasRoom();
        return new PerMessageDeflateHeaderParameters(
                offered.serverNoContextTakeover() || config.noContextTakeover() || !contextAllowed,
                offered.clientNoContextTakeover() || config.requestPeerNoContextTakeover() || !contextAllowed,
                serverWindow,
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
     * The compression state of a connection whose handshake accepted permessage-deflate,
     * counted against this negotiator's {@link #contextTakeoverBudget()}.
     *
     * @param response the parameters of the response's permessage-deflate element
     * @param workspace the zlib streams and buffers of the thread that serves the connection
     * @return a new compression state for the server's session of that connection
     * @throws IllegalArgumentException when the response is not one this negotiator writes
     */
    public PerMessageDeflate newCompression(ExtensionParameters response, DeflateWorkspace workspace) {
        return new PerMessageDeflate(Role.SERVER, agreedParameters(response), config, workspace, budget);
    }
}
