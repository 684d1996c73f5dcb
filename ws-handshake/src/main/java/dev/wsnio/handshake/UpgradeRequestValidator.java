package dev.wsnio.handshake;

import java.util.Optional;

/**
 * The checks of RFC 6455 §4.2.1 that make an HTTP request a WebSocket opening handshake,
 * in an order that gives the most useful answer first: a wrong method or a plain HTTP request
 * is told so before the details of its headers are judged.
 *
 * <p>Item 2 of §4.2.1, the {@code Host} header, is already guaranteed by {@link
 * HttpRequestParser}, which refuses an HTTP/1.1 request without one (RFC 9112 §3.2).
 */
final class UpgradeRequestValidator {

    private static final String SUPPORTED_VERSION = "13";

    private UpgradeRequestValidator() {
    }

    /**
     * Checks a request.
     *
     * @param head the parsed request head
     * @return the client's key, valid
     * @throws HandshakeRejectedException when a check fails
     */
    static WebSocketKey validate(HttpRequestHead head) throws HandshakeRejectedException {
        HttpHeaders headers = head.headers();
        if (!head.method().equals("GET")) {
            // §4.1 item 2: the method of the request MUST be GET
            throw new HandshakeRejectedException(RejectionReason.METHOD_NOT_ALLOWED);
        }
        if (!head.version().isAtLeast(HttpVersion.HTTP_1_1)) {
            // §4.2.1 item 1: an HTTP/1.1 or higher GET request
            throw new HandshakeRejectedException(RejectionReason.HTTP_1_1_REQUIRED);
        }
        if (head.announcesBody()) {
            throw new HandshakeRejectedException(RejectionReason.REQUEST_BODY_NOT_ALLOWED);
        }
        if (!headers.containsToken(HeaderNames.UPGRADE, "websocket")) {
            // §4.2.1 item 3
            throw new HandshakeRejectedException(RejectionReason.UPGRADE_REQUIRED);
        }
        if (!headers.containsToken(HeaderNames.CONNECTION, "upgrade")) {
            // §4.2.1 item 4
            throw new HandshakeRejectedException(RejectionReason.MISSING_CONNECTION_UPGRADE);
        }
        if (headers.count(HeaderNames.SEC_WEBSOCKET_VERSION) != 1
                || !SUPPORTED_VERSION.equals(headers.firstOrNull(HeaderNames.SEC_WEBSOCKET_VERSION))) {
            // §4.2.1 item 6, §4.4; checked before the key, whose form older versions differ in
            throw new HandshakeRejectedException(RejectionReason.UNSUPPORTED_VERSION);
        }
        return key(headers);
    }

    /** §4.2.1 item 5; §11.3.1: the key MUST NOT appear more than once. */
    private static WebSocketKey key(HttpHeaders headers) throws HandshakeRejectedException {
        Optional<WebSocketKey> key = headers.count(HeaderNames.SEC_WEBSOCKET_KEY) == 1
                ? WebSocketKey.parse(headers.firstOrNull(HeaderNames.SEC_WEBSOCKET_KEY)) : Optional.empty();
        if (key.isEmpty()) {
            throw new HandshakeRejectedException(RejectionReason.INVALID_KEY);
        }
        return key.get();
    }
}
