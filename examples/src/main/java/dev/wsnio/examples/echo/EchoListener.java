package dev.wsnio.examples.echo;

import dev.wsnio.SendCallback;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;

/**
 * Sends every message back unchanged: text as the same {@code String}, binary as the very
 * buffer it was lent. A lent buffer is valid only during the call, but a send made during the
 * call takes what it needs of it before returning (see {@link WebSocket}'s "Buffers"), so the
 * echo needs no copy; {@link SendCallback#NONE} because nobody waits for the outcome.
 */
public final class EchoListener implements WebSocketListener {

    /** Creates the listener; one instance serves any number of connections. */
    public EchoListener() {
    }

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text, SendCallback.NONE);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        socket.sendBinary(data, SendCallback.NONE);
    }
}
