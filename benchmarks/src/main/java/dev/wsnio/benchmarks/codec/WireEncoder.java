package dev.wsnio.benchmarks.codec;

import java.nio.ByteBuffer;

/**
 * One implementation's send path: turns a message into the bytes handed to the socket.
 */
public interface WireEncoder {

    /**
     * Encodes one binary message as one final frame, up to the point where the bytes would be
     * written to the socket.
     *
     * @param payload the message between position and limit; left as it was
     * @return the number of bytes that would be written (header and payload)
     */
    long send(ByteBuffer payload);
}
