/**
 * Topics and broadcasts of a fleet of wsnio servers through Redis pub/sub:
 * {@link dev.wsnio.cluster.redis.RedisTopicBus}, a {@link dev.wsnio.server.TopicBus} on the
 * Lettuce client. Plain pub/sub on a single Redis, sharded pub/sub (Redis 7) on a Redis Cluster.
 */
module dev.wsnio.cluster.redis {
    requires transitive dev.wsnio.server;
    requires lettuce.core;

    exports dev.wsnio.cluster.redis;
}
