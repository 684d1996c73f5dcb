package dev.wsnio.examples.echo;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;

/**
 * Sends every message back unchanged: text as the same {@code String}, binary as a copy. The
 * copy is needed because a callback on the event loop is lent a view of the connection's
 * buffers, valid only during the call, while a send keeps its buffer until the bytes are
 * written; it is the one allocation per binary message.
 */
public final class EchoListener implements WebSocketListener {

    /** Creates the listener; one instance serves any number of connections. */
    public EchoListener() {
    }

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate()).flip();
        socket.sendBinary(copy);
    }
}
