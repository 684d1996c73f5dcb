package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.RecordingListener.Event;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawServer.ClientFrame;
import dev.wsnio.testkit.wire.RawServer.Peer;
import dev.wsnio.testkit.wire.RawServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that break RFC 6455 on purpose, written with raw sockets: the client must fail the
 * connection with the right close code (RFC 6455 §7.4.1), or fail the handshake with the right
 * typed error (§4.1).
 */
class MisbehavingServerTest {

    private final WebSocketClient client = WebSocketClient.builder().eventLoops(1)
            .handshakeTimeout(Duration.ofSeconds(5)).build();
    private final RecordingListener events = new RecordingListener();
    private final CompletableFuture<ClientFrame> closeFrameSeen = new CompletableFuture<>();
    private RawServer server;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (server != null) {
            server.close();
            assertTrue(server.failures().isEmpty(), () -> "server script failed: " + server.failures());
        }
    }

    /** A server that completes the handshake, sends these bytes, then reports the client's close frame. */
    private URI sendingAfterHandshake(byte[] bytes) throws Exception {
        server = new RawServer(peer -> {
            peer.handshake();
            peer.send(bytes);
            closeFrameSeen.complete(peer.readFrame());
            peer.awaitEndOfStream(5000);
        });
        return server.uri("/");
    }

    private void assertFailsWithProtocolError(URI uri) throws Exception {
        client.connect(uri, events).get(5, TimeUnit.SECONDS);
        events.next(Kind.OPEN);
        Event error = events.next(Kind.ERROR);
        assertEquals(1002, assertInstanceOf(WebSocketProtocolException.class, error.error()).closeCode());
        ClientFrame close = closeFrameSeen.get(5, TimeUnit.SECONDS);
        assertEquals(0x8, close.opcode());
        assertTrue(close.masked(), "client frames are masked (RFC 6455 §5.3)");
        assertEquals(1002, close.closeCode());
        assertEquals(1006, events.next(Kind.CLOSE).code()); // no close frame came back
    }

    @Test
    void failsWith1002OnAMaskedServerFrame() throws Exception {
        // RFC 6455 §5.1: a client MUST close the connection if it detects a masked frame.
        assertFailsWithProtocolError(sendingAfterHandshake(Peer.frame(0x81, "hi".getBytes(StandardCharsets.UTF_8), true)));
    }

    @Test
    void failsWith1002OnReservedBitsWithoutAnExtension() throws Exception {
        // §5.2: RSV1-3 MUST be 0 unless an extension defines them.
        assertFailsWithProtocolError(sendingAfterHandshake(Peer.frame(0xC1, "hi".getBytes(StandardCharsets.UTF_8), false)));
    }

    @Test
    void failsWith1002OnAnInvalidCloseCode() throws Exception {
        // §7.4.1: 1005 is reserved, never sent in a close frame.
        assertFailsWithProtocolError(sendingAfterHandshake(Peer.frame(0x88, Peer.closePayload(1005, ""), false)));
    }

    @Test
    void failsWith1002OnAnUnknownCloseCode() throws Exception {
        assertFailsWithProtocolError(sendingAfterHandshake(Peer.frame(0x88, Peer.closePayload(999, ""), false)));
    }

    @Test
    void failsWith1002OnAnUnknownOpcode() throws Exception {
        assertFailsWithProtocolError(sendingAfterHandshake(Peer.frame(0x83, new byte[0], false)));
    }

    @Test
    void deliversFramesSentRightBehindThe101() throws Exception {
        server = new RawServer(peer -> {
            String head = peer.readHead();
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(Peer.header(head, "Sec-WebSocket-Key")) + "\r\n\r\n";
            byte[] head101 = response.getBytes(StandardCharsets.US_ASCII);
            byte[] frame = Peer.frame(0x81, "first".getBytes(StandardCharsets.UTF_8), false);
            byte[] both = new byte[head101.length + frame.length];
            System.arraycopy(head101, 0, both, 0, head101.length);
            System.arraycopy(frame, 0, both, head101.length, frame.length);
            peer.send(both); // one write: the frame arrives in the same read as the head
            peer.awaitEndOfStream(5000);
        });
        WebSocket socket = client.connect(server.uri("/"), events).get(5, TimeUnit.SECONDS);
        events.next(Kind.OPEN);
        assertEquals("first", events.next(Kind.TEXT).text());
        socket.abort();
    }

    private WebSocketConnectException connectFailure(URI uri) throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> client.connect(uri, events).get(10, TimeUnit.SECONDS));
        assertEquals(null, events.poll(0), "no callback for a connection that never opened");
        return assertInstanceOf(WebSocketConnectException.class, failure.getCause());
    }

    private URI answering(String... headerLines) throws Exception {
        server = new RawServer(peer -> {
            peer.handshake(headerLines);
            peer.awaitEndOfStream(5000);
        });
        return server.uri("/");
    }

    @Test
    void rejectsAWrongAcceptKey() throws Exception {
        server = new RawServer(peer -> {
            peer.readHead();
            peer.send("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor("dGhlIHNhbXBsZSBub25jZQ==") + "\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
        assertEquals(Reason.INVALID_ACCEPT, connectFailure(server.uri("/")).reason());
    }

    @Test
    void rejectsASubprotocolItDidNotOffer() throws Exception {
        WebSocketConnectException failure = connectFailure(answering("Sec-WebSocket-Protocol: chat.v9"));
        assertEquals(Reason.UNEXPECTED_SUBPROTOCOL, failure.reason());
        assertEquals("chat.v9", ((HandshakeResponseException) failure).headers()
                .first("Sec-WebSocket-Protocol").orElseThrow());
    }

    @Test
    void rejectsAnExtensionItDidNotOffer() throws Exception {
        assertEquals(Reason.UNEXPECTED_EXTENSION,
                connectFailure(answering("Sec-WebSocket-Extensions: permessage-deflate")).reason());
    }

    @Test
    void rejectsA101WithoutUpgradeHeader() throws Exception {
        server = new RawServer(peer -> {
            String head = peer.readHead();
            peer.send("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + HandshakeText.acceptFor(Peer.header(head, "Sec-WebSocket-Key")) + "\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
        assertEquals(Reason.INVALID_RESPONSE, connectFailure(server.uri("/")).reason());
    }

    @Test
    void rejectsAnAnswerThatIsNotHttp() throws Exception {
        server = new RawServer(peer -> {
            peer.readHead();
            peer.send("SSH-2.0-OpenSSH_9.2\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
        assertEquals(Reason.INVALID_RESPONSE, connectFailure(server.uri("/")).reason());
    }

    @Test
    void anOversizedResponseHeadIsReportedAsTheResponses() throws Exception {
        server = new RawServer(peer -> {
            peer.readHead();
            peer.send("HTTP/1.1 101 Switching Protocols\r\nX-Big: " + "b".repeat(9000) + "\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
        WebSocketConnectException failure = connectFailure(server.uri("/"));
        assertEquals(Reason.INVALID_RESPONSE, failure.reason());
        assertTrue(failure.getMessage().contains("response head too large"), failure.getMessage());
        assertFalse(failure.getMessage().contains("request"), failure.getMessage());
    }

    @Test
    void reportsAnotherStatusWithItsHeaders() throws Exception {
        server = new RawServer(peer -> {
            peer.readHead();
            peer.send("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 7\r\nContent-Length: 0\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
        HandshakeResponseException failure = assertInstanceOf(HandshakeResponseException.class,
                connectFailure(server.uri("/")));
        assertEquals(Reason.UNEXPECTED_STATUS, failure.reason());
        assertEquals(503, failure.status());
        assertEquals("7", failure.headers().first("Retry-After").orElseThrow());
    }

    @Test
    void timesOutWhenTheServerNeverAnswers() throws Exception {
        server = new RawServer(peer -> {
            peer.readHead();
            peer.awaitEndOfStream(10_000); // says nothing
        });
        try (WebSocketClient impatient = WebSocketClient.builder().eventLoops(1)
                .handshakeTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> impatient.connect(server.uri("/"), events).get(5, TimeUnit.SECONDS));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Reason.HANDSHAKE_TIMEOUT, ((WebSocketConnectException) failure.getCause()).reason());
            assertTrue(millis >= 190 && millis < 3000, "timed out after " + millis + " ms");
        }
    }

    @Test
    void reportsAServerThatHangsUpBeforeAnswering() throws Exception {
        server = new RawServer(Peer::readHead); // reads the request, then closes
        assertEquals(Reason.CONNECTION_FAILED, connectFailure(server.uri("/")).reason());
    }
}
