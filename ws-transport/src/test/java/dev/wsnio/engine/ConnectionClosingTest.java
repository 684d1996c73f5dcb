package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a connection ends, on a real loop and a loopback socket: writes of every kind refused
 * once the output is shut, a close asked for after the FIN or twice, an abort without a cause,
 * bytes held for a handler that closes, a client connection that cannot start, and a connection
 * that closed before its loop failed.
 */
class ConnectionClosingTest {

    private final EventLoop loop = new EventLoop("connection-closing-test-loop", failure -> { });
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @AfterEach
    void stopLoop() throws Exception {
        loop.shutdown().get(10, TimeUnit.SECONDS);
    }

    /** Records every event of the connection after it connected, as text. */
    private class Recording implements ChannelHandler {
        @Override
        public void onData(Connection connection, ByteBuffer data) {
            events.add("data " + StandardCharsets.US_ASCII.decode(data));
        }

        @Override
        public void onEndOfStream(Connection connection) {
            events.add("end of stream");
        }

        @Override
        public void onOutputDrained(Connection connection) {
            events.add("drained");
        }

        @Override
        public void onLoopFailure(Connection connection, Throwable cause) {
            events.add("loop failed");
        }

        @Override
        public void onClosed(Connection connection, Throwable cause) {
            events.add("closed " + (cause == null ? "normally" : cause.getClass().getSimpleName()));
        }
    }

    /** A completion that records how it ended. */
    private static final class Outcome implements WriteCompletion {
        final CompletableFuture<Void> future = new CompletableFuture<>();

        @Override
        public void written() {
            future.complete(null);
        }

        @Override
        public void failed(Throwable cause) {
            future.completeExceptionally(cause);
        }

        Throwable failure() {
            assertTrue(future.isCompletedExceptionally(), "told at once that it failed");
            return future.handle((done, failure) -> failure).join();
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }

    private String nextEvent() throws InterruptedException {
        String event = events.poll(10, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("no event within 10 s");
        }
        return event;
    }

    @Test
    void everyKindOfWriteIsRefusedOnceTheOutputIsShut() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            List<Outcome> outcomes = LoopbackPeer.onLoop(loop, () -> {
                Connection connection = peer.connection;
                connection.shutdownOutputAfterFlush();
                Outcome frame = new Outcome();
                Outcome lent = new Outcome();
                Outcome shared = new Outcome();
                Outcome bytes = new Outcome();
                connection.writeFrame(ascii("h"), ascii("frame"), false, 0, frame);
                connection.writeFrameWithLentPayload(ascii("h"), ascii("lent"), false, 0, lent);
                connection.writeShared(ascii("shared"), shared);
                connection.write(ascii("bytes"), bytes);
                connection.write(ascii("unwatched"), null); // nobody to tell: dropped quietly
                return List.of(frame, lent, shared, bytes);
            });
            for (Outcome outcome : outcomes) {
                assertInstanceOf(ClosedChannelException.class, outcome.failure());
            }
            assertEquals(-1, peer.in().read(), "the FIN, and not a byte before it");
        }
    }

    @Test
    void aCloseAskedForOnceTheFinHasGoneClosesAtOnceAndASecondHalfCloseChangesNothing() throws Exception {
        ChannelHandler sayBye = new Recording() {
            @Override
            public void onConnected(Connection connection) {
                connection.write(ascii("bye"), null);
                connection.shutdownOutputAfterFlush();
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, sayBye)) {
            assertEquals("bye", new String(peer.readExactly(3), StandardCharsets.US_ASCII));
            assertEquals(-1, peer.in().read());
            boolean closedAtOnce = LoopbackPeer.onLoop(loop, () -> {
                peer.connection.shutdownOutputAfterFlush();
                assertFalse(peer.connection.isClosed(), "a second half-close does not close");
                peer.connection.closeAfterFlush(); // nothing can be left to write after the FIN
                return peer.connection.isClosed();
            });
            assertTrue(closedAtOnce, "closed within the call, not at the end of the turn");
            assertEquals("closed normally", nextEvent());
        }
    }

    @Test
    void aCloseAskedForTwiceClosesOnceAfterTheQueuedBytes() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            LoopbackPeer.onLoop(loop, () -> {
                peer.connection.write(ascii("last"), null);
                peer.connection.closeAfterFlush();
                peer.connection.closeAfterFlush();
                return null;
            });
            assertEquals("last", new String(peer.readExactly(4), StandardCharsets.US_ASCII));
            assertEquals(-1, peer.in().read());
            assertEquals("closed normally", nextEvent());
            assertNull(events.poll(), "told once");
        }
    }

    @Test
    void anAbortWithoutACauseFailsWhatWasQueuedAsClosed() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            Outcome queued = LoopbackPeer.onLoop(loop, () -> {
                Outcome outcome = new Outcome();
                peer.connection.write(ascii("never written"), outcome);
                peer.connection.abort(null); // before the end of the turn: nothing went out
                return outcome;
            });
            assertInstanceOf(ClosedChannelException.class, queued.failure());
            assertEquals("closed normally", nextEvent());
            assertEquals(-1, peer.in().read());
        }
    }

    @Test
    void aClosedConnectionTellsItsHandlerNothingMore() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            LoopbackPeer.onLoop(loop, () -> {
                peer.connection.pauseReading();
                peer.connection.abort(null);
                peer.connection.setOutputWaterMarks(0, 0);
                peer.connection.pauseReading();
                peer.connection.resumeReading();
                peer.connection.shutdownOutputAfterFlush();
                peer.connection.closeAfterFlush();
                peer.connection.abort(new IOException("again"));
                return null;
            });
            assertEquals("closed normally", nextEvent());
            assertNull(events.poll(), "no drained, no second close");
        }
    }

    @Test
    void waterMarksSetBelowWhatIsQueuedPauseReadingAtOnce() throws Exception {
        try (LoopbackPeer peer = LoopbackPeer.open(loop, new Recording())) {
            boolean backlogged = LoopbackPeer.onLoop(loop, () -> {
                peer.connection.write(ascii("0123456789"), null); // leaves at the end of the turn
                peer.connection.setOutputWaterMarks(5, 0);
                return peer.connection.isOutputBacklogged();
            });
            assertTrue(backlogged);
            assertEquals("0123456789", new String(peer.readExactly(10), StandardCharsets.US_ASCII));
            assertEquals("drained", nextEvent());
            assertFalse(LoopbackPeer.onLoop(loop, peer.connection::isOutputBacklogged));
            Throwable refused = LoopbackPeer.onLoop(loop, () -> {
                try {
                    peer.connection.setOutputWaterMarks(10, -1);
                    return null;
                } catch (IllegalArgumentException e) {
                    return e;
                }
            });
            assertInstanceOf(IllegalArgumentException.class, refused, "a negative low-water mark");
        }
    }

    @Test
    void aHandlerThatClosesWhileBytesAreHeldForItSeesNoMoreOfThem() throws Exception {
        ChannelHandler oneByteUntilC = new Recording() {
            @Override
            public void onData(Connection connection, ByteBuffer data) {
                char c = (char) data.get(); // leaves the rest: offered again on the next turn
                events.add("data " + c);
                if (c == 'c') {
                    connection.abort(null);
                }
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, oneByteUntilC)) {
            peer.out().write(ascii("abcdef").array());
            assertEquals("data a", nextEvent());
            assertEquals("data b", nextEvent());
            assertEquals("data c", nextEvent());
            assertEquals("closed normally", nextEvent());
            assertEquals(-1, peer.in().read());
            assertNull(events.poll());
        }
    }

    @Test
    void aHandlerThatAsksToCloseWhileBytesAreHeldForItSeesNoMoreOfThem() throws Exception {
        ChannelHandler firstByteOnly = new Recording() {
            @Override
            public void onData(Connection connection, ByteBuffer data) {
                events.add("data " + (char) data.get());
                connection.closeAfterFlush(); // closes at the end of this turn, before the held bytes' turn
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, firstByteOnly)) {
            peer.out().write(ascii("xyz").array());
            assertEquals("data x", nextEvent());
            assertEquals("closed normally", nextEvent());
            assertNull(events.poll());
        }
    }

    @Test
    void aClientConnectionToAnAddressThatCannotBeResolvedClosesWithTheCause() throws Exception {
        BlockingQueue<Throwable> causes = new LinkedBlockingQueue<>();
        ChannelHandler handler = new Recording() {
            @Override
            public void onClosed(Connection connection, Throwable cause) {
                causes.add(cause);
            }
        };
        Connection connection = LoopbackPeer.onLoop(loop, () -> Connection.connect(loop,
                InetSocketAddress.createUnresolved("wsnio.invalid", 80), null, handler));
        assertInstanceOf(UnresolvedAddressException.class, causes.poll(10, TimeUnit.SECONDS));
        assertTrue(connection.isClosed());
        assertEquals(0, (int) LoopbackPeer.onLoop(loop, loop::registeredChannels), "nothing left registered");
        assertNull(events.poll(), "never connected");
    }

    @Test
    void aClientConnectionTellsItsHandlerOnceConnectedWithBothAddresses() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            ChannelHandler handler = new Recording() {
                @Override
                public void onConnected(Connection connection) {
                    events.add("connected");
                }
            };
            Connection connection = LoopbackPeer.onLoop(loop, () -> Connection.connect(loop,
                    listening.getLocalSocketAddress(), local, handler));
            try (Socket accepted = listening.accept()) {
                assertEquals("connected", nextEvent());
                assertEquals(listening.getLocalSocketAddress(), connection.remoteAddress());
                assertEquals(accepted.getRemoteSocketAddress(), connection.localAddress());
                accepted.getOutputStream().write(ascii("hi").array());
                assertEquals("data hi", nextEvent());
            }
        }
    }

    @Test
    void aConnectionClosedWhileItsLoopFailsIsNotToldOfTheFailure() throws Exception {
        CompletableFuture<Connection> held = new CompletableFuture<>();
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        EventLoop failing = new EventLoop("connection-closing-failing-loop", failure -> {
            reported.add(failure);
            held.join().abort(null); // the owner closes it before the loop closes the rest
        });
        try (LoopbackPeer peer = LoopbackPeer.open(failing, new Recording())) {
            held.complete(peer.connection);
            Error error = new Error("the loop's state is lost");
            failing.execute(() -> {
                throw error;
            });
            failing.shutdown().get(10, TimeUnit.SECONDS);
            assertEquals(List.of(error), reported);
            assertEquals("closed normally", nextEvent());
            assertNull(events.poll(), "closed already: not told that the loop failed");
        }
    }

    @Test
    void theEndOfAStreamReadBehindHeldBytesWaitsForThem(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        SSLEngine engine = certificate.serverContext().createSSLEngine();
        engine.setUseClientMode(false);
        CountDownLatch pausedAtBar = new CountDownLatch(1);
        AtomicBoolean oneByteAtATime = new AtomicBoolean();
        ChannelHandler handler = new Recording() {
            @Override
            public void onConnected(Connection connection) throws IOException {
                connection.startTls(engine);
            }

            @Override
            public void onData(Connection connection, ByteBuffer data) {
                if (oneByteAtATime.get()) {
                    events.add("data " + (char) data.get()); // leaves the rest, without pausing
                    return;
                }
                while (data.hasRemaining()) {
                    char c = (char) data.get();
                    events.add("data " + c);
                    if (c == '|') {
                        connection.pauseReading();
                        pausedAtBar.countDown();
                        return;
                    }
                }
            }

            @Override
            public void onEndOfStream(Connection connection) {
                events.add("end of stream");
                connection.abort(null);
            }
        };
        try (LoopbackPeer peer = LoopbackPeer.open(loop, handler)) {
            SSLSocket tls = (SSLSocket) certificate.trustingClientContext().getSocketFactory()
                    .createSocket(peer.socket, "127.0.0.1", peer.socket.getPort(), true);
            tls.startHandshake();
            tls.getOutputStream().write(ascii("a|").array());
            assertTrue(pausedAtBar.await(10, TimeUnit.SECONDS));
            // While reading is paused, two more records and close_notify wait in the socket: once
            // reading resumes, one read brings them all, and the handler leaves bytes of the first.
            tls.getOutputStream().write(ascii("bcd").array());
            tls.getOutputStream().write(ascii("efg").array());
            tls.close();
            LoopbackPeer.onLoop(loop, () -> {
                oneByteAtATime.set(true);
                peer.connection.resumeReading();
                return null;
            });
            for (String expected : new String[] {"data a", "data |", "data b", "data c", "data d", "data e",
                    "data f", "data g", "end of stream", "closed normally"}) {
                assertEquals(expected, nextEvent());
            }
        }
    }
}
