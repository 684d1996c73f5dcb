package dev.wsnio.conformance.robustness;

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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client that writes as fast as it can to a server whose application is slow (its callbacks
 * run on an executor and sleep 1 ms per message). The server must stop reading instead of
 * queueing (RFC-independent, the architecture's read-side backpressure): the messages it has
 * taken off the socket but not yet handed to the application stay under a bound derived from
 * {@code maxQueuedBytes}. Nothing is lost, order is kept, and a well-behaved client next to the
 * flood is served.
 */
class FloodTest {

    private static final long MAX_QUEUED_BYTES = 256 * 1024;
    private static final int MESSAGE_SIZE = 16 * 1024;
    /** Bytes the engine reads in one readiness event before a pause takes effect (16 reads of 64 KiB). */
    private static final long READ_BURST = 16 * 64 * 1024;
    /** What one flood frame takes on the wire: 2 + 2 length bytes, 4 mask bytes, the payload. */
    private static final int FRAME_SIZE = MESSAGE_SIZE + 8;
    private static final Duration FLOOD = Duration.ofMillis(1500);

    private ProbedServer server;
    private ExecutorService application;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (application != null) {
            application.shutdownNow();
        }
    }

    @Test
    void aFloodIsHeldToTheQueueLimitNothingIsLostAndNeighboursAreServed() throws Exception {
        application = Executors.newFixedThreadPool(4);
        AtomicLong processed = new AtomicLong();
        AtomicReference<String> disorder = new AtomicReference<>();
        WebSocketListener slow = new WebSocketListener() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                long index = data.getLong(data.position());
                if (index != processed.get() && disorder.get() == null) {
                    disorder.set("message " + index + " arrived when " + processed.get() + " was expected");
                }
                sleepOneMillisecond();
                processed.incrementAndGet();
            }

            @Override
            public void onText(WebSocket socket, String text) {
                socket.sendText(text); // the neighbour: echoed at once
            }
        };
        server = new ProbedServer(builder -> builder
                .settings(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(MAX_QUEUED_BYTES))
                .callbackExecutor(application), slow);

        try (Wire flood = RawClient.upgrade(server.port(), "/echo", "");
             Wire neighbour = RawClient.upgrade(server.port(), "/echo", "")) {
            flood.socket().setSendBufferSize(64 * 1024);
            AtomicLong sentFrames = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (long i = 0; !stop.get(); i++) {
                        byte[] payload = new byte[MESSAGE_SIZE];
                        ByteBuffer.wrap(payload).putLong(i);
                        flood.sendRaw(flood.encode(Frame.binary(payload)));
                        sentFrames.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("the flood's connection failed", e);
                }
            });

            // Held by the server = written by the client - still in the kernel - processed. The
            // client's count is read first, so whatever it writes meanwhile only lowers a sample;
            // the server's queue and the client's are read in one kernel dump, but a server read
            // burst could still fall between the two sockets' entries and count its bytes twice:
            // each sample is the lower of two readings, which such a burst does not hit both of.
            long boundMessages = (MAX_QUEUED_BYTES + READ_BURST) / MESSAGE_SIZE + 4;
            long maxHeld = 0;
            int neighbourExchanges = 0;
            int clientPort = flood.socket().getLocalPort();
            long end = System.nanoTime() + FLOOD.toNanos();
            while (System.nanoTime() - end < 0) {
                long held = Long.MAX_VALUE;
                for (int reading = 0; reading < 2; reading++) {
                    long sent = sentFrames.get();
                    TcpQueues.Snapshot queues = TcpQueues.read(clientPort, server.port());
                    long inServer = sent * FRAME_SIZE - queues.clientUnsent() - queues.serverUnread()
                            - processed.get() * FRAME_SIZE;
                    held = Math.min(held, inServer / FRAME_SIZE);
                }
                maxHeld = Math.max(maxHeld, held);
                neighbour.send(Frame.text("neighbour " + neighbourExchanges));
                neighbour.expectText("neighbour " + neighbourExchanges);
                neighbourExchanges++;
                Thread.sleep(5);
            }
            stop.set(true);
            writer.get(10, TimeUnit.SECONDS);

            assertTrue(maxHeld <= boundMessages, "the server held up to " + maxHeld
                    + " messages read but not processed; the bound is " + boundMessages);
            long sent = sentFrames.get();
            assertTrue(sent > 2 * boundMessages, "the flood was too weak to test anything: " + sent + " messages");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (processed.get() < sent && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            assertEquals(sent, processed.get(), "every message of the flood reaches the application");
            assertEquals(null, disorder.get());
            assertTrue(neighbourExchanges > 10, "the neighbour was served: " + neighbourExchanges + " exchanges");
        }
        server.awaitReleased(Duration.ofSeconds(5));
    }

    @Test
    void stoppingTheServerWhileAFloodedApplicationIsBehindStillDeliversOnClose() throws Exception {
        application = Executors.newFixedThreadPool(2);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicLong processed = new AtomicLong();
        WebSocketListener slow = new WebSocketListener() {
            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                if (processed.incrementAndGet() == 8) {
                    paused.countDown(); // by now the backlog is past the limit: reading is paused
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                closed.countDown();
            }
        };
        server = new ProbedServer(builder -> builder
                .settings(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(64 * 1024))
                .callbackExecutor(application), slow);
        try (Wire flood = RawClient.upgrade(server.port(), "/echo", "")) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 0; i < 200; i++) {
                        flood.sendRaw(flood.encode(Frame.binary(new byte[MESSAGE_SIZE])));
                    }
                } catch (IOException e) {
                    // the server stopped: expected
                }
            });
            assertTrue(paused.await(10, TimeUnit.SECONDS));
            server.server().close(); // stops at once: the application is still far behind
            assertTrue(closed.await(10, TimeUnit.SECONDS),
                    "onClose never came (" + processed.get() + " messages processed)");
            writer.get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleepOneMillisecond() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
