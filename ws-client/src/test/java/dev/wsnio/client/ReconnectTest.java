package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.WebSocket;
import dev.wsnio.client.ReconnectingWebSocket.State;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.client.StateRecorder.Change;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.server.UpgradeDecision;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.wire.RawServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reconnection: when it happens, when it must not, how long it waits, and the outbox. */
class ReconnectTest extends ReconnectingTestBase {

    /** Short delays so that the tests run in about a second: 0–20 ms, then 50, 100, 200, 400 ms. */
    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .firstDelayMax(Duration.ofMillis(20))
            .baseDelay(Duration.ofMillis(50))
            .multiplier(2)
            .maxDelay(Duration.ofMillis(400))
            .jitter(0.2)
            .build();

    ReconnectTest() {
        super(FAST);
    }

    @Test
    void comesBackAfterAServerRestartWithGrowingDelaysAndSendsTheOutboxInOrder() throws Exception {
        WebSocketServer first = started(new EchoServer().builder());
        int port = first.port();
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(first, "/echo")).outbox(100, 64 * 1024).start();
        states.await("open");
        events.next(Kind.OPEN);
        assertEquals(State.OPEN, socket.state());

        first.close(); // abrupt: the client sees 1006
        assertEquals(1006, states.await("disconnected").why().closeCode());
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(socket.sendText("queued " + i)); // disconnected: into the outbox
        }
        assertEquals(5, socket.outboxSize());
        List<Duration> delays = new ArrayList<>();
        while (delays.size() < 6) {
            Change scheduled = states.await("scheduled");
            assertEquals(delays.size() + 1, scheduled.attempt());
            delays.add(scheduled.delay());
        }

        EchoServer echo = new EchoServer();
        started(echo.builder().port(port));
        states.await("open");
        for (int i = 1; i <= 5; i++) {
            sent.get(i - 1).get(5, TimeUnit.SECONDS);
            assertEquals("queued " + i, echo.events.await(Kind.TEXT).text());
        }
        events.await(Kind.OPEN);
        for (int i = 1; i <= 5; i++) {
            assertEquals("queued " + i, events.next(Kind.TEXT).text());
        }
        assertEquals(0, socket.outboxSize());

        assertTrue(delays.get(0).toMillis() <= 20, "first delay random in [0, 20] ms: " + delays);
        for (int i = 2; i < 5; i++) {
            assertTrue(delays.get(i).compareTo(delays.get(i - 1)) > 0, "delays grow: " + delays);
        }
        for (Duration delay : delays) {
            assertTrue(delay.toMillis() <= 400, "delays respect the maximum: " + delays);
        }
        assertTrue(delays.get(5).toMillis() >= 320, "capped delays keep near the maximum: " + delays);
    }

    @Test
    void reconnectsWhenTheServerGoesAway() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        states.await("open");
        WebSocket serverSide = echo.events.await(Kind.OPEN).socket();
        serverSide.close(1012, "restarting");
        assertEquals(1012, states.await("disconnected").why().closeCode());
        states.await("scheduled");
        states.await("open");
        assertEquals(State.OPEN, socket.state());
        assertTrue(socket.current().isPresent());
    }

    @Test
    void neverReconnectsAfterTheApplicationClosesTheHandle() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        states.await("open");
        socket.close(1000, "bye").get(5, TimeUnit.SECONDS);
        assertEquals(State.CLOSED, socket.state());
        states.await("closed");
        assertNull(states.poll(300), "nothing after the application's close");
        assertEquals(1, echo.events.count(Kind.OPEN));
        assertEquals(1, states.count("connecting"));
        assertTrue(socket.sendText("late").isCompletedExceptionally());
    }

    @Test
    void neverReconnectsAfterTheApplicationClosesTheConnectionItWasGiven() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        WebSocket given = events.next(Kind.OPEN).socket();
        assertSame(given, socket.current().orElseThrow());
        given.close(4000, "done with it");
        states.await("closed");
        socket.closeFuture().get(5, TimeUnit.SECONDS);
        assertNull(states.poll(300));
        assertEquals(1, states.count("connecting"));
    }

    @Test
    void closingWhileWaitingStopsTheReconnectAndFailsTheOutbox() throws Exception {
        ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(URI.create("ws://127.0.0.1:" + closedPort())),
                        events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofSeconds(30)).build())
                .stateListener(states).outbox(10, 1000).start();
        states.await("scheduled");
        assertEquals(State.WAITING_TO_RECONNECT, socket.state());
        CompletableFuture<Void> queued = socket.sendText("never sent");
        socket.close().get(5, TimeUnit.SECONDS);
        states.await("closed");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> queued.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals(1, states.count("connecting"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void treatsRefusedCredentialsAsFatal(int status) throws Exception {
        WebSocketServer server = started(WebSocketServer.builder().eventLoops(1).websocket("/echo",
                WebSocketEndpoint.builder(events).upgradeHook(request -> UpgradeDecision.reject(status, "no")).build()));
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        Change gaveUp = states.await("gave up");
        WebSocketConnectException failure = gaveUp.why().connectFailure().orElseThrow();
        assertEquals(Reason.UNEXPECTED_STATUS, failure.reason());
        assertEquals(status, ((HandshakeResponseException) failure).status());
        assertEquals(State.CLOSED, socket.state());
        assertEquals(0, states.count("scheduled"));
        assertEquals(1, states.count("connecting"));
    }

    @Test
    void retriesAServerThatIsTemporarilyUnavailable() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        WebSocketServer server = started(WebSocketServer.builder().eventLoops(1).websocket("/echo",
                WebSocketEndpoint.builder(events).upgradeHook(request -> requests.incrementAndGet() <= 2
                        ? UpgradeDecision.reject(503, "busy") : UpgradeDecision.accept()).build()));
        reconnecting(EchoServer.uri(server, "/echo")).start();
        states.await("open");
        assertEquals(2, states.count("scheduled"));
        assertEquals(503, ((HandshakeResponseException) states.all.get(1).why().error()).status());
    }

    @Test
    void doesNotReconnectAfterANormalCloseByTheServerByDefault() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        states.await("open");
        socket.sendText("close:1000:that is all");
        Change gaveUp = states.await("gave up");
        assertEquals(1000, gaveUp.why().closeCode());
        assertEquals("that is all", gaveUp.why().closeReason());
        assertEquals(State.CLOSED, socket.state());
    }

    @Test
    void reconnectsAfterANormalCloseWhenThePolicySaysSo() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(EchoServer.uri(server, "/echo")), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofMillis(10))
                        .reconnectAfterNormalClosure(true).build())
                .stateListener(states).start();
        states.await("open");
        socket.sendText("close:1000:come back later");
        states.await("scheduled");
        states.await("open");
    }

    @Test
    void givesUpAfterTheMaximumNumberOfAttempts() throws Exception {
        ReconnectingWebSocket socket = client.reconnecting(
                        ConnectOptions.of(URI.create("ws://127.0.0.1:" + closedPort())), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofMillis(5)).baseDelay(Duration.ofMillis(5))
                        .maxAttempts(3).build())
                .stateListener(states).start();
        Change gaveUp = states.await("gave up");
        assertEquals(Reason.CONNECTION_REFUSED, gaveUp.why().connectFailure().orElseThrow().reason());
        assertEquals(4, states.count("connecting")); // the first attempt and three reconnects
        assertEquals(3, states.count("scheduled"));
        assertEquals(State.CLOSED, socket.state());
        socket.closeFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void refusesSendsWhileDisconnectedWithoutAnOutbox() throws Exception {
        ReconnectingWebSocket socket = client.reconnecting(
                        ConnectOptions.of(URI.create("ws://127.0.0.1:" + closedPort())), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofSeconds(30)).build())
                .stateListener(states).start();
        states.await("scheduled");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> socket.sendText("x").get());
        assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertFalse(socket.current().isPresent());
    }

    @Test
    void refusesMessagesThatDoNotFitTheOutbox() throws Exception {
        ReconnectingWebSocket socket = client.reconnecting(
                        ConnectOptions.of(URI.create("ws://127.0.0.1:" + closedPort())), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofSeconds(30)).build())
                .stateListener(states).outbox(2, 10).start();
        states.await("scheduled");
        assertFalse(socket.sendText("12345").isDone());
        ExecutionException tooBig = assertThrows(ExecutionException.class, () -> socket.sendText("123456").get());
        assertInstanceOf(OutboxFullException.class, tooBig.getCause());
        assertFalse(socket.sendText("12345").isDone());
        ExecutionException tooMany = assertThrows(ExecutionException.class, () -> socket.sendText("1").get());
        assertInstanceOf(OutboxFullException.class, tooMany.getCause());
        assertEquals(2, socket.outboxSize());
    }

    @Test
    void closingTheClientMakesWaitingHandlesGiveUp() throws Exception {
        ReconnectingWebSocket socket = client.reconnecting(
                        ConnectOptions.of(URI.create("ws://127.0.0.1:" + closedPort())), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofSeconds(30)).build())
                .stateListener(states).start();
        states.await("scheduled");
        client.close();
        states.await("gave up");
        socket.closeFuture().get(5, TimeUnit.SECONDS);
        assertEquals(State.CLOSED, socket.state());
    }

    // ------------------------------------------------------------- dead peers

    /** A server that completes the handshake and then neither reads nor writes anything. */
    private RawServer silentServer() throws Exception {
        RawServer server = new RawServer(peer -> {
            peer.handshake();
            Thread.sleep(10_000); // the socket stays open, and nobody answers pings
        });
        toClose.add(server);
        return server;
    }

    @Test
    void detectsAServerThatStopsAnsweringWithinTheHeartbeatTimeout() throws Exception {
        RawServer server = silentServer();
        try (WebSocketClient beating = WebSocketClient.builder().eventLoops(1)
                .heartbeat(Duration.ofMillis(100), Duration.ofMillis(150)).build()) {
            beating.connect(server.uri("/"), events).get(5, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            long opened = System.nanoTime();
            assertInstanceOf(HeartbeatTimeoutException.class, events.next(Kind.ERROR).error());
            assertEquals(1006, events.next(Kind.CLOSE).code());
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened);
            assertTrue(millis >= 200 && millis < 2000, "dead peer found after " + millis + " ms (ping at 100, timeout 150)");
        }
    }

    @Test
    void keepsALiveConnectionOpenAcrossHeartbeats() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        try (WebSocketClient beating = WebSocketClient.builder().eventLoops(1)
                .heartbeat(Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
            WebSocket socket = beating.connect(EchoServer.uri(server, "/echo"), events).get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 4; i++) {
                echo.events.await(Kind.PING); // the server answers each with a pong
            }
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void reconnectsAfterADeadPeer() throws Exception {
        RawServer server = silentServer();
        try (WebSocketClient beating = WebSocketClient.builder().eventLoops(1)
                .heartbeat(Duration.ofMillis(50), Duration.ofMillis(100)).build()) {
            beating.reconnecting(ConnectOptions.of(server.uri("/")), events).policy(FAST).stateListener(states).start();
            states.await("open");
            Change lost = states.await("disconnected");
            assertEquals(1006, lost.why().closeCode());
            assertInstanceOf(HeartbeatTimeoutException.class, lost.why().error());
            states.await("scheduled");
            states.await("open"); // the silent server accepts again
        }
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
