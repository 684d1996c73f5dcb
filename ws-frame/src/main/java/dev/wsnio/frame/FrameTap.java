package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * Watches the frames of one {@link WebSocketSession} as its codec reads and writes them: each
 * header the {@link FrameDecoder} accepted or the session encoded, the payload as it was on the
 * wire and after unmasking (§5.3), and each message's data as the application sees it (inflated,
 * when permessage-deflate compressed it). It is what a debugger or a frame inspector builds on,
 * like the demo's live view of a page's own connection.
 *
 * <p>The calls come from the codec itself, in wire order, on the connection's thread, while it
 * decodes or encodes: an implementation must be quick and must not block (hand the data to
 * another thread or queue if there is work to do). Buffers are read-only views, valid only
 * during the call.
 *
 * <p>For a frame, {@link #onFrameHeader} comes first; its payload follows in
 * {@link #onFramePayload} calls, as many as the input was split into (none for an empty
 * payload), until the header's payload length is reached. A received masked frame's slices
 * are shown to {@link #onPayloadBeforeUnmasking} first. {@link #onMessageData} follows the frames
 * that carried the data. A sent frame's payload is shown before masking: a client's transport
 * masks it while copying it out ({@link FrameSink}), with the key in the header.
 *
 * <p>{@link #NONE} is the default of every session and decoder, and they skip it altogether:
 * an untapped connection pays one comparison per frame and per payload slice, and allocates
 * nothing for the tap. Frames encoded outside the session (a server's broadcast, encoded once
 * for many connections) are not seen.
 */
public interface FrameTap {

    /** Which way a frame went, seen from the session's end of the connection. */
    enum Direction {
        /** Read from the peer by the decoder. */
        RECEIVED,
        /** Encoded by the session, to be written to the peer. */
        SENT
    }

    /** The tap that watches nothing: the default, which the codec does not call at all. */
    FrameTap NONE = new FrameTap() {
    };

    /**
     * The tap was given to a decoder or session ({@link FrameDecoder#tap},
     * {@link WebSocketSession#tap}), on the connection's thread: every header and payload slice
     * after this call is shown to it, none before. An inspector can mark the start of its view
     * here; when a transport hands the tap over to the connection's thread, this is the moment
     * it takes effect.
     */
    default void onAttached() {
    }

    /**
     * A frame header: one the decoder read and accepted (RFC 6455 §5.2 checks passed), or one
     * the session encoded.
     *
     * @param direction received or sent
     * @param header the decoded fields
     * @param wire the header's 2–14 bytes exactly as they are on the wire; its length tells the
     *     payload length's encoding (7-bit, or 16-bit or 64-bit extended) and whether a masking
     *     key follows
     */
    default void onFrameHeader(Direction direction, FrameHeader header, ByteBuffer wire) {
    }

    /**
     * A slice of a received masked frame's payload as it arrived, before it is unmasked in place.
     *
     * @param masked the masked bytes, a read-only view
     */
    default void onPayloadBeforeUnmasking(ByteBuffer masked) {
    }

    /**
     * A slice of the current frame's payload: received (unmasked) or sent (before masking).
     * For a compressed message this is the compressed data.
     *
     * @param direction received or sent
     * @param payload the bytes, a read-only view
     */
    default void onFramePayload(Direction direction, ByteBuffer payload) {
    }

    /**
     * A message's data as the application sees it, after the frames that carried it: inflated
     * when it arrived compressed, before compression when it is sent. A received message comes
     * whole, or in pieces in {@link DeliveryMode#STREAMING}; a fragmented sent message comes one
     * fragment at a time.
     *
     * @param direction received or sent
     * @param type text or binary
     * @param data the bytes (text as UTF-8), a read-only view
     * @param last whether this ends the message
     */
    default void onMessageData(Direction direction, MessageType type, ByteBuffer data, boolean last) {
    }
}
