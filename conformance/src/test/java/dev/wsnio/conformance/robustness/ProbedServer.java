package dev.wsnio.conformance.robustness;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.conformance.testee.Behaviour;
import dev.wsnio.conformance.testee.ForwardingListener;
import dev.wsnio.conformance.testee.TesteeListener;
import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.server.WebSocketServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An echo server on one event loop, instrumented for the robustness tests: it counts opened
 * and closed connections and reaches its loop (through an open connection, as the engine's
 * {@link WebSocketConnection} exposes it) to check that nothing is left behind: no TCP
 * connection, no WebSocket, no registered channel, no live timer.
 */
final class ProbedServer implements AutoCloseable {

    private final WebSocketServer server;
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private final AtomicInteger closedTwice = new AtomicInteger();
    private volatile EventLoop loop;

    ProbedServer(UnaryOperator<WebSocketServer.Builder> config) {
        this(config, new TesteeListener(Behaviour.ECHO));
    }

    ProbedServer(UnaryOperator<WebSocketServer.Builder> config, WebSocketListener application) {
        server = config.apply(WebSocketServer.builder().eventLoops(1)
                .websocket("/echo", new Counting(application))).build().start();
    }

    int port() {
        return server.port();
    }

    WebSocketServer server() {
        return server;
    }

    int opened() {
        return opened.get();
    }

    int closed() {
        return closed.get();
    }

    /** The server's event loop; known once a connection has opened. */
    EventLoop loop() {
        if (loop == null) {
            throw new IllegalStateException("no connection has opened yet");
        }
        return loop;
    }

    /**
     * Waits until everything is released: no TCP connection, no WebSocket, every opened
     * connection told {@code onClose} exactly once, and (once the loop is known) no channel
     * registered with it and no timer still to run.
     *
     * @param within how long to wait
     * @throws AssertionError with what is still held
     */
    void awaitReleased(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        String held;
        while (!(held = held()).isEmpty()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("still held after " + within.toMillis() + " ms: " + held);
            }
            pause();
        }
        if (closedTwice.get() != 0) {
            throw new AssertionError(closedTwice.get() + " connections got onClose twice");
        }
    }

    private String held() {
        StringBuilder held = new StringBuilder();
        if (server.tcpConnectionCount() != 0) {
            held.append(server.tcpConnectionCount()).append(" TCP connections; ");
        }
        if (!server.connections().isEmpty()) {
            held.append(server.connections().size()).append(" WebSockets; ");
        }
        if (closed.get() != opened.get()) {
            held.append(opened.get() - closed.get()).append(" connections without onClose; ");
        }
        if (loop != null) {
            int[] loopState = onLoop();
            if (loopState[0] != 0) {
                held.append(loopState[0]).append(" registered channels; ");
            }
            if (loopState[1] != 0) {
                held.append(loopState[1]).append(" live timers; ");
            }
        }
        return held.toString();
    }

    /** Registered channels and live timers, read on the loop's thread. */
    private int[] onLoop() {
        CompletableFuture<int[]> state = new CompletableFuture<>();
        loop.execute(() -> state.complete(new int[] {loop.registeredChannels(), loop.activeTimers()}));
        try {
            return state.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the event loop did not answer", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /** Counts around the application's listener and remembers the loop. */
    private final class Counting extends ForwardingListener {

        Counting(WebSocketListener application) {
            super(application);
        }

        @Override
        public void onOpen(WebSocket socket) {
            loop = ((WebSocketConnection) socket).connection().loop();
            opened.incrementAndGet();
            super.onOpen(socket);
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            if (socket.attachment() != null) {
                closedTwice.incrementAndGet();
            }
            socket.attach(Boolean.TRUE);
            closed.incrementAndGet();
            super.onClose(socket, code, reason);
        }
    }
}
