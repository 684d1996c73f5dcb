package dev.wsnio.cluster.redis;

/**
 * A message could not be relayed to the other servers because the bus is not connected to
 * Redis (the cause of a failed {@link dev.wsnio.server.BroadcastResult#relayed()}). The message
 * reached this server's own connections; the other servers' members miss it: pub/sub keeps
 * nothing for later.
 */
public final class RedisUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is unreachable, and since when
     */
    public RedisUnavailableException(String message) {
        super(message);
    }
}
