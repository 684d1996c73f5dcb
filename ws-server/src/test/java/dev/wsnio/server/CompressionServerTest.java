package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
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
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text);
                    }
                })
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawClient compressedClient() throws Exception {
        RawClient client = new RawClient(server.port());
        client.sendRaw(RawClient.upgradeRequest("/echo",
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"));
        String head = client.readHead();
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.contains("Sec-WebSocket-Extensions: permessage-deflate"), head);
        return client;
    }

    @Test
    void decompressesTheRfc7692HelloAndEchoesIt() throws Exception {
        try (RawClient client = compressedClient()) {
            byte[] hello = {(byte) 0xf2, 0x48, (byte) 0xcd, (byte) 0xc9, (byte) 0xc9, 0x07, 0x00};
            client.sendFrame(0xC1, hello); // FIN + RSV1 + text
            RawClient.Frame echo = client.readFrame();
            assertEquals("Hello", echo.text(), "short replies go uncompressed");
            assertEquals(0x81, echo.first());
        }
    }

    @Test
    void compressesLargeRepliesWithRsv1() throws Exception {
        try (RawClient client = compressedClient()) {
            String message = "{\"metric\":\"cpu\",\"value\":0.42}".repeat(100);
            client.sendFrame(0xC1, deflate(message.getBytes()));
            RawClient.Frame echo = client.readFrame();
            assertEquals(0xC1, echo.first(), "RSV1 marks the compressed reply");
            assertTrue(echo.payload().length < message.length() / 5);
            assertEquals(message, new String(inflate(echo.payload())));
        }
    }

    @Test
    void compressionBombIsRefusedWith1009() throws Exception {
        try (RawClient client = compressedClient()) {
            byte[] bomb = deflate(new byte[100 << 20]); // 100 MiB of zeros in ~100 KB
            assertTrue(bomb.length < 200_000);
            client.sendFrame(0xC2, bomb);
            RawClient.Frame close = client.readFrame();
            assertEquals(0x8, close.opcode());
            assertEquals(1009, close.closeCode());
        }
    }

    /** A raw DEFLATE stream flushed with SYNC_FLUSH, without the 00 00 ff ff tail (§7.2.1). */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int count;
        while ((count = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(chunk, 0, count);
        }
        deflater.end();
        byte[] all = out.toByteArray();
        byte[] trimmed = new byte[all.length - 4];
        System.arraycopy(all, 0, trimmed, 0, trimmed.length);
        return trimmed;
    }

    static byte[] inflate(byte[] payload) throws Exception {
        Inflater inflater = new Inflater(true);
        ByteBuffer input = ByteBuffer.allocate(payload.length + 4).put(payload).put(new byte[] {0, 0, -1, -1});
        inflater.setInput(input.array());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int count;
        while ((count = inflater.inflate(chunk)) > 0) {
            out.write(chunk, 0, count);
        }
        inflater.end();
        return out.toByteArray();
    }

    @Test
    void clientsWithoutTheExtensionStillWork() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port(), "/echo")) {
            client.sendFrame(0x81, "plain".getBytes());
            assertArrayEquals("plain".getBytes(), client.readFrame().payload());
        }
    }
}
