package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking transform of RFC 6455 §5.3: octet {@code i} of the payload is XORed with octet
 * {@code i mod 4} of the 32-bit masking key. Masking and unmasking are the same operation.
 *
 * <p>Both methods work 8 bytes at a time: the key is repeated twice into a {@code long} (rotated
 * so that the payload may start at any position within the key) and XORed with 8 payload bytes
 * per step; only the last 0–7 bytes are done one at a time.
 *
 * <p>A masking key is an {@code int} holding the four key octets in wire order, the first octet
 * in the most significant byte.
 */
public final class Masking {

    private Masking() {
    }

    /**
     * Masks (or unmasks) bytes in place, without moving the buffer's position or limit.
     *
     * @param buffer the bytes; must be writable
     * @param from the absolute index of the first byte to transform
     * @param length how many bytes to transform
     * @param key the masking key, first octet in the most significant byte
     * @param keyOffset the index (counted from the start of the frame payload) of the byte at
     *     {@code from}; only its value modulo 4 matters
     */
    public static void maskInPlace(ByteBuffer buffer, int from, int length, int key, long keyOffset) {
        int rotated = Integer.rotateLeft(key, 8 * (int) (keyOffset & 3));
        long wide = wideMask(rotated, buffer.order());
        int index = from;
        int end = from + length;
        for (int stop = end - 7; index < stop; index += 8) {
            buffer.putLong(index, buffer.getLong(index) ^ wide);
        }
        for (int shift = 24; index < end; index++, shift = (shift - 8) & 31) {
            buffer.put(index, (byte) (buffer.get(index) ^ (rotated >>> shift)));
        }
    }

    /**
     * Copies the remaining bytes of {@code source} into {@code target}, masking them on the
     * way (one pass, so that a client never modifies the application's buffer). Both positions
     * advance by the number of bytes copied.
     *
     * @param source the bytes to mask; its position advances to its limit
     * @param target where the masked bytes go; needs {@code source.remaining()} bytes of room
     * @param key the masking key, first octet in the most significant byte
     * @param keyOffset the index, counted from the start of the frame payload, of the first byte
     *     copied; only its value modulo 4 matters
     */
    public static void copyMasked(ByteBuffer source, ByteBuffer target, int key, long keyOffset) {
        int length = source.remaining();
        if (target.remaining() < length) {
            throw new IllegalArgumentException(
                    "target has " + target.remaining() + " bytes of room, " + length + " needed");
        }
        int rotated = Integer.rotateLeft(key, 8 * (int) (keyOffset & 3));
        int in = source.position();
        int out = target.position();
        int end = in + length;
        if (source.order() == target.order()) {
            long wide = wideMask(rotated, source.order());
            for (int stop = end - 7; in < stop; in += 8, out += 8) {
                target.putLong(out, source.getLong(in) ^ wide);
            }
        }
        int shift = 24;
        for (; in < end; in++, out++, shift = (shift - 8) & 31) {
            target.put(out, (byte) (source.get(in) ^ (rotated >>> shift)));
        }
        source.position(end);
        target.position(out);
    }

    /** The 4-byte key repeated into 8 bytes, laid out for {@code getLong} in the given order. */
    private static long wideMask(int rotatedKey, ByteOrder order) {
        long wide = ((long) rotatedKey << 32) | (rotatedKey & 0xFFFF_FFFFL);
        return order == ByteOrder.BIG_ENDIAN ? wide : Long.reverseBytes(wide);
    }
}
