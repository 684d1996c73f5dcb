package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.handshake.ExtensionNegotiationException;
import dev.wsnio.handshake.PerMessageDeflateClientNegotiator;
import dev.wsnio.handshake.PerMessageDeflateServerNegotiator;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.wire.RawServer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate (RFC 7692) plugs into the client as it does into the server. */
class CompressionTest {

    private static WebSocketExtension only(List<WebSocketExtension> agreed) {
        assertEquals(1, agreed.size());
        return agreed.get(0);
    }

    private static WebSocketClient.Builder offering(PerMessageDeflateClientNegotiator clientSide) {
        return WebSocketClient.builder().eventLoops(1).maxMessageSize(4 << 20)
                .extension(clientSide, (agreed, workspace) -> {
                    try {
                        return clientSide.newCompression(only(agreed).parameters(), workspace);
                    } catch (ExtensionNegotiationException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Test
    void compressesWhatItSendsOnceAgreed() throws Exception {
        CompletableFuture<RawServer.ClientFrame> received = new CompletableFuture<>();
        try (RawServer server = new RawServer(peer -> {
            String request = peer.handshake("Sec-WebSocket-Extensions: permessage-deflate");
            assertTrue(RawServer.Peer.header(request, "Sec-WebSocket-Extensions").startsWith("permessage-deflate"));
            received.complete(peer.readFrame());
            peer.awaitEndOfStream(5000);
        });
             WebSocketClient client = offering(new PerMessageDeflateClientNegotiator(PerMessageDeflateConfig.DEFAULTS))
                     .build()) {
            WebSocket socket = client.connect(server.uri("/"), new RecordingListener()).get(10, TimeUnit.SECONDS);
            socket.sendText("a".repeat(10_000));
            RawServer.ClientFrame frame = received.get(5, TimeUnit.SECONDS);
            assertEquals(0x40, frame.firstByte() & 0x40, "RSV1 marks a compressed message (RFC 7692 §6)");
            assertTrue(frame.payload().length < 100, frame::toString);
            socket.abort();
        }
    }

    @Test
    void negotiatesAndUsesPermessageDeflate() throws Exception {
        EchoServer echo = new EchoServer();
        PerMessageDeflateServerNegotiator serverSide = new PerMessageDeflateServerNegotiator(PerMessageDeflateConfig.DEFAULTS);
        PerMessageDeflateClientNegotiator clientSide = new PerMessageDeflateClientNegotiator(PerMessageDeflateConfig.DEFAULTS);
        RecordingListener events = new RecordingListener();
        try (WebSocketServer server = echo.builder().maxMessageSize(4 << 20)
                .extension(serverSide, (agreed, workspace) -> serverSide.newCompression(only(agreed).parameters(), workspace))
                .build().start();
             WebSocketClient client = offering(clientSide).build()) {
            WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions());
            assertTrue(socket.request().header("Sec-WebSocket-Extensions").orElseThrow().startsWith("permessage-deflate"),
                    "offered in the request the client sent");

            String text = "compress me, ".repeat(100_000);
            socket.sendText(text);
            assertEquals(text, events.next(Kind.TEXT).text());
            byte[] binary = new byte[1 << 20];
            socket.sendBinary(ByteBuffer.wrap(binary));
            assertArrayEquals(binary, events.next(Kind.BINARY).data());
            assertTrue(echo.events.await(Kind.OPEN).socket().extensions().startsWith("permessage-deflate"));
        }
    }

    /**
     * The limit is a message size: a random message of exactly the limit passes both ways with
     * compression on, compressed (where it grows) or, by default, sent as it is; one byte more
     * is refused with 1009 by either end.
     */
    @ParameterizedTest(name = "compress incompressible data: {0}")
    @ValueSource(booleans = {true, false})
    void incompressibleMessageOfExactlyTheLimitPassesBothWaysAndOneByteMoreGets1009(boolean forceCompression)
            throws Exception {
        int limit = 1 << 20;
        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withSkipIncompressible(!forceCompression);
        EchoServer echo = new EchoServer();
        RecordingListener events = new RecordingListener();
        try (WebSocketServer server = echo.builder().maxMessageSize(limit).permessageDeflate(config).build().start();
             WebSocketClient client = WebSocketClient.builder().eventLoops(1).maxMessageSize(limit)
                     .permessageDeflate(config).build()) {
            WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            Random random = new Random(limit);
            byte[] noise = new byte[limit];
            random.nextBytes(noise);
            socket.sendBinary(ByteBuffer.wrap(noise));
            assertArrayEquals(noise, events.next(Kind.BINARY).data());
            char[] letters = new char[limit];
            for (int i = 0; i < limit; i++) {
                letters[i] = (char) (' ' + random.nextInt(95));
            }
            String text = new String(letters);
            socket.sendText(text);
            assertEquals(text, events.next(Kind.TEXT).text());

            byte[] oneMore = new byte[limit + 1];
            random.nextBytes(oneMore);
            socket.sendBinary(ByteBuffer.wrap(oneMore));
            assertEquals(1009, events.next(Kind.CLOSE).code(), "the server refuses it");
        }
    }

    @Test
    void clientRefusesOneByteMoreThanItsLimitWith1009() throws Exception {
        int limit = 1 << 20;
        EchoServer echo = new EchoServer();
        RecordingListener events = new RecordingListener();
        PerMessageDeflateConfig compressAll = PerMessageDeflateConfig.DEFAULTS.withSkipIncompressible(false);
        try (WebSocketServer server = echo.builder().maxMessageSize(2 * limit).permessageDeflate(compressAll)
                .build().start();
             WebSocketClient client = WebSocketClient.builder().eventLoops(1).maxMessageSize(limit)
                     .permessageDeflate(compressAll).build()) {
            WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            byte[] oneMore = new byte[limit + 1];
            new Random(1).nextBytes(oneMore);
            socket.sendBinary(ByteBuffer.wrap(oneMore)); // accepted by the server, echoed compressed
            assertTrue(events.next(Kind.ERROR).error().getMessage().startsWith("MESSAGE_TOO_BIG"));
            assertEquals(1009, echo.events.await(Kind.CLOSE).code(), "the server receives our 1009");
        }
    }
}
