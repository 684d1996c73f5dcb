package dev.wsnio.cluster.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.ConnectOptions;
import dev.wsnio.client.ReconnectPolicy;
import dev.wsnio.client.ReconnectingWebSocket;
import dev.wsnio.client.WebSocketClient;
import dev.wsnio.testkit.Eventually;
import dev.wsnio.testkit.RedisProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart of a two-server fleet behind nothing but two ports: each server in turn
 * stops with 1012 (service restart) and comes back on its port; the clients, with the client's
 * default reconnect policy, all come back, join their topic again and get messages published on
 * either server.
 */
class RollingRestartTest {

    private static final int CLIENTS_PER_SERVER = 5;

    /** A client that joins "news" each time it connects, and remembers how its connections closed. */
    private static final class Subscriber implements WebSocketListener {
        final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
        final BlockingQueue<String> news = new LinkedBlockingQueue<>();
        final Semaphore joined;

        Subscriber(Semaphore joined) {
            this.joined = joined;
        }

        @Override
        public void onOpen(WebSocket socket) {
            socket.sendText("sub news");
        }

        @Override
        public void onText(WebSocket socket, String text) {
            if (text.equals("subscribed news")) {
                joined.release();
            } else {
                news.add(text);
            }
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            closeCodes.add(code);
        }
    }

    @Test
    void everyClientComesBackDuringARollingRestart() throws Exception {
        try (RedisProcess redis = RedisProcess.start();
             WebSocketClient client = WebSocketClient.builder().build()) {
            Node[] nodes = {Node.start(redis.url()), Node.start(redis.url())};
            int[] ports = {nodes[0].server.port(), nodes[1].server.port()};
            Semaphore joined = new Semaphore(0);
            List<Subscriber> subscribers = new ArrayList<>();
            List<ReconnectingWebSocket> sockets = new ArrayList<>();
            try {
                for (int server = 0; server < 2; server++) {
                    for (int i = 0; i < CLIENTS_PER_SERVER; i++) {
                        Subscriber subscriber = new Subscriber(joined);
                        subscribers.add(subscriber);
                        sockets.add(client.reconnecting(ConnectOptions.of(nodes[server].uri()), subscriber)
                                .policy(ReconnectPolicy.defaults())
                                .start());
                    }
                }
                int clients = 2 * CLIENTS_PER_SERVER;
                assertTrue(joined.tryAcquire(clients, 60, TimeUnit.SECONDS), "all joined");

                for (int server = 0; server < 2; server++) {
                    nodes[server].restartStop(); // 1012 to its clients
                    nodes[server] = Node.start(redis.url(), ports[server]);
                    assertTrue(joined.tryAcquire(CLIENTS_PER_SERVER, 60, TimeUnit.SECONDS),
                            "the clients of server " + server + " came back");
                }

                for (Subscriber subscriber : subscribers) {
                    assertEquals(List.of(1012), subscriber.closeCodes);
                }
                assertTrue(nodes[0].awaitConnected());
                assertTrue(nodes[1].awaitConnected());
                Eventually.await("both servers subscribed to news", () -> {
                    List<String> reply = redis.cli("PUBSUB", "NUMSUB", nodes[0].bus.channelOf("news"));
                    return Integer.parseInt(reply.get(1).strip()) == 2;
                });
                nodes[0].server.publish("news", "after the restart").relayed().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
                for (Subscriber subscriber : subscribers) {
                    assertEquals("after the restart", subscriber.news.poll(30, TimeUnit.SECONDS));
                }
            } finally {
                sockets.forEach(ReconnectingWebSocket::close);
                for (Node node : nodes) {
                    node.close();
                }
            }
        }
    }

}
