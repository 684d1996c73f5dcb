package dev.wsnio.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.conformance.cases.Payloads;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ForwardingListener;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.server.HttpResponse;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.JdkClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK's {@code java.net.http.WebSocket} client (an independent implementation, always there,
 * so these run in the default build) against our server: text in any script and the query of
 * the handshake, binary fragmented and large, pings both ways, the longest control frames,
 * closes from either side, a graceful stop, subprotocols, a server that offers
 * permessage-deflate to a client that does not ask for it, and plain HTTP on the same port.
 */
class JdkClientInteropTest {

    private WebSocketServer server;
    private final BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    private final BlockingQueue<WebSocket> serverSockets = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        WebSocketListener echo = new TesteeListener(Behaviour.ECHO);
        WebSocketListener recording = new ForwardingListener(echo) {
            @Override
            public void onOpen(WebSocket socket) {
                serverSockets.add(socket);
                serverEvents.add("open " + socket.subprotocol() + " [" + socket.extensions() + "] uid="
                        + socket.request().queryParameter("uid").orElse("-"));
            }

            @Override
            public void onText(WebSocket socket, String text) {
                serverEvents.add("text " + text);
                super.onText(socket, text);
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
                .maxMessageSize(32 << 20)
                .permessageDeflate()
                .http("/", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .websocket("/echo", recording)
                .websocket("/chat", WebSocketEndpoint.builder(recording).subprotocols("chat.v2", "chat.v1").build())
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JdkClient connect(String pathAndQuery, String... subprotocols) throws Exception {
        return JdkClient.connect(URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery), subprotocols);
    }

    private String nextServerEvent() throws InterruptedException {
        String event = serverEvents.poll(5, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError("the server reported nothing within 5 s");
        }
        return event;
    }

    @Test
    void exchangesChineseTextAndSeesTheQueryOfTheHandshake() throws Exception {
        try (JdkClient client = connect("/echo?uid=ttq123")) {
            assertEquals("open  [] uid=ttq123", nextServerEvent());
            client.sendText("你好服务器");
            assertEquals("text 你好服务器", nextServerEvent());
            assertEquals("你好服务器", client.next());
        }
    }

    @Test
    void echoesBinaryFragmentedTextAndAMessageOf16MiB() throws Exception {
        try (JdkClient client = connect("/echo")) {
            byte[] small = {1, 2, 3, 4, 5};
            client.sendBinary(small);
            assertArrayEquals(small, (byte[]) client.next());

            client.sendText("Hello", 2);
            assertEquals("Hello", client.next());

            byte[] large = new byte[16 << 20];
            new Random(42).nextBytes(large);
            client.sendBinary(large);
            assertArrayEquals(large, (byte[]) client.next(Duration.ofSeconds(30)));
        }
    }

    @Test
    void fragmentedBinaryFromTheJdkIsAssembled() throws Exception {
        try (JdkClient client = connect("/echo")) {
            byte[] data = Payloads.binary(300_000);
            client.socket().sendBinary(ByteBuffer.wrap(data, 0, 100_000), false).get(5, TimeUnit.SECONDS);
            client.socket().sendBinary(ByteBuffer.wrap(data, 100_000, 100_000), false).get(5, TimeUnit.SECONDS);
            client.socket().sendBinary(ByteBuffer.wrap(data, 200_000, 100_000), true).get(5, TimeUnit.SECONDS);
            assertArrayEquals(data, (byte[]) client.next());
        }
    }

    @Test
    void largeTextOfEveryCharacterLengthGoesBothWays() throws Exception {
        try (JdkClient client = connect("/echo")) {
            String text = new String(Payloads.mixedUtf8(4 << 20), StandardCharsets.UTF_8);
            client.sendText(text);
            assertEquals(text, client.next());
        }
    }

    @Test
    void aPingGetsItsPongUpTo125Bytes() throws Exception {
        try (JdkClient client = connect("/echo")) {
            client.ping("are you there".getBytes(StandardCharsets.UTF_8));
            assertEquals("are you there",
                    new String(assertInstanceOf(JdkClient.Pong.class, client.next()).data(), StandardCharsets.UTF_8));
            byte[] longest = Payloads.binary(125);
            client.ping(longest);
            assertArrayEquals(longest, assertInstanceOf(JdkClient.Pong.class, client.next()).data());
        }
    }

    @Test
    void theJdkAnswersTheServersPing() throws Exception {
        try (JdkClient client = connect("/echo")) {
            nextServerEvent();
            WebSocket serverSide = serverSockets.poll(5, TimeUnit.SECONDS);
            serverSide.ping(ByteBuffer.wrap("heartbeat".getBytes(StandardCharsets.UTF_8)));
            assertEquals("pong heartbeat", nextServerEvent());
        }
    }

    @Test
    void aCloseFromTheClientWithTheLongestReasonIsEchoed() throws Exception {
        try (JdkClient client = connect("/echo")) {
            nextServerEvent();
            String reason = "r".repeat(123);
            client.sendClose(4999, reason);
            assertEquals(4999, client.awaitClose(Duration.ofSeconds(5)));
            assertEquals("close 4999 " + reason, nextServerEvent());
        }
    }

    @Test
    void aCloseFromTheServerReachesTheClient() throws Exception {
        try (JdkClient client = connect("/echo")) {
            nextServerEvent();
            WebSocket serverSide = serverSockets.poll(5, TimeUnit.SECONDS);
            CompletableFuture<Void> closed = serverSide.close(1000, "done");
            assertEquals(1000, client.awaitClose(Duration.ofSeconds(5)));
            // The JDK client answers the close frame by itself once onClose returns.
            closed.get(5, TimeUnit.SECONDS);
            assertEquals("close 1000 ", nextServerEvent(), "the JDK's answer: 1000, no reason");
            assertTrue(server.connections().isEmpty());
        }
    }

    @Test
    void gracefulStopClosesEveryConnectionWith1001() throws Exception {
        try (JdkClient first = connect("/echo"); JdkClient second = connect("/echo")) {
            nextServerEvent();
            nextServerEvent();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
            assertEquals(1001, first.awaitClose(Duration.ofSeconds(5)));
            assertEquals(1001, second.awaitClose(Duration.ofSeconds(5)));
            stopped.get(10, TimeUnit.SECONDS);
            assertTrue(server.connections().isEmpty());
        }
    }

    @Test
    void theServersPreferredSubprotocolAmongTheOffersIsAgreed() throws Exception {
        try (JdkClient client = connect("/chat", "chat.v1", "chat.v2")) {
            assertEquals("chat.v2", client.socket().getSubprotocol());
            assertEquals("open chat.v2 [] uid=-", nextServerEvent());
        }
    }

    @Test
    void noCompressionWhenTheClientDoesNotOfferIt() throws Exception {
        try (JdkClient client = connect("/echo")) {
            assertEquals("open  [] uid=-", nextServerEvent());
            String json = "{\"compressible\": true}".repeat(200);
            client.sendText(json);
            assertEquals(json, client.next());
        }
    }

    @Test
    void plainHttpOnTheSamePort() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
                .build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("Hello World", response.body());
        var missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/nope"))
                .build(), BodyHandlers.ofString());
        assertEquals(404, missing.statusCode());
    }
}
