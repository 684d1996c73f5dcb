package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.CloseBody;
import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.FrameSink;
import dev.wsnio.frame.FrameHeader;
import dev.wsnio.frame.MaskKeyGenerator;
import dev.wsnio.frame.Masking;
import dev.wsnio.frame.MessageType;
import dev.wsnio.frame.PerMessageDeflate;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.Role;
import dev.wsnio.frame.SessionConfig;
import dev.wsnio.frame.SessionListener;
import dev.wsnio.frame.WebSocketProtocolException;
import dev.wsnio.frame.WebSocketSession;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * permessage-deflate from the client's request through the server's answer to the first
 * compressed message: the negotiators inside {@link ClientHandshake} and {@link ServerHandshake},
 * then the compression states they create, in two sessions joined back to back.
 */
class PerMessageDeflateHandshakeTest {

    private static final InetSocketAddress CLIENT_ADDRESS = new InetSocketAddress("127.0.0.1", 50000);

    private static HttpRequestHead parseRequest(byte[] bytes) throws HttpParseException {
        HttpRequestParser parser = new HttpRequestParser();
        assertTrue(parser.parse(ByteBuffer.wrap(bytes)));
        return parser.result();
    }

    private static HttpResponseHead parseResponse(byte[] bytes) throws HttpParseException {
        HttpResponseParser parser = new HttpResponseParser();
        assertTrue(parser.parse(ByteBuffer.wrap(bytes)));
        return parser.result();
    }

    private static String header(byte[] head, String name) {
        return new String(head, StandardCharsets.ISO_8859_1).lines()
                .filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                .map(line -> line.substring(name.length() + 1).strip())
                .findFirst().orElse("(none)");
    }

    /** Collects a session's frames as wire bytes and its messages as text. */
    private static final class Endpoint implements SessionListener, FrameSink {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final List<String> received = new ArrayList<>();

        @Override
        public void sendFrame(ByteBuffer header, ByteBuffer payload, boolean masked, int maskKey) {
            wire.write(header.array(), header.position(), header.remaining());
            ByteBuffer out = ByteBuffer.allocate(payload.remaining());
            if (masked) {
                Masking.copyMasked(payload.duplicate(), out, maskKey, 0);
            } else {
                out.put(payload.duplicate());
            }
            wire.write(out.array(), 0, out.position());
        }

        @Override
        public void onMessage(MessageType type, ByteBuffer payload, boolean last) {
            received.add(StandardCharsets.UTF_8.decode(payload).toString());
        }

        @Override
        public void onCloseReceived(CloseBody body) {
            received.add("close " + body.code());
        }

        @Override
        public void onProtocolError(WebSocketProtocolException error) {
            received.add("error " + error.error());
        }

        byte[] takeWire() {
            byte[] bytes = wire.toByteArray();
            wire.reset();
            return bytes;
        }
    }

    @Test
    void negotiatedCompressionCarriesMessagesBothWays() throws Exception {
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS;
        PerMessageDeflateClientNegotiator clientNegotiator = new PerMessageDeflateClientNegotiator(config);
        PerMessageDeflateServerNegotiator serverNegotiator = new PerMessageDeflateServerNegotiator(config);
        ClientHandshake clientHandshake = ClientHandshake.builder(URI.create("ws://127.0.0.1:8080/chat"))
                .extensions(clientNegotiator).build();
        ServerHandshake serverHandshake = ServerHandshake.builder().extensions(serverNegotiator).build();

        byte[] request = clientHandshake.requestBytes();
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits, "
                + "permessage-deflate; client_no_context_takeover; client_max_window_bits",
                header(request, "Sec-WebSocket-Extensions"));
        AcceptedHandshake accepted = serverHandshake.accept(parseRequest(request), CLIENT_ADDRESS);
        byte[] response = accepted.response().toBytes();
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                header(response, "Sec-WebSocket-Extensions"));
        CompletedHandshake completed = clientHandshake.verify(parseResponse(response));

        PerMessageDeflate serverCompression = serverNegotiator.newCompression(accepted.extensions().get(0).parameters(),
                new DeflateWorkspace());
        PerMessageDeflate clientCompression = clientNegotiator.newCompression(completed.extensions().get(0).parameters(),
                new DeflateWorkspace());
        assertTrue(serverCompression.acceptsFreshContextEncoding(), "broadcast encodings can be shared");
        Endpoint serverEnd = new Endpoint();
        Endpoint clientEnd = new Endpoint();
        WebSocketSession server = new WebSocketSession(Role.SERVER, SessionConfig.DEFAULTS, serverCompression,
                null, serverEnd, serverEnd);
        WebSocketSession client = new WebSocketSession(Role.CLIENT, SessionConfig.DEFAULTS, clientCompression,
                new MaskKeyGenerator(), clientEnd, clientEnd);

        String text = "{\"greeting\":\"hello\"}".repeat(100);
        client.sendMessage(MessageType.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        byte[] fromClient = clientEnd.takeWire();
        assertEquals(FrameHeader.RSV1, fromClient[0] & FrameHeader.RSV1, "compressed");
        assertTrue(fromClient.length < text.length() / 10, fromClient.length + " bytes on the wire");
        server.receive(ByteBuffer.wrap(fromClient));
        server.sendMessage(MessageType.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        client.receive(ByteBuffer.wrap(serverEnd.takeWire()));

        assertEquals(List.of(text), serverEnd.received);
        assertEquals(List.of(text), clientEnd.received);
    }

    @Test
    void browserLikeOfferGetsTheServersDefaults() throws Exception {
        ServerHandshake serverHandshake = ServerHandshake.builder()
                .extensions(new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS)).build();
        HttpRequestHead request = parseRequest(("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        AcceptedHandshake accepted = serverHandshake.accept(request, CLIENT_ADDRESS);
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                header(accepted.response().toBytes(), "Sec-WebSocket-Extensions"));
    }

    @Test
    void clientThatDidNotOfferClientMaxWindowBitsFailsTheHandshakeWhenTheServerLimitsItsWindow() throws Exception {
        ClientHandshake clientHandshake = ClientHandshake.builder(URI.create("ws://127.0.0.1:8080/"))
                .extensions(new PerMessageDeflateClientNegotiator(
                        PerMessageDeflateConfig.DEFAULTS.withOfferClientMaxWindowBits(false))).build();
        String accept = clientHandshake.key().acceptValue();
        HttpResponseHead response = parseResponse(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=10\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        HandshakeFailedException failure = assertThrows(HandshakeFailedException.class,
                () -> clientHandshake.verify(response));
        assertEquals(HandshakeFailure.UNACCEPTABLE_EXTENSION, failure.reason());
    }

    @Test
    void serverWithoutAnAcceptableOfferAnswersWithoutExtensions() throws Exception {
        ServerHandshake serverHandshake = ServerHandshake.builder()
                .extensions(new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS)).build();
        HttpRequestHead request = parseRequest(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=16, "
                + "permessage-deflate; server_max_window_bits=abc\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        AcceptedHandshake accepted = serverHandshake.accept(request, CLIENT_ADDRESS);
        assertEquals(List.of(), accepted.extensions());
        assertEquals("(none)", header(accepted.response().toBytes(), "Sec-WebSocket-Extensions"));
    }
}
