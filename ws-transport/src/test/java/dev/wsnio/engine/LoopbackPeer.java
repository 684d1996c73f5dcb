package dev.wsnio.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A TCP connection over loopback whose server end is a {@link Connection} on a real
 * {@link EventLoop}, with a test-chosen {@link ChannelHandler}, and whose other end is a plain
 * blocking {@link Socket} the test drives: the peer.
 */
final class LoopbackPeer implements AutoCloseable {

    final Socket socket;
    final Connection connection;

    private LoopbackPeer(Socket socket, Connection connection) {
        this.socket = socket;
        this.connection = connection;
    }

    /**
     * Connects a peer and hands the accepted channel to a connection on the loop.
     *
     * @param loop the loop that serves the connection
     * @param handler the connection's handler
     * @param peerReceiveBuffer the peer's SO_RCVBUF, or 0 for the default
     * @param serverChannelSetup applied to the accepted channel before it is handed over
     */
    static LoopbackPeer open(EventLoop loop, ChannelHandler handler, int peerReceiveBuffer,
                             Consumer<SocketChannel> serverChannelSetup) throws Exception {
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Socket peer = new Socket();
            if (peerReceiveBuffer > 0) {
                peer.setReceiveBufferSize(peerReceiveBuffer); // before connecting: the window scale
            }
            peer.connect(listening.getLocalAddress(), 10_000);
            SocketChannel accepted = listening.accept();
            serverChannelSetup.accept(accepted);
            CompletableFuture<Connection> connection = new CompletableFuture<>();
            loop.execute(() -> connection.complete(Connection.accepted(loop, accepted, handler)));
            return new LoopbackPeer(peer, connection.get(10, TimeUnit.SECONDS));
        }
    }

    static LoopbackPeer open(EventLoop loop, ChannelHandler handler) throws Exception {
        return open(loop, handler, 0, channel -> { });
    }

    OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    InputStream in() throws IOException {
        return socket.getInputStream();
    }

    /** Reads exactly {@code count} bytes, or fails at the end of the stream. */
    byte[] readExactly(int count) throws IOException {
        return in().readNBytes(count);
    }

    /** Runs something on the connection's loop and waits for it. */
    static <T> T onLoop(EventLoop loop, java.util.concurrent.Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(action.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
