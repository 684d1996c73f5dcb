package dev.wsnio.engine;

/**
 * Told about the traffic of one WebSocket connection, for the numbers an operator watches
 * (the server's {@code stats()}): messages and payload bytes in and out, sends refused, and the
 * close code. The one place the engine reports them: whoever owns the connection (the server)
 * adds them up.
 *
 * <p>Called on the connection's event loop thread, except {@link #sendRefused}, which is
 * called on the thread of the refused send. Implementations must be cheap and never block:
 * an atomic increment, not a lock.
 */
public interface TrafficObserver {

    /** Counts nothing. */
    TrafficObserver NONE = new TrafficObserver() {
    };

    /**
     * A whole data message arrived (in streaming delivery: a part of one).
     *
     * @param payloadBytes its payload size after decompression
     */
    default void messageReceived(long payloadBytes) {
    }

    /**
     * A data message (or a shared broadcast frame) was handed to the socket.
     *
     * @param payloadBytes its payload size before compression
     */
    default void messageSent(long payloadBytes) {
    }

    /**
     * A send was refused because the connection's send queue was over its limit (a slow
     * consumer).
     *
     * @param payloadBytes the refused message's size
     * @param queuedBytes what the connection had queued then
     */
    default void sendRefused(long payloadBytes, long queuedBytes) {
    }

    /**
     * The connection closed (TCP closed, just before the listener's {@code onClose}).
     *
     * @param code the close code the listener will see (1006 when no close frame came)
     */
    default void closed(int code) {
    }
}
