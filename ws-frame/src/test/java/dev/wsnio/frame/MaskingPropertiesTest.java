package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.wsnio.testkit.Generated;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Properties of the masking transform (RFC 6455 §5.3): it is its own inverse. */
class MaskingPropertiesTest {

    @Test
    void maskingTwiceIsIdentity() {
        Generated.forAll(500, gen -> maskTwice(gen.bytes(200), gen.between(0, 16), gen.anyInt(), gen.anyLong(),
                gen.bool(), gen.bool()));
    }

    private static void maskTwice(byte[] bytes, int offset, int key, long keyOffset, boolean direct,
                                  boolean littleEndian) {
        ByteBuffer buffer = buffer(offset, bytes, direct, littleEndian);
        Masking.maskInPlace(buffer, offset, bytes.length, key, keyOffset & Long.MAX_VALUE);
        Masking.maskInPlace(buffer, offset, bytes.length, key, keyOffset & Long.MAX_VALUE);
        assertArrayEquals(bytes, slice(buffer, offset, bytes.length));
    }

    @Test
    void copyMaskedThenUnmaskingInPlaceRestoresTheBytes() {
        Generated.forAll(500, gen -> copyMaskedThenUnmask(gen.bytes(200), gen.between(0, 16), gen.between(0, 16),
                gen.anyInt(), gen.anyLong(), gen.bool(), gen.bool(), gen.bool()));
    }

    private static void copyMaskedThenUnmask(byte[] bytes, int sourceOffset, int targetOffset, int key,
                                             long keyOffset, boolean directTarget, boolean littleEndianSource,
                                             boolean littleEndianTarget) {
        long offsetInPayload = keyOffset & Long.MAX_VALUE;
        ByteBuffer source = buffer(sourceOffset, bytes, false, littleEndianSource);
        source.position(sourceOffset);
        ByteBuffer target = buffer(targetOffset, new byte[bytes.length], directTarget, littleEndianTarget);
        target.position(targetOffset);
        Masking.copyMasked(source, target, key, offsetInPayload);
        Masking.maskInPlace(target, targetOffset, bytes.length, key, offsetInPayload);
        assertArrayEquals(bytes, slice(target, targetOffset, bytes.length));
        assertArrayEquals(bytes, slice(source, sourceOffset, bytes.length), "the source is untouched");
    }

    @Test
    void maskingInTwoPiecesEqualsMaskingAtOnce() {
        Generated.forAll(300, gen -> maskInTwoPieces(gen.bytes(200), gen.anyInt(), gen.between(0, 200)));
    }

    private static void maskInTwoPieces(byte[] bytes, int key, int cut) {
        int split = Math.min(cut, bytes.length);
        ByteBuffer whole = ByteBuffer.wrap(bytes.clone());
        Masking.maskInPlace(whole, 0, bytes.length, key, 0);
        ByteBuffer pieces = ByteBuffer.wrap(bytes.clone());
        Masking.maskInPlace(pieces, 0, split, key, 0);
        Masking.maskInPlace(pieces, split, bytes.length - split, key, split);
        assertArrayEquals(whole.array(), pieces.array());
    }

    private static ByteBuffer buffer(int offset, byte[] bytes, boolean direct, boolean littleEndian) {
        int size = offset + bytes.length + 3;
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        buffer.put(offset, bytes);
        return buffer.order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    private static byte[] slice(ByteBuffer buffer, int offset, int length) {
        byte[] bytes = new byte[length];
        buffer.get(offset, bytes);
        return bytes;
    }
}
