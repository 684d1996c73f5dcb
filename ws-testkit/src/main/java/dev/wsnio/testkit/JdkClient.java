package dev.wsnio.testkit;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests on the JDK's own implementation ({@code java.net.http}): an
 * independent peer for our servers. What it receives queues up for the test to take in order:
 * whole text messages as {@code String}, whole binary messages as {@code byte[]}, pongs as
 * {@link Pong}. The server's close is reported by {@link #awaitClose}.
 */
public final class JdkClient implements AutoCloseable {

    /** How long every send and every wait lasts at most unless a test says otherwise. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final Collector collector;

    private JdkClient(WebSocket socket, Collector collector) {
        this.socket = socket;
        this.collector = collector;
    }

    /**
     * A pong the client received.
     *
     * @param data its application data
     */
    public record Pong(byte[] data) {
    }

    /**
     * Opens a connection, offering the given subprotocols.
     *
     * @param uri the {@code ws://} address
     * @param subprotocols the subprotocols to offer, most preferred first
     * @return the open client
     * @throws Exception when the handshake fails or times out (an {@code ExecutionException}
     *     whose cause says why)
     */
    public static JdkClient connect(URI uri, String... subprotocols) throws Exception {
        return connect(HTTP, uri, subprotocols);
    }

    /**
     * Opens a connection through a given HTTP client (one with a TLS context for {@code wss://}).
     *
     * @param http the JDK's HTTP client to build the WebSocket with
     * @param uri the {@code ws://} or {@code wss://} address
     * @param subprotocols the subprotocols to offer, most preferred first
     * @return the open client
     * @throws Exception when the handshake fails or times out
     */
    public static JdkClient connect(HttpClient http, URI uri, String... subprotocols) throws Exception {
        Collector collector = new Collector();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        WebSocket socket = builder.buildAsync(uri, collector).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new JdkClient(socket, collector);
    }

    /**
     * The JDK's socket itself, for what this class does not wrap (its subprotocol, partial sends).
     *
     * @return the socket
     */
    public WebSocket socket() {
        return socket;
    }

    /**
     * Sends a text message in one frame.
     *
     * @param text the message
     * @throws Exception when the send fails or times out
     */
    public void sendText(String text) throws Exception {
        sendText(text, 1);
    }

    /**
     * Sends a text message in one frame, or split into {@code fragments} frames.
     *
     * @param text the message
     * @param fragments how many frames to split it in
     * @throws Exception when a send fails or times out
     */
    public void sendText(String text, int fragments) throws Exception {
        int step = Math.max(1, text.length() / fragments);
        int from = 0;
        for (int i = 1; i < fragments && from + step < text.length(); i++) {
            await(socket.sendText(text.substring(from, from + step), false));
            from += step;
        }
        await(socket.sendText(text.substring(from), true));
    }

    /**
     * Sends a binary message in one frame.
     *
     * @param data the message
     * @throws Exception when the send fails or times out
     */
    public void sendBinary(byte[] data) throws Exception {
        await(socket.sendBinary(ByteBuffer.wrap(data), true));
    }

    /**
     * Sends a ping.
     *
     * @param data its application data, at most 125 bytes
     * @throws Exception when the send fails or times out
     */
    public void ping(byte[] data) throws Exception {
        await(socket.sendPing(ByteBuffer.wrap(data)));
    }

    /**
     * Starts the closing handshake.
     *
     * @param code the status code
     * @param reason the reason
     * @throws Exception when the send fails or times out
     */
    public void sendClose(int code, String reason) throws Exception {
        await(socket.sendClose(code, reason));
    }

    /**
     * The next thing received, waiting up to {@link #TIMEOUT}.
     *
     * @return a {@code String}, a {@code byte[]} or a {@link Pong}
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when nothing arrives in time
     */
    public Object next() throws InterruptedException {
        return next(TIMEOUT);
    }

    /**
     * The next thing received.
     *
     * @param timeout the longest wait
     * @return a {@code String}, a {@code byte[]} or a {@link Pong}
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when nothing arrives in time
     */
    public Object next(Duration timeout) throws InterruptedException {
        Object item = collector.received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("the JDK client received nothing within " + timeout.toMillis() + " ms");
        }
        return item;
    }

    /**
     * The next text message that contains {@code piece}, skipping everything else.
     *
     * @param piece text the wanted message contains
     * @param timeout the longest wait
     * @return the message
     * @throws InterruptedException when interrupted while waiting
     * @throws AssertionError when none arrives in time
     */
    public String nextContaining(String piece, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object item = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (item instanceof String text && text.contains(piece)) {
                return text;
            }
        }
    }

    /** Forgets what was received and not taken yet. */
    public void discardReceived() {
        collector.received.clear();
    }

    /**
     * Waits for the server's close frame (the JDK answers it by itself).
     *
     * @param timeout the longest wait
     * @return its status code
     * @throws Exception when none arrives in time or the connection failed instead
     */
    public int awaitClose(Duration timeout) throws Exception {
        return collector.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Drops the connection without a closing handshake. */
    @Override
    public void close() {
        socket.abort();
    }

    private static void await(CompletableFuture<?> send) throws Exception {
        send.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Assembles messages from their parts and queues them with the pongs. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            binary.writeBytes(bytes(data));
            if (last) {
                received.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            received.add(new Pong(bytes(message)));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        private static byte[] bytes(ByteBuffer data) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return bytes;
        }
    }
}
