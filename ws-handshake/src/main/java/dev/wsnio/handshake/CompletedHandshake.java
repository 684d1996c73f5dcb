package dev.wsnio.handshake;

import java.util.List;
import java.util.Optional;

/**
 * What a client's handshake established once {@link ClientHandshake#verify} accepted the
 * server's response: after it, the connection speaks WebSocket.
 *
 * @param response    the server's 101 response
 * @param subprotocol the subprotocol the server selected, or empty when it selected none
 *                    (RFC 6455 allows that even when the client offered some; the
 *                    application decides whether to go on)
 * @param extensions  the extensions in use, in the order of the response (the order in which
 *                    they apply to data, §9.1)
 */
public record CompletedHandshake(HttpResponseHead response, Optional<String> subprotocol,
        List<WebSocketExtension> extensions) {

    /**
     * Copies the extension list.
     *
     * @param response    the server's 101 response
     * @param subprotocol the subprotocol selected, or empty
     * @param extensions  the extensions in use, in order
     */
    public CompletedHandshake {
        extensions = List.copyOf(extensions);
    }
}
