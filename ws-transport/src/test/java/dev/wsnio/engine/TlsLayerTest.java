package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
    static void certificate() throws Exception {
        TestCertificate certificate = TestCertificate.create();
        serverContext = certificate.serverContext();
        clientContext = certificate.clientContext();
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
        }

        @Override
        public void deliverEndOfStream() {
            endOfStream = true;
        }

        @Override
        public void flushLater() {
        }

        @Override
        public boolean isClosed() {
            return false;
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
}
