package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.DeliveryMode;
import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.Role;
import dev.wsnio.testkit.wire.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket phase of the engine as an application and a peer see it, on a real loop and a
 * loopback socket with raw frames on the other end: what a send the session refuses does, a
 * listener or tap that fails, the closing handshake asked for twice, streaming delivery, the
 * idle timeout, and the shared frames of a broadcast.
 */
class WebSocketConnectionTest {

    private static final Duration NEVER = Duration.ofDays(1);

    private final EventLoop loop = new EventLoop("websocket-connection-test-loop", failure -> { });
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        loop.shutdown().get(10, TimeUnit.SECONDS);
    }

    /** Records what the application hears, as text, in order. */
    private class Recording implements WebSocketListener {
        @Override
        public void onText(WebSocket socket, String text) {
            events.add("text " + text);
        }

        @Override
        public void onMessagePart(WebSocket socket, MessageType type, ByteBuffer data, boolean last) {
            events.add("part " + type + " " + StandardCharsets.UTF_8.decode(data) + (last ? " last" : ""));
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            events.add("error " + error.getMessage());
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close " + code + " " + reason);
        }
    }

    private OpenWebSocket open(Role role, ConnectionSettings settings, WebSocketListener listener) throws Exception {
        OpenWebSocket open = OpenWebSocket.open(loop, role, settings, listener);
        toClose.add(open);
        return open;
    }

    private OpenWebSocket server(WebSocketListener listener) throws Exception {
        return open(Role.SERVER, ConnectionSettings.DEFAULTS, listener);
    }

    private String nextEvent() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

    private static ByteBuffer bytes(int size) {
        return ByteBuffer.allocate(size);
    }

    @Test
    void aListenerThatThrowsClosesTheConnectionWith1011AndHearsWhy() throws Exception {
        OpenWebSocket open = server(new Recording() {
            @Override
            public void onText(WebSocket socket, String text) {
                throw new IllegalStateException("the application broke on " + text);
            }
        });
        open.peer.send(Frame.text("boom"));
        open.peer.expectClose(1011); // §7.4.1: an unexpected condition
        open.peer.send(Frame.close(1011, "echoed"));
        open.peer.expectEndOfStream();
        assertEquals("error the application broke on boom", nextEvent());
        assertEquals("close 1011 echoed", nextEvent());
    }

    @Test
    void aListenerThatFailsAgainOrAfterItClosedChangesNeitherTheCloseNorTheError() throws Exception {
        OpenWebSocket open = server(new Recording() {
            @Override
            public void onText(WebSocket socket, String text) {
                if (text.equals("close first")) {
                    socket.close(4000, "by the application");
                }
                throw new IllegalStateException("failed on " + text);
            }
        });
        open.peer.send(Frame.text("close first"), Frame.text("again")); // the second still arrives (§7.1.2)
        open.peer.expectClose(4000); // the application's close, not 1011
        open.peer.send(Frame.close(4000, ""));
        open.peer.expectEndOfStream();
        assertEquals("error failed on close first", nextEvent(), "the first failure, once");
        assertEquals("close 4000 ", nextEvent());
    }

    @Test
    void aFrameTapThatThrowsClosesTheConnectionWith1011Too() throws Exception {
        OpenWebSocket open = server(new Recording());
        FrameTap broken = new FrameTap() {
            @Override
            public void onMessageData(Direction direction, MessageType type, ByteBuffer data, boolean last) {
                throw new IllegalStateException("the tap broke");
            }
        };
        LoopbackPeer.onLoop(loop, () -> {
            open.socket.tap(broken); // on the loop: in place before the frame is read
            return null;
        });
        open.peer.send(Frame.text("seen by the tap"));
        open.peer.expectClose(1011);
        open.peer.send(Frame.close(1011, ""));
        open.peer.expectEndOfStream();
        assertEquals("error the tap broke", nextEvent());
    }

    @Test
    void aListenerThatFailsAfterTheClosingHandshakeClosesTcpAtOnceInsteadOfWaitingForTheServer() throws Exception {
        CountDownLatch closeEchoed = new CountDownLatch(1);
        ExecutorService callbacks = Executors.newSingleThreadExecutor();
        toClose.add(callbacks::shutdownNow);
        OpenWebSocket open = open(Role.CLIENT,
                ConnectionSettings.DEFAULTS.withCallbackExecutor(callbacks).withCloseTimeout(NEVER),
                new Recording() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        try {
                            closeEchoed.await(); // runs on the executor, behind the loop
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("late failure");
                    }
                });
        open.peer.send(Frame.text("slow to handle"), Frame.close(1000, "bye"));
        open.peer.expectClose(1000); // the client echoes: its session is closed, it waits for our TCP close
        closeEchoed.countDown();
        open.peer.expectEndOfStream(); // not after the close timeout (a day): at once
        assertEquals("error late failure", nextEvent());
        assertEquals("close 1000 bye", nextEvent());
    }

    @Test
    void aCloseWithoutAReasonSendsOnlyTheCode() throws Exception {
        OpenWebSocket open = server(new Recording());
        CompletableFuture<Void> closed = open.socket.close(1001, null);
        Frame close = open.peer.expectClose(1001);
        assertEquals(2, close.payload().length, "no reason bytes");
        assertFalse(open.socket.isOpen());
        open.peer.send(Frame.close(1001, ""));
        open.peer.expectEndOfStream();
        closed.get(10, TimeUnit.SECONDS);
        assertSame(closed, open.socket.closeFuture());
    }

    @Test
    void aSecondCloseSendsNoSecondCloseFrame() throws Exception {
        OpenWebSocket open = server(new Recording());
        open.socket.close(1000, "first");
        open.socket.close(4000, "second");
        Frame close = open.peer.expectClose(1000);
        assertEquals("first", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
        open.peer.send(Frame.close(1000, ""));
        open.peer.expectEndOfStream(); // the server closes TCP: nothing else came before
        assertEquals("close 1000 ", nextEvent());
    }

    @Test
    void pingAndPongDataOverTheControlFrameLimitIsRefusedAtOnce() throws Exception {
        OpenWebSocket open = server(new Recording());
        assertThrows(IllegalArgumentException.class, () -> open.socket.ping(bytes(126))); // §5.5
        assertThrows(IllegalArgumentException.class, () -> open.socket.pong(bytes(126)));
        open.socket.pong(ByteBuffer.wrap(new byte[] {1, 2, 3})).get(10, TimeUnit.SECONDS); // unsolicited: §5.5.3
        open.peer.expectPong(new byte[] {1, 2, 3});
    }

    @Test
    void aWholeMessageInTheMiddleOfAFragmentedOneIsRefusedAndTheFragmentsGoOn() throws Exception {
        OpenWebSocket open = server(new Recording());
        CompletableFuture<Void> first = open.socket.sendFragment(MessageType.TEXT, StandardCharsets.UTF_8.encode("ab"), false);
        CompletableFuture<Void> interleaved = open.socket.sendText("not now");
        ExecutionException refused = assertThrows(ExecutionException.class, () -> interleaved.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, refused.getCause()); // §5.4: no interleaving
        CompletableFuture<Void> last = open.socket.sendFragment(MessageType.TEXT, StandardCharsets.UTF_8.encode("cd"), true);
        open.peer.expectFrame(Frame.text("ab").notFinal());
        open.peer.expectFrame(Frame.continuation("cd"));
        // A send gives its budget back before its future completes; the peer may read the
        // bytes before the loop has done either.
        first.get(10, TimeUnit.SECONDS);
        last.get(10, TimeUnit.SECONDS);
        assertEquals(0, open.socket.bufferedAmount(), "the refused send gave its budget back");
    }

    @Test
    void textThatIsNotAStringIsEncodedAsAStringWouldBe() throws Exception {
        OpenWebSocket open = server(new Recording());
        String text = "h\u00e9llo \u4f60\u597d, lone \ud800 surrogate";
        open.socket.sendText(new StringBuilder(text)).get(10, TimeUnit.SECONDS);
        open.socket.sendText(text).get(10, TimeUnit.SECONDS);
        byte[] expected = text.getBytes(StandardCharsets.UTF_8); // the lone surrogate becomes '?'
        open.peer.expectText(expected);
        open.peer.expectText(expected);
    }

    @Test
    void inStreamingModeEachFragmentReachesTheApplicationAsItArrives() throws Exception {
        OpenWebSocket open = open(Role.SERVER, ConnectionSettings.DEFAULTS.withDeliveryMode(DeliveryMode.STREAMING),
                new Recording());
        open.peer.send(Frame.text("ab").notFinal());
        assertEquals("part TEXT ab", nextEvent(), "the first fragment, before the message is complete");
        open.peer.send(Frame.continuation("cd"));
        assertEquals("part TEXT cd last", nextEvent());
    }

    @Test
    void aConnectionThatReceivesNothingWithinTheIdleTimeoutIsClosedGoingAway() throws Exception {
        OpenWebSocket open = open(Role.SERVER, ConnectionSettings.DEFAULTS.withIdleTimeout(Duration.ofMillis(200)),
                new Recording());
        open.peer.send(Frame.ping("still here")); // received: the idle timer waits on from here
        Frame answer = open.peer.readFrame();
        if (answer.opcode() == Frame.PONG) {
            answer = open.peer.readFrame(); // on a loaded machine the ping may come after the timeout
        }
        assertEquals(Frame.CLOSE, answer.opcode(), answer.toString());
        Frame close = answer;
        assertEquals(1001, close.closeCode());
        assertEquals("idle timeout", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
        open.peer.send(Frame.close(1001, ""));
        open.peer.expectEndOfStream();
    }

    @Test
    void aSharedFrameIsRefusedOverTheSendLimitAndOnceClosedAndCountedWhenWritten() throws Exception {
        List<String> traffic = new java.util.concurrent.CopyOnWriteArrayList<>();
        TrafficObserver observer = new TrafficObserver() {
            @Override
            public void messageSent(long payloadBytes) {
                traffic.add("sent " + payloadBytes);
            }

            @Override
            public void sendRefused(long payloadBytes, long queuedBytes) {
                traffic.add("refused " + payloadBytes + " behind " + queuedBytes);
            }
        };
        OpenWebSocket open = OpenWebSocket.open(loop, Role.SERVER, ConnectionSettings.DEFAULTS.withMaxQueuedBytes(1024),
                new Recording(), new ConnectionTracker() {
                    @Override
                    public void opened(WebSocketConnection connection) {
                        connection.observeTraffic(observer);
                    }

                    @Override
                    public void closed(WebSocketConnection connection) {
                    }
                });
        toClose.add(open);
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {(byte) 0x82, 3, 7, 8, 9}).asReadOnlyBuffer();
        assertTrue(open.socket.sendEncodedFrame(frame, 3));
        open.peer.expectBinary(new byte[] {7, 8, 9});

        // The peer reads nothing: a message larger than the socket's buffers stays queued.
        int large = 16 * 1024 * 1024;
        CompletableFuture<Void> stuck = open.socket.sendBinary(bytes(large));
        assertFalse(open.socket.sendEncodedFrame(frame, 3), "over the limit: skipped, not queued");
        assertEquals(0, frame.position(), "the shared frame is left as it was");

        LoopbackPeer.onLoop(loop, () -> open.socket.close(1000, "")); // on the loop: not open once it returns
        assertFalse(open.socket.sendEncodedFrame(frame, 3), "closing: refused");
        open.socket.abort();
        assertThrows(ExecutionException.class, () -> stuck.get(10, TimeUnit.SECONDS));
        open.socket.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("sent 3", "refused 3 behind " + large), traffic);
    }

    @Test
    void itsDescriptionSaysItsRolePeerAndWhetherItIsOpen() throws Exception {
        OpenWebSocket open = server(new Recording());
        String peer = open.socket.remoteAddress().toString();
        assertEquals("WebSocket[server " + peer + " open]", open.socket.toString());
        open.socket.abort();
        open.socket.closeFuture().get(10, TimeUnit.SECONDS);
        assertEquals("WebSocket[server " + peer + " closed]", open.socket.toString());
    }
}
