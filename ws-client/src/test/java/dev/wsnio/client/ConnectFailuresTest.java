package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.client.RecordingListener.Kind;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.testkit.wire.RawServer;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Attempts that fail before the WebSocket opens, each with its own reason; and redirects. */
class ConnectFailuresTest {

    private final WebSocketClient client = WebSocketClient.builder().eventLoops(1).build();
    private final RecordingListener events = new RecordingListener();
    private RawServer raw;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (raw != null) {
            raw.close();
        }
    }

    private static WebSocketConnectException failure(CompletableFuture<WebSocket> attempt) {
        ExecutionException thrown = assertThrows(ExecutionException.class, () -> attempt.get(10, TimeUnit.SECONDS));
        return assertInstanceOf(WebSocketConnectException.class, thrown.getCause());
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @Test
    void reportsARefusedConnection() throws Exception {
        URI uri = URI.create("ws://127.0.0.1:" + closedPort() + "/");
        WebSocketConnectException error = failure(client.connect(uri, events));
        assertEquals(Reason.CONNECTION_REFUSED, error.reason());
        assertEquals(uri, error.uri());
        assertNull(events.poll(0));
    }

    @Test
    void reportsANameThatDoesNotResolve() throws Exception {
        // Only the names of src/test/hosts/hosts resolve in these tests: no DNS query is made.
        WebSocketConnectException error = failure(client.connect(URI.create("ws://no-such-host.test/"), events));
        assertEquals(Reason.DNS_FAILURE, error.reason());
        assertInstanceOf(UnknownHostException.class, error.getCause());
    }

    @Test
    void timesOutAConnectThatDoesNotComplete() throws Exception {
        // A proxy that accepts and never answers: the tunnel is part of the connect timeout.
        raw = new RawServer(peer -> peer.awaitEndOfStream(10_000));
        try (WebSocketClient impatient = WebSocketClient.builder().eventLoops(1)
                .proxy(HttpProxy.of("127.0.0.1", raw.port()))
                .connectTimeout(Duration.ofMillis(200)).build()) {
            long start = System.nanoTime();
            WebSocketConnectException error = failure(impatient.connect(URI.create("ws://server.test:1/"), events));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(Reason.CONNECT_TIMEOUT, error.reason());
            assertTrue(millis >= 190 && millis < 3000, "timed out after " + millis + " ms");
        }
    }

    @Test
    void cancellingAnAttemptAbandonsIt() throws Exception {
        CompletableFuture<Void> requestRead = new CompletableFuture<>();
        CompletableFuture<Boolean> hungUp = new CompletableFuture<>();
        raw = new RawServer(peer -> {
            peer.readHead();
            requestRead.complete(null);
            hungUp.complete(peer.awaitEndOfStream(5000));
        });
        CompletableFuture<WebSocket> attempt = client.connect(raw.uri("/"), events);
        requestRead.get(5, TimeUnit.SECONDS); // the attempt now awaits the upgrade response
        assertTrue(attempt.cancel(false));
        assertTrue(hungUp.get(5, TimeUnit.SECONDS), "the client closed its half-done connection");
        assertThrows(CancellationException.class, attempt::join);
        assertNull(events.poll(100));
    }

    @Test
    void closingTheClientFailsAttemptsInProgress() throws Exception {
        raw = new RawServer(peer -> {
            peer.readHead();
            peer.awaitEndOfStream(5000);
        });
        CompletableFuture<WebSocket> attempt = client.connect(raw.uri("/"), events);
        client.close();
        assertEquals(Reason.CANCELLED, failure(attempt).reason());
        assertEquals(Reason.CANCELLED, failure(client.connect(raw.uri("/"), events)).reason());
        assertTrue(client.isClosed());
    }

    // ------------------------------------------------------------- redirects

    private RawServer redirectingTo(String location) throws Exception {
        return new RawServer(peer -> {
            peer.readHead();
            peer.send("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
            peer.awaitEndOfStream(5000);
        });
    }

    @Test
    void reportsARedirectWithItsLocationWithoutFollowingIt() throws Exception {
        raw = redirectingTo("ws://127.0.0.1:1/elsewhere");
        HandshakeResponseException error = assertInstanceOf(HandshakeResponseException.class,
                failure(client.connect(raw.uri("/"), events)));
        assertEquals(Reason.REDIRECT, error.reason());
        assertEquals(302, error.status());
        assertEquals("ws://127.0.0.1:1/elsewhere", error.location().orElseThrow());
    }

    @Test
    void followsRedirectsWhenAskedTo() throws Exception {
        EchoServer echo = new EchoServer();
        try (WebSocketServer target = echo.builder().build().start();
             WebSocketClient following = WebSocketClient.builder().eventLoops(1).followRedirects(2).build()) {
            raw = redirectingTo("http://127.0.0.1:" + target.port() + "/echo?via=redirect");
            WebSocket socket = following.connect(raw.uri("/start"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertEquals("redirect", socket.request().queryParameter("via").orElseThrow());
            socket.sendText("arrived");
            assertEquals("arrived", events.next(Kind.TEXT).text());
        }
    }

    @Test
    void stopsFollowingAfterTheHopLimit() throws Exception {
        raw = redirectingTo("/again"); // relative: back to itself, forever
        try (WebSocketClient following = WebSocketClient.builder().eventLoops(1).followRedirects(3).build()) {
            WebSocketConnectException error = failure(following.connect(raw.uri("/"), events));
            assertEquals(Reason.REDIRECT, error.reason());
            assertEquals(raw.uri("/again"), error.uri());
        }
    }

    @Test
    void doesNotFollowARedirectToAnUnusableLocation() throws Exception {
        raw = redirectingTo("ftp://127.0.0.1/file");
        try (WebSocketClient following = WebSocketClient.builder().eventLoops(1).followRedirects(3).build()) {
            HandshakeResponseException error = assertInstanceOf(HandshakeResponseException.class,
                    failure(following.connect(raw.uri("/"), events)));
            assertEquals(Reason.REDIRECT, error.reason());
            assertEquals("ftp://127.0.0.1/file", error.location().orElseThrow());
        }
    }

    // ------------------------------------------------------------- proxies that misbehave

    /** A proxy that reads the CONNECT request and answers with these bytes, then waits. */
    private RawServer proxyAnswering(String answer) throws Exception {
        return new RawServer(peer -> {
            peer.readHead();
            if (!answer.isEmpty()) {
                peer.send(answer);
                peer.awaitEndOfStream(5000);
            }
        });
    }

    private WebSocketConnectException failureThrough(RawServer proxy) throws Exception {
        try (WebSocketClient proxied = WebSocketClient.builder().eventLoops(1)
                .proxy(HttpProxy.of("127.0.0.1", proxy.port())).build()) {
            return failure(proxied.connect(URI.create("ws://127.0.0.1:1/"), events));
        }
    }

    @Test
    void refusesAMalformedAnswerToConnect() throws Exception {
        raw = proxyAnswering("HTTP/1.1 two hundred OK\r\n\r\n");
        WebSocketConnectException error = failureThrough(raw);
        assertEquals(Reason.PROXY_REFUSED, error.reason());
        assertTrue(error.getMessage().contains("malformed answer to CONNECT"), error.getMessage());
    }

    @Test
    void refusesAProxyThatSendsBytesBeforeTheTunnelIsUsed() throws Exception {
        // nothing may come from the server before the client's handshake: these bytes are the proxy's
        raw = proxyAnswering("HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.1 101 Switching Protocols\r\n");
        WebSocketConnectException error = failureThrough(raw);
        assertEquals(Reason.PROXY_REFUSED, error.reason());
        assertTrue(error.getMessage().contains("bytes after its answer"), error.getMessage());
    }

    @Test
    void reportsAProxyThatClosesWithoutAnswering() throws Exception {
        raw = proxyAnswering(""); // reads the request and closes
        WebSocketConnectException error = failureThrough(raw);
        assertEquals(Reason.CONNECTION_FAILED, error.reason());
        assertTrue(error.getMessage().contains("before answering"), error.getMessage());
    }

    @Test
    void reportsARefusedProxyByItsAddress() throws Exception {
        int closed = closedPort();
        try (WebSocketClient proxied = WebSocketClient.builder().eventLoops(1)
                .proxy(HttpProxy.of("127.0.0.1", closed)).build()) {
            WebSocketConnectException error = failure(proxied.connect(URI.create("ws://server.test:1/"), events));
            assertEquals(Reason.CONNECTION_REFUSED, error.reason());
            assertTrue(error.getMessage().contains("the proxy 127.0.0.1:" + closed), error.getMessage());
        }
    }

    @Test
    void assemblesAnAnswerToConnectThatArrivesInPieces() throws Exception {
        // The "proxy" answers CONNECT in two writes, then plays the server itself.
        raw = new RawServer(peer -> {
            peer.readHead();
            peer.send("HTTP/1.1 200 Connection");
            Thread.sleep(50); // lets the client read the first piece alone
            peer.send(" established\r\n\r\n");
            peer.handshake();
            peer.awaitEndOfStream(5000);
        });
        try (WebSocketClient proxied = WebSocketClient.builder().eventLoops(1)
                .proxy(HttpProxy.of("127.0.0.1", raw.port())).build()) {
            WebSocket socket = proxied.connect(URI.create("ws://server.test:1/"), events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertTrue(socket.isOpen());
        }
    }

    @Test
    void triesTheNextAddressOfANameWhenOneRefuses() throws Exception {
        // two.test is 127.0.0.2 (nothing listens there) and then 127.0.0.1 (src/test/hosts/hosts)
        raw = new RawServer(peer -> {
            peer.handshake();
            peer.awaitEndOfStream(5000);
        });
        WebSocket socket = client.connect(URI.create("ws://two.test:" + raw.port() + "/"), events)
                .get(10, TimeUnit.SECONDS);
        events.next(Kind.OPEN);
        assertEquals(InetAddress.getByName("127.0.0.1"), socket.remoteAddress().getAddress());
    }

    @Test
    void reportsARefusalWhenEveryAddressOfANameRefuses() throws Exception {
        // two.test is 127.0.0.2 and 127.0.0.1: nothing listens on this port at either
        int closed = closedPort();
        WebSocketConnectException error = failure(client.connect(URI.create("ws://two.test:" + closed + "/"), events));
        assertEquals(Reason.CONNECTION_REFUSED, error.reason());
        assertInstanceOf(ConnectException.class, error.getCause());
        assertTrue(error.getMessage().contains("refused by two.test:" + closed), error.getMessage());
        assertEquals(0, client.connectingGate().busyKeys(), "the gate is left for every address tried");
    }

    @Test
    void triesTheNextAddressWhenOneIsUnreachableFromTheLocalAddress() throws Exception {
        // mixed.test is 127.0.0.1 and then ::1. Bound to ::1, the socket cannot reach 127.0.0.1
        // (the system says "network unreachable", not "refused"): that address fails, and the
        // attempt goes on to ::1, where the server listens.
        EchoServer echo = new EchoServer();
        try (WebSocketServer v6 = echo.builder().host("::1").build().start()) {
            ConnectOptions fromIpv6 = ConnectOptions.builder(URI.create("ws://mixed.test:" + v6.port() + "/echo"))
                    .localAddress(InetAddress.getByName("::1")).build();
            WebSocket socket = client.connect(fromIpv6, events).get(10, TimeUnit.SECONDS);
            events.next(Kind.OPEN);
            assertEquals(InetAddress.getByName("::1"), socket.remoteAddress().getAddress());
        }
    }

    @Test
    void reportsAFailureThatIsNotARefusalAsSuchOnceEveryAddressFailed() throws Exception {
        // Bound to ::1, the socket reaches neither address of two.test (both IPv4)
        AtomicInteger accepted = new AtomicInteger();
        raw = new RawServer(peer -> {
            accepted.incrementAndGet();
            peer.handshake();
            peer.awaitEndOfStream(5000);
        });
        ConnectOptions fromIpv6 = ConnectOptions.builder(URI.create("ws://two.test:" + raw.port() + "/"))
                .localAddress(InetAddress.getByName("::1")).build();
        WebSocketConnectException error = failure(client.connect(fromIpv6, events));
        assertEquals(Reason.CONNECTION_FAILED, error.reason());
        assertInstanceOf(SocketException.class, error.getCause());
        assertFalse(error.getCause() instanceof ConnectException, String.valueOf(error.getCause()));
        assertTrue(error.getMessage().contains("cannot connect to two.test:" + raw.port()), error.getMessage());
        assertEquals(0, accepted.get(), "no connection reached the server");
        assertEquals(0, client.connectingGate().busyKeys());
    }

    @Test
    void aTlsServerThatNeverAnswersTimesOutTheHandshakeAndSaysSo() throws Exception {
        raw = new RawServer(peer -> peer.awaitEndOfStream(10_000)); // reads the ClientHello, answers nothing
        try (WebSocketClient impatient = WebSocketClient.builder().eventLoops(1)
                .handshakeTimeout(Duration.ofMillis(300)).build()) {
            WebSocketConnectException error = failure(impatient.connect(
                    URI.create("wss://127.0.0.1:" + raw.port() + "/"), events));
            assertEquals(Reason.HANDSHAKE_TIMEOUT, error.reason());
            assertTrue(error.getMessage().contains("no TLS handshake and upgrade response"), error.getMessage());
        }
    }
}
