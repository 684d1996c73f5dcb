package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many connections, fixed threads, dead peers, slow readers, executors, broadcast and topics. */
class ServerScaleAndLivenessTest {

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wsnio-server")).count();
    }

    @Test
    void thousandConnectionsExchangeMessagesOnAFixedNumberOfThreads() throws Exception {
        server = WebSocketServer.builder().eventLoops(2).websocket("/echo", new EchoListener()).build().start();
        long threadsBefore = serverThreads();
        List<Wire> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(RawClient.upgrade(server.port(), "/echo", ""));
            }
            assertEquals(threadsBefore, serverThreads(), "no thread per connection");
            assertEquals(3, threadsBefore, "one acceptor and two loops");
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).send(Frame.text("message " + i));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).expectText("message " + i);
            }
            assertEquals(1000, server.connections().size());
        } finally {
            for (Wire client : clients) {
                client.close();
            }
        }
    }

    @Test
    void heartbeatClosesAPeerThatStopsAnswering() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        server = WebSocketServer.builder()
                .heartbeat(Duration.ofMillis(100), Duration.ofMillis(200))
                .websocket("/ws", new WebSocketListener() {
                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        events.add("error " + error.getClass().getSimpleName());
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        events.add("close " + code);
                    }
                })
                .build().start();
        try (Wire silent = RawClient.upgrade(server.port(), "/ws", "")) {
            Frame ping = silent.readFrame();
            assertEquals(Frame.PING, ping.opcode(), "the server pings");
            // ... and the client never answers.
            assertEquals("error HeartbeatTimeoutException", events.poll(5, TimeUnit.SECONDS));
            assertEquals("close 1006", events.poll(5, TimeUnit.SECONDS));
            silent.expectEndOfStream();
        }
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void heartbeatKeepsAnAnsweringPeer() throws Exception {
        server = WebSocketServer.builder()
                .heartbeat(Duration.ofMillis(50), Duration.ofMillis(200))
                .websocket("/ws", new EchoListener()).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/ws", "")) {
            for (int i = 0; i < 5; i++) {
                Frame ping = client.readFrame();
                assertEquals(Frame.PING, ping.opcode());
                client.send(Frame.pong(ping.payload()));
            }
            assertEquals(1, server.connections().size());
        }
    }

    @Test
    void aPeerThatDoesNotReadCannotGrowTheServersQueuePastItsLimit() throws Exception {
        long limit = 256 * 1024;
        CountDownLatch refused = new CountDownLatch(1);
        AtomicLong maxBuffered = new AtomicLong();
        CountDownLatch opened = new CountDownLatch(1);
        server = WebSocketServer.builder()
                .settings(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(limit))
                .websocket("/flood", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        opened.countDown();
                        Thread producer = new Thread(() -> {
                            ByteBuffer chunk = ByteBuffer.allocate(16 * 1024);
                            for (int i = 0; i < 2_000 && socket.isOpen(); i++) {
                                socket.sendBinary(chunk).exceptionally(e -> {
                                    refused.countDown();
                                    return null;
                                });
                                maxBuffered.accumulateAndGet(socket.bufferedAmount(), Math::max);
                            }
                        });
                        producer.start();
                    }
                }).build().start();
        try (Wire lazy = RawClient.upgrade(server.port(), "/flood", "")) {
            lazy.socket().setReceiveBufferSize(4096);
            assertTrue(opened.await(5, TimeUnit.SECONDS));
            // The client reads nothing: the producer runs into the full queue.
            assertTrue(refused.await(10, TimeUnit.SECONDS), "sends beyond the limit fail fast");
            assertTrue(maxBuffered.get() <= limit + 16 * 1024,
                    "queued bytes stay bounded: " + maxBuffered.get());
        }
    }

    @Test
    void callbacksOnAnExecutorStayInOrderPerConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(200);
            server = WebSocketServer.builder()
                    .callbackExecutor(pool)
                    .websocket("/ws", new WebSocketListener() {
                        @Override
                        public void onText(WebSocket socket, String text) {
                            seen.add(text);
                            all.countDown();
                        }
                    }).build().start();
            try (Wire client = RawClient.upgrade(server.port(), "/ws", "")) {
                for (int i = 0; i < 200; i++) {
                    client.send(Frame.text(String.valueOf(i)));
                }
                assertTrue(all.await(10, TimeUnit.SECONDS));
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(String.valueOf(i), seen.get(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void broadcastAndTopicsReachTheirMembers() throws Exception {
        server = WebSocketServer.builder().websocket("/chat", new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                String room = socket.request().queryParameter("room").orElse("lobby");
                ServerScaleAndLivenessTest.this.server.subscribe(socket, room);
                socket.sendText("joined " + room);
            }
        }).build().start();
        try (Wire red1 = RawClient.upgrade(server.port(), "/chat?room=red", "");
             Wire red2 = RawClient.upgrade(server.port(), "/chat?room=red", "");
             Wire blue = RawClient.upgrade(server.port(), "/chat?room=blue", "")) {
            red1.expectText("joined red");
            red2.expectText("joined red");
            blue.expectText("joined blue");
            BroadcastResult toRed = server.publish("red", "hello red");
            assertEquals(2, toRed.queued());
            red1.expectText("hello red");
            red2.expectText("hello red");
            BroadcastResult toAll = server.broadcast("hello all");
            assertEquals(3, toAll.queued());
            red1.expectText("hello all");
            red2.expectText("hello all");
            blue.expectText("hello all"); // blue got only the broadcast
            server.publish("blue", ByteBuffer.wrap(new byte[] {1, 2, 3}));
            blue.expectBinary(new byte[] {1, 2, 3});
            assertEquals(Set.of("red"), server.topics(server.subscribers("red").iterator().next()));
        }
    }

    @Test
    void aSendFromACallbackDoesNotOvertakeEarlierSendsFromAnotherThread() throws Exception {
        server = WebSocketServer.builder().websocket("/ws", new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                // On the loop thread: another thread sends four messages (queued behind this
                // callback), then this callback sends a fifth, which must go out last.
                Thread other = new Thread(() -> {
                    for (int i = 0; i < 4; i++) {
                        socket.sendText("m" + i);
                    }
                });
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                socket.sendText("m4");
            }
        }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/ws", "")) {
            client.send(Frame.text("go"));
            for (int i = 0; i < 5; i++) {
                client.expectText("m" + i);
            }
        }
    }

    @Test
    void threadNamesSayWhatTheyServe() throws IOException {
        server = WebSocketServer.builder().eventLoops(3).websocket("/ws", new EchoListener()).build().start();
        assertEquals(4, serverThreads());
    }
}
