package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocketListener;
import dev.wsnio.handshake.HeadLimits;
import dev.wsnio.testkit.wire.RawClient;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server's life from outside: started once, a port that is taken, stopped before it ever
 * started, a request answered while it stops, and the builder refusing what cannot work.
 */
@Timeout(60)
class ServerLifecycleTest {

    private static final WebSocketListener NOTHING = new WebSocketListener() {
    };

    @Test
    void aServerStartsOnce() {
        try (WebSocketServer server = WebSocketServer.builder().build().start()) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, server::start);
            assertEquals("already started", refused.getMessage());
        }
    }

    @Test
    void aPortThatIsTakenIsReportedWithTheAddress() {
        try (WebSocketServer first = WebSocketServer.builder().build().start()) {
            WebSocketServer second = WebSocketServer.builder().port(first.port()).build();
            UncheckedIOException refused = assertThrows(UncheckedIOException.class, second::start);
            assertEquals("cannot listen on 127.0.0.1:" + first.port(), refused.getMessage());
            assertEquals(-1, second.port(), "it never listened");
            second.close();
            assertTrue(second.stopped().isDone());
        }
    }

    @Test
    void aServerStoppedBeforeItStartedIsStopped() throws Exception {
        WebSocketServer stopped = WebSocketServer.builder().build();
        stopped.stop(Duration.ofSeconds(1));
        stopped.stopped().get(10, TimeUnit.SECONDS);
        WebSocketServer closed = WebSocketServer.builder().build();
        closed.close();
        closed.stopped().get(10, TimeUnit.SECONDS);
        assertEquals(-1, closed.port());
    }

    @Test
    void aRequestAnsweredWhileTheServerStopsEndsItsConnection() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch stopping = new CountDownLatch(1);
        WebSocketServer server = WebSocketServer.builder().eventLoops(1).http("/slow", request -> {
            handling.countDown();
            try {
                stopping.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HttpResponse.builder(200).textBody("done").build();
        }).build().start();
        try (Socket client = RawClient.connect(server.port())) {
            client.getOutputStream().write("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertTrue(handling.await(10, TimeUnit.SECONDS));
            Thread stopper = new Thread(() -> server.stop(Duration.ofSeconds(5)));
            stopper.start();
            while (!server.isStopping()) { // stop() raises the flag first, then waits for the loop
                Thread.onSpinWait();
            }
            stopping.countDown();
            String response = new String(client.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            assertTrue(response.contains("\r\nConnection: close\r\n"), "not kept alive by a stopping server: " + response);
            assertTrue(response.endsWith("done"), response);
            stopper.join(10_000);
        }
        server.stopped().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theBuilderRefusesWhatCannotWork() {
        WebSocketServer.Builder builder = WebSocketServer.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.port(-1));
        assertThrows(IllegalArgumentException.class, () -> builder.port(65_536));
        assertThrows(IllegalArgumentException.class, () -> builder.http("hello", request -> null));
        assertThrows(IllegalArgumentException.class, () -> builder.websocket("ws", NOTHING));
        for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThrows(IllegalArgumentException.class, () -> builder.handshakeTimeout(bad));
            assertThrows(IllegalArgumentException.class, () -> builder.requestBodyTimeout(bad));
            assertThrows(IllegalArgumentException.class, () -> builder.responseWriteTimeout(bad));
            assertThrows(IllegalArgumentException.class, () -> builder.keepAliveTimeout(bad));
        }
        assertThrows(IllegalArgumentException.class, () -> Audience.topic(""), "a topic has a name");
    }

    @Test
    void theRequestLimitsAreTheOnesConfigured() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder()
                .http("/echo", request -> HttpResponse.builder(200).textBody(request.bodyText()).build())
                .maxRequestBodyBytes(4)
                .headLimits(new HeadLimits(512, 512, 5))
                .build().start()) {
            String fits = RawClient.exchange(server.port(),
                    "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nConnection: close\r\n\r\nabcd");
            assertTrue(fits.startsWith("HTTP/1.1 200 ") && fits.endsWith("abcd"), fits);
            String tooLarge = RawClient.exchange(server.port(),
                    "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nabcde");
            assertTrue(tooLarge.startsWith("HTTP/1.1 413 "), tooLarge);
            String manyFields = RawClient.exchange(server.port(),
                    "GET /echo HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n");
            assertTrue(manyFields.startsWith("HTTP/1.1 431 "), manyFields);
            assertFalse(server.stopped().isDone());
        }
    }
}
