package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.handshake.HttpField;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection options: validation up front, and how a redirect rewrites them. */
class ConnectOptionsTest {

    private static ConnectOptions withCredentials(String uri) {
        return ConnectOptions.builder(URI.create(uri))
                .header("Authorization", "Bearer t0ken")
                .header("Cookie", "session=1")
                .header("X-Client", "wsnio")
                .subprotocols("chat.v1")
                .build();
    }

    @Test
    void refusesWhatTheHandshakeCannotSend() {
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.of(URI.create("http://127.0.0.1/")));
        assertThrows(IllegalArgumentException.class, () -> ConnectOptions.of(URI.create("ws://127.0.0.1/#fragment")));
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.builder(URI.create("ws://127.0.0.1/")).header("Sec-WebSocket-Key", "x").build());
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.builder(URI.create("ws://127.0.0.1/")).header("Host", "elsewhere").build());
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.builder(URI.create("ws://127.0.0.1/")).header("Bad Name", "x").build());
        assertThrows(IllegalArgumentException.class,
                () -> ConnectOptions.builder(URI.create("ws://127.0.0.1/")).subprotocols("a", "a").build());
    }

    @Test
    void buildsTheRequestFromTheOptions() throws Exception {
        ConnectOptions options = ConnectOptions.builder(URI.create("ws://[::1]:9000/chat?room=1"))
                .header("Origin", "http://example.test")
                .subprotocols("chat.v2", "chat.v1")
                .localAddress(InetAddress.getByName("127.0.0.1"))
                .build();
        String request = new String(options.handshake(List.of()).requestBytes(), StandardCharsets.US_ASCII);
        assertTrue(request.startsWith("GET /chat?room=1 HTTP/1.1\r\nHost: [::1]:9000\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Protocol: chat.v2, chat.v1\r\n"), request);
        assertTrue(request.contains("\r\nOrigin: http://example.test\r\n"), request);
        assertEquals(InetAddress.getByName("127.0.0.1"), options.localAddress().orElseThrow());
    }

    @Test
    void usesTheDefaultPortsOfTheSchemes() {
        assertEquals(80, ConnectOptions.of(URI.create("ws://server.test/")).handshake(List.of()).uri().port());
        assertEquals(443, ConnectOptions.of(URI.create("wss://server.test/")).handshake(List.of()).uri().port());
        String request = new String(ConnectOptions.of(URI.create("wss://server.test/")).handshake(List.of())
                .requestBytes(), StandardCharsets.US_ASCII);
        assertTrue(request.contains("\r\nHost: server.test\r\n"), request);
    }

    @Test
    void followsARelativeLocationKeepingEverything() {
        ConnectOptions next = withCredentials("ws://127.0.0.1:8080/a/b").redirectedTo("c?x=1").orElseThrow();
        assertEquals(URI.create("ws://127.0.0.1:8080/a/c?x=1"), next.uri());
        assertEquals(3, next.headers().size());
        assertEquals(List.of("chat.v1"), next.subprotocols());
    }

    @Test
    void mapsHttpSchemesToWebSocketSchemes() {
        assertEquals(URI.create("ws://127.0.0.1:81/x"),
                withCredentials("ws://127.0.0.1/").redirectedTo("http://127.0.0.1:81/x").orElseThrow().uri());
        assertEquals(URI.create("wss://127.0.0.1/x"),
                withCredentials("ws://127.0.0.1/").redirectedTo("https://127.0.0.1/x").orElseThrow().uri());
    }

    @Test
    void dropsCredentialsWhenTheOriginChanges() {
        ConnectOptions next = withCredentials("ws://127.0.0.1/").redirectedTo("ws://server.test/").orElseThrow();
        assertEquals(List.of(new HttpField("X-Client", "wsnio")), next.headers());
        ConnectOptions otherPort = withCredentials("ws://127.0.0.1/").redirectedTo("ws://127.0.0.1:81/").orElseThrow();
        assertEquals(1, otherPort.headers().size());
    }

    @Test
    void neverFollowsFromTlsToPlainText() {
        assertTrue(withCredentials("wss://127.0.0.1/").redirectedTo("ws://127.0.0.1/").isEmpty());
        assertTrue(withCredentials("wss://127.0.0.1/").redirectedTo("http://127.0.0.1/").isEmpty());
    }

    @Test
    void ignoresUnusableLocations() {
        assertTrue(withCredentials("ws://127.0.0.1/").redirectedTo("ftp://127.0.0.1/").isEmpty());
        assertTrue(withCredentials("ws://127.0.0.1/").redirectedTo("ws://[broken").isEmpty());
        assertTrue(withCredentials("ws://127.0.0.1/").redirectedTo("mailto:someone@example.test").isEmpty());
    }
}
