package dev.wsnio.cluster.redis;

/** Where a {@link RedisTopicBus} stands with its Redis. */
public enum LinkState {
    /** Not started, or the first connection attempt is under way. */
    CONNECTING,
    /** Connected: messages are relayed and received, channels subscribed. */
    CONNECTED,
    /**
     * Redis cannot be reached: local delivery goes on, relays fail at once, and the bus tries
     * again with growing delays.
     */
    DISCONNECTED,
    /** Stopped with its server; it does not come back. */
    STOPPED
}
