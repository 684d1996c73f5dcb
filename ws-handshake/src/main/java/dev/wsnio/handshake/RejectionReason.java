package dev.wsnio.handshake;

/**
 * Why a server refuses a WebSocket handshake, with the status code and the headers of its
 * answer. The constant names are stable identifiers, suitable for logs and metrics.
 *
 * <p>Malformed HTTP (bad lines, oversized heads, a missing {@code Host}) is refused earlier,
 * by {@link HttpRequestParser}, with an {@link HttpParseException}.
 */
public enum RejectionReason {

    /** The method is not GET (RFC 6455 §4.1 item 2): 405 with {@code Allow: GET}. */
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "WebSocket handshakes use GET"),
    /** The request is HTTP/1.0 (RFC 6455 §4.2.1 item 1 requires HTTP/1.1 or later): 400. */
    HTTP_1_1_REQUIRED(HttpStatus.BAD_REQUEST, "WebSocket handshakes require HTTP/1.1"),
    /**
     * The request announces a body: 400. RFC 6455 does not forbid one, but every byte after
     * the head is read as WebSocket frames, so a body would be misread.
     */
    REQUEST_BODY_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "A WebSocket handshake has no body"),
    /**
     * {@code Upgrade} does not list {@code websocket} (§4.2.1 item 3): 426 with {@code
     * Upgrade: websocket}, telling a plain HTTP client what this resource speaks
     * (RFC 9110 §15.5.22).
     */
    UPGRADE_REQUIRED(HttpStatus.UPGRADE_REQUIRED, "This resource requires a WebSocket upgrade"),
    /** {@code Connection} does not list the {@code upgrade} token (§4.2.1 item 4): 400. */
    MISSING_CONNECTION_UPGRADE(HttpStatus.BAD_REQUEST, "Connection must include Upgrade"),
    /**
     * {@code Sec-WebSocket-Version} is missing, repeated or not 13 (§4.2.1 item 6): 426
     * with {@code Sec-WebSocket-Version: 13}, the version this server speaks (§4.4).
     */
    UNSUPPORTED_VERSION(HttpStatus.UPGRADE_REQUIRED, "Only WebSocket version 13 is supported"),
    /**
     * {@code Sec-WebSocket-Key} is missing, repeated (§11.3.1) or not the base64 encoding of
     * 16 bytes (§4.2.1 item 5): 400.
     */
    INVALID_KEY(HttpStatus.BAD_REQUEST, "Sec-WebSocket-Key must be one base64-encoded 16-byte nonce"),
    /** More than one {@code Origin} line: 400. */
    DUPLICATE_ORIGIN(HttpStatus.BAD_REQUEST, "More than one Origin"),
    /** The {@link OriginPolicy} refuses the origin (§4.2.2, §10.2): 403. */
    ORIGIN_REFUSED(HttpStatus.FORBIDDEN, "Origin not allowed"),
    /** An offered subprotocol is not a token (§4.1 item 10): 400. */
    INVALID_SUBPROTOCOL(HttpStatus.BAD_REQUEST, "Sec-WebSocket-Protocol must list tokens"),
    /**
     * {@code Sec-WebSocket-Extensions} is malformed (§9.1), or a negotiator found an offer
     * malformed: 400.
     */
    INVALID_EXTENSION(HttpStatus.BAD_REQUEST, "Malformed Sec-WebSocket-Extensions"),
    /** No WebSocket endpoint is routed at the request's path: 404. */
    NOT_FOUND(HttpStatus.NOT_FOUND, "No WebSocket endpoint here");

    private final int status;
    private final String description;

    RejectionReason(int status, String description) {
        this.status = status;
        this.description = description;
    }

    /**
     * The status code of the answer.
     *
     * @return 400, 403, 404, 405 or 426
     */
    public int status() {
        return status;
    }

    /**
     * A short, fixed description, sent as the body of the answer (it never contains peer
     * input).
     *
     * @return the description
     */
    public String description() {
        return description;
    }

    /**
     * The header fields of the answer besides the body's: {@code Connection: close}, since
     * the server closes the connection after refusing, and what the status requires:
     * {@code Allow} for 405 (RFC 9110 §15.5.6), {@code Upgrade} for 426 (RFC 9110
     * §15.5.22) with the {@code upgrade} connection option that goes with it (RFC 9110 §7.8)
     * and {@code Sec-WebSocket-Version} (RFC 6455 §4.4).
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        HttpHeaders close = HttpHeaders.empty().with(HeaderNames.CONNECTION, "close");
        return switch (this) {
            case METHOD_NOT_ALLOWED -> close.with(HeaderNames.ALLOW, "GET");
            case UPGRADE_REQUIRED, UNSUPPORTED_VERSION -> HttpHeaders.empty()
                    .with(HeaderNames.CONNECTION, "Upgrade, close")
                    .with(HeaderNames.UPGRADE, "websocket")
                    .with(HeaderNames.SEC_WEBSOCKET_VERSION, "13");
            default -> close;
        };
    }
}
