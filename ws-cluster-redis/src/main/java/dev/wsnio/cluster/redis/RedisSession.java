package dev.wsnio.cluster.redis;

import java.util.concurrent.CompletionStage;

/**
 * One connected life of the link to Redis: a connection for publishing and one for
 * subscriptions, speaking plain or sharded pub/sub. When either is lost the session is over and
 * the link makes a new one (with fresh subscriptions), so a session never has to be repaired.
 */
interface RedisSession {

    /**
     * The commands this session speaks.
     *
     * @return plain or sharded
     */
    PubSubMode mode();

    /**
     * Publishes a message; never blocks.
     *
     * @return completes when Redis took it, exceptionally when it could not be sent
     */
    CompletionStage<?> publish(String channel, byte[] message);

    /** Subscribes to a channel; never blocks. */
    CompletionStage<?> subscribe(String channel);

    /** Unsubscribes from a channel; never blocks. */
    CompletionStage<?> unsubscribe(String channel);

    /**
     * Whether a Lettuce connection (as named in its connection events) belongs to this session.
     */
    boolean owns(Object connection);

    /** Closes the session's connections (asynchronously; never blocks long). */
    void close();
}
