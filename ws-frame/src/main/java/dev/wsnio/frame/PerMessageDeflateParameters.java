package dev.wsnio.frame;

/**
 * The parameters of permessage-deflate that the opening handshake agreed on for one connection
 * (RFC 7692 §7.1, the "agreed parameters"), as a value: what each endpoint promised about the
 * way it compresses the messages it sends.
 *
 * <p>A window size of {@value #MAX_WINDOW_BITS} bits (32 KiB) is the default of DEFLATE and
 * stands for "no limit": an absent {@code server_max_window_bits} or
 * {@code client_max_window_bits} is represented by it.
 *
 * @param serverNoContextTakeover {@code server_no_context_takeover} (§7.1.1.1): the server
 *     compresses each message with an empty LZ77 sliding window
 * @param clientNoContextTakeover {@code client_no_context_takeover} (§7.1.1.2): the client
 *     compresses each message with an empty LZ77 sliding window
 * @param serverMaxWindowBits {@code server_max_window_bits} (§7.1.2.1): the base-2 logarithm of
 *     the largest LZ77 window the server compresses with, 8 to 15
 * @param clientMaxWindowBits {@code client_max_window_bits} (§7.1.2.2): the base-2 logarithm of
 *     the largest LZ77 window the client compresses with, 8 to 15
 */
public record PerMessageDeflateParameters(boolean serverNoContextTakeover,
                                          boolean clientNoContextTakeover,
                                          int serverMaxWindowBits,
                                          int clientMaxWindowBits) {

    /** The smallest window a {@code *_max_window_bits} parameter may name (§7.1.2). */
    public static final int MIN_WINDOW_BITS = 8;
    /** The largest window, DEFLATE's 32 KiB; also the value when no limit was agreed (§7.1.2). */
    public static final int MAX_WINDOW_BITS = 15;

    /** No parameter at all: both endpoints keep their context and use 32 KiB windows. */
    public static final PerMessageDeflateParameters DEFAULTS =
            new PerMessageDeflateParameters(false, false, MAX_WINDOW_BITS, MAX_WINDOW_BITS);

    /**
     * Validates the window sizes.
     *
     * @param serverNoContextTakeover whether the server compresses each message afresh
     * @param clientNoContextTakeover whether the client compresses each message afresh
     * @param serverMaxWindowBits the server's largest window, 8 to 15
     * @param clientMaxWindowBits the client's largest window, 8 to 15
     * @throws IllegalArgumentException when a window size is outside 8 to 15
     */
    public PerMessageDeflateParameters {
        checkWindowBits("serverMaxWindowBits", serverMaxWindowBits);
        checkWindowBits("clientMaxWindowBits", clientMaxWindowBits);
    }

    private static void checkWindowBits(String name, int bits) {
        if (bits < MIN_WINDOW_BITS || bits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException(name + " must be between " + MIN_WINDOW_BITS
                    + " and " + MAX_WINDOW_BITS + ", was " + bits);
        }
    }

    /**
     * Whether the endpoint in the given role compresses each message with an empty window.
     *
     * @param sender the endpoint that compresses
     * @return {@link #serverNoContextTakeover()} for the server, {@link #clientNoContextTakeover()}
     *     for the client
     */
    public boolean noContextTakeover(Role sender) {
        return sender == Role.SERVER ? serverNoContextTakeover : clientNoContextTakeover;
    }

    /**
     * The largest window the endpoint in the given role compresses with.
     *
     * @param sender the endpoint that compresses
     * @return {@link #serverMaxWindowBits()} for the server, {@link #clientMaxWindowBits()} for
     *     the client
     */
    public int maxWindowBits(Role sender) {
        return sender == Role.SERVER ? serverMaxWindowBits : clientMaxWindowBits;
    }
}
