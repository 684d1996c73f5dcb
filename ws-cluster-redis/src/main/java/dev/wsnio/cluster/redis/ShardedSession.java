package dev.wsnio.cluster.redis;

import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.pubsub.StatefulRedisClusterPubSubConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * A session with a Redis Cluster: {@code SPUBLISH}, {@code SSUBSCRIBE}, {@code SUNSUBSCRIBE}
 * (Redis 7). Lettuce sends each to the node that owns the channel's hash slot (the channel is
 * the command's key) and hands the nodes' messages to the one listener.
 */
final class ShardedSession implements RedisSession {

    private final StatefulRedisClusterConnection<String, byte[]> commands;
    private final StatefulRedisClusterPubSubConnection<String, byte[]> subscriptions;

    private ShardedSession(StatefulRedisClusterConnection<String, byte[]> commands,
                           StatefulRedisClusterPubSubConnection<String, byte[]> subscriptions) {
        this.commands = commands;
        this.subscriptions = subscriptions;
    }

    /** Connects to the cluster (blocking, up to the connect timeout: called on the link's thread). */
    static ShardedSession open(RedisClusterClient client, RedisCodec<String, byte[]> codec,
                               BiConsumer<String, byte[]> onMessage) {
        StatefulRedisClusterConnection<String, byte[]> commands = client.connect(codec);
        StatefulRedisClusterPubSubConnection<String, byte[]> subscriptions;
        try {
            subscriptions = client.connectPubSub(codec);
        } catch (RuntimeException e) {
            commands.closeAsync();
            throw e;
        }
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void smessage(String shardChannel, byte[] message) {
                onMessage.accept(shardChannel, message);
            }
        });
        return new ShardedSession(commands, subscriptions);
    }

    @Override
    public PubSubMode mode() {
        return PubSubMode.SHARDED;
    }

    @Override
    public CompletionStage<?> publish(String channel, byte[] message) {
        return commands.async().spublish(channel, message);
    }

    @Override
    public CompletionStage<?> subscribe(String channel) {
        return subscriptions.async().ssubscribe(channel);
    }

    @Override
    public CompletionStage<?> unsubscribe(String channel) {
        return subscriptions.async().sunsubscribe(channel);
    }

    /**
     * The session's own connections and the per-node pub/sub connections Lettuce opened for its
     * subscriptions; not the short-lived connections the cluster client opens and closes to
     * read the topology.
     */
    @Override
    public boolean owns(Object connection) {
        return connection == commands || connection == subscriptions
                || connection instanceof StatefulRedisPubSubConnection<?, ?>;
    }

    @Override
    public void close() {
        subscriptions.closeAsync();
        commands.closeAsync();
    }
}
