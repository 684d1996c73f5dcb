package dev.wsnio.engine;

import dev.wsnio.frame.Masking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.function.Supplier;

/**
 * The bytes a connection has to send and has not sent yet, in order.
 *
 * <p>Small frames are copied (and masked, for a client) into a direct buffer borrowed from the
 * loop's {@link BufferPool}, so that many small messages leave in one system call; large
 * payloads, and frames shared by a broadcast, are queued as they are (a view: no copy) behind
 * their header. {@link #writeTo} sends everything it can with one gathering write and keeps the
 * rest. A large payload that is only lent for the call (an echo of a received message) is
 * written at once instead, and only what the socket does not take is copied
 * ({@link #addFrameWritingLentPayload}).
 *
 * <p><b>Who owns which buffer.</b> A pooled buffer is lent only from the first frame gathered in
 * it until the write that follows, normally within one turn of the loop: once written it goes
 * back to the pool, and when the socket does not take it all, what is left is copied to the
 * heap and the pooled buffer goes back all the same. So an idle connection holds no buffer, a
 * connection waiting for a slow peer holds heap bytes only (bounded by its water marks), and
 * the loop's direct memory is the pool's, whatever the number of connections. When the pool is
 * all lent (many connections written in one turn) frames are gathered in heap buffers instead.
 *
 * <p>Completion is tracked by byte offsets: each {@link WriteCompletion} remembers the total
 * count of bytes enqueued up to the end of its write, and is told once the count of bytes
 * written reaches it.
 *
 * <p>Loop thread only.
 */
final class WriteQueue {

    /** Frames up to this size are copied into the coalescing buffer; larger ones are not. */
    static final int COALESCE_LIMIT = 4096;
    /** The most buffers passed to one gathering write. */
    private static final int MAX_GATHER = 64;
    /** The smallest heap buffer to gather in when the pool is all lent. */
    private static final int HEAP_GATHER_SIZE = 2048;
    private static final ByteBuffer[] NO_ENTRIES = new ByteBuffer[0];
    private static final boolean[] NO_FLAGS = new boolean[0];

    private final BufferPool pool;
    private ByteBuffer[] entries = NO_ENTRIES;
    private boolean[] pooled = NO_FLAGS;
    private int head;
    private int tail;
    /** The buffer being filled (write mode), not yet an entry; null when none. */
    private ByteBuffer open;
    /** Whether {@link #open} was lent by the pool (else it is a heap buffer). */
    private boolean openPooled;

    private long enqueuedTotal;
    private long writtenTotal;
    /** Completions waiting for their bytes; created by the first write that has one. */
    private PendingCompletions completions;

    WriteQueue(BufferPool pool) {
        this.pool = pool;
    }

    /** Bytes enqueued and not yet written. */
    long size() {
        return enqueuedTotal - writtenTotal;
    }

    /**
     * Enqueues a frame: its header (copied now) and its payload (copied and masked when asked,
     * or when small; otherwise kept as a view until written).
     *
     * @param header the header bytes, valid only during this call
     * @param payload the payload; unchanged until written
     * @param masked whether to mask the payload with {@code maskKey}
     * @param maskKey the masking key
     * @param completion told when the frame is written, or null
     */
    void addFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey,
                  WriteCompletion completion) {
        int headerLength = header.remaining();
        int payloadLength = payload.remaining();
        if (headerLength + payloadLength <= COALESCE_LIMIT) {
            ByteBuffer target = openWithRoom(headerLength + payloadLength);
            target.put(header);
            copyPayload(payload, target, masked, maskKey);
        } else {
            openWithRoom(headerLength).put(header);
            seal();
            if (masked) {
                ByteBuffer copy = ByteBuffer.allocate(payloadLength);
                Masking.copyMasked(payload.duplicate(), copy, maskKey, 0);
                push(copy.flip(), false);
            } else {
                push(payload.duplicate(), false);
            }
        }
        enqueuedTotal += headerLength + payloadLength;
        track(completion);
    }

    /**
     * Enqueues a frame whose payload is only lent (valid during this call, such as a
     * compressor's reused output): the payload is copied now, into the coalescing buffer when
     * the frame is small or masked as it is copied, otherwise into a heap buffer of its own.
     *
     * @param header the header bytes, valid only during this call
     * @param payload the payload, valid only during this call
     * @param masked whether to mask the payload with {@code maskKey}
     * @param maskKey the masking key
     * @param completion told when the frame is written, or null
     */
    void addFrameWithLentPayload(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey,
                                 WriteCompletion completion) {
        if (masked || header.remaining() + payload.remaining() <= COALESCE_LIMIT) {
            addFrame(header, payload, masked, maskKey, completion); // copies the payload either way
            return;
        }
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        addFrame(header, copy, false, 0, completion);
    }

    /**
     * Whether a frame with this lent payload is one {@link #addFrameWritingLentPayload} takes:
     * unmasked and too large to coalesce (smaller ones are cheaper copied and written together).
     *
     * @param header the header bytes
     * @param payload the payload
     * @param masked whether the payload is to be masked
     * @return true when the payload is better written at once than copied
     */
    static boolean writesLentPayloadAtOnce(ByteBuffer header, ByteBuffer payload, boolean masked) {
        return !masked && header.remaining() + payload.remaining() > COALESCE_LIMIT;
    }

    /**
     * Enqueues an unmasked frame whose large payload is only lent (valid during this call: a
     * view of the loop's read buffer that an echo sends back, a compressor's reused output) and
     * writes at once what the channel takes of the queue, this frame included: when the socket
     * takes it all, as it usually does, the payload is never copied. What it does not take of
     * the payload is copied to the heap before this returns. Completions are not run here (a
     * sender is still on the stack): the next {@link #writeTo} runs them.
     *
     * @param channel the socket
     * @param header the header bytes, valid only during this call
     * @param payload the payload, valid only during this call
     * @param completion told, at a later {@link #writeTo}, when the frame is written; or null
     * @throws IOException when the channel fails (the payload is kept all the same); the
     *     queue is then to be {@link #fail}ed
     */
    void addFrameWritingLentPayload(GatheringByteChannel channel, ByteBuffer header, ByteBuffer payload,
                                    WriteCompletion completion) throws IOException {
        int start = payload.position();
        int length = header.remaining() + payload.remaining();
        openWithRoom(header.remaining()).put(header);
        seal();
        push(payload, false); // the buffer itself, not a view: nothing is allocated for it
        enqueuedTotal += length;
        track(completion);
        try {
            writeAvailable(channel);
        } finally {
            if (head < tail) { // the lent payload is the last entry, and some of it is left
                entries[tail - 1] = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            }
            payload.position(start); // the queue keeps no reference to it, and its position is as it was
        }
    }

    /**
     * Enqueues raw bytes (an HTTP response, TLS records). Small ones are copied; larger ones are
     * queued as they are.
     *
     * @param bytes the bytes; unchanged until written when larger than the coalescing limit
     * @param completion told when the bytes are written, or null
     */
    void addBytes(ByteBuffer bytes, WriteCompletion completion) {
        int length = bytes.remaining();
        if (length <= COALESCE_LIMIT) {
            copyPayload(bytes, openWithRoom(length), false, 0);
        } else {
            seal();
            push(bytes.duplicate(), false);
        }
        enqueuedTotal += length;
        track(completion);
    }

    /**
     * Enqueues bytes shared with other connections (a broadcast frame encoded once), never
     * copied: a view of them waits in the queue until written.
     *
     * @param bytes the bytes; never modified, by anyone, until written
     * @param completion told when the bytes are written, or null
     */
    void addShared(ByteBuffer bytes, WriteCompletion completion) {
        seal();
        push(bytes.duplicate(), false);
        enqueuedTotal += bytes.remaining();
        track(completion);
    }

    /**
     * Writes as much as the channel takes, with gathering writes.
     *
     * @param channel the socket (or a TLS adapter)
     * @return whether everything was written
     * @throws IOException when the channel fails; the queue is then to be {@link #fail}ed
     */
    boolean writeTo(GatheringByteChannel channel) throws IOException {
        seal();
        writeAvailable(channel);
        completeWritten();
        if (head == tail) {
            return true;
        }
        returnPooledBuffers();
        return false;
    }

    /** Writes the sealed entries until the channel takes no more; pooled buffers written go back. */
    private void writeAvailable(GatheringByteChannel channel) throws IOException {
        while (head < tail) {
            long written = channel.write(entries, head, Math.min(tail - head, MAX_GATHER));
            if (written <= 0) {
                break;
            }
            writtenTotal += written;
            releaseWritten();
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    /** The socket is full: keeps what is left of pooled buffers on the heap and gives them back. */
    private void returnPooledBuffers() {
        for (int i = head; i < tail; i++) {
            if (pooled[i]) {
                ByteBuffer rest = entries[i];
                entries[i] = ByteBuffer.allocate(rest.remaining()).put(rest).flip();
                pooled[i] = false;
                pool.release(rest);
            }
        }
    }

    /**
     * Drops everything queued, telling every pending completion why.
     *
     * @param cause why the bytes will not be written, made only when a completion waits (a
     *     connection that closes with nothing pending allocates no exception)
     */
    void fail(Supplier<Throwable> cause) {
        for (int i = head; i < tail; i++) {
            if (pooled[i]) {
                pool.release(entries[i]);
            }
            entries[i] = null;
        }
        head = 0;
        tail = 0;
        if (open != null) {
            if (openPooled) {
                pool.release(open);
            }
            open = null;
        }
        writtenTotal = enqueuedTotal;
        if (completions == null || completions.isEmpty()) {
            return;
        }
        completions.failAll(cause.get());
    }

    private void track(WriteCompletion completion) {
        if (completion != null) {
            if (completions == null) {
                completions = new PendingCompletions();
            }
            completions.add(enqueuedTotal, completion);
        }
    }

    /** Copies (and masks) the payload's remaining bytes; the payload's position is unchanged. */
    private static void copyPayload(ByteBuffer payload, ByteBuffer target, boolean masked, int key) {
        int start = payload.position();
        if (masked) {
            Masking.copyMasked(payload, target, key, 0);
            payload.position(start);
        } else {
            int length = payload.remaining();
            target.put(target.position(), payload, start, length);
            target.position(target.position() + length);
        }
    }

    /** The open coalescing buffer, with at least {@code room} bytes free. */
    private ByteBuffer openWithRoom(int room) {
        if (open != null && open.remaining() < room) {
            seal();
        }
        if (open == null) {
            open = pool.acquire();
            openPooled = open != null;
            if (open == null) {
                open = ByteBuffer.allocate(Math.max(room, HEAP_GATHER_SIZE)); // the pool is all lent
            }
        }
        return open;
    }

    /** Makes the open buffer an entry, ready to be written. */
    private void seal() {
        if (open != null) {
            ByteBuffer sealed = open.flip();
            open = null;
            if (sealed.hasRemaining()) {
                push(sealed, openPooled);
            } else if (openPooled) {
                pool.release(sealed);
            }
        }
    }

    private void push(ByteBuffer buffer, boolean fromPool) {
        if (tail == entries.length) {
            grow();
        }
        entries[tail] = buffer;
        pooled[tail] = fromPool;
        tail++;
    }

    private void grow() {
        int live = tail - head;
        int capacity = Math.max(2, live * 2); // most connections never queue more than a frame or two
        ByteBuffer[] moved = new ByteBuffer[capacity];
        boolean[] movedPooled = new boolean[capacity];
        System.arraycopy(entries, head, moved, 0, live);
        System.arraycopy(pooled, head, movedPooled, 0, live);
        entries = moved;
        pooled = movedPooled;
        head = 0;
        tail = live;
    }

    private void releaseWritten() {
        while (head < tail && !entries[head].hasRemaining()) {
            if (pooled[head]) {
                pool.release(entries[head]);
            }
            entries[head] = null;
            head++;
        }
    }

    private void completeWritten() {
        if (completions != null) {
            completions.completeUpTo(writtenTotal);
        }
    }
}
