package dev.wsnio.server;

import dev.wsnio.testkit.wire.HandshakeText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.LongFunction;

/**
 * A WebSocket peer that writes frames as fast as the server takes them and reads nothing until
 * told to: the hostile "fast sender, slow reader". Frames are written through a non-blocking
 * channel, so the peer can tell when the server stopped taking bytes (TCP pushing back) instead
 * of blocking in a write.
 */
final class FloodingPeer implements AutoCloseable {

    private final SocketChannel channel;
    private final Selector selector;
    private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
    private long framesStarted;
    private long bytesSent;

    private FloodingPeer(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.selector = Selector.open();
    }

    /** Connects, upgrades (blocking), then goes non-blocking. */
    static FloodingPeer upgraded(int port, String path) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
        channel.write(ByteBuffer.wrap(HandshakeText.request(path, "").getBytes(StandardCharsets.ISO_8859_1)));
        StringBuilder head = new StringBuilder();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (!head.toString().endsWith("\r\n\r\n")) {
            one.clear();
            if (channel.read(one) < 0) {
                throw new IOException("closed during the handshake: " + head);
            }
            head.append((char) one.get(0));
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake failed: " + head);
        }
        channel.configureBlocking(false);
        return new FloodingPeer(channel);
    }

    /**
     * Writes frames until the server stops taking bytes for {@code quietMillis}, or
     * {@code maxBytes} have gone.
     *
     * @param frame makes frame number n (masked, as a client's)
     * @return the bytes written
     */
    long floodUntilStalled(LongFunction<byte[]> frame, long maxBytes, long quietMillis) throws IOException {
        SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
        while (bytesSent < maxBytes) {
            if (unsent.isEmpty()) {
                unsent.add(ByteBuffer.wrap(frame.apply(framesStarted++)));
            }
            int written = channel.write(unsent.peek());
            bytesSent += written;
            if (!unsent.peek().hasRemaining()) {
                unsent.poll();
            }
            if (written == 0 && selector.select(quietMillis) == 0) {
                break; // nothing taken for that long: TCP holds us back
            }
            selector.selectedKeys().clear();
        }
        key.cancel();
        selector.selectNow();
        return bytesSent;
    }

    /** Frames whose first byte has been written. */
    long framesStarted() {
        return framesStarted;
    }

    /**
     * Now reads: finishes writing the frame in progress and reads until {@code expectedBytes}
     * have arrived, handing them over as they do.
     *
     * @param sink receives what arrives, in order
     * @param deadlineMillis a guard against a server that never answers
     */
    void drain(long expectedBytes, java.util.function.Consumer<ByteBuffer> sink, long deadlineMillis)
            throws IOException {
        ByteBuffer in = ByteBuffer.allocate(256 * 1024);
        long received = 0;
        long deadline = System.nanoTime() + deadlineMillis * 1_000_000;
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        while (received < expectedBytes) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("only " + received + " of " + expectedBytes + " bytes came back");
            }
            key.interestOps(SelectionKey.OP_READ | (unsent.isEmpty() ? 0 : SelectionKey.OP_WRITE));
            selector.select(100);
            selector.selectedKeys().clear();
            if (!unsent.isEmpty()) {
                bytesSent += channel.write(unsent.peek());
                if (!unsent.peek().hasRemaining()) {
                    unsent.poll();
                }
            }
            in.clear();
            int count = channel.read(in);
            if (count < 0) {
                throw new IOException("closed after " + received + " of " + expectedBytes + " bytes");
            }
            received += count;
            sink.accept(in.flip());
        }
        key.cancel();
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
