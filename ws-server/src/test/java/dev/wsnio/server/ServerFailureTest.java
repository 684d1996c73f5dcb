package dev.wsnio.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.engine.EventLoop;
import dev.wsnio.engine.WebSocketConnection;
import dev.wsnio.testkit.wire.Frame;
import dev.wsnio.testkit.wire.RawClient;
import dev.wsnio.testkit.wire.Wire;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An {@link Error} anywhere the server runs code (a listener callback on a loop or on an
 * executor, a timer) stops the whole server visibly: every connection gets 1011, the listening
 * socket closes, {@code stopped()} fails with the error, {@code stop()} and {@code close()}
 * return, and no server thread is left to keep the process alive.
 */
class ServerFailureTest {

    private WebSocketServer server;
    private ExecutorService executor;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    /** Echoes text, and throws an out-of-memory error when told "boom". */
    private static final WebSocketListener BOMB = new WebSocketListener() {
        @Override
        public void onText(WebSocket socket, String text) {
            if (text.equals("boom")) {
                throw new OutOfMemoryError("injected");
            }
            socket.sendText(text);
        }
    };

    private WebSocketServer start(UnaryOperator<WebSocketServer.Builder> config) {
        server = config.apply(WebSocketServer.builder().eventLoops(2)).build().start();
        return server;
    }

    @Test
    void anErrorInACallbackOnALoopStopsTheWholeServer() throws Exception {
        start(builder -> builder.websocket("/ws", BOMB));
        try (Wire first = RawClient.upgrade(server.port(), "/ws", "");
             Wire second = RawClient.upgrade(server.port(), "/ws", "")) {
            second.send(Frame.text("alive"));
            second.expectText("alive");
            first.send(Frame.text("boom"));
            assertStoppedVisibly(first, second, "injected");
        }
    }

    @Test
    void anErrorInACallbackOnAnExecutorStopsTheWholeServerToo() throws Exception {
        executor = Executors.newFixedThreadPool(2);
        start(builder -> builder.callbackExecutor(executor).websocket("/ws", BOMB));
        try (Wire first = RawClient.upgrade(server.port(), "/ws", "");
             Wire second = RawClient.upgrade(server.port(), "/ws", "")) {
            first.send(Frame.text("boom"));
            assertStoppedVisibly(first, second, "injected");
        }
    }

    @Test
    void anErrorInATimerStopsTheWholeServer() throws Exception {
        start(builder -> builder.websocket("/ws", new WebSocketListener() {
            @Override
            public void onText(WebSocket socket, String text) {
                EventLoop loop = ((WebSocketConnection) socket).connection().loop();
                loop.schedule(TimeUnit.MILLISECONDS.toNanos(1), () -> {
                    throw new StackOverflowError("in a timer");
                });
            }
        }));
        try (Wire first = RawClient.upgrade(server.port(), "/ws", "");
             Wire second = RawClient.upgrade(server.port(), "/ws", "")) {
            first.send(Frame.text("arm"));
            assertStoppedVisibly(first, second, "in a timer");
        }
    }

    private void assertStoppedVisibly(Wire first, Wire second, String message) throws Exception {
        assertEquals(1011, first.readFrame().closeCode(), "the connection whose loop failed");
        assertEquals(1011, second.readFrame().closeCode(), "a connection of another loop");
        first.expectEndOfStream();
        second.expectEndOfStream();

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> server.stopped().get(10, TimeUnit.SECONDS));
        assertInstanceOf(Error.class, failed.getCause());
        assertEquals(message, failed.getCause().getMessage());
        assertTrue(refusesConnections(server.port()), "the listening socket is closed");

        server.stop(Duration.ofSeconds(1)); // returns, as close() does
        server.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (serverThreadsAlive() > 0) {
            assertTrue(System.nanoTime() - deadline < 0, serverThreadsAlive() + " server threads still alive");
            Thread.sleep(10);
        }
    }

    /** Whether connecting to the port is refused (soon: the guard only absorbs a slow close). */
    private static boolean refusesConnections(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            try (Socket accepted = new Socket("127.0.0.1", port)) {
                Thread.sleep(10);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                Thread.sleep(10);
            }
        }
        return false;
    }

    private static long serverThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("wsnio-server") && thread.isAlive())
                .count();
    }

    @Test
    void anErrorInTheAcceptorIsHandedOverAndEndsIt() throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            CompletableFuture<Throwable> handedOver = new CompletableFuture<>();
            Thread acceptor = new Thread(new Acceptor(listening, accepted -> {
                throw new OutOfMemoryError("in accept");
            }, handedOver::complete), "acceptor-under-test");
            acceptor.start();
            try (Socket client = new Socket("127.0.0.1", ((InetSocketAddress) listening.getLocalAddress()).getPort())) {
                assertEquals("in accept", handedOver.get(10, TimeUnit.SECONDS).getMessage());
            }
            acceptor.join(10_000);
            assertTrue(!acceptor.isAlive(), "the acceptor ended");
        }
    }
}
