package dev.wsnio.client;

import dev.wsnio.frame.FrameTap;
import dev.wsnio.frame.MessageType;
import dev.wsnio.UpgradeRequest;
import dev.wsnio.SendCallback;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One underlying connection of a {@link ReconnectingWebSocket}: it listens to the connection
 * and relays every event to the application's listener, presenting itself as the
 * {@link WebSocket}, so that a close the application makes through it is known to be the
 * application's own (and never followed by a reconnect). It tells its owner when the connection
 * opens and when it ends.
 *
 * <p>Its {@code WebSocket} methods may only be used once the connection is open: the
 * application gets it in callbacks (all after {@code onOpen}) and from
 * {@link ReconnectingWebSocket#current()}.
 */
final class ConnectionRelay implements WebSocket, WebSocketListener {

    private final ReconnectingWebSocket owner;
    private final WebSocketListener application;
    private volatile WebSocket socket;
    private volatile boolean closedByApplication;
    private volatile Throwable lastError;

    /**
     * @param owner told when the connection opens and ends
     * @param application the application's listener
     */
    ConnectionRelay(ReconnectingWebSocket owner, WebSocketListener application) {
        this.owner = owner;
        this.application = application;
    }

    /** Whether the application closed or aborted this connection itself. */
    boolean closedByApplication() {
        return closedByApplication;
    }

    // ------------------------------------------------------------- events of the connection

    @Override
    public void onOpen(WebSocket opened) {
        socket = opened;
        owner.opened(this);
        application.onOpen(this);
    }

    @Override
    public void onText(WebSocket source, String text) {
        application.onText(this, text);
    }

    @Override
    public void onBinary(WebSocket source, ByteBuffer data) {
        application.onBinary(this, data);
    }

    @Override
    public void onMessagePart(WebSocket source, MessageType type, ByteBuffer data, boolean last) {
        application.onMessagePart(this, type, data, last);
    }

    @Override
    public void onPing(WebSocket source, ByteBuffer data) {
        application.onPing(this, data);
    }

    @Override
    public void onPong(WebSocket source, ByteBuffer data) {
        application.onPong(this, data);
    }

    @Override
    public void onError(WebSocket source, Throwable error) {
        lastError = error;
        application.onError(this, error);
    }

    @Override
    public void onClose(WebSocket source, int code, String reason) {
        try {
            application.onClose(this, code, reason);
        } finally {
            owner.disconnected(this, new Disconnection(code, reason, lastError));
        }
    }

    // ------------------------------------------------------------- the application's handle

    @Override
    public CompletableFuture<Void> sendText(CharSequence text) {
        return socket.sendText(text);
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuffer data) {
        return socket.sendBinary(data);
    }

    @Override
    public void sendText(CharSequence text, SendCallback callback) {
        socket.sendText(text, callback);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback callback) {
        socket.sendBinary(data, callback);
    }

    @Override
    public CompletableFuture<Void> sendFragment(MessageType type, ByteBuffer data, boolean last) {
        return socket.sendFragment(type, data, last);
    }

    @Override
    public CompletableFuture<Void> ping(ByteBuffer data) {
        return socket.ping(data);
    }

    @Override
    public CompletableFuture<Void> pong(ByteBuffer data) {
        return socket.pong(data);
    }

    @Override
    public CompletableFuture<Void> close(int code, String reason) {
        closedByApplication = true;
        return socket.close(code, reason);
    }

    @Override
    public void abort() {
        closedByApplication = true;
        socket.abort();
    }

    @Override
    public long bufferedAmount() {
        return socket.bufferedAmount();
    }

    @Override
    public boolean isOpen() {
        return socket != null && socket.isOpen();
    }

    @Override
    public UpgradeRequest request() {
        return socket.request();
    }

    @Override
    public String subprotocol() {
        return socket.subprotocol();
    }

    @Override
    public String extensions() {
        return socket.extensions();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return socket.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public <T> T attachment() {
        return socket.attachment();
    }

    @Override
    public void attach(Object attachment) {
        socket.attach(attachment);
    }

    @Override
    public void tap(FrameTap tap) {
        socket.tap(tap);
    }

    @Override
    public String toString() {
        return "Reconnecting" + socket;
    }
}
