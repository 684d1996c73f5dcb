package dev.wsnio.frame;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cap on connections of one endpoint (a server or a client) that keep permessage-deflate
 * state between messages, context takeover (RFC 7692 §7.1.1), in either direction. Such a
 * connection holds native memory for as long as it lives: about 260 KiB for a compressor that
 * keeps its window, about 40 KiB for a decompressor (see {@link PerMessageDeflate}); without
 * context takeover it holds none between messages. The cap turns "memory per connection" into
 * "memory per endpoint": beyond it, connections compress and decompress without context
 * takeover.
 *
 * <p>How the cap is applied:
 * <ul>
 *   <li>the negotiators look at {@link #hasRoom()}: when the cap is reached, a server answers
 *       with {@code server_no_context_takeover} and {@code client_no_context_takeover} (it may
 *       add both to any response), and a client offers both and nothing without them;</li>
 *   <li>a connection's {@link PerMessageDeflate} counts itself when it is created and keeps
 *       state: for its own direction only if {@link #tryAcquire()} succeeds (it can always
 *       compress without context instead); for the peer's direction whenever the handshake let
 *       the peer keep its window ({@link #acquire()}: the peer's messages cannot be decoded
 *       otherwise). {@link PerMessageDeflate#release()} gives the place back.</li>
 * </ul>
 * A handshake negotiated while there was room and finished after others filled it still counts
 * (so the count is the truth), which can take it past the cap by the handshakes that were in
 * between: on a server, at most one per other event loop at the moment it fills up; on a
 * client, the handshakes in progress, and any server that ignores a requested
 * {@code server_no_context_takeover} (which RFC 7692 §7.1.1.1 does not allow).
 *
 * <p>Thread-safe: the connections of all event loops share one budget.
 */
public final class ContextTakeoverBudget {

    private final int limit;
    private final AtomicInteger holders = new AtomicInteger();

    /**
     * Creates a budget.
     *
     * @param limit the most connections that may keep state between messages; 0 turns context
     *     takeover off altogether
     * @throws IllegalArgumentException when the limit is negative
     */
    public ContextTakeoverBudget(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("the context takeover limit must not be negative, was " + limit);
        }
        this.limit = limit;
    }

    /**
     * Whether one more connection may keep state, as the negotiators ask before offering or
     * accepting context takeover.
     *
     * @return true while fewer connections than the limit hold state
     */
    public boolean hasRoom() {
        return holders.get() < limit;
    }

    /**
     * Takes a place if one is free: for state that can be done without.
     *
     * @return whether a place was taken (then {@link #release()} gives it back)
     */
    boolean tryAcquire() {
        int current;
        do {
            current = holders.get();
            if (current >= limit) {
                return false;
            }
        } while (!holders.compareAndSet(current, current + 1));
        return true;
    }

    /**
     * Counts a connection that must keep state whatever the count (the handshake let its peer
     * keep a window).
     *
     * @return whether the count stayed within the limit
     */
    boolean acquire() {
        return holders.incrementAndGet() <= limit;
    }

    /** Gives back a place taken by {@link #tryAcquire()} or {@link #acquire()}. */
    void release() {
        holders.decrementAndGet();
    }

    /**
     * The connections that keep state now.
     *
     * @return the count, for metrics and tests
     */
    public int holders() {
        return holders.get();
    }

    /**
     * The most connections that may keep state.
     *
     * @return the limit given at construction
     */
    public int limit() {
        return limit;
    }
}
