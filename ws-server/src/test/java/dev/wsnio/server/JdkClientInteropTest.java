package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK's own WebSocket client (an independent implementation) against our server. */
class JdkClientInteropTest {

    private WebSocketServer server;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = WebSocketServer.builder()
                .http("/", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .websocket("/ws", new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket socket) {
                        serverEvents.add("open " + socket.request().queryParameter("uid").orElse("-"));
                    }

                    @Override
                    public void onText(WebSocket socket, String text) {
                        serverEvents.add("text " + text);
                        socket.sendText(text.equals("你好服务器") ? "你好,客户端" : text);
                    }

                    @Override
                    public void onBinary(WebSocket socket, ByteBuffer data) {
                        ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data).flip();
                        socket.sendBinary(copy);
                    }

                    @Override
                    public void onClose(WebSocket socket, int code, String reason) {
                        serverEvents.add("close " + code);
                    }
                })
                .maxMessageSize(32 << 20)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    /** Collects what the JDK client receives. */
    static final class Collector implements java.net.http.WebSocket.Listener {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
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
                received.add(binary.toByteArray());
                binary = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            received.add("pong " + java.nio.charset.StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            received.add("close " + statusCode);
            return null;
        }

        Object next() throws InterruptedException {
            Object item = received.poll(10, TimeUnit.SECONDS);
            if (item == null) {
                throw new AssertionError("nothing received within 10 s");
            }
            return item;
        }
    }

    private java.net.http.WebSocket connect(Collector collector, String path) throws Exception {
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri(path), collector).get(10, TimeUnit.SECONDS);
    }

    @Test
    void exchangesChineseTextAndSeesUidQuery() throws Exception {
        Collector collector = new Collector();
        java.net.http.WebSocket ws = connect(collector, "/ws?uid=ttq123");
        assertEquals("open ttq123", serverEvents.poll(5, TimeUnit.SECONDS));
        ws.sendText("你好服务器", true).get(5, TimeUnit.SECONDS);
        assertEquals("你好,客户端", collector.next());
        assertEquals("text 你好服务器", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void echoesBinaryFragmentedAndLargeMessages() throws Exception {
        Collector collector = new Collector();
        java.net.http.WebSocket ws = connect(collector, "/ws");
        byte[] small = {1, 2, 3, 4, 5};
        ws.sendBinary(ByteBuffer.wrap(small), true).get(5, TimeUnit.SECONDS);
        assertArrayEquals(small, (byte[]) collector.next());

        ws.sendText("Hel", false).get(5, TimeUnit.SECONDS);
        ws.sendText("lo", true).get(5, TimeUnit.SECONDS);
        assertEquals("Hello", collector.next());

        byte[] large = new byte[16 << 20];
        new java.util.Random(42).nextBytes(large);
        ws.sendBinary(ByteBuffer.wrap(large), true).get(30, TimeUnit.SECONDS);
        assertArrayEquals(large, (byte[]) collector.next());
    }

    @Test
    void answersPingWithPong() throws Exception {
        Collector collector = new Collector();
        java.net.http.WebSocket ws = connect(collector, "/ws");
        ws.sendPing(ByteBuffer.wrap("are you there".getBytes())).get(5, TimeUnit.SECONDS);
        assertEquals("pong are you there", collector.next());
    }

    @Test
    void clientInitiatedCloseIsEchoed() throws Exception {
        Collector collector = new Collector();
        java.net.http.WebSocket ws = connect(collector, "/ws");
        assertEquals("open -", serverEvents.poll(5, TimeUnit.SECONDS));
        ws.sendClose(4000, "bye").get(5, TimeUnit.SECONDS);
        assertEquals("close 4000", collector.next());
        assertEquals("close 4000", serverEvents.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void serverInitiatedCloseReachesClient() throws Exception {
        Collector collector = new Collector();
        connect(collector, "/ws");
        assertEquals("open -", serverEvents.poll(5, TimeUnit.SECONDS));
        WebSocket serverSide = server.connections().iterator().next();
        CompletableFuture<Void> closed = serverSide.close(1000, "done");
        assertEquals("close 1000", collector.next());
        // The JDK client answers the close frame by itself once onClose returns.
        closed.get(5, TimeUnit.SECONDS);
        assertEquals("close 1000", serverEvents.poll(5, TimeUnit.SECONDS));
        assertTrue(server.connections().isEmpty());
    }

    @Test
    void plainHttpOnTheSamePort() throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("Hello World", response.body());
        var missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nope"))
                .build(), BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }

    @Test
    void gracefulStopClosesEveryConnectionWith1001() throws Exception {
        Collector first = new Collector();
        Collector second = new Collector();
        connect(first, "/ws");
        connect(second, "/ws");
        serverEvents.poll(5, TimeUnit.SECONDS);
        serverEvents.poll(5, TimeUnit.SECONDS);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
        assertEquals("close 1001", first.next());
        assertEquals("close 1001", second.next());
        stopped.get(10, TimeUnit.SECONDS);
        assertTrue(server.connections().isEmpty());
    }
}
