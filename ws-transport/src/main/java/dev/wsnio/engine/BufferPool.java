package dev.wsnio.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size, reused by one event loop for coalescing small writes. A
 * connection borrows one only while it has bytes waiting to be written, so idle connections
 * hold none. The pool keeps at most {@code maxPooled} buffers; beyond that, returned buffers
 * are left to the garbage collector.
 */
final class BufferPool {

    private final int bufferSize;
    private final int maxPooled;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();

    BufferPool(int bufferSize, int maxPooled) {
        this.bufferSize = bufferSize;
        this.maxPooled = maxPooled;
    }

    int bufferSize() {
        return bufferSize;
    }

    /** A cleared buffer of {@link #bufferSize()} bytes. */
    ByteBuffer acquire() {
        ByteBuffer buffer = free.pollFirst();
        return buffer != null ? buffer : ByteBuffer.allocateDirect(bufferSize);
    }

    /** Gives a buffer back; it must not be used afterwards. */
    void release(ByteBuffer buffer) {
        if (free.size() < maxPooled) {
            free.addFirst(buffer.clear());
        }
    }
}
