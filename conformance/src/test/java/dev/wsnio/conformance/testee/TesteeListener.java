package dev.wsnio.conformance.testee;

import dev.wsnio.frame.MessageType;
import dev.wsnio.WebSocket;
import dev.wsnio.WebSocketListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The application behind our server and our client while the suite drives them: an echo, as
 * an Autobahn|Testsuite testee is, plus the few things {@link Behaviour} asks for on open.
 * Shared by both sides, since both hand the same {@link WebSocketListener} events.
 */
public final class TesteeListener implements WebSocketListener {

    private final Behaviour behaviour;

    /**
     * A listener for one behaviour.
     *
     * @param behaviour what to do besides echoing
     */
    public TesteeListener(Behaviour behaviour) {
        this.behaviour = behaviour;
    }

    @Override
    public void onOpen(WebSocket socket) {
        switch (behaviour) {
            case ECHO -> { }
            case CLOSE_ON_OPEN -> socket.close(1000, "bye");
            case SEND_ON_OPEN -> {
                socket.sendFragment(MessageType.TEXT, utf8("Hel"), false);
                socket.ping(utf8("between"));
                socket.sendFragment(MessageType.TEXT, utf8("lo"), true);
                socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            }
            case PING_ON_OPEN -> socket.ping(utf8("are you there?"));
        }
    }

    @Override
    public void onText(WebSocket socket, String text) {
        socket.sendText(text);
    }

    @Override
    public void onBinary(WebSocket socket, ByteBuffer data) {
        // Lent for the call only, but a send made during the call takes what it needs of it.
        socket.sendBinary(data);
    }

    @Override
    public void onPong(WebSocket socket, ByteBuffer data) {
        if (behaviour == Behaviour.PING_ON_OPEN) {
            socket.sendText("pong: " + StandardCharsets.UTF_8.decode(data));
        }
    }

    private static ByteBuffer utf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
