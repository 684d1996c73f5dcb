package dev.wsnio.examples.connect;

import dev.wsnio.examples.PerMessageDeflateSetup;
import dev.wsnio.server.WebSocketEndpoint;
import dev.wsnio.server.WebSocketServer;
import dev.wsnio.ConnectionSettings;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A server for the terminal client's tests on {@code /ws}: greets, echoes with a prefix, and
 * obeys a few commands ({@code bye}: close 1000, {@code die}: drop the TCP connection,
 * {@code binary}: send three bytes, {@code big}: send a 2 MiB message); it records what it sees
 * as events a test awaits.
 */
final class ScriptedServer implements AutoCloseable {

    /** Larger than a client that accepts 1 MiB messages takes, within the server's send queue. */
    private static final int BIG_MESSAGE = 2 << 20;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final WebSocketServer server;

    private ScriptedServer(int port, SSLContext tls) {
        WebSocketServer.Builder builder = WebSocketServer.builder()
                .port(port)
                .websocket("/ws", WebSocketEndpoint.builder(new Script()).subprotocols("chat.v1")
                        .keepHeaders("X-Test").build())
                .settings(ConnectionSettings.DEFAULTS.withMaxQueuedBytes(4 * BIG_MESSAGE));
        if (tls != null) {
            builder.tls(tls);
        }
        server = PerMessageDeflateSetup.accept(builder).build().start();
    }

    /**
     * Starts a plain server.
     *
     * @param port the port, 0 for any
     * @return the running server
     */
    static ScriptedServer start(int port) {
        return new ScriptedServer(port, null);
    }

    /**
     * Starts a TLS server.
     *
     * @param tls the server's context
     * @return the running server
     */
    static ScriptedServer startTls(SSLContext tls) {
        return new ScriptedServer(0, tls);
    }

    /** The bound port. */
    int port() {
        return server.port();
    }

    /**
     * Waits for an event that starts with a prefix, skipping others.
     *
     * @param prefix e.g. {@code "text hello"}
     * @param timeout the longest wait
     * @return the whole event
     */
    String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no event starting with '" + prefix + "' within " + timeout.toMillis() + " ms");
            }
            if (event.startsWith(prefix)) {
                return event;
            }
        }
    }

    /**
     * Stops with closing handshakes (1001 to every connection).
     */
    void stopGracefully() {
        server.stop(Duration.ofSeconds(2));
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Script implements WebSocketListener {
        @Override
        public void onOpen(WebSocket socket) {
            // Greet first, then tell the test: a test that stops the server once it sees "open"
            // must find the greeting already queued, or the stop's 1001 may go out before it.
            socket.sendText("welcome");
            events.add("open header=" + socket.request().header("X-Test").orElse("-")
                    + " subprotocol=" + (socket.subprotocol().isEmpty() ? "-" : socket.subprotocol())
                    + " extensions=" + (socket.extensions().isEmpty() ? "-" : socket.extensions()));
        }

        @Override
        public void onText(WebSocket socket, String text) {
            events.add("text " + text);
            switch (text) {
                case "bye" -> socket.close(1000, "bye");
                case "die" -> socket.abort();
                case "binary" -> socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
                case "big" -> socket.sendBinary(ByteBuffer.allocate(BIG_MESSAGE));
                default -> socket.sendText("echo: " + text);
            }
        }

        @Override
        public void onPing(WebSocket socket, ByteBuffer data) {
            events.add("ping");
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason) {
            events.add("close " + code);
        }
    }
}
