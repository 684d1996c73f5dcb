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
 * ends with are removed (§7.2.1). The session sends the result in one frame with RSV1 set. A
 * message that compression does not make smaller is sent as it is, without RSV1 (§6 leaves the
 * choice to the sender, message by message; {@link PerMessageDeflateConfig#skipIncompressible()}).
 * Receiving: each frame's payload is inflated as it arrives; at the message's end the four
 * octets are appended and inflated too (§7.2.2). Output is handed to the session in pieces of at
 * most {@link #MAX_DECOMPRESSED_PIECE} bytes, and the session counts them against its maximum
 * message size: a compression bomb fails with 1009 after at most the limit plus one piece has
 * been inflated, never after inflating the whole bomb.
 *
 * <h2>Window sizes (§7.1.2)</h2>
 * Every window the RFC allows is honoured, in both directions. Receiving: an {@link Inflater}
 * always has a 32 KiB window, so it decodes data compressed with any window of 8 to 15 bits.
 * Sending with a window of 2<sup>N</sup> bytes, N below 15 (the peer asked for it, or
 * {@link PerMessageDeflateConfig#maxWindowBits()} is set): the JDK's {@code Deflater} has no
 * smaller window, but what §7.1.2 requires is only that no back-reference reaches further back
 * than 2<sup>N</sup> bytes, so the compressor empties its history after every 2<sup>N</sup>
 * bytes of input (the cost and the alternatives are described in the compressor's source,
 * {@code PerMessageDeflateCompressor}). A message of at most 2<sup>N</sup> bytes compressed
 * without context takeover is compressed exactly as with a 15-bit window.
 *
 * <h2>Context takeover and memory</h2>
 * zlib's memory is native (outside the Java heap); measured as the growth of the resident set
 * with 2,000 instances, each used on a 64 KiB message (JDK 17, zlib 1.2.13):
 * <table>
 *   <caption>Native memory of a compression stream</caption>
 *   <tr><th>stream</th><th>resident when created</th><th>resident once used</th></tr>
 *   <tr><td>compressing ({@code Deflater}, any level)</td><td>82 KiB</td><td>262 KiB (zlib
 *       allocates a 64 KiB window, 64 KiB of hash chains, 64 KiB of hash heads and 64 KiB of
 *       pending output)</td></tr>
 *   <tr><td>decompressing ({@code Inflater})</td><td>4 KiB</td><td>39 KiB (its 32 KiB window
 *       and state)</td></tr>
 * </table>
 * Without context takeover in a direction (the {@link PerMessageDeflateConfig#DEFAULTS
 * defaults}, both ways), that direction uses streams lent by a {@link DeflateWorkspace}, one per
 * event loop, for the duration of one message: the connection holds nothing between messages,
 * and a loop holds one compressor per level in use and a few idle inflaters, however many
 * connections it serves. With context takeover in a direction, the connection keeps a stream
 * of its own from its first compressed message to its end, so that messages can refer to earlier
 * ones: about 260 KiB for our compressor, about 40 KiB for our decompressor when the peer keeps
 * its window. How many connections may do so is capped by a {@link ContextTakeoverBudget}
 * ({@link PerMessageDeflateConfig#maxContextTakeoverConnections()}); beyond it they compress and
 * decompress without context takeover. Buffers come from the workspace too: compressing or
 * decompressing a message allocates nothing on the Java heap.
 *
 * <h2>Broadcast</h2>
 * One compressed encoding of a message can be shared by every connection for which
 * {@link #acceptsFreshContextEncoding()} is true: this endpoint compresses each message with an
 * empty history and may use a 32 KiB window there, so its peer can decode a message compressed
 * that way whatever it received before, and this endpoint's next message does not refer to
 * anything either. With context takeover it cannot be shared: the peer's window would then hold
 * the broadcast message while this connection's compressor does not, and the next message's
 * back-references would point at the wrong bytes. Use {@link #compressWithFreshContext} once.
 * The session's {@code sendMessage} compresses by itself; a way to send an already compressed
 * payload is for the broadcast code to add.
 *
 * <h2>Limits of {@code java.util.zip}</h2>
 * A peer may end a message with a block that has BFINAL set (§7.2.3.4). That ends the DEFLATE
 * stream; the next message starts a new one, and with context takeover it could refer to the
 * old window, which the JDK's {@code Inflater} cannot carry over (zlib's
 * {@code inflateGetDictionary} is not exposed). Such a reference then fails the connection with
 * 1007 ({@link ProtocolError#INVALID_COMPRESSED_DATA}); it never yields wrong data. A peer that
 * ends each message with BFINAL and starts the next one afresh is decoded correctly.
 *
 * <p>Not thread-safe, like the session that uses it: the thread that owns its workspace (the
 * connection's event loop) does all its work.
 */
public final class PerMessageDeflate implements MessageCompression {

    /** The largest piece of decompressed output handed to the session at once: 16 KiB. */
    public static final int MAX_DECOMPRESSED_PIECE = 16 * 1024;

    private final int compressionThreshold;
    private final boolean ownContextTakeover;
    private final int windowBits;
    private final PerMessageDeflateCompressor compressor;
    private final PerMessageDeflateDecompressor decompressor;
    /** The budget this connection counts against, or null when it keeps no state. */
    private ContextTakeoverBudget heldBudget;
    /** The workspace this instance made for itself and ends on release, or null when shared. */
    private final DeflateWorkspace ownWorkspace;

    /**
     * Creates the compression state of a single connection, with a workspace of its own (ended
     * by {@link #release()}) and a budget of its own: for a connection used on its own, or a
     * test. Endpoints with many connections use the other constructor, so that connections
     * share one workspace per thread and one budget.
     *
     * @param role which end of the connection this is
     * @param agreed the parameters of the handshake's response
     * @param config the level, the threshold, the window and whether to keep context
     */
    public PerMessageDeflate(Role role, PerMessageDeflateParameters agreed, PerMessageDeflateConfig config) {
        this(role, agreed, config, new DeflateWorkspace(),
                new ContextTakeoverBudget(config.maxContextTakeoverConnections()), true);
    }

    /**
     * Creates the compression state of a connection on which permessage-deflate was agreed.
     * Nothing native is allocated here: a stream is created or lent when a compressed message is
     * sent or received.
     *
     * @param role which end of the connection this is
     * @param agreed the parameters of the handshake's response
     * @param config the level, the threshold, the window and whether to keep context
     * @param workspace the streams and buffers of the thread that serves the connection
     * @param budget the cap on connections keeping state between messages; this connection
     *     counts against it while it keeps state, until {@link #release()}
     */
    public PerMessageDeflate(Role role, PerMessageDeflateParameters agreed, PerMessageDeflateConfig config,
                             DeflateWorkspace workspace, ContextTakeoverBudget budget) {
        this(role, agreed, config, workspace, budget, false);
    }

    private PerMessageDeflate(Role role, PerMessageDeflateParameters agreed, PerMessageDeflateConfig config,
                              DeflateWorkspace workspace, ContextTakeoverBudget budget, boolean ownsWorkspace) {
        Role peer = role == Role.SERVER ? Role.CLIENT : Role.SERVER;
        boolean peerContextTakeover = !agreed.noContextTakeover(peer);
        boolean ownContextWanted = !agreed.noContextTakeover(role) && !config.noContextTakeover();
        boolean ownContext;
        if (peerContextTakeover) {
            // The peer may refer to earlier messages: its window must be kept, counted or not.
            boolean withinLimit = budget.acquire();
            heldBudget = budget;
            ownContext = ownContextWanted && withinLimit;
        } else if (ownContextWanted && budget.tryAcquire()) {
            heldBudget = budget;
            ownContext = true;
        } else {
            ownContext = false;
        }
        this.compressionThreshold = config.compressionThreshold();
        this.ownContextTakeover = ownContext;
        this.windowBits = Math.min(agreed.maxWindowBits(role), config.maxWindowBits());
        this.compressor = new PerMessageDeflateCompressor(workspace, config.compressionLevel(), windowBits,
                ownContext, config.skipIncompressible());
        this.decompressor = new PerMessageDeflateDecompressor(workspace, peerContextTakeover);
        this.ownWorkspace = ownsWorkspace ? workspace : null;
    }

    /**
     * The largest compressed size of a message of the given size, as the peer's DEFLATE encoder
     * may produce it: the frame size limit a compressed frame is held to
     * (through {@link #maxCompressedSize}).
     *
     * <p>The bound is zlib's {@code deflateBound()} for a stream whose parameters it cannot know
     * (zlib 1.2.12 and later, {@code deflate.c}), the case of a peer: n + n/8 + n/256 + n/512 + 4
     * (about 13 %: fixed-Huffman blocks with 9-bit literals, which zlib may have to emit when a
     * small window or memory level keeps it from stored blocks) plus 6 more bytes that zlib adds
     * in that case; and the flush that ends a permessage-deflate message (§7.2.1): an empty stored
     * block, 3 header bits, padding to a byte and 4 bytes of LEN and NLEN (RFC 1951 §3.2.4), at
     * most 6 bytes, counted whole since some peers leave its last 4 bytes on. zlib (in browsers,
     * Node's {@code ws}, Python's {@code websockets}, the JDK) stays within it at every level,
     * window and memory level; at the default settings it needs only about 0.03 %, at memory
     * level 5 ({@code websockets}' default) about 0.25 %. This endpoint's own output, with a
     * window of 2<sup>N</sup> bytes, grows by at most 10 bytes per 2<sup>N</sup>: 3.9 % at 8 bits.
     *
     * @param messageSize the size of the uncompressed data
     * @return the most bytes it can take compressed
     */
    public static long compressedSizeBound(long messageSize) {
        long zlibBound = messageSize + (messageSize >> 3) + (messageSize >> 8) + (messageSize >> 9) + 4 + 6;
        return zlibBound + 6;
    }

    /**
     * Compresses one message with an empty history and a 32 KiB window, independently of any
     * connection: the payload of a compressed message (RFC 7692 §7.2.1) that every connection
     * for which {@link #acceptsFreshContextEncoding()} is true can send as it is.
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
     * Whether this endpoint compresses every message with an empty history and may use a
     * 32 KiB window on this connection, so that it may send the output of
     * {@link #compressWithFreshContext} as is.
     *
     * @return true without context takeover in this endpoint's direction and with a 15-bit
     *     window
     */
    public boolean acceptsFreshContextEncoding() {
        return !ownContextTakeover && windowBits == PerMessageDeflateParameters.MAX_WINDOW_BITS;
    }

    /**
     * Whether this endpoint keeps its compression history between the messages it sends on this
     * connection: the handshake allowed it, the configuration asked for it and the
     * {@link ContextTakeoverBudget} had room.
     *
     * @return true with context takeover in this endpoint's direction
     */
    public boolean keepsContext() {
        return ownContextTakeover;
    }

    /**
     * The window this endpoint compresses with: no back-reference it sends reaches further back
     * than 2<sup>N</sup> bytes.
     *
     * @return N, the smaller of the agreed limit and {@link PerMessageDeflateConfig#maxWindowBits()}
     */
    public int windowBits() {
        return windowBits;
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
     * @param message the message's bytes between position and limit; consumed, unless the
     *     result is null
     * @return the compressed payload, lent until the next compression by any connection of this
     *     workspace; or null when compression did not make the message smaller and
     *     {@link PerMessageDeflateConfig#skipIncompressible()} is set
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
     * The largest a message of the given size can be when the peer compresses it: see
     * {@link #compressedSizeBound(long)}.
     *
     * @param messageSize the uncompressed size
     * @return the bound
     */
    @Override
    public long maxCompressedSize(long messageSize) {
        return compressedSizeBound(messageSize);
    }

    /**
     * Frees the native memory of both directions' own streams ({@code end()}), gives lent ones
     * back to the workspace and this connection's place back to the budget. Safe to call more
     * than once; afterwards the other methods throw {@link IllegalStateException}.
     */
    @Override
    public void release() {
        compressor.release();
        decompressor.release();
        if (heldBudget != null) {
            heldBudget.release();
            heldBudget = null;
        }
        if (ownWorkspace != null) {
            ownWorkspace.close();
        }
    }
}
