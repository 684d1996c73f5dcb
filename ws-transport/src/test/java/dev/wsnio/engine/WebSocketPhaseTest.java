package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.HeartbeatTimeoutException;
import dev.wsnio.MessageTimeoutException;
import dev.wsnio.SendQueueFullException;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.testkit.wire.Frame;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the WebSocket phase hands the application and how it keeps a connection alive, on a real
 * loop and a loopback socket with raw frames on the other end: binary messages and control
 * frames, a protocol violation, frames that arrived with the handshake, payloads copied for a
 * callback executor, a listener's {@link Error}, heartbeats and the message timeout.
 */
class WebSocketPhaseTest {

    private final BlockingQueue<Throwable> loopFailures = new LinkedBlockingQueue<>();
    private final EventLoop loop = new EventLoop("websocket-phase-test-loop", loopFailures::add);
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        loop.shutdown().get(10, TimeUnit.SECONDS);
    }

    /** Records what the application hears, in order: text for messages, the throwable for errors. */
    private class Recording implements WebSocketListener {
        @Override
        public void onText(WebSocket socket, String text) {
            events.add("text " + text);
        }

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            events.add("binary " + StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void onPing(WebSocket socket, ByteBuffer data) {
            events.add("ping " + StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void onPong(WebSocket socket, ByteBuffer data) {
            events.add("pong " + StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add(error);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    private OpenWebSocket open(ConnectionSettings settings, WebSocketListener listener) throws Exception {
        OpenWebSocket open = OpenWebSocket.open(loop, Role.SERVER, settings, listener);
        toClose.add(open);
        return open;
    }

    private Object nextEvent() throws InterruptedException {
        Object event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void binaryMessagesPingsAndPongsReachTheListenerAndAPingIsAnswered() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS, new Recording());
        open.peer.send(Frame.binary(ascii("bytes")), Frame.ping("are you there"), Frame.pong(ascii("unsolicited")));
        open.peer.expectPong(ascii("are you there")); // §5.5.2: a pong with the ping's data
        assertEquals("binary bytes", nextEvent());
        assertEquals("ping are you there", nextEvent());
        assertEquals("pong unsolicited", nextEvent());
        open.socket.ping(ByteBuffer.wrap(ascii("mine"))).get(10, TimeUnit.SECONDS);
        open.peer.expectFrame(Frame.ping("mine"));
    }

    @Test
    void aListenerThatOverridesNothingHearsEverythingQuietly() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS, new WebSocketListener() {
        });
        open.peer.send(Frame.text("t"), Frame.binary(ascii("b")), Frame.ping("p"), Frame.pong(ascii("q")));
        open.peer.expectPong(ascii("p"));
        open.peer.closeCleanly(1000, "done");
        open.socket.closeFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void anUnmaskedFrameFromAClientFailsTheConnectionWith1002AndTheListenerHearsWhy() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS, new Recording());
        open.peer.sendRaw(open.peer.encodeWronglyMasked(Frame.text("unmasked"))); // §5.1
        open.peer.expectFailure(1002);
        open.peer.close(); // the server half-closed first and waits for the client's FIN
        assertInstanceOf(WebSocketProtocolException.class, nextEvent());
        Object closed = nextEvent();
        // §7.1.5: the peer closed TCP without a close frame of its own, so the code is 1006
        assertEquals("close 1006 ", closed);
        assertNull(events.poll(), "the violation is reported once, not again as the close's error");
    }

    @Test
    void framesThatArrivedWithTheHandshakeAreReceivedFirst() throws Exception {
        Random masks = new Random(1);
        byte[] first = Frame.text("early").encode(masks);
        byte[] second = Frame.binary(ascii("bird")).encode(masks);
        ByteBuffer leftover = ByteBuffer.allocate(first.length + second.length).put(first).put(second).flip();
        OpenWebSocket open = OpenWebSocket.open(loop, Role.SERVER, ConnectionSettings.DEFAULTS, new Recording(),
                ConnectionTracker.NONE, leftover);
        toClose.add(open);
        open.peer.send(Frame.text("later"));
        assertEquals("text early", nextEvent());
        assertEquals("binary bird", nextEvent());
        assertEquals("text later", nextEvent());
    }

    @Test
    void onACallbackExecutorThePayloadIsACopyThatOutlivesTheLoopsReadBuffer() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        toClose.add(callbacks::shutdownNow);
        CountDownLatch holdFirst = new CountDownLatch(1);
        BlockingQueue<ByteBuffer> kept = new LinkedBlockingQueue<>();
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withCallbackExecutor(callbacks), new Recording() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                kept.add(data);
                try {
                    holdFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        open.peer.send(Frame.binary(ascii("first message")));
        ByteBuffer first = kept.poll(10, TimeUnit.SECONDS);
        // The loop reads the next frames into the same buffer while the first callback still runs.
        open.peer.send(Frame.binary(ascii("SECOND MESSAGE")), Frame.ping("x"));
        open.peer.expectPong(ascii("x"));
        holdFirst.countDown();
        assertArrayEquals(ascii("first message"), bytes(first));
        assertArrayEquals(ascii("SECOND MESSAGE"), bytes(kept.poll(10, TimeUnit.SECONDS)));
    }

    private static byte[] bytes(ByteBuffer data) {
        byte[] bytes = new byte[data.remaining()];
        data.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void anErrorThrownByAListenerOnTheLoopStopsTheLoopVisibly() throws Exception {
        Error fatal = new Error("listener lost its state");
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS, new Recording() {
            @Override
            public void onText(WebSocket socket, String text) {
                throw fatal;
            }
        });
        open.peer.send(Frame.text("boom"));
        assertSame(fatal, loopFailures.poll(10, TimeUnit.SECONDS), "the loop's owner is told");
        open.peer.expectFailure(1011); // the stopping loop closes each of its connections
        assertSame(fatal, nextEvent(), "the connection hears why");
    }

    @Test
    void anErrorThrownByAListenerOnAnExecutorIsRethrownOnTheLoop() throws Exception {
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        toClose.add(callbacks::shutdownNow);
        Error fatal = new Error("listener lost its state on the executor");
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withCallbackExecutor(callbacks), new Recording() {
            @Override
            public void onText(WebSocket socket, String text) {
                throw fatal;
            }
        });
        open.peer.send(Frame.text("boom"));
        assertSame(fatal, loopFailures.poll(10, TimeUnit.SECONDS), "thrown on the loop, whose owner is told");
        open.peer.expectFailure(1011);
    }

    @Test
    void aPeerThatSendsNothingAfterAHeartbeatPingIsDroppedAsDead() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withHeartbeat(Duration.ofMillis(50), Duration.ofMillis(200)),
                new Recording());
        Frame ping = open.peer.readFrame();
        assertEquals(Frame.PING, ping.opcode(), ping.toString());
        assertEquals(Long.BYTES, ping.payload().length, "the heartbeat carries when it was sent");
        open.peer.expectEndOfStream(); // no close frame: the peer is presumed gone (1006)
        assertInstanceOf(HeartbeatTimeoutException.class, nextEvent());
        assertEquals("close 1006 ", nextEvent());
    }

    @Test
    void aPeerThatAnswersHeartbeatsIsPingedAgain() throws Exception {
        // The answer is checked when the timeout ends; the next ping follows at once (the interval
        // is shorter). A generous timeout: a loaded machine may deliver the pong late.
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withHeartbeat(Duration.ofMillis(50), Duration.ofSeconds(2)),
                new Recording());
        Frame ping = open.peer.readFrame();
        assertEquals(Frame.PING, ping.opcode(), ping.toString());
        open.peer.send(Frame.pong(ping.payload()));
        Frame next = open.peer.readFrame();
        assertEquals(Frame.PING, next.opcode(), "still alive after the answer: " + next);
        open.socket.abort();
        open.socket.closeFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aFragmentedMessageLeftIncompleteIsClosedWith1008AfterTheMessageTimeout() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withMessageTimeout(Duration.ofMillis(200)), new Recording());
        open.peer.send(Frame.text("never").notFinal());
        Frame close = open.peer.expectClose(1008);
        assertEquals("message timeout", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
        open.peer.send(Frame.close(1008, ""));
        open.peer.expectEndOfStream();
        assertInstanceOf(MessageTimeoutException.class, nextEvent());
        assertTrue(nextEvent().toString().startsWith("close 1008"));
    }

    @Test
    void aSendBehindAFullQueueOrAfterTheCloseFailsAtOnceAndQueuesNothing() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(1024), new Recording());
        // The peer reads nothing: a message larger than the socket's buffers stays queued.
        CompletableFuture<Void> stuck = open.socket.sendBinary(ByteBuffer.allocate(16 * 1024 * 1024));
        CompletableFuture<Void> behind = open.socket.sendText("one more");
        assertTrue(behind.isCompletedExceptionally(), "refused in the call, not later");
        SendQueueFullException full = assertInstanceOf(SendQueueFullException.class, failureOf(behind));
        assertTrue(full.getMessage().contains("1024"), full.getMessage());
        open.socket.abort();
        open.socket.closeFuture().get(10, TimeUnit.SECONDS);
        assertInstanceOf(ClosedChannelException.class, failureOf(stuck), "dropped by the abort");
        CompletableFuture<Void> late = open.socket.sendText("too late");
        assertTrue(late.isCompletedExceptionally());
        assertEquals("the WebSocket is closed", failureOf(late).getMessage());
        assertEquals(0, open.socket.bufferedAmount(), "nothing was kept of the refused sends");
    }

    private static Throwable failureOf(CompletableFuture<Void> send) throws InterruptedException {
        try {
            send.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("the send neither failed nor completed", e);
        }
        throw new AssertionError("the send completed");
    }

    @Test
    void theHandleTellsWhatTheHandshakeAgreedAndKeepsTheApplicationsAttachment() throws Exception {
        OpenWebSocket open = open(ConnectionSettings.DEFAULTS, new Recording());
        assertEquals("/test", open.socket.request().path());
        assertEquals("", open.socket.subprotocol(), "none agreed");
        assertEquals("", open.socket.extensions());
        assertEquals(open.peer.socket().getRemoteSocketAddress(), open.socket.localAddress());
        assertEquals(open.peer.socket().getLocalSocketAddress(), open.socket.remoteAddress());
        assertNull(open.socket.attachment());
        open.socket.attach("session 42");
        String attached = open.socket.attachment();
        assertEquals("session 42", attached);
    }
}
