package dev.wsnio.handshake;

/**
 * A server's refusal of a WebSocket handshake: the {@link RejectionReason} (a stable
 * identifier), and the answer to send before closing the connection: status, headers and
 * a short plain-text body.
 *
 * <pre>{@code
 * try {
 *     AcceptedHandshake accepted = handshake.accept(request, remoteAddress);
 *     write(accepted.response().toByteBuffer());
 * } catch (HandshakeRejectedException rejected) {
 *     write(rejected.toResponse().toByteBuffer());
 *     close();
 * }
 * }</pre>
 */
public final class HandshakeRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the handshake is refused. */
    private final RejectionReason reason;

    /**
     * A refusal for a reason; a router uses {@link RejectionReason#NOT_FOUND} this way.
     *
     * @param reason why the handshake is refused
     */
    public HandshakeRejectedException(RejectionReason reason) {
        super(reason.name() + ": " + reason.description());
        this.reason = reason;
    }

    /**
     * A refusal for a reason, with details for logs (never sent to the peer).
     *
     * @param reason why the handshake is refused
     * @param detail what exactly was wrong
     * @param cause  the exception that revealed it, or null
     */
    HandshakeRejectedException(RejectionReason reason, String detail, Throwable cause) {
        super(reason.name() + ": " + reason.description() + " (" + detail + ")", cause);
        this.reason = reason;
    }

    /**
     * Why the handshake is refused.
     *
     * @return the reason
     */
    public RejectionReason reason() {
        return reason;
    }

    /**
     * The status code of the answer.
     *
     * @return the status code
     */
    public int status() {
        return reason.status();
    }

    /**
     * The header fields of the answer, besides {@code Content-Type} and {@code
     * Content-Length}.
     *
     * @return the headers, {@code Connection: close} among them
     */
    public HttpHeaders headers() {
        return reason.headers();
    }

    /**
     * The plain-text body of the answer.
     *
     * @return the body text
     */
    public String body() {
        return reason.description();
    }

    /**
     * The answer to send.
     *
     * @return the response
     */
    public HttpResponse toResponse() {
        HttpResponse.Builder response = HttpResponse.builder(status());
        headers().fields().forEach(field -> response.header(field.name(), field.value()));
        return response.textBody(body()).build();
    }

    /**
     * The answer to send, serialised.
     *
     * @return the bytes of the response
     */
    public byte[] toBytes() {
        return toResponse().toBytes();
    }
}
