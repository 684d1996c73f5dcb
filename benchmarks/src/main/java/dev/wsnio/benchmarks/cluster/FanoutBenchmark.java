package dev.wsnio.benchmarks.cluster;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.cluster.redis.RedisTopicBus;
import dev.wsnio.server.TopicBus;
import dev.wsnio.server.WebSocketServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish rate and delivery latency of a topic with N subscribers: on one server (in-process
 * bus), then spread over two servers sharing a Redis ({@link RedisTopicBus}), the publisher on
 * the first. Each message carries its send time; latency is publish call to receipt by a
 * subscriber's client, all on loopback in this process. The publisher runs open loop at a fixed
 * rate; messages the slow-consumer rule or pub/sub dropped are counted as lost.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.wsnio.benchmarks.cluster.FanoutBenchmark \
 *     --redis redis://127.0.0.1:6379 [--subscribers 100] [--rate 5000] [--seconds 10]
 * </pre>
 */
public final class FanoutBenchmark {

    private FanoutBenchmark() {
    }

    /**
     * Runs both scenarios and prints one Markdown table row each.
     *
     * @param args {@code --redis URL} (loopback), {@code --subscribers N}, {@code --rate MSGS_PER_S},
     *     {@code --seconds S}, {@code --size BYTES}
     * @throws Exception when a server or client cannot start
     */
    public static void main(String[] args) throws Exception {
        String redis = null;
        int subscribers = 100;
        int rate = 5000;
        int seconds = 10;
        int size = 64;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--redis" -> redis = args[i + 1];
                case "--subscribers" -> subscribers = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--size" -> size = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (redis == null || !(redis.contains("127.") || redis.contains("localhost") || redis.contains("[::1]"))) {
            throw new IllegalArgumentException("--redis redis://127.0.0.1:PORT (loopback only) is required");
        }
        System.out.println("| servers | subscribers | rate asked (msg/s) | published (msg/s) | deliveries (msg/s) "
                + "| p50 (µs) | p99 (µs) | max (µs) | lost |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        run(1, null, subscribers, rate, seconds, size);
        run(2, redis, subscribers, rate, seconds, size);
    }

    private static void run(int serverCount, String redis, int subscriberCount, int rate, int seconds, int size)
            throws Exception {
        List<WebSocketServer> servers = new ArrayList<>();
        List<RedisTopicBus> buses = new ArrayList<>();
        for (int i = 0; i < serverCount; i++) {
            TopicBus bus = TopicBus.inProcess();
            if (redis != null) {
                RedisTopicBus redisBus = RedisTopicBus.builder(redis).channelPrefix("wsnio-bench:").build();
                buses.add(redisBus);
                bus = redisBus;
            }
            WebSocketServer[] self = new WebSocketServer[1];
            self[0] = WebSocketServer.builder().topicBus(bus).websocket("/", new WebSocketListener() {
                @Override
                public void onOpen(WebSocket socket) {
                    self[0].subscribe(socket, "bench");
                    socket.sendText("ready");
                }
            }).build().start();
            servers.add(self[0]);
        }
        for (RedisTopicBus bus : buses) {
            if (!bus.awaitConnected(Duration.ofSeconds(30))) {
                throw new IllegalStateException("Redis not reachable: " + bus);
            }
        }
        long total = (long) rate * seconds;
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        AtomicLong deliveries = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(subscriberCount);
        WebSocketClient client = WebSocketClient.builder().concurrentHandshakesPerHost().build();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < subscriberCount; i++) {
            WebSocketServer server = servers.get(i % serverCount);
            sockets.add(client.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"), new WebSocketListener() {
                @Override
                public void onText(WebSocket socket, String text) {
                    ready.countDown();
                }

                @Override
                public void onBinary(WebSocket socket, ByteBuffer data) {
                    long sent = data.getLong(data.position());
                    long now = System.nanoTime();
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, now - sent));
                    }
                    deliveries.incrementAndGet();
                }
            }).get(30, TimeUnit.SECONDS));
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscribers not ready");
        }
        Thread.sleep(1000); // let every server's SUBSCRIBE reach Redis (pub/sub keeps nothing for late subscribers)

        WebSocketServer publisher = servers.get(0);
        ByteBuffer payload = ByteBuffer.allocate(Math.max(size, Long.BYTES));
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            payload.putLong(0, System.nanoTime());
            publisher.publish("bench", payload.duplicate());
        }
        long publishNanos = System.nanoTime() - start;
        long expected = total * subscriberCount;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (deliveries.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long deliverNanos = System.nanoTime() - start;
        synchronized (latency) {
            System.out.printf("| %d%s | %d | %d | %.0f | %.0f | %.0f | %.0f | %.0f | %d |%n", serverCount,
                    redis == null ? "" : " + Redis", subscriberCount, rate,
                    total / (publishNanos / 1e9), deliveries.get() / (deliverNanos / 1e9),
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3,
                    latency.getMaxValue() / 1e3, expected - deliveries.get());
        }
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        client.close();
        for (WebSocketServer server : servers) {
            server.close();
        }
    }
}
