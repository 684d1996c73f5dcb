package dev.wsnio.handshake;

/**
 * A {@code Sec-WebSocket-Extensions} header or an extension offer or response that cannot
 * be accepted: malformed per RFC 6455 §9.1, or refused by an extension's negotiator (a
 * server answers 400, a client fails the connection).
 */
public final class ExtensionNegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, for logs
     */
    public ExtensionNegotiationException(String message) {
        super(message);
    }
}
