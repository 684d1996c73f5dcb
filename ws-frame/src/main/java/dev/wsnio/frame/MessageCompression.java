package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * A per-message compression extension negotiated in the opening handshake: RFC 7692's
 * permessage-deflate is the one in use. A {@link WebSocketSession} that has one decompresses
 * every message whose first frame has {@link FrameHeader#RSV1} set, and asks it whether to
 * compress each message it sends.
 *
 * <p>An instance holds one connection's compression state (and native memory, for
 * {@code java.util.zip}); {@link #release()} frees it when the connection ends. It is used by
 * one thread at a time (the connection's event loop), which is what lets it lend its output
 * instead of allocating it.
 */
public interface MessageCompression {

    /**
     * Whether to compress an outgoing message: small messages grow when compressed, so an
     * implementation sends them as they are.
     *
     * @param type the message's type
     * @param length the message's size in bytes
     * @return true to compress it
     */
    boolean shouldCompress(MessageType type, int length);

    /**
     * Compresses a whole outgoing message into the payload of its frame, which is sent with RSV1
     * set; or declines, and the message is sent as it is (RFC 7692 §6: the sender chooses,
     * message by message).
     *
     * @param message the message's bytes between position and limit; consumed when compressed,
     *     left as it was when declined
     * @return the compressed payload, lent: valid until the next call of {@code compress} on the
     *     same thread, so the caller sends or copies it at once
     *     ({@link FrameSink#sendFrameWithLentPayload}); or null to send the message uncompressed
     */
    ByteBuffer compress(ByteBuffer message);

    /**
     * The largest payload the peer may send for a message of the given size once compressed
     * (its encoder's worst case for incompressible data): a frame of a compressed message is held
     * to this bound of the maximum frame size, so that every message the limits allow can arrive
     * compressed. The decompressed size stays limited by the maximum message size.
     *
     * @param messageSize the uncompressed size
     * @return the most compressed bytes; this default is for a transform that never grows its
     *     input
     */
    default long maxCompressedSize(long messageSize) {
        return messageSize;
    }

    /**
     * Decompresses a slice of a received compressed message, handing decompressed bytes to the
     * sink as they are produced, in pieces of bounded size, so that the sink can enforce the
     * maximum message size before a compression bomb grows.
     *
     * @param compressed compressed bytes between position and limit; consumed
     * @param sink receives decompressed bytes
     * @throws WebSocketProtocolException {@link ProtocolError#INVALID_COMPRESSED_DATA} when the
     *     data cannot be decompressed, or whatever the sink throws
     */
    void decompress(ByteBuffer compressed, DecompressedSink sink) throws WebSocketProtocolException;

    /**
     * The compressed message ended (its final frame was received): finishes decompression
     * (RFC 7692 §7.2.2 appends {@code 00 00 ff ff}) and hands the last bytes to the sink.
     *
     * @param sink receives decompressed bytes
     * @throws WebSocketProtocolException as for {@link #decompress}
     */
    void finishMessage(DecompressedSink sink) throws WebSocketProtocolException;

    /** Frees the compression state (native memory of {@code Deflater}/{@code Inflater}). */
    void release();

    /** Receives the output of {@link #decompress} and {@link #finishMessage}. */
    interface DecompressedSink {
        /**
         * Decompressed bytes between position and limit, valid only during the call.
         *
         * @param decompressed a view of decompressed bytes
         * @throws WebSocketProtocolException to stop decompression (for instance when the
         *     message grows past its limit)
         */
        void accept(ByteBuffer decompressed) throws WebSocketProtocolException;
    }
}
