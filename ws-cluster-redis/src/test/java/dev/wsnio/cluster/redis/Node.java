package dev.wsnio.cluster.redis;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.server.StopReason;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.Eventually;
import java.net.URI;
import java.time.Duration;

/**
 * One server of a test fleet: a {@link WebSocketServer} with a {@link RedisTopicBus}, whose
 * clients manage their topics with text commands: {@code sub TOPIC} and {@code unsub TOPIC},
 * each answered ({@code subscribed TOPIC}, {@code unsubscribed TOPIC}) once done.
 */
final class Node implements AutoCloseable {

    final WebSocketServer server;
    final RedisTopicBus bus;

    private Node(WebSocketServer server, RedisTopicBus bus) {
        this.server = server;
        this.bus = bus;
    }

    static Node start(String redisUrl) {
        return start(redisUrl, 0);
    }

    static Node start(String redisUrl, int port) {
        return start(RedisTopicBus.builder(redisUrl), port);
    }

    /** A node whose bus the test configured further (quick reconnection is added here). */
    static Node start(RedisTopicBus.Builder busBuilder) {
        return start(busBuilder, 0);
    }

    private static Node start(RedisTopicBus.Builder busBuilder, int port) {
        RedisTopicBus bus = busBuilder.reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500)).build();
        Node[] self = new Node[1];
        WebSocketServer server = WebSocketServer.builder()
                .port(port)
                .topicBus(bus)
                .websocket("/", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String line) {
                        String[] parts = line.split(" ", 2);
                        if (parts[0].equals("sub")) {
                            self[0].server.subscribe(socket, parts[1]);
                            socket.sendText("subscribed " + parts[1]);
                        } else if (parts[0].equals("unsub")) {
                            self[0].server.unsubscribe(socket, parts[1]);
                            socket.sendText("unsubscribed " + parts[1]);
                        }
                    }
                })
                .build();
        self[0] = new Node(server, bus);
        server.start();
        return self[0];
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + server.port() + "/");
    }

    boolean awaitConnected() throws InterruptedException {
        return bus.awaitConnected(Eventually.DEADLINE);
    }

    void restartStop() {
        server.stop(Duration.ofSeconds(10), StopReason.RESTART);
    }

    @Override
    public void close() {
        server.close();
    }
}
