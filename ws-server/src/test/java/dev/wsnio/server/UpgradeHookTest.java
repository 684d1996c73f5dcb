package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.HandshakeText;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the server does with each decision of an upgrade hook, on real sockets: a hook that
 * throws or decides null is the server's error (500), a subprotocol the hook picks must be one
 * the client offered, a stage of any kind is awaited, a decision that comes too late is
 * dropped; and what a decision may be.
 */
@Timeout(60)
class UpgradeHookTest {

    private final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    private WebSocketServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private final WebSocketListener recordingOpens = new WebSocketListener() {
        @Override
        public void onOpen(WebSocket socket) {
            opened.add(socket);
        }
    };

    private void start(WebSocketEndpoint endpoint) {
        server = WebSocketServer.builder().eventLoops(1).websocket("/ws", endpoint).build().start();
    }

    private String upgradeResponse(String extraHeaders) throws Exception {
        return RawClient.exchange(server.port(), HandshakeText.request("/ws", extraHeaders));
    }

    @Test
    void aHookThatThrowsIsAnswered500() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens).upgradeHook(request -> {
            throw new IllegalStateException("the session store is down");
        }).build());
        String response = upgradeResponse("");
        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
        assertTrue(opened.isEmpty());
    }

    @Test
    void aHookThatDecidesNullIsAnswered500() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens).upgradeHook(request -> null).build());
        String response = upgradeResponse("");
        assertTrue(response.startsWith("HTTP/1.1 500 "), response);
    }

    @Test
    void aHookMayPickAnyOfTheSubprotocolsTheClientOffered() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens).subprotocols("chat.v2", "chat.v1")
                .upgradeHook(request -> UpgradeDecision.accept().withSubprotocol("chat.v1")).build());
        String head = RawClient.head(server.port(),
                HandshakeText.request("/ws", "Sec-WebSocket-Protocol: chat.v2, chat.v1\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 101 "), head);
        assertEquals("chat.v1", HandshakeText.header(head, "Sec-WebSocket-Protocol"), "the hook's choice, not the endpoint's");
        assertEquals(1, head.split("Sec-WebSocket-Protocol:", -1).length - 1, "one value only (RFC 6455 §4.2.2): " + head);
        assertEquals("chat.v1", opened.poll(10, TimeUnit.SECONDS).subprotocol());
    }

    @Test
    void aSubprotocolTheClientDidNotOfferIsTheServersError() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens)
                .upgradeHook(request -> UpgradeDecision.accept().withSubprotocol("chat.v3")).build());
        String response = upgradeResponse("Sec-WebSocket-Protocol: chat.v1\r\n");
        assertTrue(response.startsWith("HTTP/1.1 500 "), "RFC 6455 §4.2.2: only an offered one may be chosen: " + response);
        assertTrue(opened.isEmpty());
    }

    @Test
    void aCompletedStageThatIsNotAFullFutureIsHonoured() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens).asyncUpgradeHook(request ->
                CompletableFuture.completedFuture(UpgradeDecision.accept("minimal")).minimalCompletionStage()).build());
        try (Wire wire = RawClient.upgrade(server.port(), "/ws", "")) {
            assertEquals("minimal", opened.poll(10, TimeUnit.SECONDS).attachment());
            wire.closeCleanly(1000, "");
        }
    }

    @Test
    void aMinimalStageStillUndecidedIsAwaited() throws Exception {
        CompletableFuture<UpgradeDecision> decision = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch asked = new java.util.concurrent.CountDownLatch(1);
        start(WebSocketEndpoint.builder(recordingOpens).asyncUpgradeHook(request -> {
            asked.countDown();
            return decision.minimalCompletionStage();
        }).build());
        CompletableFuture<Wire> connecting = CompletableFuture.supplyAsync(() -> {
            try {
                return RawClient.upgrade(server.port(), "/ws", "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(asked.await(10, TimeUnit.SECONDS));
        decision.complete(UpgradeDecision.accept("later"));
        try (Wire wire = connecting.get(10, TimeUnit.SECONDS)) {
            assertEquals("later", opened.poll(10, TimeUnit.SECONDS).attachment());
            wire.send(Frame.close(1000, ""));
            wire.expectClose(1000);
        }
    }

    @Test
    void aDecisionThatComesAfterTheUpgradeTimeoutIsDropped() throws Exception {
        CompletableFuture<UpgradeDecision> late = new CompletableFuture<>();
        start(WebSocketEndpoint.builder(recordingOpens).asyncUpgradeHook(request -> late)
                .upgradeTimeout(Duration.ofMillis(100)).build());
        String response = upgradeResponse("");
        assertTrue(response.startsWith("HTTP/1.1 503 "), response);
        late.complete(UpgradeDecision.accept()); // queued on the server's only loop...
        assertTrue(RawClient.exchange(server.port(), "GET /none HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                .startsWith("HTTP/1.1 404 ")); // ...so it ran before this request was served
        assertNull(opened.poll(), "no connection opened for the late decision");
        assertEquals(0, server.connections().size());
    }

    @Test
    void aDecisionIsAnAcceptanceOrARejectionWithAnErrorStatus() {
        assertThrows(IllegalArgumentException.class, () -> UpgradeDecision.reject(399, "not an error"));
        assertThrows(IllegalArgumentException.class, () -> UpgradeDecision.reject(600, "no such status"));
        assertThrows(IllegalArgumentException.class,
                () -> UpgradeDecision.reject(HttpResponse.builder(101).build()), "a rejection cannot switch protocols");
        UpgradeDecision rejection = UpgradeDecision.reject(401, "who are you?");
        assertEquals(401, rejection.rejection().status());
        assertThrows(IllegalStateException.class, () -> rejection.withSubprotocol("chat"));
        assertThrows(IllegalArgumentException.class, () -> WebSocketEndpoint.builder(recordingOpens)
                .upgradeTimeout(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketEndpoint.builder(recordingOpens)
                .upgradeTimeout(Duration.ofSeconds(-1)).build());
    }

    @Test
    void anEndpointThatAllowsSomeOriginsRefusesOthersWith403() throws Exception {
        start(WebSocketEndpoint.builder(recordingOpens).allowedOrigins("https://example.com").build());
        String refused = upgradeResponse("Origin: https://evil.example\r\n");
        assertTrue(refused.startsWith("HTTP/1.1 403 "), refused);
        try (Wire wire = RawClient.upgrade(server.port(), "/ws", "Origin: https://example.com\r\n")) {
            wire.closeCleanly(1000, "");
        }
    }
}
