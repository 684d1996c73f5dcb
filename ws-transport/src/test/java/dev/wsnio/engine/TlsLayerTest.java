package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.SelfSignedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two TLS layers, a client's and a server's, wired to each other through in-memory "sockets"
 * that the test drives: the handshake, application bytes both ways with the records split
 * anywhere between reads, a socket that takes only part of what is written, close_notify, and
 * a refused renegotiation.
 */
class TlsLayerTest {

    private static SSLContext serverContext;
    private static SSLContext clientContext;

    @BeforeAll
    static void certificate(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        serverContext = certificate.serverContext();
        clientContext = certificate.trustingClientContext();
    }

    /** One end: its TLS layer, its write queue, what it wrote to the wire and what it received. */
    private static final class End implements TlsLayer.Transport {
        final TlsLayer tls;
        final WriteQueue queue = new WriteQueue(new BufferPool(1024, 4));
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final SSLEngine engine;
        /** Bytes the socket takes until the test makes room again; 0: it is full. */
        int socketTakes = Integer.MAX_VALUE;
        boolean endOfStream;
        /** Times the layer asked for a flush at the end of the loop's turn. */
        int flushesAsked;
        /** Whether the connection closes as soon as plaintext is delivered (a handler that aborts). */
        boolean closeOnDelivery;
        boolean closed;
        int deliveries;

        End(SSLEngine engine) {
            this.engine = engine;
            this.tls = new TlsLayer(engine, this, new TlsBuffers());
        }

        @Override
        public int writeToSocket(ByteBuffer ciphertext) {
            int count = Math.min(socketTakes, ciphertext.remaining());
            if (socketTakes != Integer.MAX_VALUE) {
                socketTakes -= count;
            }
            byte[] bytes = new byte[count];
            ciphertext.get(bytes);
            wire.writeBytes(bytes);
            return count;
        }

        @Override
        public void deliver(ByteBuffer plaintext) {
            byte[] bytes = new byte[plaintext.remaining()];
            plaintext.get(bytes);
            received.writeBytes(bytes);
            deliveries++;
            closed |= closeOnDelivery;
        }

        @Override
        public void deliverEndOfStream() {
            endOfStream = true;
        }

        @Override
        public void flushLater() {
            flushesAsked++;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        /** Takes what this end wrote to the wire so far. */
        byte[] takeWire() {
            byte[] bytes = wire.toByteArray();
            wire.reset();
            return bytes;
        }
    }

    private static End server(String... protocols) throws IOException {
        SSLEngine engine = serverContext.createSSLEngine();
        engine.setUseClientMode(false);
        if (protocols.length > 0) {
            engine.setEnabledProtocols(protocols);
        }
        End end = new End(engine);
        end.tls.begin();
        return end;
    }

    private static End client(String... protocols) throws IOException {
        SSLEngine engine = clientContext.createSSLEngine("127.0.0.1", 443);
        engine.setUseClientMode(true);
        if (protocols.length > 0) {
            engine.setEnabledProtocols(protocols);
        }
        End end = new End(engine);
        end.tls.begin();
        return end;
    }

    /**
     * Moves bytes both ways until neither end has anything more to say, handing each read to
     * the other end in pieces of 1 to {@code maxPiece} bytes.
     */
    private static void pump(End client, End server, Random split, int maxPiece) throws IOException {
        for (int round = 0; round < 1_000; round++) {
            client.tls.flush(client.queue);
            server.tls.flush(server.queue);
            byte[] toServer = client.takeWire();
            byte[] toClient = server.takeWire();
            if (toServer.length == 0 && toClient.length == 0) {
                return;
            }
            feed(server, toServer, split, maxPiece);
            feed(client, toClient, split, maxPiece);
        }
        throw new AssertionError("the ends never went quiet");
    }

    private static void feed(End end, byte[] bytes, Random split, int maxPiece) throws IOException {
        int offset = 0;
        while (offset < bytes.length) {
            int piece = Math.min(bytes.length - offset, 1 + split.nextInt(maxPiece));
            end.tls.unwrap(ByteBuffer.wrap(bytes, offset, piece));
            offset += piece;
        }
    }

    private static byte[] pattern(int size, int seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void theHandshakeCompletesAndBytesFlowBothWaysWhereverTheRecordsAreSplit() throws IOException {
        long seed = new Random().nextLong();
        Random split = new Random(seed);
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            for (int maxPiece : new int[] {1, 7, 1000, Integer.MAX_VALUE}) {
                End client = client(protocol);
                End server = server();
                byte[] request = pattern(40_000, 1);
                byte[] answer = pattern(100, 2);
                client.queue.addBytes(ByteBuffer.wrap(request), null); // queued before the handshake ends
                pump(client, server, split, maxPiece);
                server.queue.addBytes(ByteBuffer.wrap(answer), null);
                pump(client, server, split, maxPiece);
                String context = protocol + ", pieces up to " + maxPiece + " bytes, seed " + seed;
                assertEquals(protocol, server.engine.getSession().getProtocol(), context);
                assertArrayEquals(request, server.received.toByteArray(), context);
                assertArrayEquals(answer, client.received.toByteArray(), context);
                assertEquals(0, server.tls.pendingOutputBytes());
            }
        }
    }

    @Test
    void recordsTheSocketDoesNotTakeWaitAndLeaveOnceItDrains() throws IOException {
        End client = client();
        End server = server();
        Random split = new Random(1);
        pump(client, server, split, Integer.MAX_VALUE);
        byte[] big = pattern(100_000, 3);
        server.queue.addBytes(ByteBuffer.wrap(big), null);
        server.socketTakes = 5_000;
        assertFalse(server.tls.flush(server.queue), "the socket took only part");
        assertTrue(server.tls.blockedOnSocket());
        assertFalse(server.tls.flush(server.queue), "still full");
        assertTrue(server.tls.pendingOutputBytes() > 0);
        server.socketTakes = Integer.MAX_VALUE;
        pump(client, server, split, Integer.MAX_VALUE);
        assertFalse(server.tls.blockedOnSocket());
        assertArrayEquals(big, client.received.toByteArray());
    }

    @Test
    void closeNotifyFollowsTheQueuedBytesAndIsThePeersEndOfStream() throws IOException {
        End client = client();
        End server = server();
        Random split = new Random(2);
        pump(client, server, split, Integer.MAX_VALUE);
        server.queue.addBytes(ByteBuffer.wrap(pattern(10, 4)), null);
        server.tls.closeOutbound();
        pump(client, server, split, 3);
        assertArrayEquals(pattern(10, 4), client.received.toByteArray());
        assertTrue(client.endOfStream, "close_notify reached the client");
        assertTrue(server.engine.isOutboundDone());
    }

    @Test
    void aTls12ClientThatRenegotiatesIsRefused() throws IOException {
        End client = client("TLSv1.2");
        End server = server();
        Random split = new Random(3);
        pump(client, server, split, Integer.MAX_VALUE);
        assertEquals("TLSv1.2", server.engine.getSession().getProtocol());
        client.engine.beginHandshake(); // a new ClientHello on the open connection
        client.tls.flush(client.queue);
        byte[] hello = client.takeWire();
        assertTrue(hello.length > 0);
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> server.tls.unwrap(ByteBuffer.wrap(hello)));
        assertTrue(refused.getMessage().contains("renegotiation"), refused.getMessage());
    }

    @Test
    void everythingGoesThroughSocketsThatTakeAFewBytesAtATime() throws IOException {
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            End client = client(protocol);
            End server = server();
            byte[] request = pattern(20_000, 5);
            byte[] answer = pattern(30_000, 6);
            client.queue.addBytes(ByteBuffer.wrap(request), null);
            server.queue.addBytes(ByteBuffer.wrap(answer), null);
            pumpThroughNarrowSockets(client, server, 61,
                    () -> server.received.size() == request.length && client.received.size() == answer.length);
            server.tls.closeOutbound(); // close_notify, through sockets narrower than one record
            pumpThroughNarrowSockets(client, server, 7, () -> client.endOfStream);
            assertEquals(protocol, server.engine.getSession().getProtocol());
            assertArrayEquals(request, server.received.toByteArray(), protocol);
            assertArrayEquals(answer, client.received.toByteArray(), protocol);
            assertTrue(server.engine.isOutboundDone(), protocol);
        }
    }

    /**
     * Moves bytes both ways through sockets that take a few bytes per turn, until {@code done};
     * what the reads make the layers write meets a socket the turn's flush has already filled.
     */
    private static void pumpThroughNarrowSockets(End client, End server, int bytesPerTurn,
                                                 java.util.function.BooleanSupplier done) throws IOException {
        for (int round = 0; !done.getAsBoolean(); round++) {
            assertTrue(round < 100_000, "the ends never finished");
            client.socketTakes = bytesPerTurn;
            server.socketTakes = bytesPerTurn;
            client.tls.flush(client.queue);
            server.tls.flush(server.queue);
            feed(server, client.takeWire(), new Random(round), Integer.MAX_VALUE);
            feed(client, server.takeWire(), new Random(round), Integer.MAX_VALUE);
        }
    }

    @Test
    void aRecordTheReadPathCannotWriteAsksForAFlushAndAFlushThatCannotDoesNot() throws IOException {
        End client = client("TLSv1.3");
        End server = server();
        client.tls.flush(client.queue);
        byte[] clientHello = client.takeWire();
        server.socketTakes = 0;
        int asked = server.flushesAsked;
        server.tls.unwrap(ByteBuffer.wrap(clientHello)); // the server's answer meets a full socket
        assertTrue(server.tls.blockedOnSocket());
        assertTrue(server.flushesAsked > asked, "written from a read: the connection is to flush");
        asked = server.flushesAsked;
        assertFalse(server.tls.flush(server.queue));
        assertEquals(asked, server.flushesAsked, "a flush reports a full socket itself: no flush again in the same turn");
        server.socketTakes = Integer.MAX_VALUE;
        pump(client, server, new Random(7), Integer.MAX_VALUE);
        assertFalse(server.tls.blockedOnSocket());
        assertEquals("TLSv1.3", client.engine.getSession().getProtocol());
    }

    @Test
    void aTls13KeyUpdateIsNotARenegotiationAndBytesKeepFlowing() throws IOException {
        End client = client("TLSv1.3");
        End server = server();
        Random split = new Random(8);
        pump(client, server, split, Integer.MAX_VALUE);
        client.engine.beginHandshake(); // TLS 1.3 has no renegotiation: this is a KeyUpdate (RFC 8446 §4.6.3)
        client.queue.addBytes(ByteBuffer.wrap(pattern(100, 9)), null);
        pump(client, server, split, Integer.MAX_VALUE);
        server.queue.addBytes(ByteBuffer.wrap(pattern(100, 10)), null);
        pump(client, server, split, Integer.MAX_VALUE);
        assertArrayEquals(pattern(100, 9), server.received.toByteArray());
        assertArrayEquals(pattern(100, 10), client.received.toByteArray());
    }

    @Test
    void aClientDoesNotRefuseTheRenegotiationItsServerAsksFor() throws IOException {
        End client = client("TLSv1.2");
        End server = server();
        pump(client, server, new Random(11), Integer.MAX_VALUE);
        server.engine.beginHandshake(); // a HelloRequest: the server's choice, not the client's to refuse
        server.tls.flush(server.queue);
        client.tls.unwrap(ByteBuffer.wrap(server.takeWire()));
        client.tls.flush(client.queue);
        assertTrue(client.takeWire().length > 0, "the client answered with a new ClientHello");
    }

    @Test
    void asAChannelItWrapsWhatIsWrittenAndCloseSendsCloseNotify() throws IOException {
        End client = client();
        End server = server();
        Random split = new Random(12);
        pump(client, server, split, Integer.MAX_VALUE);
        assertTrue(client.tls.isOpen());
        assertEquals(3, client.tls.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        assertEquals(2, client.tls.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {4}), ByteBuffer.wrap(new byte[] {5})}));
        assertEquals(0, client.tls.write(new ByteBuffer[] {ByteBuffer.allocate(0)}), "nothing to wrap");
        client.tls.close();
        pump(client, server, split, Integer.MAX_VALUE);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, server.received.toByteArray());
        assertTrue(server.endOfStream, "close() sends close_notify");
        client.closed = true;
        assertFalse(client.tls.isOpen());
    }

    @Test
    void recordsBehindOneThatClosedTheConnectionAreNotUnwrapped() throws IOException {
        End client = client();
        End server = server();
        Random split = new Random(13);
        pump(client, server, split, Integer.MAX_VALUE);
        client.queue.addBytes(ByteBuffer.wrap(pattern(40_000, 14)), null); // three records
        client.tls.flush(client.queue);
        server.closeOnDelivery = true;
        server.tls.unwrap(ByteBuffer.wrap(client.takeWire()));
        assertEquals(1, server.deliveries, "the handler closed the connection on the first record");
        assertTrue(server.received.size() < 40_000);
    }
}
