package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * Receives the frames a {@link FrameDecoder} finds, as they arrive: first the header, then the
 * payload in as many slices as the input was split into, then the end of the frame.
 *
 * <p>The handler may throw a {@link WebSocketProtocolException} to reject a frame (for
 * instance a continuation frame outside a message); the decoder then stops and fails.
 */
public interface FrameHandler {

    /**
     * A frame header was read and passed the checks of §5.2.
     *
     * @param fin whether this is the final fragment of a message
     * @param rsv the reserved bits as they sit in the first byte (only those allowed)
     * @param opcode the opcode (never a reserved one)
     * @param payloadLength the payload length announced by the header
     * @throws WebSocketProtocolException to reject the frame
     */
    void onFrameHeader(boolean fin, int rsv, Opcode opcode, long payloadLength)
            throws WebSocketProtocolException;

    /**
     * A slice of the current frame's payload, already unmasked, between the buffer's position
     * and limit. The buffer is the decoder's input: it is valid only during this call, and its
     * position and limit are restored afterwards. Not called for empty payloads.
     *
     * @param payload a view of the payload bytes
     * @throws WebSocketProtocolException to reject the frame
     */
    void onFramePayload(ByteBuffer payload) throws WebSocketProtocolException;

    /**
     * The current frame is complete: all its payload was handed to {@link #onFramePayload}.
     *
     * @throws WebSocketProtocolException to reject the frame
     */
    void onFrameEnd() throws WebSocketProtocolException;
}
