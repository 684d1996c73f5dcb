package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The body of a close frame, RFC 6455 §5.5.1: either empty, or a 2-byte status code in network
 * byte order followed by a UTF-8 reason. A control frame carries at most 125 bytes, so the
 * reason is at most 123 bytes of UTF-8.
 *
 * <p>An empty body means "no status code"; it is represented by the code
 * {@link CloseCode#NO_STATUS_RECEIVED} (1005), which exists for exactly this purpose and is
 * never written on the wire (§7.4.1).
 *
 * @param code the status code, or {@link CloseCode#NO_STATUS_RECEIVED} for an empty body
 * @param reason the reason, empty when there is none; never null
 */
public record CloseBody(int code, String reason) {

    /** The longest reason that fits in a close frame, in UTF-8 bytes. */
    public static final int MAX_REASON_BYTES = FrameHeader.MAX_7_BIT_LENGTH - 2;

    /** An empty close body: no status code, no reason. */
    public static final CloseBody EMPTY = new CloseBody(CloseCode.NO_STATUS_RECEIVED, "");

    /**
     * Checks that the body can be sent: a code that may appear on the wire (or 1005 for an
     * empty body, with no reason), and a reason of at most 123 UTF-8 bytes.
     *
     * @param code the status code, or {@link CloseCode#NO_STATUS_RECEIVED} for an empty body
     * @param reason the reason, empty when there is none; never null
     * @throws IllegalArgumentException when the body could not be sent
     */
    public CloseBody {
        if (reason == null) {
            throw new IllegalArgumentException("reason must not be null; use \"\"");
        }
        if (code == CloseCode.NO_STATUS_RECEIVED) {
            if (!reason.isEmpty()) {
                throw new IllegalArgumentException("a close without status code cannot have a reason");
            }
        } else if (!CloseCode.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " (" + CloseCode.describe(code)
                    + ") may not be sent in a close frame (RFC 6455 §7.4)");
        }
        int reasonBytes = utf8Length(reason);
        if (reasonBytes > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("close reason is " + reasonBytes
                    + " bytes of UTF-8; at most " + MAX_REASON_BYTES + " fit in a close frame");
        }
    }

    /**
     * Whether this is the empty body (no status code).
     *
     * @return true when the body has no status code (and so no reason)
     */
    public boolean isEmpty() {
        return code == CloseCode.NO_STATUS_RECEIVED;
    }

    /**
     * This body as close-frame payload bytes, ready to send (a new buffer).
     *
     * @return the 2-byte code in network byte order followed by the UTF-8 reason, or no bytes for
     *     the empty body
     */
    public ByteBuffer encode() {
        if (isEmpty()) {
            return ByteBuffer.allocate(0);
        }
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length);
        payload.put((byte) (code >>> 8)).put((byte) code).put(reasonBytes);
        return payload.flip();
    }

    /**
     * Reads and validates a received close frame's payload (§5.5.1, §7.4).
     *
     * @param payload the payload between position and limit; the position is not moved
     * @return the body, {@link #EMPTY} for an empty payload
     * @throws WebSocketProtocolException {@link ProtocolError#CLOSE_BODY_TOO_SHORT} for a 1-byte
     *     payload, {@link ProtocolError#CONTROL_FRAME_TOO_LONG} for one over 125 bytes,
     *     {@link ProtocolError#INVALID_CLOSE_CODE} for a code not allowed on the wire,
     *     {@link ProtocolError#INVALID_CLOSE_REASON} for a reason that is not valid UTF-8
     */
    public static CloseBody parse(ByteBuffer payload) throws WebSocketProtocolException {
        int length = payload.remaining();
        if (length == 0) {
            return EMPTY;
        }
        if (length == 1) {
            throw new WebSocketProtocolException(ProtocolError.CLOSE_BODY_TOO_SHORT,
                    "close frame with a 1-byte payload: a status code takes 2 bytes");
        }
        if (length > FrameHeader.MAX_7_BIT_LENGTH) {
            // §5.5: a control frame carries at most 125 bytes, so the reason at most 123
            throw new WebSocketProtocolException(ProtocolError.CONTROL_FRAME_TOO_LONG,
                    "close frame body of " + length + " bytes (at most 125 allowed)");
        }
        int start = payload.position();
        int code = (payload.get(start) & 0xFF) << 8 | (payload.get(start + 1) & 0xFF);
        if (!CloseCode.isValidOnWire(code)) {
            throw new WebSocketProtocolException(ProtocolError.INVALID_CLOSE_CODE,
                    "close frame with code " + code + " (" + CloseCode.describe(code) + ")");
        }
        Utf8Validator validator = new Utf8Validator();
        if (!validator.feed(payload, start + 2, start + length) || !validator.isComplete()) {
            throw new WebSocketProtocolException(ProtocolError.INVALID_CLOSE_REASON,
                    "close frame reason is not valid UTF-8");
        }
        byte[] reason = new byte[length - 2];
        payload.get(start + 2, reason);
        return new CloseBody(code, new String(reason, StandardCharsets.UTF_8));
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1; // String.getBytes replaces an unpaired surrogate with '?'
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
