package dev.wsnio.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsnio.conformance.cases.Payloads;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK's {@code java.net.http.WebSocket} client against our server: the cases the ws-server
 * module's own JDK tests leave out (subprotocols, pings from the server, fragmented binary,
 * the longest control frames, large text from the server, a server that offers
 * permessage-deflate to a client that does not ask for it). The JDK is always there, so these
 * run in the default build.
 */
class JdkClientInteropTest {

    private WebSocketServer server;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    private final BlockingQueue<WebSocket> serverSockets = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        WebSocketListener echo = new TesteeListener(Behaviour.ECHO);
        WebSocketListener recording = new WebSocketListener() {
            @Override
            public void onOpen(WebSocket socket) {
                serverSockets.add(socket);
                serverEvents.add("open " + socket.subprotocol() + " [" + socket.extensions() + "]");
            }

            @Override
            public void onText(WebSocket socket, String text) {
                echo.onText(socket, text);
            }

            @Override
            public void onBinary(WebSocket socket, ByteBuffer data) {
                echo.onBinary(socket, data);
            }

            @Override
            public void onPong(WebSocket socket, ByteBuffer data) {
                serverEvents.add("pong " + StandardCharsets.UTF_8.decode(data));
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason) {
                serverEvents.add("close " + code + " " + reason);
            }
        };
        server = WebSocketServer.builder()
                .maxMessageSize(16 << 20)
                .permessageDeflate()
                .websocket("/echo", recording)
                .websocket("/chat", WebSocketEndpoint.builder(recording).subprotocols("chat.v2", "chat.v1").build())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Collects what the JDK client receives, whole messages at a time. */
    static final class Received implements java.net.http.WebSocket.Listener {
        final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private StringBuilder text = new StringBuilder();
        private ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                items.add(text.toString());
                text = new StringBuilder();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                items.add(binary.toByteArray());
                binary = new ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            items.add(bytes);
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            items.add("close " + statusCode);
            return null;
        }

        Object next() throws InterruptedException {
            Object item = items.poll(10, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("the JDK client received nothing within 10 s");
            }
            return item;
        }
    }

    private java.net.http.WebSocket connect(String path, Received received, String... subprotocols)
            throws Exception {
        var builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + path), received)
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServersPreferredSubprotocolAmongTheOffersIsAgreed() throws Exception {
        java.net.http.WebSocket ws = connect("/chat", new Received(), "chat.v1", "chat.v2");
        assertEquals("chat.v2", ws.getSubprotocol());
        assertEquals("open chat.v2 []", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void noCompressionWhenTheClientDoesNotOfferIt() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket ws = connect("/echo", received);
        assertEquals("open  []", serverEvents.poll(5, TimeUnit.SECONDS));
        String json = "{\"compressible\": true}".repeat(200);
        ws.sendText(json, true).get(5, TimeUnit.SECONDS);
        assertEquals(json, received.next());
    }

    @Test
    void theJdkAnswersTheServersPing() throws Exception {
        connect("/echo", new Received());
        serverEvents.poll(5, TimeUnit.SECONDS);
        WebSocket serverSide = serverSockets.poll(5, TimeUnit.SECONDS);
        serverSide.ping(ByteBuffer.wrap("heartbeat".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong heartbeat", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void fragmentedBinaryFromTheJdkIsAssembled() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket ws = connect("/echo", received);
        byte[] data = Payloads.binary(300_000);
        ws.sendBinary(ByteBuffer.wrap(data, 0, 100_000), false).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(data, 100_000, 100_000), false).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.wrap(data, 200_000, 100_000), true).get(5, TimeUnit.SECONDS);
        assertArrayEquals(data, (byte[]) received.next());
    }

    @Test
    void largeTextOfEveryCharacterLengthGoesBothWays() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket ws = connect("/echo", received);
        String text = new String(Payloads.mixedUtf8(4 << 20), StandardCharsets.UTF_8);
        ws.sendText(text, true).get(10, TimeUnit.SECONDS);
        assertEquals(text, received.next());
    }

    @Test
    void aPingOf125BytesGetsItsPong() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket ws = connect("/echo", received);
        byte[] data = Payloads.binary(125);
        ws.sendPing(ByteBuffer.wrap(data)).get(5, TimeUnit.SECONDS);
        assertArrayEquals(data, (byte[]) received.next());
    }

    @Test
    void aCloseWithTheLongestReasonReachesTheServer() throws Exception {
        Received received = new Received();
        java.net.http.WebSocket ws = connect("/echo", received);
        serverEvents.poll(5, TimeUnit.SECONDS);
        String reason = "r".repeat(123);
        ws.sendClose(4999, reason).get(5, TimeUnit.SECONDS);
        assertEquals("close 4999", received.next());
        assertEquals("close 4999 " + reason, serverEvents.poll(5, TimeUnit.SECONDS));
    }
}
