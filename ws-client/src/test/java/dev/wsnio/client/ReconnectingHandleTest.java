package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.ReconnectingWebSocket.State;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.wire.RawServer;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The reconnecting handle as the application holds it: binary messages sent at once or kept in
 * the outbox, the connection the listener sees, closing while an attempt is under way, closing
 * twice, and a client closed under an open handle. ({@link ReconnectTest} covers when and how
 * reconnection happens.)
 */
class ReconnectingHandleTest extends ReconnectingTestBase {

    private static final ReconnectPolicy FAST = ReconnectPolicy.builder()
            .firstDelayMax(Duration.ofMillis(20))
            .baseDelay(Duration.ofMillis(50))
            .maxDelay(Duration.ofMillis(200))
            .build();

    ReconnectingHandleTest() {
        super(FAST);
    }

    @Test
    void sendsBinaryAtOnceWhileOpenAndFromTheOutboxAfterAReconnect() throws Exception {
        WebSocketServer first = started(new EchoServer().builder());
        int port = first.port();
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(first, "/echo")).outbox(10, 1024).start();
        events.next(Kind.OPEN);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3})).get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {1, 2, 3}, events.next(Kind.BINARY).data());

        first.close();
        states.await("disconnected");
        CompletableFuture<Void> queued = socket.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}));
        assertEquals(1, socket.outboxSize());
        started(new EchoServer().builder().port(port));
        queued.get(10, TimeUnit.SECONDS);
        events.await(Kind.OPEN);
        assertArrayEquals(new byte[] {4, 5}, events.await(Kind.BINARY).data());
        assertEquals(0, socket.outboxSize());
    }

    @Test
    void theListenerSeesTheConnectionItCanUseAndTheHandleReportsIt() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = client.reconnecting(
                        ConnectOptions.builder(EchoServer.uri(server, "/echo")).subprotocols("chat.v1").build(), events)
                .policy(FAST).start();
        WebSocket seen = events.next(Kind.OPEN).socket();
        assertSame(seen, socket.current().orElseThrow(), "the listener and the handle see the same connection");
        assertEquals("chat.v1", seen.subprotocol());
        assertEquals("", seen.extensions());
        assertEquals(server.port(), seen.remoteAddress().getPort());
        assertTrue(seen.localAddress().getAddress().isLoopbackAddress());
        seen.attach("state of the application");
        assertEquals("state of the application", seen.attachment());
        assertEquals("/echo", seen.request().path());
        assertEquals(0, socket.outboxSize(), "no outbox: nothing waits");

        seen.sendText("ping:are you there"); // EchoServer pings the client
        assertEquals("are you there", new String(events.await(Kind.PING).data(), StandardCharsets.UTF_8));
        seen.ping(ByteBuffer.wrap("and you?".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
        assertEquals("and you?", new String(events.await(Kind.PONG).data(), StandardCharsets.UTF_8));
        seen.sendBinary(ByteBuffer.wrap(new byte[] {9})).get(5, TimeUnit.SECONDS);
        assertArrayEquals(new byte[] {9}, events.await(Kind.BINARY).data());
        assertEquals(0, seen.bufferedAmount());
        socket.close().get(5, TimeUnit.SECONDS);
        assertFalse(seen.isOpen());
    }

    @Test
    void sendingWhileTheCloseIsUnderWayFailsAtOnce() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).outbox(10, 1024).start();
        events.next(Kind.OPEN);
        CompletableFuture<Void> closing = socket.close();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> socket.sendText("too late").get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        ExecutionException binaryRefused = assertThrows(ExecutionException.class,
                () -> socket.sendBinary(ByteBuffer.wrap(new byte[] {1})).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, binaryRefused.getCause());
        closing.get(5, TimeUnit.SECONDS);
        assertEquals(0, socket.outboxSize(), "nothing was kept for a connection that will not come");
    }

    @Test
    void closingWhileTheAttemptWaitsForTheServerCancelsItAndNeverReconnects() throws Exception {
        CountDownLatch requestArrived = new CountDownLatch(1);
        RawServer silent = new RawServer(peer -> {
            peer.readHead();
            requestArrived.countDown();
            peer.awaitEndOfStream(10_000); // answers nothing
        });
        toClose.add(silent);
        ReconnectingWebSocket socket = reconnecting(silent.uri("/")).start();
        assertTrue(requestArrived.await(5, TimeUnit.SECONDS));
        assertEquals(State.CONNECTING, socket.state());

        socket.close().get(5, TimeUnit.SECONDS);

        assertEquals(State.CLOSED, socket.state());
        states.await("closed");
        assertEquals(0, states.count("open"));
        assertEquals(0, states.count("scheduled"), "a closed handle never reconnects");
        assertEquals(0, events.count(Kind.OPEN));
    }

    @Test
    void closingTwiceGivesTheSameFutureAndSendingAfterCloseFails() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).outbox(10, 1024).start();
        events.next(Kind.OPEN);
        CompletableFuture<Void> closing = socket.close(4000, "bye");
        assertSame(closing, socket.close(), "a second close changes nothing");
        closing.get(5, TimeUnit.SECONDS);
        assertEquals(4000, events.await(Kind.CLOSE).code());
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> socket.sendBinary(ByteBuffer.wrap(new byte[] {1})).get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause());
    }

    @Test
    void aClosedClientEndsTheHandleInsteadOfReconnecting() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        events.next(Kind.OPEN);

        client.close(); // the connection goes down with the client's loops, and nothing can reconnect

        socket.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals(State.CLOSED, socket.state());
        assertEquals(0, states.count("scheduled"));
    }

    @Test
    void anOutboxMustHavePositiveLimitsThatFitTheSendQueue() {
        ReconnectingWebSocket.Builder builder = reconnecting(URI.create("ws://127.0.0.1:9/"));
        assertThrows(IllegalArgumentException.class, () -> builder.outbox(0, 1024));
        assertThrows(IllegalArgumentException.class, () -> builder.outbox(10, 0));
        assertThrows(IllegalArgumentException.class,
                () -> builder.outbox(10, client.settings().maxQueuedBytes() + 1));
    }

    @Test
    void closingTheClientFromItsOwnCallbackDoesNotWaitForItself() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        CompletableFuture<Void> closedInCallback = new CompletableFuture<>();
        client.connect(EchoServer.uri(server, "/echo"), new RecordingListener() {
            @Override
            public void onOpen(WebSocket socket) {
                client.close(); // on the client's own loop: must return, not wait 10 s for itself
                closedInCallback.complete(null);
            }
        });
        closedInCallback.get(5, TimeUnit.SECONDS);
        assertTrue(client.isClosed());
    }

    @Test
    void theDefaultPermessageDeflateIsAgreedWithAServerThatSupportsIt() throws Exception {
        WebSocketServer server = started(new EchoServer().builder().permessageDeflate());
        try (WebSocketClient compressing = WebSocketClient.builder().eventLoops(1).permessageDeflate().build()) {
            assertEquals(1, compressing.eventLoopCount());
            WebSocket socket = compressing.connect(EchoServer.uri(server, "/echo"), events).get(5, TimeUnit.SECONDS);
            assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions());
            String large = "compressible ".repeat(1000);
            socket.sendText(large);
            assertEquals(large, events.await(Kind.TEXT).text());
        }
    }

    @Test
    void closingWhileWaitingToReconnectEndsTheHandleAtOnceAndTheTimerDoesNothing() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(EchoServer.uri(server, "/echo")), events)
                .policy(ReconnectPolicy.builder().firstDelayMax(Duration.ofMillis(100)).baseDelay(Duration.ofMillis(100))
                        .maxDelay(Duration.ofMillis(100)).jitter(0).build())
                .stateListener(states).start();
        states.await("open");
        server.close();
        states.await("scheduled");
        assertEquals(State.WAITING_TO_RECONNECT, socket.state());

        CompletableFuture<Void> closing = socket.close();

        assertTrue(closing.isDone(), "nothing to wait for: no connection is open");
        assertEquals(State.CLOSED, socket.state());
        states.await("closed");
        // the timer was due within 100 ms; give it a second, then it must not have connected
        assertEquals(null, states.poll(1000));
        assertEquals(1, states.count("connecting"), "only the first connection was attempted");
    }

    @Test
    void closingWithoutAReasonSendsAnEmptyOne() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        events.next(Kind.OPEN);
        socket.close(4001, null).get(5, TimeUnit.SECONDS);
        RecordingListener.Event seen = echo.events.await(Kind.CLOSE);
        assertEquals(4001, seen.code());
        assertEquals("", seen.text());
    }

    @Test
    void messagesSentFromOnCloseWaitInTheOutboxForTheNextConnection() throws Exception {
        // In onClose the handle is still OPEN but its connection is not: the messages must not
        // go to the closed connection (they would fail) but wait for the reconnect.
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        AtomicReference<ReconnectingWebSocket> handle = new AtomicReference<>();
        List<CompletableFuture<Void>> sentWhileClosing = new CopyOnWriteArrayList<>();
        RecordingListener sendsFromOnClose = new RecordingListener() {
            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                if (sentWhileClosing.isEmpty()) {
                    sentWhileClosing.add(handle.get().sendText("written while closing"));
                    sentWhileClosing.add(handle.get().sendBinary(ByteBuffer.wrap(new byte[] {7, 8})));
                }
                super.onClose(socket, code, reason);
            }
        };
        ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(EchoServer.uri(server, "/echo")), sendsFromOnClose)
                .policy(FAST).stateListener(states).outbox(10, 1024).start();
        handle.set(socket);
        sendsFromOnClose.next(Kind.OPEN);
        socket.sendText("close:1012:restarting"); // the server closes; 1012 reconnects

        assertEquals(1012, sendsFromOnClose.await(Kind.CLOSE).code());
        sendsFromOnClose.await(Kind.OPEN);
        assertEquals("written while closing", sendsFromOnClose.await(Kind.TEXT).text());
        assertArrayEquals(new byte[] {7, 8}, sendsFromOnClose.await(Kind.BINARY).data());
        for (CompletableFuture<Void> sent : sentWhileClosing) {
            sent.get(5, TimeUnit.SECONDS);
        }
        assertEquals(2, sentWhileClosing.size());
    }

    @Test
    void closingWhenAReconnectAttemptBeginsCancelsThatAttempt() throws Exception {
        EchoServer echo = new EchoServer();
        WebSocketServer server = started(echo.builder());
        AtomicReference<ReconnectingWebSocket> handle = new AtomicReference<>();
        StateRecorder closesOnReconnect = new StateRecorder() {
            @Override
            public void onConnecting(int attempt) {
                super.onConnecting(attempt);
                if (attempt > 0) {
                    handle.get().close(); // before the attempt has a future to cancel
                }
            }
        };
        ReconnectingWebSocket socket = client.reconnecting(ConnectOptions.of(EchoServer.uri(server, "/echo")), events)
                .policy(FAST).stateListener(closesOnReconnect).start();
        handle.set(socket);
        events.next(Kind.OPEN);
        socket.sendText("close:1012:restarting");

        assertEquals(1012, closesOnReconnect.await("disconnected").why().closeCode());
        assertEquals(1, closesOnReconnect.await("connecting").attempt());
        Disconnection cancelled = closesOnReconnect.await("disconnected").why();
        WebSocketConnectException error = assertInstanceOf(WebSocketConnectException.class, cancelled.error());
        assertEquals(WebSocketConnectException.Reason.CANCELLED, error.reason(), "the attempt never got under way");
        closesOnReconnect.await("closed");
        socket.closeFuture().get(5, TimeUnit.SECONDS);
        assertEquals(State.CLOSED, socket.state());
        assertEquals(1, echo.events.count(Kind.OPEN), "the server saw only the first connection");
        assertEquals(0, closesOnReconnect.count("gave up"));
    }

    @Test
    void closingAHandleThatGaveUpReturnsItsCompletedFuture() throws Exception {
        WebSocketServer server = started(new EchoServer().builder());
        ReconnectingWebSocket socket = reconnecting(EchoServer.uri(server, "/echo")).start();
        events.next(Kind.OPEN);
        socket.sendText("close:1000:done"); // a normal close by the server: no reconnect by default
        states.await("gave up");
        socket.closeFuture().get(5, TimeUnit.SECONDS);

        CompletableFuture<Void> closing = socket.close(4000, "too late");

        assertSame(socket.closeFuture(), closing);
        assertTrue(closing.isDone());
        assertEquals(0, states.count("closed"), "it gave up: the application did not close it");
    }
}
