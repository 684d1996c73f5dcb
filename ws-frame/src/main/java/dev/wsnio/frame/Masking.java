package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The masking transform of RFC 6455 §5.3: octet {@code i} of the payload is XORed with octet
 * {@code i mod 4} of the 32-bit masking key. Masking and unmasking are the same operation.
 *
 * <p>Both methods work 8 bytes at a time: the key is repeated twice into a {@code long} (rotated
 * so that the payload may start at any position within the key) and XORed with 8 payload bytes
 * per step; only the last 0–7 bytes are done one at a time. For the 8-byte loop the buffers are
 * switched to the machine's native byte order (and back): a big-endian {@code getLong} on a
 * little-endian CPU swaps bytes at every step, which keeps the JIT from vectorising the loop
 * (6 times slower at 64 KiB). The buffers are touched by this thread only meanwhile, as any
 * {@code ByteBuffer} must be.
 *
 * <p>A masking key is an {@code int} holding the four key octets in wire order, the first octet
 * in the most significant byte.
 */
public final class Masking {

    private static final ByteOrder NATIVE = ByteOrder.nativeOrder();

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
        long wide = nativeOrderMask(rotated);
        ByteOrder order = buffer.order();
        buffer.order(NATIVE);
        int index = from;
        int end = from + length;
        try {
            for (int stop = end - 7; index < stop; index += 8) {
                buffer.putLong(index, buffer.getLong(index) ^ wide);
            }
        } finally {
            buffer.order(order);
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
        long wide = nativeOrderMask(rotated);
        ByteOrder sourceOrder = source.order();
        ByteOrder targetOrder = target.order();
        source.order(NATIVE);
        target.order(NATIVE);
        int in = source.position();
        int out = target.position();
        int end = in + length;
        try {
            for (int stop = end - 7; in < stop; in += 8, out += 8) {
                target.putLong(out, source.getLong(in) ^ wide);
            }
        } finally {
            source.order(sourceOrder);
            target.order(targetOrder);
        }
        for (int shift = 24; in < end; in++, out++, shift = (shift - 8) & 31) {
            target.put(out, (byte) (source.get(in) ^ (rotated >>> shift)));
        }
        source.position(end);
        target.position(out);
    }

    /**
     * The 4-byte key repeated into 8 bytes, laid out for a native-order {@code long} read: the
     * first key octet must meet the first payload byte of the eight.
     */
    private static long nativeOrderMask(int rotatedKey) {
        long wide = ((long) rotatedKey << 32) | (rotatedKey & 0xFFFF_FFFFL);
        return NATIVE == ByteOrder.BIG_ENDIAN ? wide : Long.reverseBytes(wide);
    }
}
