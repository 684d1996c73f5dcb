package dev.wsnio;

/**
 * Told how one send ended, for the sends that take a callback instead of returning a future
 * ({@link WebSocket#sendText(CharSequence, SendCallback)},
 * {@link WebSocket#sendBinary(java.nio.ByteBuffer, SendCallback)}): a server that sends many messages and
 * does not wait for each one creates no object per send this way.
 *
 * <p>It is called once per send: on the connection's event loop when the frame was handed to the
 * operating system or dropped, or on the calling thread when the send is refused at once (queue
 * full, not open). Like a listener callback it must not block. If it throws on the event loop,
 * the connection is closed with 1011, as when a listener throws; if it throws when told on the
 * calling thread, the exception reaches the caller of the send.
 */
@FunctionalInterface
public interface SendCallback {

    /** A callback that is told nothing: for fire-and-forget sends. */
    SendCallback NONE = failure -> {
    };

    /**
     * The send ended.
     *
     * @param failure null when the frame was written; otherwise why it was not:
     *     {@link SendQueueFullException}, {@link IllegalStateException} (not open), or the
     *     connection's failure (such as {@link java.nio.channels.ClosedChannelException})
     */
    void completed(Throwable failure);
}
