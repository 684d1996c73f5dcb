package dev.wsnio.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.testkit.wire.RawServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 §4.1: "There MUST be no more than one connection in a CONNECTING state" to one
 * server address; later attempts wait until it is established or has failed.
 */
class OneConnectingPerHostTest {

    /** A server that answers each handshake only when the test releases it. */
    private static RawServer gatedServer(Semaphore answers, AtomicInteger accepted, CountDownLatch firstArrived) throws Exception {
        return new RawServer(peer -> {
            accepted.incrementAndGet();
            firstArrived.countDown();
            answers.acquire();
            peer.handshake();
            peer.in.read(); // hold the connection until the client closes
        });
    }

    @Test
    void secondHandshakeWaitsUntilTheFirstIsEstablished() throws Exception {
        Semaphore answers = new Semaphore(0);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch firstArrived = new CountDownLatch(1);
        try (RawServer server = gatedServer(answers, accepted, firstArrived);
             WebSocketClient client = WebSocketClient.builder().eventLoops(2).build()) {
            CompletableFuture<WebSocket> first = client.connect(server.uri("/"), new WebSocketListener() { });
            assertTrue(firstArrived.await(5, TimeUnit.SECONDS));
            CompletableFuture<WebSocket> second = client.connect(server.uri("/"), new WebSocketListener() { });
            // While the first is CONNECTING the second must not even open its TCP connection:
            // it waits at the gate (polled until it gets there, at most 5 s).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.connectingGate().waitingAttempts() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, client.connectingGate().waitingAttempts(), "the second attempt waits its turn");
            assertFalse(second.isDone());
            assertEquals(1, accepted.get(), "and has not connected");
            answers.release();
            first.get(5, TimeUnit.SECONDS);
            answers.release();
            second.get(5, TimeUnit.SECONDS);
            assertEquals(2, accepted.get());
            assertEquals(0, client.connectingGate().busyKeys());
        }
    }

    @Test
    void anAttemptCancelledWhileWaitingItsTurnNeverConnects() throws Exception {
        Semaphore answers = new Semaphore(0);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch firstArrived = new CountDownLatch(1);
        try (RawServer server = gatedServer(answers, accepted, firstArrived);
             WebSocketClient client = WebSocketClient.builder().eventLoops(2).build()) {
            CompletableFuture<WebSocket> first = client.connect(server.uri("/"), new WebSocketListener() { });
            assertTrue(firstArrived.await(5, TimeUnit.SECONDS));
            CompletableFuture<WebSocket> second = client.connect(server.uri("/"), new WebSocketListener() { });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.connectingGate().waitingAttempts() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, client.connectingGate().waitingAttempts());

            second.cancel(false);

            // the attempt leaves the queue on its loop (polled until it has, at most 5 s)
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (client.connectingGate().waitingAttempts() != 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(0, client.connectingGate().waitingAttempts(), "the cancelled attempt left the queue");
            answers.release();
            first.get(5, TimeUnit.SECONDS);
            assertEquals(1, accepted.get(), "the cancelled attempt never opened a connection");
            assertEquals(0, client.connectingGate().busyKeys());
        }
    }

    @Test
    void anAttemptWhoseConnectTimeoutEndsWhileItWaitsItsTurnFailsAndNeverConnects() throws Exception {
        Semaphore answers = new Semaphore(0);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch firstArrived = new CountDownLatch(1);
        try (RawServer server = gatedServer(answers, accepted, firstArrived);
             WebSocketClient client = WebSocketClient.builder().eventLoops(1)
                     .connectTimeout(Duration.ofMillis(300)).build()) {
            CompletableFuture<WebSocket> first = client.connect(server.uri("/"), new WebSocketListener() { });
            assertTrue(firstArrived.await(5, TimeUnit.SECONDS)); // connected: now in its handshake
            CompletableFuture<WebSocket> second = client.connect(server.uri("/"), new WebSocketListener() { });

            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> second.get(5, TimeUnit.SECONDS));

            assertEquals(Reason.CONNECT_TIMEOUT,
                    assertInstanceOf(WebSocketConnectException.class, timedOut.getCause()).reason());
            answers.release();
            first.get(5, TimeUnit.SECONDS);
            assertEquals(1, accepted.get(), "the attempt that timed out never opened a connection");
            assertEquals(0, client.connectingGate().waitingAttempts());
        }
    }

    @Test
    void aFailedAttemptLetsTheNextOneGo() throws Exception {
        try (RawServer refusing = new RawServer(peer -> peer.out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes()));
             WebSocketClient client = WebSocketClient.builder().build()) {
            List<CompletableFuture<WebSocket>> attempts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                attempts.add(client.connect(refusing.uri("/"), new WebSocketListener() { }));
            }
            for (CompletableFuture<WebSocket> attempt : attempts) {
                assertTrue(attempt.handle((socket, error) -> error != null).get(5, TimeUnit.SECONDS));
            }
            assertEquals(0, client.connectingGate().busyKeys());
        }
    }

    @Test
    void loadToolsMayOptOut() throws Exception {
        Semaphore answers = new Semaphore(0);
        AtomicInteger accepted = new AtomicInteger();
        CountDownLatch bothArrived = new CountDownLatch(2);
        try (RawServer server = new RawServer(peer -> {
                 accepted.incrementAndGet();
                 bothArrived.countDown();
                 answers.acquire();
                 peer.handshake();
                 peer.in.read();
             });
             WebSocketClient client = WebSocketClient.builder().concurrentHandshakesPerHost().build()) {
            CompletableFuture<WebSocket> first = client.connect(server.uri("/"), new WebSocketListener() { });
            CompletableFuture<WebSocket> second = client.connect(server.uri("/"), new WebSocketListener() { });
            assertTrue(bothArrived.await(5, TimeUnit.SECONDS), "both handshakes in flight at once");
            answers.release(2);
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGateLetsTheWaitingAttemptsInOneAtATimeAndALeaveCountsOnce() {
        // The gate by itself, on the test's thread: its turns run on the thread that leaves.
        ConnectingGate gate = new ConnectingGate(true);
        List<String> turns = new ArrayList<>();
        ConnectingGate.Ticket first = gate.enter("127.0.0.1:80", () -> turns.add("first"));
        ConnectingGate.Ticket second = gate.enter("127.0.0.1:80", () -> turns.add("second"));
        ConnectingGate.Ticket third = gate.enter("127.0.0.1:80", () -> turns.add("third"));
        ConnectingGate.Ticket elsewhere = gate.enter("127.0.0.1:81", () -> turns.add("elsewhere"));
        assertEquals(List.of("first", "elsewhere"), turns, "one in CONNECTING per key; other keys go at once");
        assertEquals(2, gate.waitingAttempts());

        first.leave();
        assertEquals(List.of("first", "elsewhere", "second"), turns);
        first.leave(); // a second leave must not let the third in while the second is CONNECTING
        assertEquals(List.of("first", "elsewhere", "second"), turns);
        assertEquals(1, gate.waitingAttempts());

        second.leave();
        assertEquals(List.of("first", "elsewhere", "second", "third"), turns);
        third.leave();
        elsewhere.leave();
        assertEquals(0, gate.busyKeys(), "no key is held once everyone has left");
        assertEquals(0, gate.waitingAttempts());
    }
}
