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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** permessage-deflate (RFC 7692) plugs into the client as it does into the server. */
class CompressionTest {

    private static WebSocketExtension only(List<WebSocketExtension> agreed) {
        assertEquals(1, agreed.size());
        return agreed.get(0);
    }

    private static WebSocketClient.Builder offering(PerMessageDeflateClientNegotiator clientSide) {
        return WebSocketClient.builder().eventLoops(1).maxMessageSize(4 << 20)
                .extension(clientSide, agreed -> {
                    try {
                        return clientSide.newCompression(only(agreed).parameters());
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
                .extension(serverSide, agreed -> serverSide.newCompression(only(agreed).parameters()))
                .build().start();
             WebSocketClient client = offering(clientSide).build()) {
            WebSocket socket = client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertTrue(socket.extensions().startsWith("permessage-deflate"), socket.extensions());
            assertEquals("permessage-deflate", socket.request().extensions().get(0).name());

            String text = "compress me, ".repeat(100_000);
            socket.sendText(text);
            assertEquals(text, events.next(Kind.TEXT).text());
            byte[] binary = new byte[1 << 20];
            socket.sendBinary(ByteBuffer.wrap(binary));
            assertArrayEquals(binary, events.next(Kind.BINARY).data());
            assertTrue(echo.events.await(Kind.OPEN).socket().extensions().startsWith("permessage-deflate"));
        }
    }
}
