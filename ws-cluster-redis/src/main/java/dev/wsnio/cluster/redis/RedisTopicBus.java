package dev.wsnio.cluster.redis;

import dev.wsnio.server.Audience;
import dev.wsnio.server.TopicBus;
import dev.wsnio.server.TopicMessage;
import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A {@link TopicBus} through Redis pub/sub: the servers of a fleet started with the same Redis
 * share their topics and broadcasts. Give one to each server:
 *
 * <pre>{@code
 * WebSocketServer server = WebSocketServer.builder()
 *         .topicBus(RedisTopicBus.builder("redis://127.0.0.1:6379").build())
 *         ...
 *         .build().start();
 * server.publish("room:lobby", "hello"); // every member of room:lobby, on every server
 * }</pre>
 *
 * <p><b>What it guarantees.</b> A message published on one server reaches each member of its
 * topic on every other connected server once: each server subscribes to the topic's channel
 * while it has members there (counted by the server; {@code SUBSCRIBE} on the first,
 * {@code UNSUBSCRIBE} after the last), receives the message once, and encodes it once for all of
 * its members; the publishing server recognises its own message coming back and ignores it.
 * Redis pub/sub is <em>at most once</em>: it keeps nothing, so a server cut off from Redis when
 * a message is published never gets it, and there is no order between messages published on
 * different servers (those published on one server keep their order).
 *
 * <p><b>When Redis goes away.</b> Each server goes on serving its own connections: a publish
 * still reaches the local members, and its {@link dev.wsnio.server.BroadcastResult#relayed()}
 * fails at once with {@link RedisUnavailableException} (counted in {@link #stats()} and in the
 * server's {@code relaysFailed}), never buffered. The bus logs the outage once, reconnects with
 * growing delays (with jitter; 100 ms doubling to 10 s by default), subscribes again to every
 * channel it needs, and logs once more when Redis is back.
 *
 * <p><b>Plain or sharded.</b> At its first connection the bus asks the Redis whether it is a
 * cluster; on a Redis Cluster (Redis 7+) it uses sharded pub/sub ({@code SSUBSCRIBE},
 * {@code SPUBLISH}), otherwise plain pub/sub; see {@link PubSubMode}.
 *
 * <p><b>Redis URLs</b> (Lettuce's syntax): {@code redis://[[user:]password@]host[:port][/database]},
 * {@code rediss://...} for TLS, for example {@code redis://:secret@127.0.0.1:6380/2}. Over TLS the
 * server's certificate is checked against the JVM's trust store and its host name, unless
 * {@link Builder#trustedCertificates} names the certificates to trust (a private CA).
 */
public final class RedisTopicBus implements TopicBus {

    /** The settings a builder collects. */
    record Settings(String channelPrefix, Backoff backoff, Duration connectTimeout, Duration commandTimeout,
                    int maxCommandsInFlight, Optional<Path> trustedCertificates) {
    }

    private final RedisURI uri;
    private final Settings settings;
    private final ChannelNames channels;
    private final byte[] serverId = new byte[16];
    private final LongAdder relayed = new LongAdder();
    private final LongAdder relayFailures = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final RedisLink link;
    private volatile Consumer<TopicMessage> deliverLocally;

    private RedisTopicBus(RedisURI uri, Settings settings) {
        this.uri = uri;
        this.settings = settings;
        this.channels = new ChannelNames(settings.channelPrefix());
        new SecureRandom().nextBytes(serverId);
        this.link = new RedisLink(uri, settings, this::fromRedis);
    }

    /**
     * Starts configuring a bus for a Redis.
     *
     * @param url {@code redis://} or {@code rediss://}, with password and database if needed
     * @return a builder with the defaults
     * @throws IllegalArgumentException when the URL is not a Redis URL
     */
    public static Builder builder(String url) {
        return new Builder(RedisURI.create(url));
    }

    // ------------------------------------------------------------- TopicBus

    @Override
    public void start(Consumer<TopicMessage> deliverLocally) {
        if (this.deliverLocally != null) {
            throw new IllegalStateException("a RedisTopicBus serves one server, once");
        }
        this.deliverLocally = Objects.requireNonNull(deliverLocally);
        link.start(channels.everyone());
    }

    @Override
    public void topicOpened(String topic) {
        link.want(channels.topic(topic));
    }

    @Override
    public void topicClosed(String topic) {
        link.unwant(channels.topic(topic));
    }

    @Override
    public CompletionStage<Void> relay(TopicMessage message) {
        byte[] envelope = Envelope.encode(serverId, message.type(), message.payload());
        return link.publish(channels.of(message.audience()), envelope).handle((receivers, failure) -> {
            if (failure != null) {
                relayFailures.increment();
                throw failure instanceof RuntimeException unchecked ? unchecked
                        : new RedisUnavailableException(failure.toString());
            }
            relayed.increment();
            return null;
        });
    }

    @Override
    public void stop() {
        link.stop();
    }

    // ------------------------------------------------------------- for operators and tests

    /**
     * The link's state now.
     *
     * @return connecting, connected, disconnected or stopped
     */
    public LinkState state() {
        return link.state();
    }

    /**
     * Waits until the bus is connected to Redis (for a server that would rather not start
     * serving before it can reach the fleet).
     *
     * @param timeout the longest wait
     * @return whether it is connected
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        return link.awaitConnected(timeout);
    }

    /**
     * A snapshot of the link and the bus's counters.
     *
     * @return the numbers now
     */
    public RedisBusStats stats() {
        return new RedisBusStats(link.state(), Optional.ofNullable(link.mode()), link.subscribedCount(),
                relayed.sum(), relayFailures.sum(), received.sum(), link.outages());
    }

    /**
     * The Redis channel a topic's messages travel on ({@code PREFIX + "topic:" + topic}).
     *
     * @param topic the topic's name
     * @return the channel's name
     */
    public String channelOf(String topic) {
        return channels.topic(topic);
    }

    /**
     * The Redis channel broadcasts travel on ({@code PREFIX + "all"}).
     *
     * @return the channel's name
     */
    public String broadcastChannel() {
        return channels.everyone();
    }

    @Override
    public String toString() {
        return "RedisTopicBus[" + uri.getHost() + ":" + uri.getPort() + " " + link.state() + "]";
    }

    /** From Lettuce's threads: a message on one of our channels. */
    private void fromRedis(String channel, byte[] message) {
        Optional<Audience> audience = channels.audience(channel);
        if (audience.isEmpty()) {
            return;
        }
        Envelope.decode(message, serverId).ifPresent(envelope -> {
            received.increment();
            deliverLocally.accept(new TopicMessage(audience.get(), envelope.type(), envelope.payload()));
        });
    }

    // ------------------------------------------------------------- builder

    /** Configures a {@link RedisTopicBus}. Not thread-safe. */
    public static final class Builder {
        private final RedisURI uri;
        private String channelPrefix = "wsnio:";
        private Duration firstReconnectDelay = Duration.ofMillis(100);
        private Duration maxReconnectDelay = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration commandTimeout = Duration.ofSeconds(5);
        private int maxCommandsInFlight = 10_000;
        private Optional<Path> trustedCertificates = Optional.empty();

        private Builder(RedisURI uri) {
            this.uri = uri;
        }

        /**
         * The prefix of every channel name (default {@code "wsnio:"}); the servers of one fleet
         * share it, two applications on one Redis do not.
         *
         * @param prefix the prefix, possibly empty
         * @return this builder
         */
        public Builder channelPrefix(String prefix) {
            this.channelPrefix = Objects.requireNonNull(prefix);
            return this;
        }

        /**
         * The delays between reconnection attempts: the first, doubling up to the longest, each
         * drawn from its upper half (default 100 ms to 10 s).
         *
         * @param first the first delay, positive
         * @param max the longest delay, at least {@code first}
         * @return this builder
         */
        public Builder reconnectDelays(Duration first, Duration max) {
            new Backoff(first, max); // validates
            this.firstReconnectDelay = first;
            this.maxReconnectDelay = max;
            return this;
        }

        /**
         * How long a connection attempt may take (default 5 s).
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout);
            return this;
        }

        /**
         * How long Redis may take to answer a publish or subscribe (default 5 s); a relay that
         * takes longer fails.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout);
            return this;
        }

        /**
         * The most commands sent and not yet answered (default 10,000); a relay beyond it fails
         * at once rather than queue.
         *
         * @param count positive
         * @return this builder
         */
        public Builder maxCommandsInFlight(int count) {
            if (count <= 0) {
                throw new IllegalArgumentException("maxCommandsInFlight must be positive");
            }
            this.maxCommandsInFlight = count;
            return this;
        }

        /**
         * For {@code rediss://}: the certificates to trust instead of the JVM's trust store, for
         * a Redis whose certificate a private CA signed (or a self-signed one). The host name is
         * still checked against the certificate.
         *
         * @param pemFile one or more X.509 certificates in PEM
         * @return this builder
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = Optional.of(pemFile);
            return this;
        }

        /**
         * The bus, for one server: pass it to {@code WebSocketServer.Builder.topicBus}, which
         * starts and stops it.
         *
         * @return a new bus
         */
        public RedisTopicBus build() {
            return new RedisTopicBus(uri, new Settings(channelPrefix,
                    new Backoff(firstReconnectDelay, maxReconnectDelay), connectTimeout, commandTimeout,
                    maxCommandsInFlight, trustedCertificates));
        }

        private static Duration positive(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive");
            }
            return timeout;
        }
    }
}
