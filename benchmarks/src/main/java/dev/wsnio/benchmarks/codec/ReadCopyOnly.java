package dev.wsnio.benchmarks.codec;

import java.nio.ByteBuffer;

/**
 * The baseline of every decode benchmark: only the copy of the wire bytes into a direct read
 * buffer that each {@link WireDecoder} makes first, so that a reader can see how much of an
 * operation it is.
 */
public final class ReadCopyOnly implements WireDecoder {

    private final ByteBuffer readBuffer;

    /**
     * Creates the read buffer.
     *
     * @param capacity its size: at least the longest wire input
     */
    public ReadCopyOnly(int capacity) {
        this.readBuffer = ByteBuffer.allocateDirect(capacity);
    }

    @Override
    public long receive(byte[] wire) {
        readBuffer.clear();
        readBuffer.put(wire).flip();
        return readBuffer.remaining();
    }
}
