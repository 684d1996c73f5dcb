package dev.wsnio;

import dev.wsnio.frame.MessageType;
import java.nio.ByteBuffer;

/**
 * Receives the events of WebSocket connections. Every method has an empty default, so an
 * application overrides only what it needs. One listener may serve many connections: each
 * call says which.
 *
 * <p><b>Threads.</b> By default every callback runs on the connection's event loop thread: it
 * must not block (no blocking I/O, no {@code Thread.sleep}, no waiting on a future), since the
 * loop also serves many other connections. Applications that need to block configure a
 * callback {@link java.util.concurrent.Executor}: callbacks then run there. Either way the
 * callbacks of one connection never overlap and arrive in order ({@code onOpen} first,
 * {@code onClose} last); callbacks of different connections may run concurrently.
 *
 * <p><b>Order.</b> {@code onOpen}, then messages, pings and pongs in the order they arrived,
 * then possibly {@code onError}, then exactly one {@code onClose}. Messages that arrived before
 * the peer's close frame are all delivered before {@code onClose}.
 */
public interface WebSocketListener {

    /**
     * The connection is open: the opening handshake completed.
     *
     * @param socket the connection
     */
    default void onOpen(WebSocket socket) {
    }

    /**
     * A text message arrived (whole-message delivery, the default).
     *
     * @param socket the connection
     * @param text the message
     */
    default void onText(WebSocket socket, String text) {
    }

    /**
     * A binary message arrived (whole-message delivery, the default).
     *
     * @param socket the connection
     * @param data the message between position and limit. When callbacks run on the event loop
     *     it is a view of the connection's buffers, valid only during the call (copy what you
     *     keep; a send made during the call may take it as it is: see {@link WebSocket}'s
     *     <b>Buffers</b>); with a callback executor it is a copy the application owns.
     */
    default void onBinary(WebSocket socket, ByteBuffer data) {
    }

    /**
     * A piece of a message arrived, when the connection delivers
     * {@linkplain dev.wsnio.frame.DeliveryMode#STREAMING streaming}: messages of any size pass
     * through without being assembled. Text pieces are valid UTF-8 so far but may end inside a
     * character.
     *
     * @param socket the connection
     * @param type text or binary
     * @param data the piece; valid as described for {@link #onBinary}
     * @param last whether the message ends with this piece
     */
    default void onMessagePart(WebSocket socket, MessageType type, ByteBuffer data, boolean last) {
    }

    /**
     * A ping arrived; the pong was already sent.
     *
     * @param socket the connection
     * @param data the ping's data (0–125 bytes), valid as described for {@link #onBinary}
     */
    default void onPing(WebSocket socket, ByteBuffer data) {
    }

    /**
     * A pong arrived.
     *
     * @param socket the connection
     * @param data the pong's data (0–125 bytes), valid as described for {@link #onBinary}
     */
    default void onPong(WebSocket socket, ByteBuffer data) {
    }

    /**
     * Something went wrong: the peer broke the protocol (a
     * {@link dev.wsnio.frame.WebSocketProtocolException} with its close code), the connection
     * failed (an {@link java.io.IOException}), a heartbeat went unanswered
     * ({@link HeartbeatTimeoutException}), or a callback threw. {@code onClose} follows.
     *
     * @param socket the connection
     * @param error what happened
     */
    default void onError(WebSocket socket, Throwable error) {
    }

    /**
     * The connection is closed (TCP closed): called exactly once per opened connection.
     *
     * @param socket the connection
     * @param code the peer's close code, 1005 when its close frame had none, or 1006 when no
     *     close frame was received (the connection failed or was aborted) (RFC 6455 §7.1.5)
     * @param reason the peer's reason, or ""
     */
    default void onClose(WebSocket socket, int code, String reason) {
    }
}
