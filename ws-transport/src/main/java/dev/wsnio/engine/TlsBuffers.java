package dev.wsnio.engine;

import java.nio.ByteBuffer;

/**
 * The scratch buffers one event loop lends to the TLS layers of its connections, one at a time:
 * plaintext out of {@code unwrap} (a heap buffer: handlers decode text straight from its array)
 * and records out of {@code wrap} (a direct buffer: the socket writes it without a copy). Made on
 * the first TLS connection, sized to what the {@code SSLEngine} asks for, and kept: an idle TLS
 * connection borrows neither.
 *
 * <p>Loop thread only. A TLS layer uses a buffer only within one call (its contents are handed
 * on or copied before the call returns), so one of each serves every connection of the loop.
 */
final class TlsBuffers {

    /** Records wrapped before one write to the socket. */
    private static final int RECORDS_PER_WRITE = 4;

    private ByteBuffer plaintext;
    private ByteBuffer ciphertext;

    /**
     * The plaintext buffer, cleared.
     *
     * @param minimum the engine's application buffer size
     * @return a heap buffer of at least that size
     */
    ByteBuffer plaintext(int minimum) {
        if (plaintext == null || plaintext.capacity() < minimum) {
            plaintext = ByteBuffer.allocate(minimum);
        }
        return plaintext.clear();
    }

    /**
     * Makes the plaintext buffer larger, after the engine said it was too small.
     *
     * @param minimum the size the engine asks for now
     */
    void growPlaintext(int minimum) {
        plaintext = ByteBuffer.allocate(Math.max(minimum, 2 * plaintext.capacity()));
    }

    /**
     * The buffer for wrapped records, cleared.
     *
     * @param recordSize the engine's packet buffer size (the largest record)
     * @return a direct buffer with room for several such records
     */
    ByteBuffer ciphertext(int recordSize) {
        if (ciphertext == null || ciphertext.capacity() < recordSize) {
            // Sized once per loop (a record's size is fixed by the TLS version): not churned.
            ciphertext = ByteBuffer.allocateDirect(RECORDS_PER_WRITE * recordSize);
        }
        return ciphertext.clear();
    }
}
