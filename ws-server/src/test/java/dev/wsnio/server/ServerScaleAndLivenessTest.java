package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
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

    private static final WebSocketListener ECHO = new WebSocketListener() {
        @Override
        public void onText(WebSocket socket, String text) {
            socket.sendText(text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            socket.sendBinary(ByteBuffer.allocate(data.remaining()).put(data).flip());
        }
    };

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wsnio-server")).count();
    }

    @Test
    void thousandConnectionsExchangeMessagesOnAFixedNumberOfThreads() throws Exception {
        server = WebSocketServer.builder().eventLoops(2).websocket("/echo", ECHO).build().start();
        long threadsBefore = serverThreads();
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                clients.add(RawClient.upgraded(server.port(), "/echo"));
            }
            assertEquals(threadsBefore, serverThreads(), "no thread per connection");
            assertEquals(3, threadsBefore, "one acceptor and two loops");
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).sendFrame(0x81, ("message " + i).getBytes());
            }
            for (int i = 0; i < clients.size(); i++) {
                assertEquals("message " + i, clients.get(i).readFrame().text());
            }
            assertEquals(1000, server.connections().size());
        } finally {
            for (RawClient client : clients) {
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
        try (RawClient silent = RawClient.upgraded(server.port(), "/ws")) {
            RawClient.Frame ping = silent.readFrame();
            assertEquals(0x9, ping.opcode(), "the server pings");
            // ... and the client never answers.
            assertEquals("error HeartbeatTimeoutException", events.poll(5, TimeUnit.SECONDS));
            assertEquals("close 1006", events.poll(5, TimeUnit.SECONDS));
            assertTrue(silent.serverClosedTcp());
        }
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void heartbeatKeepsAnAnsweringPeer() throws Exception {
        server = WebSocketServer.builder()
                .heartbeat(Duration.ofMillis(50), Duration.ofMillis(200))
                .websocket("/ws", ECHO).build().start();
        try (RawClient client = RawClient.upgraded(server.port(), "/ws")) {
            for (int i = 0; i < 5; i++) {
                RawClient.Frame ping = client.readFrame();
                assertEquals(0x9, ping.opcode());
                client.sendFrame(0x8A, ping.payload());
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
        try (RawClient lazy = RawClient.upgraded(server.port(), "/flood")) {
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
            try (RawClient client = RawClient.upgraded(server.port(), "/ws")) {
                for (int i = 0; i < 200; i++) {
                    client.sendFrame(0x81, String.valueOf(i).getBytes());
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
        try (RawClient red1 = RawClient.upgraded(server.port(), "/chat?room=red");
             RawClient red2 = RawClient.upgraded(server.port(), "/chat?room=red");
             RawClient blue = RawClient.upgraded(server.port(), "/chat?room=blue")) {
            assertEquals("joined red", red1.readFrame().text());
            assertEquals("joined red", red2.readFrame().text());
            assertEquals("joined blue", blue.readFrame().text());
            BroadcastResult toRed = server.publish("red", "hello red");
            assertEquals(2, toRed.queued());
            assertEquals("hello red", red1.readFrame().text());
            assertEquals("hello red", red2.readFrame().text());
            BroadcastResult toAll = server.broadcast("hello all");
            assertEquals(3, toAll.queued());
            assertEquals("hello all", red1.readFrame().text());
            assertEquals("hello all", red2.readFrame().text());
            assertEquals("hello all", blue.readFrame().text(), "blue got only the broadcast");
            server.publish("blue", ByteBuffer.wrap(new byte[] {1, 2, 3}));
            RawClient.Frame binary = blue.readFrame();
            assertEquals(0x82, binary.first());
            assertEquals(3, binary.payload().length);
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
        try (RawClient client = RawClient.upgraded(server.port(), "/ws")) {
            client.sendFrame(0x81, "go".getBytes());
            for (int i = 0; i < 5; i++) {
                assertEquals("m" + i, client.readFrame().text());
            }
        }
    }

    @Test
    void threadNamesSayWhatTheyServe() throws IOException {
        server = WebSocketServer.builder().eventLoops(3).websocket("/ws", ECHO).build().start();
        assertEquals(4, serverThreads());
    }
}
