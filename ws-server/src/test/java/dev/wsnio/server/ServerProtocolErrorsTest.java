package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Raw clients that break RFC 6455 after a valid handshake: the server answers each violation
 * with the close code the RFC gives it, then closes TCP, and reports the error once.
 */
class ServerProtocolErrorsTest {

    private WebSocketServer server;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = WebSocketServer.builder()
                .websocket("/echo", new WebSocketListener() {
                    @Override
                    public void onText(WebSocket socket, String text) {
                        socket.sendText(text);
                    }

                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        socket.sendBinary(ByteBuffer.allocate(data.remaining()).put(data).flip());
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        events.add("error " + error.getClass().getSimpleName());
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        events.add("close " + code);
                    }
                })
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void assertClosedWith(int code, byte[] bytes) throws Exception {
        try (RawClient client = RawClient.upgraded(server.port(), "/echo")) {
            client.sendRaw(bytes);
            RawClient.Frame close = client.readFrame();
            assertEquals(0x8, close.opcode(), "a close frame");
            assertEquals(code, close.closeCode());
            // We answer the close; the server then closes TCP.
            client.sendFrame(0x88, new byte[] {(byte) (code >> 8), (byte) code});
            int next = client.input().read();
            assertEquals(-1, next, "server closes TCP");
        }
        assertEquals("error WebSocketProtocolException", events.poll(5, TimeUnit.SECONDS));
        assertEquals("close 1006", events.poll(5, TimeUnit.SECONDS));
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void unmaskedClientFrameCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0x81, "hi".getBytes(), false));
    }

    @Test
    void reservedOpcodeCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0x83, new byte[0], true));
    }

    @Test
    void reservedBitCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0xC1, "x".getBytes(), true));
    }

    @Test
    void invalidUtf8Closes1007() throws Exception {
        assertClosedWith(1007, RawClient.frame(0x81, new byte[] {(byte) 0xCE, (byte) 0xBA, (byte) 0xED, (byte) 0xA0, (byte) 0x80}, true));
    }

    @Test
    void frameOverMaxMessageSizeCloses1009() throws Exception {
        // Only the header announcing 2 MiB is sent: the limit is enforced before the payload.
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 0, 0x20, 0, 0, 0x11, 0x22, 0x33, 0x44};
        assertClosedWith(1009, header);
    }

    @Test
    void continuationWithoutStartCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0x80, "x".getBytes(), true));
    }

    @Test
    void pingOver125BytesCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0x89, new byte[126], true));
    }

    @Test
    void invalidCloseCodeCloses1002() throws Exception {
        assertClosedWith(1002, RawClient.frame(0x88, new byte[] {0x03, (byte) 0xED}, true)); // 1005
    }

    @Test
    void messagesBeforeTheCloseAreDeliveredAndEchoed() throws Exception {
        try (RawClient client = RawClient.upgraded(server.port(), "/echo")) {
            byte[] both = concat(RawClient.frame(0x81, "last words".getBytes(StandardCharsets.UTF_8), true),
                    RawClient.frame(0x88, new byte[] {0x03, (byte) 0xE8}, true));
            client.sendRaw(both);
            assertEquals("last words", client.readFrame().text());
            RawClient.Frame close = client.readFrame();
            assertEquals(0x8, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(client.serverClosedTcp());
        }
        assertEquals("close 1000", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void firstFramePipelinedWithTheHandshakeIsProcessed() throws Exception {
        try (RawClient client = new RawClient(server.port())) {
            byte[] request = RawClient.upgradeRequest("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
            client.sendRaw(concat(request, RawClient.frame(0x81, "early".getBytes(), true)));
            assertTrue(client.readHead().startsWith("HTTP/1.1 101"));
            assertEquals("early", client.readFrame().text());
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
