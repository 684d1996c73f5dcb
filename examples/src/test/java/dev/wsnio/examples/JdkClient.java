package dev.wsnio.examples;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests, on the JDK's own implementation ({@code java.net.http}): an
 * independent peer for our servers. Received messages queue up for the test to take, whole.
 */
public final class JdkClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final Collector collector;

    private JdkClient(WebSocket socket, Collector collector) {
        this.socket = socket;
        this.collector = collector;
    }

    /**
     * Opens a connection.
     *
     * @param uri the {@code ws://} address
     * @return the open client
     * @throws Exception when the handshake fails or times out
     */
    public static JdkClient connect(URI uri) throws Exception {
        Collector collector = new Collector();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(uri, collector)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new JdkClient(socket, collector);
    }

    /**
     * Sends a text message (in one frame, or in several when {@code fragments} is above 1).
     *
     * @param text the message
     * @param fragments how many frames to split it in
     */
    public void sendText(String text, int fragments) throws Exception {
        int step = Math.max(1, text.length() / fragments);
        int from = 0;
        for (int i = 1; i < fragments; i++) {
            socket.sendText(text.substring(from, from + step), false).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            from += step;
        }
        socket.sendText(text.substring(from), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends a text message in one frame.
     *
     * @param text the message
     */
    public void sendText(String text) throws Exception {
        sendText(text, 1);
    }

    /**
     * Sends a binary message in one frame.
     *
     * @param data the message
     */
    public void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The next message received: a {@code String} for text, a {@code byte[]} for binary.
     *
     * @param timeout the longest wait
     * @return the message
     * @throws AssertionError when none arrives in time
     */
    public Object next(Duration timeout) throws InterruptedException {
        Object message = collector.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout.toMillis() + " ms");
        }
        return message;
    }

    /**
     * The next text message, skipping messages that do not contain {@code piece}.
     *
     * @param piece text the wanted message contains
     * @param timeout the longest wait
     * @return the message
     * @throws AssertionError when none arrives in time
     */
    public String nextContaining(String piece, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object message = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (message instanceof String text && text.contains(piece)) {
                return text;
            }
        }
    }

    /**
     * Waits for the server's close frame.
     *
     * @param timeout the longest wait
     * @return its status code
     */
    public int awaitClose(Duration timeout) throws Exception {
        return collector.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    /** Assembles messages from their parts and queues them. */
    private static final class Collector implements WebSocket.Listener {
        private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
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
    }
}
