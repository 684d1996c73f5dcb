package dev.wsnio.cluster.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The link of one server to Redis, and its whole life: connecting, finding out whether the Redis
 * is a cluster, keeping the subscriptions equal to the channels wanted, and, when Redis goes
 * away, reconnecting with backoff and subscribing again, on a fresh session.
 *
 * <p><b>One thread.</b> Everything that changes the link (connect, lose, subscribe,
 * unsubscribe) runs on the link's own thread, in order: no locks, and no way for an
 * {@code UNSUBSCRIBE} to overtake the {@code SUBSCRIBE} it undoes. Other threads only change
 * the set of wanted channels and ask for a reconciliation, which is coalesced: however many
 * members come and go meanwhile, one pass compares what is wanted with what is subscribed.
 * Publishing reads the current session and never waits for this thread.
 *
 * <p><b>Outages.</b> Lettuce's own reconnection is off: a lost connection ends the session, the
 * link says so once in the log (at WARNING, with the cause) and tries again after
 * {@link Backoff} delays, logging each attempt only at DEBUG; when it is back, it logs once more
 * (at INFO, with the outage's length) and subscribes to everything wanted. While it is down,
 * Lettuce refuses commands at once ({@code DisconnectedBehavior.REJECT_COMMANDS}) instead of
 * queueing them, and its queue of commands in flight is bounded.
 */
final class RedisLink {

    private static final System.Logger LOG = System.getLogger(RedisLink.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

    private final RedisURI uri;
    private final RedisTopicBus.Settings settings;
    private final BiConsumer<String, byte[]> onMessage;
    private final ScheduledExecutorService thread;
    private final ClientResources resources;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean reconcileRequested = new AtomicBoolean();
    private final Object stateChanges = new Object();

    private volatile LinkState state = LinkState.CONNECTING;
    private volatile RedisSession session;
    private volatile PubSubMode mode;
    private volatile int subscribedCount;
    private volatile long outages;

    // Link thread only.
    private RedisClient standalone;
    private RedisClusterClient cluster;
    private final Set<String> subscribed = new HashSet<>();
    private int failuresInARow;
    private long outageStartNanos;

    RedisLink(RedisURI uri, RedisTopicBus.Settings settings, BiConsumer<String, byte[]> onMessage) {
        this.uri = uri;
        this.settings = settings;
        this.onMessage = onMessage;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread t = new Thread(task, "wsnio-redis-link");
            t.setDaemon(true);
            return t;
        });
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2).build();
    }

    void start(String everyoneChannel) {
        wanted.add(everyoneChannel);
        thread.execute(this::connect);
    }

    // ------------------------------------------------------------- any thread

    LinkState state() {
        return state;
    }

    PubSubMode mode() {
        return mode;
    }

    int subscribedCount() {
        return subscribedCount;
    }

    long outages() {
        return outages;
    }

    void want(String channel) {
        wanted.add(channel);
        requestReconcile();
    }

    void unwant(String channel) {
        wanted.remove(channel);
        requestReconcile();
    }

    /** Publishes through the current session, or fails at once when there is none. */
    CompletionStage<?> publish(String channel, byte[] message) {
        RedisSession current = session;
        if (current == null) {
            return CompletableFuture.failedFuture(new RedisUnavailableException(
                    "Redis at " + uri.getHost() + ":" + uri.getPort() + " is not connected (" + state + ")"));
        }
        return current.publish(channel, message);
    }

    boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (stateChanges) {
            while (state != LinkState.CONNECTED) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || state == LinkState.STOPPED) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(stateChanges, left);
            }
            return true;
        }
    }

    void stop() {
        thread.execute(() -> {
            setState(LinkState.STOPPED);
            session = null; // its connections close with their client, just below
            if (standalone != null) {
                standalone.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            if (cluster != null) {
                cluster.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        });
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "the Redis link did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private void requestReconcile() {
        if (reconcileRequested.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    reconcileRequested.set(false);
                    reconcile();
                });
            } catch (RuntimeException stopped) {
                // the link stopped: nothing to subscribe any more
            }
        }
    }

    /** From Lettuce's threads: one of its connections went away. */
    private final RedisConnectionStateListener connectionEvents = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            try {
                thread.execute(() -> lost(connection));
            } catch (RuntimeException stopped) {
                // closing down
            }
        }
    };

    // ------------------------------------------------------------- link thread

    private void connect() {
        if (state == LinkState.STOPPED) {
            return;
        }
        try {
            RedisSession opened = open();
            session = opened;
            mode = opened.mode();
            subscribed.clear();
            subscribedCount = 0;
            if (outageStartNanos != 0) {
                LOG.log(Level.INFO, "Redis at {0}:{1} reachable again after {2} s ({3} attempts); "
                                + "subscribing to {4} channels again",
                        uri.getHost(), String.valueOf(uri.getPort()),
                        (System.nanoTime() - outageStartNanos) / 1_000_000_000, failuresInARow, wanted.size());
            } else {
                LOG.log(Level.DEBUG, "connected to Redis at {0}:{1} ({2} pub/sub)",
                        uri.getHost(), String.valueOf(uri.getPort()), mode);
            }
            outageStartNanos = 0;
            failuresInARow = 0;
            reconcile();
            setState(LinkState.CONNECTED);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a Redis client missing a class (a badly packaged application) is an
            // outage that never ends, and must say so rather than stop the link's thread silently.
            failed(e);
        }
    }

    private RedisSession open() {
        if (mode != PubSubMode.SHARDED) {
            if (standalone == null) {
                standalone = RedisClient.create(resources, uri);
                standalone.setOptions(ClientOptions.builder()
                        .autoReconnect(false)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .requestQueueSize(settings.maxCommandsInFlight())
                        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                        .socketOptions(socketOptions())
                        .sslOptions(sslOptions())
                        .build());
                standalone.addListener(connectionEvents);
            }
            StatefulRedisConnection<String, byte[]> commands = standalone.connect(CODEC);
            if (mode == null && isCluster(commands)) {
                commands.close();
                mode = PubSubMode.SHARDED;
                standalone.shutdown(Duration.ZERO, Duration.ofSeconds(2));
                standalone = null;
            } else {
                return StandaloneSession.open(standalone, CODEC, commands, this::received);
            }
        }
        if (cluster == null) {
            cluster = RedisClusterClient.create(resources, uri);
            // Node connections open lazily, as commands are routed to them: a command must be
            // allowed to wait for its node's connection (bounded by the queue size and the
            // command timeout). The link itself refuses relays at once while it is down.
            cluster.setOptions(ClusterClientOptions.builder()
                    .autoReconnect(false)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .requestQueueSize(settings.maxCommandsInFlight())
                    .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                    .socketOptions(socketOptions())
                    .sslOptions(sslOptions())
                    .build());
            cluster.addListener(connectionEvents);
        }
        return ShardedSession.open(cluster, CODEC, this::received);
    }

    /** Used for {@code rediss://} only: the JVM's trust store, or the certificates configured. */
    private SslOptions sslOptions() {
        return settings.trustedCertificates()
                .map(pem -> SslOptions.builder().jdkSslProvider().trustManager(pem.toFile()).build())
                .orElseGet(SslOptions::create);
    }

    private SocketOptions socketOptions() {
        return SocketOptions.builder().connectTimeout(settings.connectTimeout()).keepAlive(true).build();
    }

    /** {@code INFO cluster} says {@code cluster_enabled:1} on a node of a Redis Cluster. */
    private static boolean isCluster(StatefulRedisConnection<String, byte[]> commands) {
        String info = commands.sync().info("cluster");
        return info != null && info.contains("cluster_enabled:1");
    }

    private void received(String channel, byte[] message) {
        onMessage.accept(channel, message);
    }

    private void lost(Object connection) {
        RedisSession current = session;
        if (current == null || !current.owns(connection) || state == LinkState.STOPPED) {
            return; // an old session's connection, closed on purpose
        }
        endSession();
        failed(new RedisUnavailableException("connection lost"));
    }

    private void endSession() {
        RedisSession ending = session;
        session = null;
        subscribed.clear();
        subscribedCount = 0;
        if (ending != null) {
            ending.close();
        }
    }

    private void failed(Throwable cause) {
        if (state == LinkState.STOPPED) {
            return;
        }
        failuresInARow++;
        if (outageStartNanos == 0) {
            outageStartNanos = System.nanoTime();
            outages++;
            LOG.log(Level.WARNING, "Redis at {0}:{1} unreachable ({2}); this server serves its own "
                            + "connections only and cross-server publishes fail until it is back; reconnecting",
                    uri.getHost(), String.valueOf(uri.getPort()), describe(cause));
        }
        long delay = settings.backoff().delayMillis(failuresInARow);
        LOG.log(Level.DEBUG, "Redis reconnection attempt {0} in {1} ms", failuresInARow, delay);
        setState(LinkState.DISCONNECTED);
        thread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == cause ? cause.toString() : cause + " / " + root;
    }

    /** Subscribes to what is wanted and not subscribed, unsubscribes from the reverse. */
    private void reconcile() {
        RedisSession current = session;
        if (current == null) {
            return; // the next session subscribes to everything wanted
        }
        for (String channel : Set.copyOf(wanted)) {
            if (subscribed.add(channel)) {
                current.subscribe(channel).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        commandFailed(current, channel, failure);
                    }
                });
            }
        }
        subscribed.removeIf(channel -> {
            if (wanted.contains(channel)) {
                return false;
            }
            current.unsubscribe(channel);
            return true;
        });
        subscribedCount = subscribed.size();
    }

    /** A subscription failed while the session lasts: forget it, so the next pass tries again. */
    private void commandFailed(RedisSession on, String channel, Throwable failure) {
        try {
            thread.execute(() -> {
                if (session == on) {
                    LOG.log(Level.WARNING, "{0} {1} failed: {2}", on.mode().subscribeCommand(), channel,
                            failure.toString());
                    subscribed.remove(channel);
                    subscribedCount = subscribed.size();
                }
            });
        } catch (RuntimeException stopped) {
            // closing down
        }
    }

    private void setState(LinkState next) {
        synchronized (stateChanges) {
            state = next;
            stateChanges.notifyAll();
        }
    }
}
