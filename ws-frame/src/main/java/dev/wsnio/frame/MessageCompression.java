package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * A per-message compression extension negotiated in the opening handshake: RFC 7692's
 * permessage-deflate is the one in use. A {@link WebSocketSession} that has one decompresses
 * every message whose first frame has {@link FrameHeader#RSV1} set, and asks it whether to
 * compress each message it sends.
 *
 * <p>An instance holds one connection's compression state (and native memory, for
 * {@code java.util.zip}); {@link #release()} frees it when the connection ends.
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
     * Compresses a whole outgoing message into the payload of its frame(s), which are sent with
     * RSV1 set on the first frame.
     *
     * @param message the message's bytes between position and limit; consumed
     * @return the compressed payload, a buffer the caller owns
     */
    ByteBuffer compress(ByteBuffer message);

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
