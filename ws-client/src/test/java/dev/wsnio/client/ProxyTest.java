package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.SelfSignedCertificate;
import dev.wsnio.testkit.wire.RawServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections through an HTTP proxy with CONNECT (RFC 9110 §9.3.6), with and without Basic credentials. */
class ProxyTest {

    private static final Function<String, String> SAME_HOST = host -> host;

    private final RecordingListener events = new RecordingListener();
    private final WebSocketServer server = new EchoServer().builder().build().start();
    private TestProxy proxy;

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (proxy != null) {
            proxy.close();
        }
    }

    private WebSocketClient through(HttpProxy httpProxy) {
        return WebSocketClient.builder().eventLoops(1).proxy(httpProxy).build();
    }

    private void assertEchoes(WebSocket socket) throws Exception {
        events.next(Kind.OPEN);
        socket.sendText("through the tunnel");
        assertEquals("through the tunnel", events.next(Kind.TEXT).text());
    }

    @Test
    void tunnelsThroughTheProxy() throws Exception {
        proxy = new TestProxy(null, SAME_HOST);
        try (WebSocketClient client = through(HttpProxy.of("127.0.0.1", proxy.port()))) {
            assertEchoes(client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS));
        }
        String request = proxy.requests().get(0);
        assertTrue(request.startsWith("CONNECT 127.0.0.1:" + server.port() + " HTTP/1.1\r\n"), request);
        assertEquals("127.0.0.1:" + server.port(), RawServer.Peer.header(request, "Host"));
        assertEquals(null, RawServer.Peer.header(request, "Proxy-Authorization"));
    }

    @Test
    void leavesTheServerNameToTheProxy() throws Exception {
        // Only the proxy knows this name: the client must not try to resolve it.
        proxy = new TestProxy(null, host -> host.equals("known-to-proxy.example") ? "127.0.0.1" : host);
        try (WebSocketClient client = through(HttpProxy.of("127.0.0.1", proxy.port()))) {
            URI uri = URI.create("ws://known-to-proxy.example:" + server.port() + "/echo");
            assertEchoes(client.connect(uri, events).get(10, TimeUnit.SECONDS));
        }
        assertTrue(proxy.requests().get(0).startsWith("CONNECT known-to-proxy.example:" + server.port() + " "));
    }

    @Test
    void sendsBasicCredentials() throws Exception {
        proxy = new TestProxy("Basic dXNlcjpwYXNz", SAME_HOST); // user:pass
        try (WebSocketClient client = through(HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("user", "pass"))) {
            assertEchoes(client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void reportsMissingCredentialsAs407() throws Exception {
        proxy = new TestProxy("Basic dXNlcjpwYXNz", SAME_HOST);
        try (WebSocketClient client = through(HttpProxy.of("127.0.0.1", proxy.port()).withCredentials("user", "wrong"))) {
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> client.connect(EchoServer.uri(server, "/echo"), events).get(10, TimeUnit.SECONDS));
            HandshakeResponseException error = assertInstanceOf(HandshakeResponseException.class, thrown.getCause());
            assertEquals(Reason.PROXY_AUTHENTICATION_REQUIRED, error.reason());
            assertEquals(407, error.status());
            assertEquals("Basic realm=\"wsnio\"", error.headers().first("Proxy-Authenticate").orElseThrow());
        }
    }

    @Test
    void reportsAProxyThatCannotReachTheServer() throws Exception {
        proxy = new TestProxy(null, SAME_HOST);
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (WebSocketClient client = through(HttpProxy.of("127.0.0.1", proxy.port()))) {
            ExecutionException thrown = assertThrows(ExecutionException.class,
                    () -> client.connect(URI.create("ws://127.0.0.1:" + closedPort + "/"), events)
                            .get(10, TimeUnit.SECONDS));
            HandshakeResponseException error = assertInstanceOf(HandshakeResponseException.class, thrown.getCause());
            assertEquals(Reason.PROXY_REFUSED, error.reason());
            assertEquals(502, error.status());
        }
    }

    @Test
    void speaksTlsToTheServerThroughTheTunnel(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        proxy = new TestProxy(null, SAME_HOST);
        try (WebSocketServer secure = new EchoServer().builder().tls(certificate.serverContext()).build().start();
             WebSocketClient client = WebSocketClient.builder().eventLoops(1)
                     .proxy(HttpProxy.of("127.0.0.1", proxy.port()))
                     .tls(certificate.trustingClientContext()).build()) {
            URI uri = URI.create("wss://127.0.0.1:" + secure.port() + "/echo");
            assertEchoes(client.connect(uri, events).get(10, TimeUnit.SECONDS));
        }
    }
}
