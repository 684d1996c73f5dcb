package dev.wsnio.engine;

import dev.wsnio.frame.MessageCompression;
import dev.wsnio.UpgradeRequest;
import java.util.Objects;

/**
 * What the opening handshake of one connection settled: the request, the subprotocol and the
 * extensions agreed, and the compression state they call for.
 *
 * @param request what the connection keeps of the opening handshake's request
 * @param subprotocol the agreed subprotocol, or ""
 * @param extensions the agreed extensions as in the response header, or ""
 * @param compression the negotiated permessage-deflate state, or null for none
 */
public record NegotiatedHandshake(UpgradeRequest request, String subprotocol, String extensions,
                                  MessageCompression compression) {

    /**
     * Checks the components.
     *
     * @param request what the connection keeps of the opening handshake's request
     * @param subprotocol the agreed subprotocol, or ""
     * @param extensions the agreed extensions, or ""
     * @param compression the compression state, or null
     * @throws NullPointerException when a component other than {@code compression} is null
     */
    public NegotiatedHandshake {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(subprotocol, "subprotocol");
        Objects.requireNonNull(extensions, "extensions");
    }
}
