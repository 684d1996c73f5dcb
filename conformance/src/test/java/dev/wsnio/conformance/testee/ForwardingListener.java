package dev.wsnio.conformance.testee;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;

/**
 * A listener that hands every event on to another one (the application, usually a
 * {@link TesteeListener}). A test extends it to watch some events: it overrides those and calls
 * {@code super} to pass them on.
 */
public class ForwardingListener implements WebSocketListener {

    private final WebSocketListener next;

    /**
     * A listener in front of another.
     *
     * @param next the listener every event goes on to
     */
    public ForwardingListener(WebSocketListener next) {
        this.next = next;
    }

    @Override
    public void onOpen(WebSocket socket) {
        next.onOpen(socket);
    }

    @Override
    public void onText(WebSocket socket, String text) {
        next.onText(socket, text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        next.onBinary(socket, data);
    }

    @Override
    public void onMessagePart(WebSocket socket, MessageType type, ByteBuffer data, boolean last) {
        next.onMessagePart(socket, type, data, last);
    }

    @Override
    public void onPing(WebSocket socket, ByteBuffer data) {
        next.onPing(socket, data);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer data) {
        next.onPong(socket, data);
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        next.onError(socket, error);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
        next.onClose(socket, code, reason);
    }
}
