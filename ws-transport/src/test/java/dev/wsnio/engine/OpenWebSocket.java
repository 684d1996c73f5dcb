package dev.wsnio.engine;

import dev.wsnio.ConnectionSettings;
import dev.wsnio.UpgradeRequest;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.Role;
import dev.wsnio.handshake.HttpHeaders;
import dev.wsnio.testkit.wire.Side;
import dev.wsnio.testkit.wire.Wire;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket connection of the engine, as a server or a client, on a real loop and a loopback
 * socket, opened as if its opening handshake had just succeeded (no HTTP: the engine's side of a
 * connection starts at {@link WebSocketConnection#open}); the other end is the testkit's
 * {@link Wire}, which speaks raw frames.
 */
final class OpenWebSocket implements AutoCloseable {

    final WebSocketConnection socket;
    final Wire peer;

    private OpenWebSocket(WebSocketConnection socket, Wire peer) {
        this.socket = socket;
        this.peer = peer;
    }

    /**
     * Opens a connection with a tracker that keeps nothing.
     *
     * @param loop the loop that serves it
     * @param role the engine's side: a server's frames go unmasked, a client's masked
     * @param settings the connection's limits, timeouts and callback executor
     * @param listener the application's listener
     */
    static OpenWebSocket open(EventLoop loop, Role role, ConnectionSettings settings, WebSocketListener listener)
            throws Exception {
        return open(loop, role, settings, listener, ConnectionTracker.NONE);
    }

    /**
     * Opens a connection; {@code onOpen} has run (or is queued on the executor) when this returns.
     *
     * @param tracker told when the connection opens and closes (to observe its traffic)
     */
    static OpenWebSocket open(EventLoop loop, Role role, ConnectionSettings settings, WebSocketListener listener,
                              ConnectionTracker tracker) throws Exception {
        return open(loop, role, settings, listener, tracker, ByteBuffer.allocate(0));
    }

    /**
     * Opens a connection with bytes that followed the handshake in the same read.
     *
     * @param leftover what the HTTP phase read past the handshake (the first frames)
     */
    static OpenWebSocket open(EventLoop loop, Role role, ConnectionSettings settings, WebSocketListener listener,
                              ConnectionTracker tracker, ByteBuffer leftover) throws Exception {
        WebSocketConfig config = new WebSocketConfig(role, settings, listener, tracker);
        CompletableFuture<WebSocketConnection> opened = new CompletableFuture<>();
        ChannelHandler handshakeDone = new ChannelHandler() {
            @Override
            public void onConnected(Connection connection) {
                UpgradeRequest request = UpgradeRequest.of("/test", HttpHeaders.empty(), connection.remoteAddress());
                NegotiatedHandshake handshake = new NegotiatedHandshake(request, "", "", null);
                opened.complete(WebSocketConnection.open(connection, config, handshake, null, leftover));
            }

            @Override
            public void onData(Connection connection, ByteBuffer data) {
                throw new AssertionError("the WebSocket phase owns the connection");
            }

            @Override
            public void onEndOfStream(Connection connection) {
                throw new AssertionError("the WebSocket phase owns the connection");
            }

            @Override
            public void onClosed(Connection connection, Throwable cause) {
                opened.completeExceptionally(new AssertionError("closed before it opened", cause));
            }
        };
        LoopbackPeer tcp = LoopbackPeer.open(loop, handshakeDone);
        WebSocketConnection socket = opened.get(10, TimeUnit.SECONDS);
        Side testee = role == Role.SERVER ? Side.SERVER : Side.CLIENT;
        return new OpenWebSocket(socket, new Wire(tcp.socket, tcp.in(), testee));
    }

    @Override
    public void close() throws Exception {
        peer.close();
    }
}
