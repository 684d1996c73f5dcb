package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A thousand connections on one client, served by a fixed, small number of threads. */
class ManyConnectionsTest {

    private static final int CONNECTIONS = 1000;

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }

    private static List<WebSocket> connect(WebSocketClient client, URI uri, int count, WebSocketListener listener)
            throws Exception {
        List<CompletableFuture<WebSocket>> attempts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            attempts.add(client.connect(uri, listener));
        }
        List<WebSocket> sockets = new ArrayList<>();
        for (CompletableFuture<WebSocket> attempt : attempts) {
            sockets.add(attempt.get(30, TimeUnit.SECONDS));
        }
        return sockets;
    }

    @Test
    void servesAThousandConnectionsWithoutAThreadPerConnection() throws Exception {
        CountDownLatch echoes = new CountDownLatch(CONNECTIONS);
        WebSocketListener listener = new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                echoes.countDown();
            }
        };
        try (WebSocketServer server = new EchoServer().builder().eventLoops(2).build().start()) {
            WebSocketClient client = WebSocketClient.builder().eventLoops(2).build();
            URI uri = EchoServer.uri(server, "/echo");

            List<WebSocket> sockets = new ArrayList<>(connect(client, uri, 10, listener));
            List<String> clientThreadsAtTen = liveThreads("wsnio-client");
            int allThreadsAtTen = liveThreads("").size();

            sockets.addAll(connect(client, uri, CONNECTIONS - 10, listener));
            assertEquals(List.of("wsnio-client-loop-1", "wsnio-client-loop-2"), liveThreads("wsnio-client"));
            assertEquals(clientThreadsAtTen, liveThreads("wsnio-client"));
            int allThreadsAtThousand = liveThreads("").size();
            assertTrue(allThreadsAtThousand <= allThreadsAtTen + 2,
                    "threads grew from " + allThreadsAtTen + " to " + allThreadsAtThousand);

            for (int i = 0; i < sockets.size(); i++) {
                sockets.get(i).sendText("hello from " + i);
            }
            assertTrue(echoes.await(30, TimeUnit.SECONDS), "echoes missing: " + echoes.getCount());

            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (WebSocket socket : sockets) {
                closing.add(socket.close());
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            client.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!liveThreads("wsnio-client").isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of(), liveThreads("wsnio-client"), "close() stops the client's threads");
        }
    }
}
