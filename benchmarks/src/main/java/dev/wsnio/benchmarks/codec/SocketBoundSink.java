package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.FrameSink;
import dev.wsnio.frame.Masking;
import java.nio.ByteBuffer;

/**
 * What wsnio's transport does with a frame on its way to the socket, minus the socket: the
 * policy of its write queue ({@code dev.wsnio.engine.WriteQueue}, package-private),
 * reproduced here. A small frame (header and payload up to 4 KiB) is copied into a direct
 * buffer, masked on the way for a client, so that many leave in one system call. A larger
 * frame's header goes alone; its payload is written from where it is by a gathering write, or,
 * for a client, first copied masked (into a buffer kept here; the transport allocates one per
 * such frame).
 */
final class SocketBoundSink implements FrameSink {

    /** The transport's limit for copying a frame into its coalescing buffer. */
    static final int COALESCE_LIMIT = 4096;

    private final ByteBuffer coalescing = ByteBuffer.allocateDirect(16 * 1024);
    private final ByteBuffer maskedCopy;
    private long bytesOut;

    /**
     * Creates the buffers.
     *
     * @param largestPayload the longest payload that will be masked
     */
    SocketBoundSink(int largestPayload) {
        this.maskedCopy = ByteBuffer.allocate(largestPayload);
    }

    @Override
    public void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        int headerLength = header.remaining();
        int payloadLength = payload.remaining();
        int payloadStart = payload.position();
        coalescing.clear();
        coalescing.put(header);
        if (headerLength + payloadLength <= COALESCE_LIMIT) {
            if (masked) {
                Masking.copyMasked(payload, coalescing, maskKey, 0);
            } else {
                coalescing.put(payload);
            }
        } else if (masked) {
            maskedCopy.clear();
            Masking.copyMasked(payload, maskedCopy, maskKey, 0);
        }
        payload.position(payloadStart);
        bytesOut = headerLength + payloadLength;
    }

    /** The bytes of the last frame: header and payload. */
    long bytesOut() {
        return bytesOut;
    }
}
