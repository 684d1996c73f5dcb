package dev.wsnio.server;

import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;

/**
 * The application most server tests need: it sends every message back as it came. Tests that
 * also watch errors or closes extend it.
 */
class EchoListener implements WebSocketListener {

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        // Lent for the call only, but a send made during the call takes what it needs of it.
        socket.sendBinary(data);
    }
}
