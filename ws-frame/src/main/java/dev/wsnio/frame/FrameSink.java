package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * Where a {@link WebSocketSession} puts the frames it sends: the transport's write queue, or a
 * test's byte collector. The session encodes headers and decides what to send; the sink moves
 * the bytes.
 *
 * <p>The header and the payload are separate so that a transport can send them with one
 * gathering write and never copy the payload. For a client (RFC 6455 §5.3) the payload must be
 * masked on its way out: the sink does it while copying ({@link Masking#copyMasked}), because
 * the payload may be the application's own buffer, which must not change.
 */
public interface FrameSink {

    /**
     * Sends one frame.
     *
     * @param header the encoded header (2–14 bytes) between position and limit; valid only
     *     during this call, so the sink copies it
     * @param payload the frame's payload between position and limit, not yet masked: either the
     *     application's buffer or one the session made for this frame; it does not change until
     *     the frame is written, so the sink may keep it instead of copying it
     * @param masked whether the payload must be masked with {@code maskKey} on the way out
     * @param maskKey the masking key written in the header, first octet most significant
     */
    void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey);

    /**
     * Sends one frame whose payload is only lent: it is valid during this call and no longer
     * (the reused output buffer of a {@link MessageCompression}), so the sink copies it before
     * it returns. This default copies it into a buffer of its own and calls {@link #sendFrame};
     * a transport that copies small frames anyway overrides it to spare the allocation.
     *
     * @param header the encoded header, valid only during this call
     * @param payload the frame's payload between position and limit, not yet masked; valid only
     *     during this call
     * @param masked whether the payload must be masked with {@code maskKey} on the way out
     * @param maskKey the masking key written in the header
     */
    default void sendFrameWithLentPayload(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        sendFrame(header, copy, masked, maskKey);
    }
}
