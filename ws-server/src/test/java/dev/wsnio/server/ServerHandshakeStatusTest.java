package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocketListener;
import dev.wsnio.handshake.OriginPolicy;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every bad or refused handshake gets its HTTP status, then the connection closes. */
class ServerHandshakeStatusTest {

    private WebSocketServer server;

    @BeforeEach
    void start() {
        WebSocketListener echo = new EchoListener();
        server = WebSocketServer.builder()
                .http("/hello", request -> HttpResponse.builder(200).textBody("Hello World").build())
                .websocket("/ws", echo)
                .websocket("/strict", WebSocketEndpoint.builder(echo)
                        .originPolicy(OriginPolicy.allowOnly("https://good.example"))
                        .build())
                .websocket("/auth", WebSocketEndpoint.builder(echo)
                        .upgradeHook(request -> request.queryParameter("token")
                                .map(token -> token.equals("s3cret")
                                        ? UpgradeDecision.accept(token)
                                        : UpgradeDecision.reject(403, "unknown user"))
                                .orElse(UpgradeDecision.reject(401, "token required")))
                        .build())
                .handshakeTimeout(Duration.ofMillis(500))
                .keepAliveTimeout(Duration.ofMillis(500))
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String exchange(String request) throws IOException {
        return RawClient.exchange(server.port(), request);
    }

    /** For an accepted upgrade, which keeps the connection open: just the response head. */
    private String head(String request) throws IOException {
        return RawClient.head(server.port(), request);
    }

    private static String request(String path, String... headers) {
        StringBuilder text = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString();
    }

    private static final String[] VALID = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13"};

    private static String[] valid(String... more) {
        String[] all = new String[VALID.length + more.length];
        System.arraycopy(VALID, 0, all, 0, VALID.length);
        System.arraycopy(more, 0, all, VALID.length, more.length);
        return all;
    }

    private static void assertStatus(int status, String response) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), () -> "expected " + status + ", got: " + response);
    }

    @Test
    void validUpgradeGets101WithAcceptKey() throws IOException {
        String head = head(request("/ws", VALID));
        assertStatus(101, head);
        assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"), head);
    }

    @Test
    void missingKeyGets400() throws IOException {
        assertStatus(400, exchange(request("/ws", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Version: 13")));
    }

    @Test
    void shortKeyGets400() throws IOException {
        assertStatus(400, exchange(request("/ws", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: c2hvcnQ=", "Sec-WebSocket-Version: 13")));
    }

    @Test
    void missingHostGets400() throws IOException {
        assertStatus(400, exchange("GET /ws HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
    }

    @Test
    void otherVersionGets426NamingVersion13() throws IOException {
        String response = exchange(request("/ws", "Upgrade: websocket", "Connection: Upgrade",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 8"));
        assertStatus(426, response);
        assertTrue(response.contains("Sec-WebSocket-Version: 13\r\n"), response);
    }

    @Test
    void refusedOriginGets403() throws IOException {
        assertStatus(403, exchange(request("/strict", valid("Origin: https://evil.example"))));
    }

    @Test
    void allowedOriginGets101() throws IOException {
        assertStatus(101, head(request("/strict", valid("Origin: https://good.example"))));
    }

    @Test
    void unknownPathGets404() throws IOException {
        assertStatus(404, exchange(request("/nowhere", VALID)));
    }

    @Test
    void oversizedHeadGets431() throws IOException {
        assertStatus(431, exchange(request("/ws", valid("X-Big: " + "a".repeat(9000)))));
    }

    @Test
    void longRequestLineGets414EvenThoughItAlsoPassesTheHeadLimit() throws IOException {
        assertStatus(414, exchange(request("/ws?" + "a".repeat(9000), VALID)));
    }

    @Test
    void postUpgradeGets405() throws IOException {
        String response = exchange(request("/ws", VALID).replaceFirst("GET", "POST"));
        assertStatus(405, response);
    }

    @Test
    void plainGetOnWebSocketRouteGets426() throws IOException {
        assertStatus(426, exchange(request("/ws", "Connection: close")));
    }

    @Test
    void upgradeHookRefusesWith401And403() throws IOException {
        assertStatus(401, exchange(request("/auth", VALID)));
        assertStatus(403, exchange(request("/auth?token=wrong", VALID)));
        assertStatus(101, head(request("/auth?token=s3cret", VALID)));
    }

    @Test
    void plainHttpKeepsTheConnectionAliveBetweenRequests() throws IOException {
        String both = exchange(request("/hello") + request("/hello", "Connection: close"));
        assertEquals(2, both.split("Hello World", -1).length - 1, both);
    }

    @Test
    void requestBodiesReachTheHandler() throws IOException {
        server.close();
        server = WebSocketServer.builder()
                .http("/echo-body", request -> HttpResponse.builder(200).textBody("got " + request.bodyText()).build())
                .build().start();
        String body = "x".repeat(5000);
        String response = exchange("POST /echo-body HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body);
        assertStatus(200, response);
        assertTrue(response.endsWith("got " + body), response);
        assertStatus(413, exchange("POST /echo-body HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 1000000\r\n\r\n"));
    }

    @Test
    void slowClientIsCutOffAtTheHandshakeTimeoutWith408() throws IOException {
        String response = exchange("GET /ws HTTP/1.1\r\nHost: 1"); // read until closed, within the read timeout
        assertStatus(408, response);
        assertTrue(response.contains("Connection: close\r\n"), response);
    }

    @Test
    void silentClientIsDisconnectedAtTheHandshakeTimeout() throws IOException {
        try (Socket client = RawClient.connect(server.port())) {
            assertEquals(-1, client.getInputStream().read()); // no byte, no answer: just the end
        }
    }

    @Test
    void connectionsBeyondTheLimitGet503() throws IOException {
        server.close();
        server = WebSocketServer.builder().websocket("/ws", new WebSocketListener() { })
                .maxConnections(1).build().start();
        try (Wire first = RawClient.upgrade(server.port(), "/ws", "")) {
            assertStatus(503, exchange(request("/ws", VALID)));
        }
    }
}
