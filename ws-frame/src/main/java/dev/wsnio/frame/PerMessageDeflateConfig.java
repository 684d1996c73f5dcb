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
 * its compressor (about 260 KiB of native memory, at any level) and its decompressor (about
 * 40 KiB) between messages, and compresses streams of similar messages much better; at most
 * {@link #maxContextTakeoverConnections()} connections of an endpoint do, the others fall back
 * to no context takeover. See {@link PerMessageDeflate} for the numbers.
 *
 * <p>What each negotiation setting becomes in the handshake (§7.1):
 * <table>
 *   <caption>Settings and the parameters they put in Sec-WebSocket-Extensions</caption>
 *   <tr><th>setting</th><th>as a server (in its response)</th><th>as a client (in its offer)</th></tr>
 *   <tr><td>{@code noContextTakeover}</td><td>{@code server_no_context_takeover}</td>
 *       <td>{@code client_no_context_takeover}</td></tr>
 *   <tr><td>{@code requestPeerNoContextTakeover}</td><td>{@code client_no_context_takeover}</td>
 *       <td>{@code server_no_context_takeover}, with a second offer without it (and without
 *       {@code server_max_window_bits}) for servers that decline</td></tr>
 *   <tr><td>{@code requestedPeerMaxWindowBits} below 15</td><td>{@code client_max_window_bits=N}
 *       when the client offered {@code client_max_window_bits} (at most the client's own
 *       value)</td><td>{@code server_max_window_bits=N}</td></tr>
 *   <tr><td>{@code maxWindowBits} below 15</td><td>{@code server_max_window_bits=N}, or the
 *       client's value when smaller</td><td>{@code client_max_window_bits=N}</td></tr>
 *   <tr><td>{@code offerClientMaxWindowBits}</td><td>(no effect)</td>
 *       <td>{@code client_max_window_bits}, without value when {@code maxWindowBits} is 15:
 *       the server may then choose our window (browsers offer it too)</td></tr>
 * </table>
 * Windows cost nothing to honour here: whatever window is agreed, the JDK's {@code Inflater}
 * decodes it and our compressor stays within it (see {@link PerMessageDeflate}). A limit on the
 * peer's window saves the peer's memory, not ours (an {@code Inflater} always has 32 KiB), and
 * a limit on ours saves the peer's decompression memory at the cost of our compression ratio.
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
 * @param maxWindowBits compress with a window of at most 2<sup>N</sup> bytes, 8 to 15, and
 *     tell the peer so; 15 (the default) limits nothing
 * @param offerClientMaxWindowBits as a client, offer {@code client_max_window_bits}, so that
 *     the server may limit our window (and the servers that want to can accept the offer)
 * @param skipIncompressible send a message uncompressed when compressing it did not make it
 *     smaller (random or already compressed data): the peer is spared the bytes and the work,
 *     and a peer that limits compressed frames to its message size gets no larger frame than
 *     without compression
 * @param maxContextTakeoverConnections the most connections of one endpoint that keep
 *     compression state between messages (see {@link ContextTakeoverBudget}); 0 turns context
 *     takeover off whatever the peer allows
 */
public record PerMessageDeflateConfig(int compressionLevel, int compressionThreshold,
                                      boolean noContextTakeover,
                                      boolean requestPeerNoContextTakeover,
                                      int requestedPeerMaxWindowBits,
                                      int maxWindowBits,
                                      boolean offerClientMaxWindowBits,
                                      boolean skipIncompressible,
                                      int maxContextTakeoverConnections) {

    /** Default {@code compressionThreshold}: 1 KiB. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 1024;
    /**
     * Default {@code maxContextTakeoverConnections}: 256, at most about 75 MiB of native memory
     * when all of them keep state both ways.
     */
    public static final int DEFAULT_MAX_CONTEXT_TAKEOVER_CONNECTIONS = 256;

    /**
     * The defaults: zlib's default level, messages of 1 KiB and more compressed (and sent
     * uncompressed when that does not shrink them), no context takeover in either direction,
     * no window limit asked or set, {@code client_max_window_bits} offered by a client, at most
     * 256 connections with context takeover once it is turned on.
     */
    public static final PerMessageDeflateConfig DEFAULTS = new PerMessageDeflateConfig(
            Deflater.DEFAULT_COMPRESSION, DEFAULT_COMPRESSION_THRESHOLD, true, true,
            PerMessageDeflateParameters.MAX_WINDOW_BITS, PerMessageDeflateParameters.MAX_WINDOW_BITS,
            true, true, DEFAULT_MAX_CONTEXT_TAKEOVER_CONNECTIONS);

    /**
     * Validates the settings.
     *
     * @param compressionLevel the {@link Deflater} level, 0 to 9 or -1
     * @param compressionThreshold the smallest message that is compressed, at least 0
     * @param noContextTakeover compress each outgoing message with an empty window
     * @param requestPeerNoContextTakeover ask the peer to do the same
     * @param requestedPeerMaxWindowBits the window limit asked of the peer, 8 to 15 (15: none)
     * @param maxWindowBits the window limit of our compressor, 8 to 15 (15: none)
     * @param offerClientMaxWindowBits as a client, offer {@code client_max_window_bits}
     * @param skipIncompressible send uncompressed what compression does not shrink
     * @param maxContextTakeoverConnections the cap on connections with context takeover, at least 0
     * @throws IllegalArgumentException when the level is not -1 to 9, the threshold or the cap
     *     is negative, or a window size is not 8 to 15
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
        checkWindowBits("requestedPeerMaxWindowBits", requestedPeerMaxWindowBits);
        checkWindowBits("maxWindowBits", maxWindowBits);
        if (maxContextTakeoverConnections < 0) {
            throw new IllegalArgumentException("maxContextTakeoverConnections must not be negative");
        }
    }

    private static void checkWindowBits(String name, int bits) {
        if (bits < PerMessageDeflateParameters.MIN_WINDOW_BITS || bits > PerMessageDeflateParameters.MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " must be between 8 and 15, was " + bits);
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
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy with another size below which messages are sent uncompressed.
     *
     * @param bytes the smallest message that is compressed; 0 compresses every message
     * @return the modified copy
     */
    public PerMessageDeflateConfig withCompressionThreshold(int bytes) {
        return new PerMessageDeflateConfig(compressionLevel, bytes, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that compresses outgoing messages with or without context takeover.
     *
     * @param enabled true to compress each outgoing message with an empty window
     * @return the modified copy
     */
    public PerMessageDeflateConfig withNoContextTakeover(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, enabled,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that does or does not ask the peer to compress without context takeover.
     *
     * @param enabled true to ask for it
     * @return the modified copy
     */
    public PerMessageDeflateConfig withRequestPeerNoContextTakeover(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                enabled, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that asks the peer for another window limit.
     *
     * @param bits 8 to 15; 15 asks nothing
     * @return the modified copy
     */
    public PerMessageDeflateConfig withRequestedPeerMaxWindowBits(int bits) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, bits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that compresses with a window of at most 2<sup>N</sup> bytes and says so in the
     * handshake.
     *
     * @param bits 8 to 15; 15 limits nothing
     * @return the modified copy
     */
    public PerMessageDeflateConfig withMaxWindowBits(int bits) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, bits,
                offerClientMaxWindowBits, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that does or does not offer {@code client_max_window_bits} (as a client).
     *
     * @param enabled true to let the server choose our window
     * @return the modified copy
     */
    public PerMessageDeflateConfig withOfferClientMaxWindowBits(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                enabled, skipIncompressible, maxContextTakeoverConnections);
    }

    /**
     * A copy that does or does not send uncompressed the messages that compression does not
     * shrink.
     *
     * @param enabled true to send such messages as they are; false to send every message from
     *     the threshold up compressed
     * @return the modified copy
     */
    public PerMessageDeflateConfig withSkipIncompressible(boolean enabled) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, enabled, maxContextTakeoverConnections);
    }

    /**
     * A copy with another cap on connections that keep compression state between messages.
     *
     * @param connections at least 0; 0 turns context takeover off
     * @return the modified copy
     */
    public PerMessageDeflateConfig withMaxContextTakeoverConnections(int connections) {
        return new PerMessageDeflateConfig(compressionLevel, compressionThreshold, noContextTakeover,
                requestPeerNoContextTakeover, requestedPeerMaxWindowBits, maxWindowBits,
                offerClientMaxWindowBits, skipIncompressible, connections);
    }
}
