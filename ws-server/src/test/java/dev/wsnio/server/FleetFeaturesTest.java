package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.MessageType;
import dev.wsnio.testkit.JdkClient;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a server of a fleet needs beyond one process: the topic bus seam (membership told to the
 * bus, messages from the bus delivered to local members only, relay failures visible), a stop
 * that says "restart" (1012), an asynchronous upgrade hook with a deadline, and the numbers and
 * Flight Recorder events an operator watches.
 */
class FleetFeaturesTest {

    /** A bus that records what the server tells it; other servers' messages are injected. */
    static final class RecordingBus implements TopicBus {
        final List<String> membership = new CopyOnWriteArrayList<>();
        final BlockingQueue<TopicMessage> relayed = new LinkedBlockingQueue<>();
        volatile Consumer<TopicMessage> deliverLocally;
        volatile boolean stopped;
        volatile CompletionStage<Void> relayOutcome = CompletableFuture.completedFuture(null);

        @Override
        public void start(Consumer<TopicMessage> deliverLocally) {
            this.deliverLocally = deliverLocally;
        }

        @Override
        public void topicOpened(String topic) {
            membership.add("opened " + topic);
        }

        @Override
        public void topicClosed(String topic) {
            membership.add("closed " + topic);
        }

        @Override
        public CompletionStage<Void> relay(TopicMessage message) {
            relayed.add(message);
            return relayOutcome;
        }

        @Override
        public void stop() {
            stopped = true;
        }
    }

    private final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private WebSocketServer start(TopicBus bus, WebSocketEndpoint endpoint) {
        server = WebSocketServer.builder().topicBus(bus).websocket("/ws", endpoint).build().start();
        return server;
    }

    private static WebSocketEndpoint recordingOpens(BlockingQueue<WebSocket> opened) {
        return WebSocketEndpoint.of(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                opened.add(socket);
            }

            @Override
            public void onText(WebSocket socket, String text) {
                socket.sendText("echo " + text);
            }
        });
    }

    private JdkClient connect() throws Exception {
        return JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/ws"));
    }

    private WebSocket nextOpened() throws InterruptedException {
        WebSocket socket = opened.poll(10, TimeUnit.SECONDS);
        assertTrue(socket != null, "a connection opened");
        return socket;
    }

    @Test
    void busHearsOfATopicsFirstAndLastLocalMemberOnly() throws Exception {
        RecordingBus bus = new RecordingBus();
        start(bus, recordingOpens(opened));
        connect();
        WebSocket first = nextOpened();
        JdkClient second = connect();
        WebSocket secondSocket = nextOpened();

        server.subscribe(first, "news");
        server.subscribe(secondSocket, "news");
        server.unsubscribe(first, "news");
        assertEquals(List.of("opened news"), bus.membership);

        second.discardReceived();
        secondSocket.close().get(10, TimeUnit.SECONDS); // the last member leaves by closing
        assertEquals(List.of("opened news", "closed news"), bus.membership);
        server.subscribe(first, "news");
        assertEquals(List.of("opened news", "closed news", "opened news"), bus.membership);

        server.stop(Duration.ofSeconds(5));
        assertTrue(bus.stopped);
    }

    @Test
    void publishDeliversLocallyAndRelaysTheMessageOnce() throws Exception {
        RecordingBus bus = new RecordingBus();
        start(bus, recordingOpens(opened));
        JdkClient member = connect();
        server.subscribe(nextOpened(), "news");

        BroadcastResult result = server.publish("news", "hello");
        assertEquals(1, result.queued());
        assertEquals("hello", member.next());
        TopicMessage relayed = bus.relayed.poll(10, TimeUnit.SECONDS);
        assertEquals(Audience.topic("news"), relayed.audience());
        assertEquals(MessageType.TEXT, relayed.type());
        assertEquals("hello", StandardCharsets.UTF_8.decode(relayed.payload()).toString());

        server.broadcast("to all");
        assertEquals("to all", member.next());
        assertEquals(Audience.everyone(), bus.relayed.poll(10, TimeUnit.SECONDS).audience());
        assertTrue(bus.relayed.isEmpty());
    }

    @Test
    void messagesFromOtherServersReachOnlyTheTopicsLocalMembers() throws Exception {
        RecordingBus bus = new RecordingBus();
        start(bus, recordingOpens(opened));
        JdkClient member = connect();
        server.subscribe(nextOpened(), "news");
        JdkClient outsider = connect();
        WebSocket outsiderSocket = nextOpened();

        bus.deliverLocally.accept(new TopicMessage(Audience.topic("news"), MessageType.TEXT,
                ByteBuffer.wrap("from elsewhere".getBytes(StandardCharsets.UTF_8))));
        bus.deliverLocally.accept(new TopicMessage(Audience.everyone(), MessageType.TEXT,
                ByteBuffer.wrap("everyone".getBytes(StandardCharsets.UTF_8))));
        assertEquals("from elsewhere", member.next());
        assertEquals("everyone", member.next());
        assertEquals("everyone", outsider.next()); // and nothing before it
        assertTrue(bus.relayed.isEmpty(), "a message from the bus is not relayed back");
        assertTrue(outsiderSocket.isOpen());
    }

    @Test
    void failedRelayIsVisibleInTheResultAndTheStats() throws Exception {
        RecordingBus bus = new RecordingBus();
        bus.relayOutcome = CompletableFuture.failedFuture(new IllegalStateException("broker down"));
        start(bus, recordingOpens(opened));
        JdkClient member = connect();
        server.subscribe(nextOpened(), "news");

        BroadcastResult result = server.publish("news", "local only");
        assertEquals("local only", member.next());
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> result.relayed().toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(1, server.stats().relaysFailed());
    }

    @Test
    void restartStopClosesWithServiceRestart() throws Exception {
        start(TopicBus.inProcess(), recordingOpens(opened));
        JdkClient client = connect();
        nextOpened();
        server.stop(Duration.ofSeconds(5), StopReason.RESTART);
        assertEquals(1012, client.awaitClose(Duration.ofSeconds(10)));
    }

    @Test
    void asyncUpgradeHookAcceptsWhenItsStageCompletesLater() throws Exception {
        CompletableFuture<UpgradeDecision> decision = new CompletableFuture<>();
        start(TopicBus.inProcess(), WebSocketEndpoint.builder(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                opened.add(socket);
            }
        }).asyncUpgradeHook(request -> decision).build());
        CompletableFuture<JdkClient> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return connect();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(opened.isEmpty());
        decision.complete(UpgradeDecision.accept("user-7"));
        connecting.get(10, TimeUnit.SECONDS);
        assertEquals("user-7", nextOpened().attachment());
    }

    @Test
    void asyncUpgradeHookThatNeverDecidesIsAnswered503() throws Exception {
        start(TopicBus.inProcess(), WebSocketEndpoint.builder(new WebSocketListener() {
        }).asyncUpgradeHook(request -> new CompletableFuture<>()).upgradeTimeout(Duration.ofMillis(200)).build());
        String response = upgradeResponse();
        assertTrue(response.startsWith("HTTP/1.1 503 "), response);
        assertTrue(response.contains("\r\nRetry-After: 1\r\n"), response);
    }

    @Test
    void asyncUpgradeHookThatFailsIsAnswered500() throws Exception {
        start(TopicBus.inProcess(), WebSocketEndpoint.builder(new WebSocketListener() {
        }).asyncUpgradeHook(request -> CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("session store down");
        })).build());
        String response = upgradeResponse();
        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
    }

    /** Sends a valid handshake on a plain socket and reads the whole answer (the server closes). */
    private String upgradeResponse() throws Exception {
        return RawClient.exchange(server.port(), HandshakeText.request("/ws", ""));
    }

    @Test
    void statsCountMessagesBytesClosesAndTopicMembers() throws Exception {
        start(TopicBus.inProcess(), recordingOpens(opened));
        JdkClient client = connect();
        WebSocket socket = nextOpened();
        server.subscribe(socket, "news");
        JdkClient jdk = connect();
        WebSocket second = nextOpened();
        jdk.sendText("ping!");
        assertEquals("echo ping!", jdk.next()); // the listener ran: "ping!" was counted
        second.sendText("pong!").get(10, TimeUnit.SECONDS); // completes once written and counted

        ServerStats stats = server.stats();
        assertEquals(2, stats.webSocketConnections());
        assertEquals(2, stats.webSocketsOpened());
        assertEquals(1, stats.messagesReceived());
        assertEquals(5, stats.bytesReceived());
        assertTrue(stats.messagesSent() >= 1 && stats.messagesSent() <= 2); // "echo ping!" may be in flight
        assertEquals(stats.messagesSent() == 2 ? 15 : 5, stats.bytesSent());
        assertEquals(Map.of("news", 1), stats.topicMembers());

        second.close(4000, "bye").get(10, TimeUnit.SECONDS);
        assertEquals(Map.of(4000, 1L), server.stats().closedByCode());
    }

    @Test
    void flightRecorderSeesConnectionsOpenAndClose() throws Exception {
        Path file = Files.createTempFile("wsnio", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.wsnio.ConnectionOpened");
            recording.enable("dev.wsnio.ConnectionClosed");
            recording.start();
            start(TopicBus.inProcess(), recordingOpens(opened));
            connect();
            nextOpened().close(4001, "done").get(10, TimeUnit.SECONDS);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);
        RecordedEvent open = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.wsnio.ConnectionOpened")).findFirst().orElseThrow();
        assertEquals("/ws", open.getString("path"));
        RecordedEvent closed = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.wsnio.ConnectionClosed")).findFirst().orElseThrow();
        assertEquals(4001, closed.getInt("code"));
    }
}
