package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.testkit.wire.DeflateCodec;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** permessage-deflate on a live server, driven by a raw client that compresses by hand. */
class CompressionServerTest {

    private WebSocketServer server;

    @BeforeEach
    void start() {
        server = WebSocketServer.builder()
                .permessageDeflate()
                .websocket("/echo", new EchoListener())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Wire compressedClient() throws Exception {
        return RawClient.upgrade(server.port(), "/echo",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n",
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
    }

    @Test
    void decompressesTheRfc7692HelloAndEchoesIt() throws Exception {
        try (Wire wire = compressedClient()) {
            byte[] hello = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
            wire.send(Frame.text(hello).withRsv(Frame.RSV1)); // RFC 7692 §7.2.3.1
            wire.expectText("Hello"); // short replies go uncompressed
        }
    }

    @Test
    void compressesLargeRepliesWithRsv1() throws Exception {
        DeflateCodec codec = new DeflateCodec(false, false);
        try (Wire wire = compressedClient()) {
            byte[] message = "{\"metric\":\"cpu\",\"value\":0.42}".repeat(100).getBytes(StandardCharsets.UTF_8);
            wire.send(Frame.text(codec.compress(message)).withRsv(Frame.RSV1));
            Frame echo = wire.readFrame();
            assertEquals(Frame.TEXT, echo.opcode());
            assertTrue(echo.fin());
            assertEquals(Frame.RSV1, echo.rsv(), "RSV1 marks the compressed reply");
            assertTrue(echo.payload().length < message.length / 5);
            assertArrayEquals(message, codec.inflate(echo.payload()));
        } finally {
            codec.end();
        }
    }

    @Test
    void compressionBombIsRefusedWith1009() throws Exception {
        DeflateCodec codec = new DeflateCodec(false, false);
        try (Wire wire = compressedClient()) {
            byte[] bomb = codec.compress(new byte[100 << 20]); // 100 MiB of zeros in ~100 KB
            assertTrue(bomb.length < 200_000);
            wire.send(Frame.binary(bomb).withRsv(Frame.RSV1));
            wire.expectClose(1009);
        } finally {
            codec.end();
        }
    }

    @Test
    void clientsWithoutTheExtensionStillWork() throws Exception {
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            wire.send(Frame.text("plain"));
            wire.expectText("plain");
        }
    }
}
