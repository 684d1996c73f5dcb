package dev.wsnio.frame;

import java.util.zip.Deflater;

/**
 * How one endpoint (a server or a client) uses permessage-deflate (RFC 7692): what it asks for
 * in the opening handshake and how it compresses. Immutable; the {@code with} methods return
 * modified copies. Whether the extension is offered or accepted at all is decided by whether
 * its negotiator is installed in the handshake.
 *
 * <p>The defaults favour memory over compression ratio, so that many connections stay cheap:
 * each message is compressed on its own in both directions (no context takeover), which lets
 * an idle connection hold no compression state at all. With context takeover a connection keeps
 * its compressor (up to 262 KiB of native memory, at any level) and its decompressor
 * (about 40 KiB) between messages, and compresses streams of similar messages much better; see
 * {@link PerMessageDeflate} for the numbers.
 *
 * <p>What each negotiation setting becomes in the handshake:
 * <table>
 *   <caption>Settings and the parameters they put in Sec-WebSocket-Extensions</caption>
 *   <tr><th>setting</th><th>as a server (in its response)</th><th>as a client (in its offer)</th></tr>
 *   <tr><td>{@code noContextTakeover}</td><td>{@code server_no_context_takeover}</td>
 *       <td>{@code client_no_context_takeover}</td></tr>
 *   <tr><td>{@code requestPeerNoContextTakeover}</td><td>{@code client_no_context_takeover}</td>
 *       <td>{@code server_no_context_takeover}</td></tr>
 *   <tr><td>{@code requestedPeerMaxWindowBits} below 15</td><td>{@code client_max_window_bits=N}
 *       when the client offered {@code client_max_window_bits}</td>
 *       <td>{@code server_max_window_bits=N}</td></tr>
 * </table>
 * A limit on the peer's window saves the peer's memory, not ours: the JDK's {@code Inflater}
 * always allocates a 32 KiB window.
 *
 * @param compressionLevel the {@link Deflater} level, 0 (stored) to 9 (best), or
 *     {@link Deflater#DEFAULT_COMPRESSION} (-1, zlib's default, 6)
 * @param compressionThreshold messages shorter than this many bytes are sent uncompressed:
 *     compressing a few bytes makes them longer and costs time
 * @param noContextTakeover compress each outgoing message with an empty window, even when the
 *     peer would accept context takeover
 * @param requestPeerNoContextTakeover ask the peer to compress each message with an empty
 *     window, so that no decompression state is kept between messages
 * @param requestedPeerMaxWindowBits ask the peer to compress with a window of at most
 *     2<sup>N</sup> bytes, 8 to 15; 15 asks nothing
 */
public record PerMessageDeflateConfig(int compressionLevel, int compressionThreshold,
                                      boolean noContextTakeover,
                                      boolean requestPeerNoContextTakeover,
                                      int requestedPeerMaxWindowBits) {

    /** Default {@code compressionThreshold}: 1 KiB. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 1024;

    /**
     * The defaults: zlib's default level, messages of 1 KiB and more compressed, no context
     * takeover in either direction, no window limit asked of the peer.
     */
    public static final PerMessageDeflateConfig DEFAULTS = new PerMessageDeflateConfig(
            Deflater.DEFAULT_COMPRESSION, DEFAULT_COMPRESSION_THRESHOLD, true, true,
            PerMessageDeflateParameters.MAX_WINDOW_BITS);

    /**
     * Validates the settings.
     *
     * @param compressionLevel the {@link Deflater} level, 0 to 9 or -1
     * @param compressionThreshold the smallest message that is compressed, at least 0
     * @param noContextTakeover compress each outgoing message with an empty window
     * @param requestPeerNoContextTakeover ask the peer to do the same
     * @param requestedPeerMaxWindowBits the window limit asked of the peer, 8 to 15 (15: none)
     * @throws IllegalArgumentException when the level is not -1 to 9, the threshold is negative,
     *     or the window size is not 8 to 15
     */
    public PerMessageDeflateConfig {
        if (compressionLevel < Deflater.DEFAULT_COMPRESSION
                || compressionLevel > Deflater.BEST_COMPRESSION) {
            throw new IllegalArgumentException("compressionLevel must be -1 (default) or 0 to 9, was "
                    + compressionLevel);
        }
        if (compressionThreshold < 0) {
            throw new IllegalArgumentException("compressionThreshold must not be negative");
        }
        if (requestedPeerMaxWindowBits < PerMessageDeflateParameters.MIN_WINDOW_BITS
                || requestedPeerMaxWindowBits > PerMessageDeflateParameters.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("requestedPeerMaxWindowBits must be between 8 and 15, was "
                    + requestedPeerMaxWindowBits);
        }
    }

    /**
     * A copy with another compression level.
     *
     * @param level 0 to 9, or -1 for zlib's default
     * @return the modified copy
     */
    public PerMessageDeflateConfig withCompressionLevel(int level) {
        return new PerMessageDeflateConfig(level, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits);
    }

    /**
     * A copy with another size below which messages are sent uncompressed.
     *
     * @param bytes the smallest message that is compressed; 0 compresses every message
     * @return the modified copy
     */
    public PerMessageDeflateConfig withCompressionThreshold(int bytes) {
        return new PerMessageDeflateConfig(compressionLevel, bytes, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits);
    }

    /**
     * A copy that compresses outgoing messages with or without context takeover.
     *
     * @param enabled true to compress each outgoing message with an empty window
     * @return the modified copy
     */
    public PerMessageDeflateConfig withNoContextTakeover(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, enabled,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits);
    }

    /**
     * A copy that does or does not ask the peer to compress without context takeover.
     *
     * @param enabled true to ask for it
     * @return the modified copy
     */
    public PerMessageDeflateConfig withRequestPeerNoContextTakeover(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                enabled, requestedPeerMaxWindowBits);
    }

    /**
     * A copy that asks the peer for another window limit.
     *
     * @param bits 8 to 15; 15 asks nothing
     * @return the modified copy
     */
    public PerMessageDeflateConfig withRequestedPeerMaxWindowBits(int bits) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, bits);
    }
}
