package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * The header of a WebSocket frame, RFC 6455 §5.2, and how it is laid out on the wire:
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-------+-+-------------+-------------------------------+
 *  |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
 *  |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
 *  |N|V|V|V|       |S|             |   (if payload len==126/127)   |
 *  | |1|2|3|       |K|             |                               |
 *  +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
 *  |     Extended payload length continued, if payload len == 127  |
 *  + - - - - - - - - - - - - - - - +-------------------------------+
 *  |                               |Masking-key, if MASK set to 1  |
 *  +-------------------------------+-------------------------------+
 *  | Masking-key (continued)       |          Payload Data         |
 *  +-------------------------------- - - - - - - - - - - - - - - - +
 * </pre>
 * The payload length takes 7 bits when it is at most 125, 7+16 bits (marker 126) up to 65535,
 * and 7+64 bits (marker 127) beyond, so a header is 2 to 14 bytes long.
 *
 * <p>This record is the header as a value, for tests, tools and the occasional frame written by
 * hand. The hot paths ({@link FrameDecoder}, {@link #write}) use its parts as primitives so
 * that no object is allocated per frame.
 *
 * @param fin whether this is the final fragment of a message
 * @param rsv the reserved bits as they sit in the first byte ({@link #RSV1}, {@link #RSV2},
 *     {@link #RSV3} or a combination)
 * @param opcode the frame's opcode
 * @param masked whether the payload is masked
 * @param maskKey the masking key when {@code masked}, first octet in the most significant byte
 * @param payloadLength the payload length in bytes, 0 to 2<sup>63</sup>-1
 */
public record FrameHeader(boolean fin, int rsv, Opcode opcode, boolean masked, int maskKey,
                          long payloadLength) {

    /** The FIN bit in the first header byte. */
    public static final int FIN = 0x80;
    /** RSV1 in the first header byte; RFC 7692 uses it to mark a compressed message. */
    public static final int RSV1 = 0x40;
    /** RSV2 in the first header byte. */
    public static final int RSV2 = 0x20;
    /** RSV3 in the first header byte. */
    public static final int RSV3 = 0x10;
    /** The MASK bit in the second header byte. */
    public static final int MASK = 0x80;
    /** The longest possible header: 2 + 8 bytes of length + 4 bytes of masking key. */
    public static final int MAX_LENGTH = 14;
    /** The largest payload that fits the 7-bit length field. */
    public static final int MAX_7_BIT_LENGTH = 125;
    /** The largest payload that fits the 16-bit extended length field. */
    public static final int MAX_16_BIT_LENGTH = 0xFFFF;
    private static final int LENGTH_16_BIT_MARKER = 126;
    private static final int LENGTH_64_BIT_MARKER = 127;

    /**
     * Validates the parts of a header.
     *
     * @param fin whether this is the final fragment of a message
     * @param rsv the reserved bits as they sit in the first byte
     * @param opcode the frame's opcode
     * @param masked whether the payload is masked
     * @param maskKey the masking key when {@code masked}, first octet in the most significant byte
     * @param payloadLength the payload length in bytes, at least 0
     * @throws IllegalArgumentException when {@code rsv} has bits outside RSV1–RSV3 or the
     *     length is negative
     */
    public FrameHeader {
        if ((rsv & ~(RSV1 | RSV2 | RSV3)) != 0) {
            throw new IllegalArgumentException("rsv must be a combination of RSV1, RSV2, RSV3");
        }
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length");
        }
    }

    /**
     * The number of bytes this header takes on the wire.
     *
     * @return 2 to 14
     */
    public int length() {
        return length(payloadLength, masked);
    }

    /**
     * Writes this header at the buffer's position, advancing it.
     *
     * @param target needs {@link #length()} bytes of room
     */
    public void writeTo(ByteBuffer target) {
        write(target, fin, rsv, opcode, payloadLength, masked, maskKey);
    }

    /**
     * The number of bytes a header takes on the wire.
     *
     * @param payloadLength the payload length
     * @param masked whether a masking key follows the length
     * @return 2 to 14
     */
    public static int length(long payloadLength, boolean masked) {
        int lengthBytes = payloadLength <= MAX_7_BIT_LENGTH ? 0
                : payloadLength <= MAX_16_BIT_LENGTH ? 2 : 8;
        return 2 + lengthBytes + (masked ? 4 : 0);
    }

    /**
     * Writes a frame header at the buffer's position, advancing it: the primitive form of
     * {@link #writeTo}, which allocates nothing.
     *
     * @param target needs {@link #length(long, boolean)} bytes of room
     * @param fin whether this is the final fragment
     * @param rsv the reserved bits, as they sit in the first byte
     * @param opcode the opcode
     * @param payloadLength the payload length, at least 0
     * @param masked whether a masking key is written
     * @param maskKey the masking key, written when {@code masked}
     */
    public static void write(ByteBuffer target, boolean fin, int rsv, Opcode opcode,
                             long payloadLength, boolean masked, int maskKey) {
        target.put((byte) ((fin ? FIN : 0) | rsv | opcode.code()));
        int maskBit = masked ? MASK : 0;
        if (payloadLength <= MAX_7_BIT_LENGTH) {
            target.put((byte) (maskBit | (int) payloadLength));
        } else if (payloadLength <= MAX_16_BIT_LENGTH) {
            target.put((byte) (maskBit | LENGTH_16_BIT_MARKER));
            putBigEndian(target, payloadLength, 2);
        } else {
            target.put((byte) (maskBit | LENGTH_64_BIT_MARKER));
            putBigEndian(target, payloadLength, 8);
        }
        if (masked) {
            putBigEndian(target, maskKey, 4);
        }
    }

    /** Network byte order (§5.2), whatever the buffer's own byte order is. */
    private static void putBigEndian(ByteBuffer target, long value, int bytes) {
        for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
            target.put((byte) (value >>> shift));
        }
    }
}
