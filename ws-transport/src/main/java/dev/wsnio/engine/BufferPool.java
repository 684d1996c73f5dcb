package dev.wsnio.engine;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The direct buffers one event loop coalesces small writes in: at most {@code capacity} of
 * them, made when first needed and kept for the loop's life, so the direct memory a loop uses
 * for writing is bounded by construction and none is ever left to the garbage collector.
 *
 * <p>A connection borrows a buffer while it gathers frames to send and gives it back as soon as
 * the buffer is written (at the end of the connection's turn, normally); bytes the socket does
 * not take are moved to the heap and the buffer returned (see {@link WriteQueue}). So the pool
 * needs only as many buffers as connections are written in one turn of the loop; when they are
 * all lent, {@link #acquire()} says so and the caller gathers on the heap instead.
 *
 * <p>Loop thread only.
 */
final class BufferPool {

    private final int bufferSize;
    private final int capacity;
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    private int created;

    /**
     * @param bufferSize the size of every buffer
     * @param capacity the most buffers the pool ever makes
     */
    BufferPool(int bufferSize, int capacity) {
        this.bufferSize = bufferSize;
        this.capacity = capacity;
    }

    /**
     * Lends a cleared buffer of the pool's buffer size.
     *
     * @return the buffer, or null when every buffer the pool may make is lent
     */
    ByteBuffer acquire() {
        ByteBuffer buffer = free.pollFirst();
        if (buffer == null && created < capacity) {
            created++;
            buffer = ByteBuffer.allocateDirect(bufferSize);
        }
        return buffer;
    }

    /** Takes a lent buffer back; it must not be used afterwards. */
    void release(ByteBuffer buffer) {
        free.addFirst(buffer.clear());
    }

    /** Whether every buffer the pool may make is lent out. */
    boolean exhausted() {
        return free.isEmpty() && created == capacity;
    }

    /** Buffers lent out now (for tests). */
    int lent() {
        return created - free.size();
    }
}
