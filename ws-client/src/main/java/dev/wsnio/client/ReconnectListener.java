package dev.wsnio.client;

import dev.wsnio.WebSocket;
import java.time.Duration;

/**
 * Told about the life of a {@link ReconnectingWebSocket}: each attempt, each open connection,
 * each disconnection, each scheduled reconnect, and the end. Every method has an empty
 * default. The messages of each connection go to its {@link dev.wsnio.WebSocketListener}
 * as usual; this listener sees only the states between them.
 *
 * <p>Calls come from the thread where the change happened: the client's event loop (or the
 * callback executor) for what the network did, the application's thread for its own
 * {@code close()}. Each step follows the one that caused it; like other callbacks they must not
 * block.
 */
public interface ReconnectListener {

    /**
     * An attempt to open a connection starts.
     *
     * @param attempt 0 for the first connection, then 1, 2, … for the reconnects since the last
     *     open connection
     */
    default void onConnecting(int attempt) {
    }

    /**
     * A connection is open (the outbox, if any, has just been handed to it).
     *
     * @param socket the connection; the same object the connection's listener sees
     */
    default void onOpen(WebSocket socket) {
    }

    /**
     * An open connection ended, or an attempt failed. What follows is
     * {@link #onReconnectScheduled}, {@link #onGaveUp} or {@link #onClosed}.
     *
     * @param why the close code and reason, or the error
     */
    default void onDisconnected(Disconnection why) {
    }

    /**
     * A reconnect will start after a delay.
     *
     * @param attempt the number of the coming attempt (1 for the first reconnect)
     * @param delay how long until it starts
     */
    default void onReconnectScheduled(int attempt, Duration delay) {
    }

    /**
     * No more reconnects: the policy judged the last disconnection not worth retrying, its
     * attempts ran out, or the client was closed. The handle is closed.
     *
     * @param last the last disconnection
     */
    default void onGaveUp(Disconnection last) {
    }

    /** The application closed the handle (or one of its connections); nothing reconnects. */
    default void onClosed() {
    }
}
