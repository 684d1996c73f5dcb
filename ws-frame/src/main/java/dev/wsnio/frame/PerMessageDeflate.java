package dev.wsnio.frame;

import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * permessage-deflate (RFC 7692 §7) for one connection, built on {@code java.util.zip} only:
 * compresses the messages it is asked to, decompresses the messages that arrive with RSV1 set.
 * Create one after the opening handshake agreed on the extension, pass it to the
 * {@link WebSocketSession}, which calls {@link #release()} when the connection ends.
 *
 * <h2>The transform (§7.2)</h2>
 * Sending: the whole message goes through a raw-DEFLATE {@link Deflater} with a
 * {@link Deflater#SYNC_FLUSH} at its end, and the four octets {@code 00 00 ff ff} that the flush
 * ends with are removed (§7.2.1). The session sends the result in one frame with RSV1 set.
 * Receiving: each frame's payload is inflated as it arrives; at the message's end the four
 * octets are appended and inflated too (§7.2.2). Output is handed to the session in pieces of at
 * most {@link #MAX_DECOMPRESSED_PIECE} bytes, and the session counts them against its maximum
 * message size: a compression bomb fails with 1009 after at most the limit plus one piece has
 * been inflated, never after inflating the whole bomb.
 *
 * <h2>Window sizes</h2>
 * The JDK's {@code Deflater} always compresses with DEFLATE's largest window, 32 KiB
 * (15 bits): it offers no way to choose a smaller one. So this class cannot honour a peer's
 * request that we compress with a smaller window ({@code server_max_window_bits} below 15 asked
 * of a server, {@code client_max_window_bits} below 15 answered to a client): the negotiators
 * decline such an offer, and the constructor refuses such parameters. The other direction is
 * always fine: an {@link Inflater} always has a 32 KiB window and so decodes data compressed
 * with any window of 8 to 15 bits.
 *
 * <h2>Context takeover and memory</h2>
 * With context takeover in a direction, that direction's zlib state lives as long as the
 * connection (from its first compressed message on) so that messages can refer to earlier
 * ones; without, it is created for each message and ended after it. zlib's memory is native
 * (outside the Java heap); measured as the growth of the resident set with 2,000 instances,
 * each used on a 64 KiB message (JDK 17, zlib 1.2.13):
 * <table>
 *   <caption>Native memory per connection and direction</caption>
 *   <tr><th>state</th><th>resident when created</th><th>resident once used</th>
 *       <th>held between messages</th></tr>
 *   <tr><td>compressing ({@code Deflater}, any level)</td><td>82 KiB</td><td>262 KiB (zlib
 *       allocates a 64 KiB window, 64 KiB of hash chains, 64 KiB of hash heads and 64 KiB of
 *       pending output)</td><td>with context takeover only</td></tr>
 *   <tr><td>decompressing ({@code Inflater})</td><td>4 KiB</td><td>39 KiB (its 32 KiB window
 *       and state)</td><td>with context takeover only</td></tr>
 * </table>
 * So an idle connection with context takeover in both directions costs about 300 KiB; with
 * {@code server_no_context_takeover} and {@code client_no_context_takeover} it costs nothing
 * (the {@link PerMessageDeflateConfig#DEFAULTS defaults}). Creating a zlib stream per message
 * costs about as much as resetting a kept one, because zlib's allocator reuses the freed blocks
 * (10 µs either way for a 1 KiB message at the default level), so no pool is needed. The Java
 * heap holds only the output buffer of a message being received (1 to 16 KiB, dropped at its
 * end) and each compressed message being sent.
 *
 * <h2>Broadcast</h2>
 * One compressed encoding of a message can be shared by every connection on which this
 * endpoint compresses without context takeover ({@code server_no_context_takeover} agreed, or
 * {@link PerMessageDeflateConfig#noContextTakeover()} set): such a connection's peer can decode
 * a message compressed with an empty window whatever it received before, and this endpoint's
 * next message does not refer to anything either. With context takeover it cannot be shared:
 * the peer's window would then hold the broadcast message while this connection's compressor
 * does not, and the next message's back-references would point at the wrong bytes. Window bits
 * do not matter, since this endpoint compresses with 15 bits on every connection. Use
 * {@link #compressWithFreshContext} once and {@link #resetsContextEachMessage()} to tell which
 * connections can take the result. The session's {@code sendMessage} compresses by itself; a
 * way to send an already compressed payload is for the broadcast code to add.
 *
 * <h2>Limits of {@code java.util.zip}</h2>
 * A peer may end a message with a block that has BFINAL set (§7.2.3.4). That ends the DEFLATE
 * stream; the next message starts a new one, and with context takeover it could refer to the
 * old window, which the JDK's {@code Inflater} cannot carry over (zlib's
 * {@code inflateGetDictionary} is not exposed). Such a reference then fails the connection with
 * 1007 ({@link ProtocolError#INVALID_COMPRESSED_DATA}); it never yields wrong data. A peer that
 * ends each message with BFINAL and starts the next one afresh is decoded correctly.
 *
 * <p>Not thread-safe, like the session that uses it. Its two directions are independent
 * objects, so sending on one thread while receiving on another shares no state.
 */
public final class PerMessageDeflate implements MessageCompression {

    /** The largest piece of decompressed output handed to the session at once: 16 KiB. */
    public static final int MAX_DECOMPRESSED_PIECE = 16 * 1024;

    private final int compressionThreshold;
    private final boolean resetsContextEachMessage;
    private final PerMessageDeflateCompressor compressor;
    private final PerMessageDeflateDecompressor decompressor;

    /**
     * Creates the compression state of a connection on which permessage-deflate was agreed.
     * Nothing native is allocated until a compressed message is sent or received.
     *
     * @param role which end of the connection this is
     * @param agreed the parameters of the handshake's response
     * @param config the level, the threshold, and whether to compress without context takeover
     *     even when the peer would allow it
     * @throws IllegalArgumentException when {@code agreed} limits this endpoint's window below
     *     15 bits, which the JDK's {@code Deflater} cannot do
     */
    public PerMessageDeflate(Role role, PerMessageDeflateParameters agreed,
                             PerMessageDeflateConfig config) {
        if (agreed.maxWindowBits(role) < PerMessageDeflateParameters.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("the " + role + " was asked to compress with a "
                    + agreed.maxWindowBits(role) + "-bit window; java.util.zip.Deflater always uses "
                    + "15 bits, so the handshake must decline such an offer");
        }
        Role peer = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
        this.compressionThreshold = config.compressionThreshold();
        this.resetsContextEachMessage = agreed.noContextTakeover(role) || config.noContextTakeover();
        this.compressor = new PerMessageDeflateCompressor(config.compressionLevel(),
                !resetsContextEachMessage);
        this.decompressor = new PerMessageDeflateDecompressor(!agreed.noContextTakeover(peer));
    }

    /**
     * Compresses one message with an empty window, independently of any connection: the payload
     * of a compressed message (RFC 7692 §7.2.1) that every connection for which
     * {@link #resetsContextEachMessage()} is true can send as it is.
     *
     * @param message the bytes between position and limit; consumed
     * @param level the {@link Deflater} level, 0 to 9 or -1 for zlib's default
     * @return the compressed payload, in a buffer of its own
     * @throws IllegalArgumentException when the level is not -1 to 9
     */
    public static ByteBuffer compressWithFreshContext(ByteBuffer message, int level) {
        if (level < Deflater.DEFAULT_COMPRESSION || level > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("level must be -1 (default) or 0 to 9, was " + level);
        }
        return PerMessageDeflateCompressor.compressWithFreshContext(message, level);
    }

    /**
     * Whether this endpoint compresses every message with an empty window on this connection,
     * so that it may send the output of {@link #compressWithFreshContext} as is.
     *
     * @return true without context takeover in this endpoint's direction
     */
    public boolean resetsContextEachMessage() {
        return resetsContextEachMessage;
    }

    /**
     * Compresses messages of at least the configured threshold, of either type.
     *
     * @param type the message's type (text and binary are treated alike)
     * @param length the message's size in bytes
     * @return whether {@code length} reaches {@link PerMessageDeflateConfig#compressionThreshold()}
     */
    @Override
    public boolean shouldCompress(MessageType type, int length) {
        return length >= compressionThreshold;
    }

    /**
     * Compresses a whole outgoing message, RFC 7692 §7.2.1.
     *
     * @param message the message's bytes between position and limit; consumed
     * @return the compressed payload, a buffer the caller owns
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public ByteBuffer compress(ByteBuffer message) {
        return compressor.compress(message);
    }

    /**
     * Inflates a slice of a received compressed message, handing the output to the sink in
     * pieces of at most {@link #MAX_DECOMPRESSED_PIECE} bytes.
     *
     * @param compressed compressed bytes between position and limit; consumed
     * @param sink receives decompressed bytes
     * @throws WebSocketProtocolException {@link ProtocolError#INVALID_COMPRESSED_DATA} when the
     *     data cannot be inflated, or whatever the sink throws
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public void decompress(ByteBuffer compressed, DecompressedSink sink)
            throws WebSocketProtocolException {
        decompressor.decompress(compressed, sink);
    }

    /**
     * Ends a received compressed message: appends {@code 00 00 ff ff} (§7.2.2), hands on the
     * last output, and keeps or drops the window as agreed.
     *
     * @param sink receives decompressed bytes
     * @throws WebSocketProtocolException as for {@link #decompress}
     * @throws IllegalStateException after {@link #release()}
     */
    @Override
    public void finishMessage(DecompressedSink sink) throws WebSocketProtocolException {
        decompressor.finishMessage(sink);
    }

    /**
     * Frees the native memory of both directions at once ({@code end()} on the {@code Deflater}
     * and {@code Inflater}). Safe to call more than once; afterwards the other methods throw
     * {@link IllegalStateException}.
     */
    @Override
    public void release() {
        compressor.release();
        decompressor.release();
    }
}
