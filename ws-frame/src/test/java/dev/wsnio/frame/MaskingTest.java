package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §5.3: the masking transform, checked against a byte-at-a-time reference for every
 * offset, length and key offset, in both byte orders, in heap and direct buffers.
 */
class MaskingTest {

    private static final int KEY = 0x9A3C_5E71;
    private static final long[] KEY_OFFSETS = {0, 1, 2, 3, 4, 5, 6, 7, 0x1_0000_0003L};

    /** Octet i of the payload XOR octet (keyOffset + i) mod 4 of the key (§5.3). */
    private static byte[] reference(byte[] bytes, int from, int length, int key, long keyOffset) {
        byte[] masked = bytes.clone();
        for (int i = 0; i < length; i++) {
            int keyOctet = (int) ((keyOffset + i) % 4);
            masked[from + i] ^= (byte) (key >>> (24 - 8 * keyOctet));
        }
        return masked;
    }

    @Test
    void maskInPlaceMatchesTheReferenceForEveryOffsetLengthAndKeyOffset() {
        for (boolean direct : new boolean[] {false, true}) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                for (int from = 0; from <= 9; from++) {
                    for (int length = 0; length <= 40; length++) {
                        for (long keyOffset : KEY_OFFSETS) {
                            checkMaskInPlace(direct, order, from, length, keyOffset);
                        }
                    }
                }
            }
        }
    }

    private static void checkMaskInPlace(boolean direct, ByteOrder order, int from, int length, long keyOffset) {
        byte[] original = FrameBuilder.pattern(from + length + 9);
        ByteBuffer buffer = buffer(original, direct, order);
        Masking.maskInPlace(buffer, from, length, KEY, keyOffset);
        assertArrayEquals(reference(original, from, length, KEY, keyOffset), contents(buffer),
                () -> (direct ? "direct " : "heap ") + order + " from=" + from + " length=" + length
                        + " keyOffset=" + keyOffset);
    }

    @Test
    void maskInPlaceMovesNeitherPositionNorLimit() {
        ByteBuffer buffer = ByteBuffer.wrap(FrameBuilder.pattern(32));
        buffer.position(3).limit(20);
        Masking.maskInPlace(buffer, 5, 15, KEY, 1);
        assertEquals(3, buffer.position());
        assertEquals(20, buffer.limit());
    }

    @Test
    void copyMaskedMatchesTheReferenceForEveryOffsetLengthKeyOffsetAndLayout() {
        for (boolean directSource : new boolean[] {false, true}) {
            for (boolean directTarget : new boolean[] {false, true}) {
                for (ByteOrder sourceOrder : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                    for (ByteOrder targetOrder : new ByteOrder[] {ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN}) {
                        for (int sourceAt = 0; sourceAt <= 4; sourceAt++) {
                            for (int targetAt = 0; targetAt <= 4; targetAt += 3) {
                                for (int length = 0; length <= 33; length++) {
                                    for (long keyOffset : KEY_OFFSETS) {
                                        checkCopyMasked(directSource, directTarget, sourceOrder, targetOrder,
                                                sourceAt, targetAt, length, keyOffset);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static void checkCopyMasked(boolean directSource, boolean directTarget, ByteOrder sourceOrder,
                                        ByteOrder targetOrder, int sourceAt, int targetAt, int length,
                                        long keyOffset) {
        byte[] original = FrameBuilder.pattern(sourceAt + length + 5);
        ByteBuffer source = buffer(original, directSource, sourceOrder);
        source.position(sourceAt).limit(sourceAt + length);
        byte[] untouched = new byte[targetAt + length + 6];
        ByteBuffer target = buffer(untouched, directTarget, targetOrder);
        target.position(targetAt);

        Masking.copyMasked(source, target, KEY, keyOffset);

        String where = "source " + (directSource ? "direct " : "heap ") + sourceOrder + " at " + sourceAt
                + ", target " + (directTarget ? "direct " : "heap ") + targetOrder + " at " + targetAt
                + ", length " + length + ", keyOffset " + keyOffset;
        byte[] expected = untouched.clone();
        byte[] masked = reference(original, sourceAt, length, KEY, keyOffset);
        System.arraycopy(masked, sourceAt, expected, targetAt, length);
        assertArrayEquals(expected, contents(target), where);
        assertArrayEquals(original, contents(source), "the source is not modified: " + where);
        assertEquals(sourceAt + length, source.position(), where);
        assertEquals(targetAt + length, target.position(), where);
    }

    @Test
    void copyMaskedRefusesATargetWithTooLittleRoom() {
        ByteBuffer source = ByteBuffer.wrap(FrameBuilder.pattern(10));
        ByteBuffer target = ByteBuffer.allocate(9);
        assertThrows(IllegalArgumentException.class, () -> Masking.copyMasked(source, target, KEY, 0));
        assertEquals(0, source.position());
        assertEquals(0, target.position());
    }

    @Test
    void masksTheRfcExample() {
        ByteBuffer hello = ByteBuffer.wrap("Hello".getBytes(StandardCharsets.US_ASCII));
        Masking.maskInPlace(hello, 0, 5, 0x37FA213D, 0);
        assertArrayEquals(Hex.bytes("7F 9F 4D 51 58"), hello.array()); // RFC 6455 §5.7
    }

    @Test
    void zeroKeyLeavesBytesUnchanged() {
        byte[] original = FrameBuilder.pattern(37);
        ByteBuffer buffer = ByteBuffer.wrap(original.clone());
        Masking.maskInPlace(buffer, 0, 37, 0, 3);
        assertArrayEquals(original, buffer.array());
    }

    @Test
    void maskingInPiecesEqualsMaskingAtOnce() {
        byte[] original = FrameBuilder.pattern(100);
        ByteBuffer whole = ByteBuffer.wrap(original.clone());
        Masking.maskInPlace(whole, 0, 100, KEY, 0);
        ByteBuffer pieces = ByteBuffer.wrap(original.clone());
        int[] cuts = {0, 1, 3, 11, 12, 50, 99, 100};
        for (int i = 0; i + 1 < cuts.length; i++) {
            Masking.maskInPlace(pieces, cuts[i], cuts[i + 1] - cuts[i], KEY, cuts[i]);
        }
        assertArrayEquals(whole.array(), pieces.array());
    }

    private static ByteBuffer buffer(byte[] bytes, boolean direct, ByteOrder order) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        buffer.put(bytes).clear();
        return buffer.order(order);
    }

    private static byte[] contents(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.capacity()];
        buffer.duplicate().clear().get(bytes);
        return bytes;
    }
}
