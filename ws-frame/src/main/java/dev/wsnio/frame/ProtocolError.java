package dev.wsnio.frame;

/**
 * Every way a peer can break the rules of RFC 6455 (and RFC 7692), each with the close code
 * that answers it. This enum is the one place where violations map to close codes.
 *
 * <p>The constant names are stable identifiers: they appear in logs and in
 * {@link WebSocketProtocolException#error()}, and the documentation lists them. The
 * {@linkplain #reason() reason} is the short text sent to the peer in the close frame; it
 * never contains details of our configuration or internals.
 */
public enum ProtocolError {
    /** §5.2: an RSV bit is set that no negotiated extension defines. */
    RESERVED_BITS_SET(CloseCode.PROTOCOL_ERROR, "reserved bits set"),
    /** §5.2: opcode 0x3–0x7 or 0xB–0xF. */
    RESERVED_OPCODE(CloseCode.PROTOCOL_ERROR, "reserved opcode"),
    /** §5.1: a server MUST close the connection when a client frame is not masked. */
    UNMASKED_CLIENT_FRAME(CloseCode.PROTOCOL_ERROR, "client frame not masked"),
    /** §5.1: a client MUST close the connection when a server frame is masked. */
    MASKED_SERVER_FRAME(CloseCode.PROTOCOL_ERROR, "server frame masked"),
    /** §5.2: the most significant bit of a 64-bit payload length MUST be 0. */
    LENGTH_TOP_BIT_SET(CloseCode.PROTOCOL_ERROR, "invalid payload length"),
    /** §5.5: control frames MUST have a payload of 125 bytes or less. */
    CONTROL_FRAME_TOO_LONG(CloseCode.PROTOCOL_ERROR, "control frame too long"),
    /** §5.5: control frames MUST NOT be fragmented. */
    FRAGMENTED_CONTROL_FRAME(CloseCode.PROTOCOL_ERROR, "fragmented control frame"),
    /** §5.4: a continuation frame arrived while no fragmented message was in progress. */
    UNEXPECTED_CONTINUATION(CloseCode.PROTOCOL_ERROR, "unexpected continuation frame"),
    /** §5.4: a new text or binary frame arrived inside a fragmented message. */
    EXPECTED_CONTINUATION(CloseCode.PROTOCOL_ERROR, "expected continuation frame"),
    /** RFC 7692 §6: RSV1 is set on a control frame or a continuation frame. */
    COMPRESSED_BIT_MISPLACED(CloseCode.PROTOCOL_ERROR, "misplaced compression bit"),
    /** §5.5.1: a close frame body of exactly one byte cannot hold a status code. */
    CLOSE_BODY_TOO_SHORT(CloseCode.PROTOCOL_ERROR, "invalid close frame"),
    /** §7.4: the close frame carries a code that must not appear on the wire. */
    INVALID_CLOSE_CODE(CloseCode.PROTOCOL_ERROR, "invalid close code"),
    /** §5.5.1: the reason in a close frame is not valid UTF-8. */
    INVALID_CLOSE_REASON(CloseCode.INVALID_PAYLOAD_DATA, "invalid close reason"),
    /** §8.1: a text message is not valid UTF-8. */
    INVALID_UTF8(CloseCode.INVALID_PAYLOAD_DATA, "invalid UTF-8 in text message"),
    /** RFC 7692 §6.2: the compressed data of a message could not be inflated. */
    INVALID_COMPRESSED_DATA(CloseCode.INVALID_PAYLOAD_DATA, "invalid compressed data"),
    /** A frame's declared length exceeds the configured maximum frame size. */
    FRAME_TOO_BIG(CloseCode.MESSAGE_TOO_BIG, "frame too big"),
    /** A message (after decompression) exceeds the configured maximum message size. */
    MESSAGE_TOO_BIG(CloseCode.MESSAGE_TOO_BIG, "message too big"),
    /** A message arrived in more fragments than the configured maximum. */
    TOO_MANY_FRAGMENTS(CloseCode.POLICY_VIOLATION, "too many fragments");

    private final int closeCode;
    private final String reason;

    ProtocolError(int closeCode, String reason) {
        this.closeCode = closeCode;
        this.reason = reason;
    }

    /**
     * The close code sent to the peer when this error fails the connection.
     *
     * @return a code from {@link CloseCode} that may be sent
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * The short reason sent to the peer in the close frame (well under 123 bytes).
     *
     * @return a short English text
     */
    public String reason() {
        return reason;
    }
}
