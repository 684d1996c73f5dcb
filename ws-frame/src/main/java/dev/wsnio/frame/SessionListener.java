package dev.wsnio.frame;

import java.nio.ByteBuffer;

/**
 * Receives the events of a {@link WebSocketSession}, on the thread that feeds it bytes, in the
 * order the frames arrived. Buffers passed to these methods are views of the session's input or
 * of its internal buffers: they are valid only during the call, so a listener that keeps the
 * data copies it.
 */
public interface SessionListener {

    /**
     * A data message, or in {@link DeliveryMode#STREAMING} a piece of one.
     *
     * @param type text (valid UTF-8 bytes) or binary
     * @param payload the bytes between position and limit, valid only during the call
     * @param last whether this completes the message (always true for whole messages)
     */
    void onMessage(MessageType type, ByteBuffer payload, boolean last);

    /**
     * A ping arrived; the session has already answered it with a pong (§5.5.2).
     *
     * @param payload the ping's application data (0–125 bytes), valid only during the call
     */
    default void onPing(ByteBuffer payload) {
    }

    /**
     * A pong arrived, solicited or not (§5.5.3).
     *
     * @param payload the pong's application data (0–125 bytes), valid only during the call
     */
    default void onPong(ByteBuffer payload) {
    }

    /**
     * The peer's close frame arrived. If it started the closing handshake, the session has
     * already answered (echoing the code, §5.5.1); either way the handshake is now complete and
     * the session is {@link SessionState#CLOSED}.
     *
     * @param body the code and reason the peer sent ({@link CloseBody#EMPTY} for none)
     */
    void onCloseReceived(CloseBody body);

    /**
     * The peer broke the protocol (or exceeded a limit): the session has sent a close frame
     * with the error's code (unless it had sent one already) and discards all further input
     * (§7.1.7, "Fail the WebSocket Connection"). The transport should close the connection.
     *
     * @param error what went wrong, with its close code
     */
    void onProtocolError(WebSocketProtocolException error);
}
