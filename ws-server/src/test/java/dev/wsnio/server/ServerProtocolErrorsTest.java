package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
                .websocket("/echo", new EchoListener() {
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

    /** Sends what {@code violation} encodes after a valid handshake, and expects the server to fail with {@code code}. */
    private void assertClosedWith(int code, Function<Wire, byte[]> violation) throws Exception {
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            wire.sendRaw(violation.apply(wire));
            Frame close = wire.readFrame();
            assertEquals(Frame.CLOSE, close.opcode(), "a close frame");
            assertEquals(code, close.closeCode());
            // We answer the close; the server then closes TCP.
            wire.send(Frame.close(code, ""));
            wire.expectEndOfStream();
        }
        assertEquals("error WebSocketProtocolException", events.poll(5, TimeUnit.SECONDS));
        assertEquals("close 1006", events.poll(5, TimeUnit.SECONDS));
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void unmaskedClientFrameCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encodeWronglyMasked(Frame.text("hi")));
    }

    @Test
    void reservedOpcodeCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encode(Frame.binary(new byte[0]).withOpcode(0x3)));
    }

    @Test
    void reservedBitCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encode(Frame.text("x").withRsv(Frame.RSV1)));
    }

    @Test
    void invalidUtf8Closes1007() throws Exception {
        byte[] invalid = {(byte) 0xCE, (byte) 0xBA, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertClosedWith(1007, wire -> wire.encode(Frame.text(invalid)));
    }

    @Test
    void frameOverMaxMessageSizeCloses1009() throws Exception {
        // Only the header announcing 2 MiB is sent: the limit is enforced before the payload.
        byte[] header = {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 0, 0x20, 0, 0, 0x11, 0x22, 0x33, 0x44};
        assertClosedWith(1009, wire -> header);
    }

    @Test
    void continuationWithoutStartCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encode(Frame.continuation("x")));
    }

    @Test
    void pingOver125BytesCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encode(Frame.ping(new byte[126])));
    }

    @Test
    void invalidCloseCodeCloses1002() throws Exception {
        assertClosedWith(1002, wire -> wire.encode(Frame.closeBody(new byte[] {0x03, (byte) 0xED}))); // 1005
    }

    @Test
    void messagesBeforeTheCloseAreDeliveredAndEchoed() throws Exception {
        try (Wire wire = RawClient.upgrade(server.port(), "/echo", "")) {
            wire.send(Frame.text("last words"), Frame.close(1000, ""));
            wire.expectText("last words");
            wire.expectClose(1000);
            wire.expectEndOfStream();
        }
        assertEquals("close 1000", events.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void firstFramePipelinedWithTheHandshakeIsProcessed() throws Exception {
        try (Socket socket = RawClient.connect(server.port())) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            Wire wire = new Wire(socket, in, Side.SERVER);
            byte[] request = HandshakeText.request("/echo", "").getBytes(StandardCharsets.ISO_8859_1);
            wire.sendRaw(concat(request, wire.encode(Frame.text("early"))));
            assertTrue(HandshakeText.readHead(in).startsWith("HTTP/1.1 101"));
            wire.expectText("early");
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
