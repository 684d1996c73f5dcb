package dev.wsnio.cluster.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** A session with a single Redis: {@code PUBLISH}, {@code SUBSCRIBE}, {@code UNSUBSCRIBE}. */
final class StandaloneSession implements RedisSession {

    private final StatefulRedisConnection<String, byte[]> commands;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriptions;

    private StandaloneSession(StatefulRedisConnection<String, byte[]> commands,
                              StatefulRedisPubSubConnection<String, byte[]> subscriptions) {
        this.commands = commands;
        this.subscriptions = subscriptions;
    }

    /**
     * Opens the subscription connection beside an open command connection (blocking, up to the
     * connect timeout: called on the link's thread).
     */
    static StandaloneSession open(RedisClient client, RedisCodec<String, byte[]> codec,
                                  StatefulRedisConnection<String, byte[]> commands,
                                  BiConsumer<String, byte[]> onMessage) {
        StatefulRedisPubSubConnection<String, byte[]> subscriptions;
        try {
            subscriptions = client.connectPubSub(codec);
        } catch (RuntimeException e) {
            commands.closeAsync();
            throw e;
        }
        subscriptions.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                onMessage.accept(channel, message);
            }
        });
        return new StandaloneSession(commands, subscriptions);
    }

    @Override
    public PubSubMode mode() {
        return PubSubMode.PLAIN;
    }

    @Override
    public CompletionStage<?> publish(String channel, byte[] message) {
        return commands.async().publish(channel, message);
    }

    @Override
    public CompletionStage<?> subscribe(String channel) {
        return subscriptions.async().subscribe(channel);
    }

    @Override
    public CompletionStage<?> unsubscribe(String channel) {
        return subscriptions.async().unsubscribe(channel);
    }

    @Override
    public boolean owns(Object connection) {
        return connection == commands || connection == subscriptions;
    }

    @Override
    public void close() {
        subscriptions.closeAsync();
        commands.closeAsync();
    }
}
