package dev.wsnio.engine;

/**
 * Told when the WebSocket connections of an endpoint open and close, on the connection's loop
 * thread, each time before the listener hears of it: a server keeps its registry of open
 * connections here, so that {@code onOpen} may already subscribe the connection to topics and
 * {@code onClose} no longer finds it.
 */
public interface ConnectionTracker {

    /** A tracker that keeps nothing. */
    ConnectionTracker NONE = new ConnectionTracker() {
        @Override
        public void opened(WebSocketConnection connection) {
        }

        @Override
        public void closed(WebSocketConnection connection) {
        }
    };

    /**
     * A connection opened; its {@code onOpen} comes next.
     *
     * @param connection the connection
     */
    void opened(WebSocketConnection connection);

    /**
     * A connection closed; its {@code onClose} comes next.
     *
     * @param connection the connection
     */
    void closed(WebSocketConnection connection);
}
