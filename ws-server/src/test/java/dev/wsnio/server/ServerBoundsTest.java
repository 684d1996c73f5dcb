package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.MessageTimeoutException;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a hostile peer can make the server hold, over real sockets, with the library's defaults
 * unless a test shortens a deadline: a peer that sends without reading is slowed by TCP (not
 * refused, not buffered), one that trickles a frame is closed by the message timeout, and
 * thousands of them do not stop the server serving others.
 */
class ServerBoundsTest {

    private static final int MESSAGE = 60_000;
    /** An echo of a {@link #MESSAGE}-byte message: 4 header bytes (16-bit length) and the payload. */
    private static final int ECHO = MESSAGE + 4;

    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Echoes binary messages, recording refused sends and the largest queue it saw. */
    private static final class CountingEcho implements WebSocketListener {
        final AtomicInteger refused = new AtomicInteger();
        final AtomicLong maxBuffered = new AtomicLong();

        @Override
        public void onBinary(WebSocket socket, ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
            socket.sendBinary(copy).whenComplete((written, failure) -> {
                if (failure != null) {
                    refused.incrementAndGet();
                }
            });
            maxBuffered.accumulateAndGet(socket.bufferedAmount(), Math::max);
        }
    }

    private static final Random MASK_KEYS = new Random(1);

    private static byte[] numberedMessage(long number) {
        byte[] payload = new byte[MESSAGE];
        ByteBuffer.wrap(payload).putLong(number);
        return Frame.binary(payload).encode(MASK_KEYS);
    }

    private static String text(Frame frame) {
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void aPeerThatDoesNotReadItsEchoesIsSlowedByTcpNotRefusedAndTheQueueStaysUnderItsLimit() throws Exception {
        CountingEcho echo = new CountingEcho();
        server = WebSocketServer.builder().websocket("/echo", echo).build().start();
        long limit = ConnectionSettings.DEFAULTS.maxQueuedBytes();
        long floodLimit = 256L << 20;
        try (FloodingPeer peer = FloodingPeer.upgraded(server.port(), "/echo")) {
            long sent = peer.floodUntilStalled(ServerBoundsTest::numberedMessage, floodLimit, 3_000);
            assertTrue(sent < floodLimit, "the server read all " + sent + " bytes of a peer that reads"
                    + " nothing: reading never paused");
            assertEquals(0, echo.refused.get(), "an echo was refused: the peer met SendQueueFullException"
                    + " instead of TCP");
            assertTrue(echo.maxBuffered.get() <= limit, "queued " + echo.maxBuffered.get() + " bytes");

            // The peer reads now: every message it sent comes back, in order.
            long frames = peer.framesStarted();
            ByteArrayOutputStream echoes = new ByteArrayOutputStream();
            peer.drain(frames * ECHO, bytes -> {
                byte[] chunk = new byte[bytes.remaining()];
                bytes.get(chunk);
                echoes.writeBytes(chunk);
            }, 60_000);
            ByteBuffer all = ByteBuffer.wrap(echoes.toByteArray());
            for (long i = 0; i < frames; i++) {
                assertEquals((byte) 0x82, all.get((int) (i * ECHO)), "a binary frame");
                assertEquals(i, all.getLong((int) (i * ECHO) + 4), "echo " + i + " in order");
            }
            assertEquals(0, echo.refused.get());
        }
    }

    @Test
    void aPingFloodFromAPeerThatReadsNothingPausesReadingInsteadOfQueueingPongs() throws Exception {
        server = WebSocketServer.builder().websocket("/echo", new CountingEcho()).build().start();
        byte[] ping = Frame.ping(new byte[125]).encode(MASK_KEYS);
        long floodLimit = 256L << 20;
        try (FloodingPeer peer = FloodingPeer.upgraded(server.port(), "/echo")) {
            long sent = peer.floodUntilStalled(n -> ping, floodLimit, 3_000);
            assertTrue(sent < floodLimit, "the server read all " + sent + " bytes of pings");
            long pings = peer.framesStarted();
            AtomicLong pongBytes = new AtomicLong();
            peer.drain(pings * 127, bytes -> pongBytes.addAndGet(bytes.remaining()), 60_000);
            assertEquals(pings * 127, pongBytes.get(), "every ping answered, once the peer reads");
        }
    }

    @Test
    void aPeerThatTricklesAFrameIsClosedByTheMessageTimeout() throws Exception {
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        server = WebSocketServer.builder()
                .settings(ConnectionSettings.DEFAULTS.withMessageTimeout(Duration.ofMillis(300))
                        .withCloseTimeout(Duration.ofMillis(300)))
                .websocket("/slow", new WebSocketListener() {
                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        events.add(error);
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        events.add("closed");
                    }
                }).build().start();
        try (Wire slow = RawClient.upgrade(server.port(), "/slow", "")) {
            slow.sendRaw(new byte[] {(byte) 0x81}); // one byte of a header, then nothing
            Frame close = slow.readFrame();
            assertEquals(Frame.CLOSE, close.opcode());
            assertEquals(1008, close.closeCode(), "policy violation");
            slow.expectEndOfStream(); // TCP closed after the close timeout
        }
        assertInstanceOf(MessageTimeoutException.class, events.poll(10, TimeUnit.SECONDS));
        assertEquals("closed", events.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aFragmentedMessageLeftUnfinishedIsClosedByTheMessageTimeoutToo() throws Exception {
        server = WebSocketServer.builder()
                .settings(ConnectionSettings.DEFAULTS.withMessageTimeout(Duration.ofMillis(300))
                        .withCloseTimeout(Duration.ofMillis(300)))
                .websocket("/slow", new CountingEcho()).build().start();
        try (Wire slow = RawClient.upgrade(server.port(), "/slow", "")) {
            slow.send(Frame.binary(new byte[1000]).notFinal()); // a first fragment, no FIN
            for (int i = 0; i < 3; i++) {
                slow.send(Frame.ping(new byte[0])); // pings keep nothing alive
            }
            Frame frame;
            do {
                frame = slow.readFrame();
            } while (frame.opcode() == Frame.PONG);
            assertEquals(Frame.CLOSE, frame.opcode());
            assertEquals(1008, frame.closeCode());
        }
    }

    @Test
    void thousandsOfSlowFramePeersDoNotStopTheServerServingOthers() throws Exception {
        server = WebSocketServer.builder()
                .settings(ConnectionSettings.DEFAULTS.withMessageTimeout(Duration.ofSeconds(3))
                        .withCloseTimeout(Duration.ofSeconds(1)))
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text);
                    }
                }).build().start();
        List<Wire> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 2_000; i++) {
                Wire peer = RawClient.upgrade(server.port(), "/echo", "");
                peer.sendRaw(new byte[] {(byte) 0x81}); // one byte of a header, then nothing
                slow.add(peer);
            }
            try (Wire neighbour = RawClient.upgrade(server.port(), "/echo", "")) {
                neighbour.send(Frame.text("still served"));
                assertEquals("still served", text(neighbour.readFrame()));

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.tcpConnectionCount() > 1) {
                    assertTrue(System.nanoTime() - deadline < 0,
                            server.tcpConnectionCount() + " connections left after the deadlines");
                    Thread.sleep(20);
                }
                neighbour.send(Frame.text("and after"));
                assertEquals("and after", text(neighbour.readFrame()));
            }
        } finally {
            for (Wire peer : slow) {
                peer.close();
            }
        }
    }

    @Test
    void aMessageSentInOnOpenGoesOutBeforeTheCloseOfAStopThatFollows() throws Exception {
        CountDownLatch greeted = new CountDownLatch(1);
        server = WebSocketServer.builder().websocket("/greet", new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                socket.sendText("welcome");
                greeted.countDown();
            }
        }).build().start();
        try (Wire client = RawClient.upgrade(server.port(), "/greet", "")) {
            assertTrue(greeted.await(10, TimeUnit.SECONDS));
            Thread stopper = new Thread(() -> server.stop(Duration.ofSeconds(5)));
            stopper.start();
            assertEquals("welcome", text(client.readFrame()), "what send accepted goes out first");
            Frame close = client.readFrame();
            assertEquals(1001, close.closeCode());
            client.send(Frame.close(1001, ""));
            stopper.join(10_000);
        }
    }
}
