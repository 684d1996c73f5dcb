package dev.wsnio.frame;

/**
 * A violation of the WebSocket protocol by the peer (or a configured limit it exceeded).
 * It carries the {@link ProtocolError} that identifies it, and through it the close code
 * with which the connection is failed (RFC 6455 §7.1.7).
 *
 * <p>The {@linkplain #getMessage() message} is written for the developer reading logs: it
 * says what was received and, when a limit was hit, which setting to change. It is never
 * sent to the peer; the peer only sees {@link ProtocolError#reason()}.
 */
public final class WebSocketProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The identified violation; an enum constant, so serialization is well defined. */
    private final ProtocolError error;

    /**
     * Creates an exception for a violation.
     *
     * @param error the violation
     * @param message what happened, for the developer
     */
    public WebSocketProtocolException(ProtocolError error, String message) {
        super(error.name() + ": " + message, null, false, false);
        this.error = error;
    }

    /**
     * The violation, a stable identifier.
     *
     * @return the {@link ProtocolError}
     */
    public ProtocolError error() {
        return error;
    }

    /**
     * The close code to send, shorthand for {@code error().closeCode()}.
     *
     * @return the code the connection is failed with
     */
    public int closeCode() {
        return error.closeCode();
    }
}
