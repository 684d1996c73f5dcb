package dev.wsnio.server;

import java.nio.ByteBuffer;

/**
 * Request bytes that arrived but are not parsed yet, because the connection's earlier responses
 * still wait to be written. Reading is paused meanwhile, so what is held is what one read (or
 * the records of one TLS read) brought beyond the last parsed request: at most about the loop's
 * read buffer. {@link #MAX_BYTES} is a guard that makes the bound hold whatever the engine
 * delivers. Loop thread only.
 */
final class HeldInput {

    /** Twice the loop's read buffer: never reached while reading pauses as it should. */
    static final int MAX_BYTES = 128 * 1024;

    private ByteBuffer bytes;

    /**
     * Keeps a copy of the remaining bytes (the caller's buffer is reused after the call).
     *
     * @param more the bytes, between position and limit; consumed. When it is the buffer
     *     {@link #bytes()} returned, partly parsed, its remaining bytes simply stay held.
     * @return false when keeping them would pass {@link #MAX_BYTES} (nothing is kept then)
     */
    boolean hold(ByteBuffer more) {
        if (more == bytes) {
            return true;
        }
        int kept = bytes == null ? 0 : bytes.remaining();
        if ((long) kept + more.remaining() > MAX_BYTES) {
            return false;
        }
        ByteBuffer joined = ByteBuffer.allocate(kept + more.remaining());
        if (bytes != null) {
            joined.put(bytes);
        }
        bytes = joined.put(more).flip();
        return true;
    }

    /**
     * The held bytes, to be parsed in place: what the parser takes is gone from them.
     *
     * @return the held bytes (read mode), or an empty buffer
     */
    ByteBuffer bytes() {
        return bytes == null ? ByteBuffer.allocate(0) : bytes;
    }

    /** Drops what is held. */
    void clear() {
        bytes = null;
    }
}
