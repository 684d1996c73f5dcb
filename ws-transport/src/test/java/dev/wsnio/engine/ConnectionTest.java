package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A connection on a real loop and a real loopback socket, with a test handler: read pausing at
 * the output water marks, bytes a handler leaves over, half-close, flush-then-close, abort.
 */
class ConnectionTest {

    private final EventLoop loop = new EventLoop("connection-test-loop", failure -> { });
    private final List<String> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopLoop() throws Exception {
        loop.shutdown().get(10, TimeUnit.SECONDS);
    }

    /** A handler that records its events; subclasses decide what it does with data. */
    private class Recording implements ChannelHandler {
        @Override
        public void onData(Connection connection, ByteBuffer data) throws IOException {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            events.add("data " + new String(bytes, StandardCharsets.US_ASCII));
        }

        @Override
        public void onEndOfStream(Connection connection) {
            events.add("end of stream");
            connection.abort(null);
        }

        @Override
        public void onOutputDrained(Connection connection) {
            events.add("drained");
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            events.add("closed " + (cause == null ? "normally" : cause.getClass().getSimpleName()));
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains(event)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no '" + event + "' within 10 s; events: " + events);
            }
            Thread.sleep(2);
        }
    }

    @Test
    void readingPausesAboveTheHighWaterMarkAndResumesAtTheLowOneSoAPeerThatDoesNotReadIsSlowed()
            throws Exception {
        long high = 64 * 1024;
        long low = 16 * 1024;
        int total = 2 * 1024 * 1024;
        AtomicLong maxQueued = new AtomicLong();
        AtomicInteger offeredWhileBacklogged = new AtomicInteger();
        ChannelHandler echo = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                connection.setOutputWaterMarks(high, low);
            }

            @Override
            public void onData(Connection connection, ByteBuffer data) {
                if (connection.isOutputBacklogged()) {
                    offeredWhileBacklogged.incrementAndGet();
                }
                ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
                connection.write(copy, null);
                maxQueued.accumulateAndGet(connection.queuedBytes(), Math::max);
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, echo, 4096, channel -> {
            try {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, 4096);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })) {
            byte[] sent = new byte[total];
            for (int i = 0; i < total; i++) {
                sent[i] = (byte) (i * 31 + (i >> 11));
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    peer.out().write(sent);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The peer reads nothing until the server's queue has backed up past the mark.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (maxQueued.get() <= high) {
                assertTrue(System.nanoTime() - deadline < 0, "the queue never passed the high-water mark");
                Thread.sleep(2);
            }
            byte[] echoed = peer.readExactly(total);
            writer.get(20, TimeUnit.SECONDS);

            assertArrayEquals(sent, echoed, "everything came back, in order");
            assertTrue(maxQueued.get() <= high + EventLoop.READ_BUFFER_SIZE,
                    "queued up to " + maxQueued.get() + " bytes: reading did not pause at " + high);
            assertEquals(0, offeredWhileBacklogged.get(), "no bytes are offered while output is backlogged");
            assertTrue(events.contains("drained"), "the handler heard that the backlog drained");
        }
    }

    @Test
    void lentPayloadsEchoedStraightFromTheReadBufferArriveIntactWhenTheSocketTakesOnlyPart()
            throws Exception {
        int total = 2 * 1024 * 1024;
        ByteBuffer noHeader = ByteBuffer.allocate(0);
        ChannelHandler echo = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                connection.setOutputWaterMarks(64 * 1024, 16 * 1024);
            }

            @Override
            public void onData(Connection connection, ByteBuffer data) {
                connection.writeFrameWithLentPayload(noHeader, data, false, 0, null);
                while (data.hasRemaining()) {
                    data.put((byte) 0); // the lender reuses its buffer once the call returned
                }
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, echo, 4096, channel -> {
            try {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, 4096); // partial writes
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        })) {
            byte[] sent = new byte[total];
            for (int i = 0; i < total; i++) {
                sent[i] = (byte) (i * 31 + (i >> 11) + 1);
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    peer.out().write(sent);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] echoed = peer.readExactly(total);
            writer.get(20, TimeUnit.SECONDS);
            assertArrayEquals(sent, echoed, "everything came back, in order, none of it overwritten");
        }
    }

    @Test
    void bytesTheHandlerLeavesAreOfferedAgainFirstOnceReadingResumes() throws Exception {
        StringBuilder consumed = new StringBuilder();
        BlockingQueue<Connection> pausedAtSeparator = new LinkedBlockingQueue<>();
        AtomicInteger offeredWhilePaused = new AtomicInteger();
        AtomicReference<Boolean> paused = new AtomicReference<>(false);
        ChannelHandler stopsAtEachBar = new Recording() {
            @Override
            public void onData(Connection connection, ByteBuffer data) {
                if (paused.get()) {
                    offeredWhilePaused.incrementAndGet();
                }
                while (data.hasRemaining()) {
                    char c = (char) data.get();
                    consumed.append(c);
                    if (c == '|') {
                        paused.set(true);
                        connection.pauseReading(); // the rest waits: leave it in the buffer
                        pausedAtSeparator.add(connection);
                        return;
                    }
                }
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, stopsAtEachBar)) {
            peer.out().write("ab|cd|ef".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 2; i++) {
                Connection connection = pausedAtSeparator.poll(10, TimeUnit.SECONDS);
                assertTrue(connection != null, "the handler never paused");
                LoopbackPeer.onLoop(loop, () -> {
                    paused.set(false);
                    connection.resumeReading();
                    return null;
                });
            }
            peer.out().write("gh".getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!LoopbackPeer.onLoop(loop, consumed::toString).equals("ab|cd|efgh")) {
                assertTrue(System.nanoTime() - deadline < 0, "consumed so far: " + consumed);
                Thread.sleep(2);
            }
            assertEquals(0, offeredWhilePaused.get());
        }
    }

    @Test
    void bytesLeftWithoutPausingAreOfferedAgainOnTheNextTurnUntilConsumed() throws Exception {
        StringBuilder consumed = new StringBuilder();
        ChannelHandler oneByteAtATime = new Recording() {
            @Override
            public void onData(Connection connection, ByteBuffer data) {
                consumed.append((char) data.get());
            }

            @Override
            public void onEndOfStream(Connection connection) {
                events.add("end of stream after " + consumed);
                connection.abort(null);
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, oneByteAtATime)) {
            peer.out().write("hello".getBytes(StandardCharsets.US_ASCII));
            peer.socket.shutdownOutput();
            awaitEvent("end of stream after hello");
        }
    }

    @Test
    void halfCloseSendsFinAfterTheQueuedBytesAndKeepsReading() throws Exception {
        ChannelHandler sayBye = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                connection.write(ascii("bye"), null);
                connection.shutdownOutputAfterFlush();
                connection.write(ascii("too late"), new WriteCompletion() {
                    @Override
                    public void written() {
                        events.add("late write written");
                    }

                    @Override
                    public void failed(Throwable cause) {
                        events.add("late write refused " + cause.getClass().getSimpleName());
                    }
                });
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, sayBye)) {
            assertEquals("bye", new String(peer.readExactly(3), StandardCharsets.US_ASCII));
            assertEquals(-1, peer.in().read(), "FIN follows the queued bytes");
            peer.out().write(ascii("still listening").array());
            awaitEvent("data still listening");
            peer.socket.shutdownOutput();
            awaitEvent("closed normally");
        }
        assertEquals(List.of("late write refused ClosedChannelException", "data still listening",
                "end of stream", "closed normally"), events);
    }

    @Test
    void closeAfterFlushWritesEverythingQueuedThenCloses() throws Exception {
        int size = 300 * 1024;
        ChannelHandler sendAndClose = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                connection.write(ByteBuffer.allocate(size), new WriteCompletion() {
                    @Override
                    public void written() {
                        events.add("written");
                    }

                    @Override
                    public void failed(Throwable cause) {
                        events.add("failed");
                    }
                });
                connection.closeAfterFlush();
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, sendAndClose)) {
            assertEquals(size, peer.readExactly(size).length);
            assertEquals(-1, peer.in().read());
            awaitEvent("closed normally");
        }
        assertEquals(List.of("written", "closed normally"), events);
    }

    @Test
    void abortDropsQueuedBytesFailsTheirCompletionsAndClosesOnce() throws Exception {
        CountDownLatch queued = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Connection> held = new AtomicReference<>();
        ChannelHandler stuck = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                held.set(connection);
                connection.write(ByteBuffer.allocate(8 * 1024 * 1024), new WriteCompletion() {
                    @Override
                    public void written() {
                        events.add("written");
                    }

                    @Override
                    public void failed(Throwable cause) {
                        failure.set(cause);
                    }
                });
                queued.countDown();
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, stuck, 4096, channel -> { })) {
            assertTrue(queued.await(10, TimeUnit.SECONDS));
            IOException cause = new IOException("given up");
            LoopbackPeer.onLoop(loop, () -> {
                held.get().abort(cause);
                held.get().abort(new IOException("again"));
                return null;
            });
            assertEquals(cause, failure.get());
            assertEquals(List.of("closed IOException"), events);
            assertTrue(LoopbackPeer.onLoop(loop, held.get()::isClosed));
            assertEquals(0, (long) LoopbackPeer.onLoop(loop, held.get()::queuedBytes));
        }
    }

    @Test
    void endOfStreamIsToldAfterTheBytesBeforeIt() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            peer.out().write(ascii("last words").array());
            peer.socket.shutdownOutput();
            awaitEvent("closed normally");
        }
        assertEquals(List.of("data last words", "end of stream", "closed normally"), events);
    }

    @Test
    void waterMarksMustBeOrdered() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            Throwable refused = LoopbackPeer.onLoop(loop, () -> {
                try {
                    peer.connection.setOutputWaterMarks(10, 20);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalArgumentException.class, refused);
            assertNull(LoopbackPeer.onLoop(loop, () -> {
                peer.connection.setOutputWaterMarks(0, 0);
                return null;
            }));
        }
    }

    @Test
    void writesAfterCloseAreRefused() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            AtomicReference<Throwable> refused = new AtomicReference<>();
            LoopbackPeer.onLoop(loop, () -> {
                peer.connection.abort(null);
                peer.connection.write(ascii("x"), new WriteCompletion() {
                    @Override
                    public void written() {
                    }

                    @Override
                    public void failed(Throwable cause) {
                        refused.set(cause);
                    }
                });
                return null;
            });
            assertInstanceOf(ClosedChannelException.class, refused.get());
        }
    }
}
