package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the masking transform (RFC 6455 §5.3): it is its own inverse. */
class MaskingPropertiesTest {

    @Property(tries = 500)
    void maskingTwiceIsIdentity(@ForAll @Size(max = 200) byte[] bytes, @ForAll @IntRange(max = 16) int offset,
                                @ForAll int key, @ForAll long keyOffset, @ForAll boolean direct,
                                @ForAll boolean littleEndian) {
        ByteBuffer buffer = buffer(offset, bytes, direct, littleEndian);
        Masking.maskInPlace(buffer, offset, bytes.length, key, keyOffset & Long.MAX_VALUE);
        Masking.maskInPlace(buffer, offset, bytes.length, key, keyOffset & Long.MAX_VALUE);
        assertArrayEquals(bytes, slice(buffer, offset, bytes.length));
    }

    @Property(tries = 500)
    void copyMaskedThenUnmaskingInPlaceRestoresTheBytes(
            @ForAll @Size(max = 200) byte[] bytes, @ForAll @IntRange(max = 16) int sourceOffset,
            @ForAll @IntRange(max = 16) int targetOffset, @ForAll int key, @ForAll long keyOffset,
            @ForAll boolean directTarget, @ForAll boolean littleEndianSource, @ForAll boolean littleEndianTarget) {
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

    @Property(tries = 300)
    void maskingInTwoPiecesEqualsMaskingAtOnce(@ForAll @Size(max = 200) byte[] bytes, @ForAll int key,
                                               @ForAll @IntRange(max = 200) int cut) {
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
