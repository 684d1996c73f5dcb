package dev.wsnio.handshake;

import java.util.List;
import java.util.Optional;

/**
 * What {@link ServerHandshake} decided for an acceptable request: the request as the
 * application sees it, the subprotocol and extensions agreed on, and the 101 response to
 * send. After writing the response, the connection speaks WebSocket.
 *
 * @param request     the validated request
 * @param subprotocol the subprotocol selected, or empty when none was (then the response has
 *                    no {@code Sec-WebSocket-Protocol})
 * @param extensions  the extensions agreed on, in the order of the response header (the order
 *                    in which they apply to data, RFC 6455 §9.1)
 * @param response    the 101 Switching Protocols response; add headers such as {@code
 *                    Set-Cookie} with {@link HttpResponse#withHeader(String, String)}
 */
public record AcceptedHandshake(HandshakeRequest request, Optional<String> subprotocol,
        List<WebSocketExtension> extensions, HttpResponse response) {

    /**
     * Copies the extension list.
     *
     * @param request     the validated request
     * @param subprotocol the subprotocol selected, or empty
     * @param extensions  the extensions agreed on, in order
     * @param response    the 101 response
     */
    public AcceptedHandshake {
        extensions = List.copyOf(extensions);
    }
}
