package dev.wsnio;

/**
 * A send was refused because the connection already has more bytes queued than its
 * {@code maxQueuedBytes} allows: the peer (or the network) is slower than the application.
 * The message was not queued; the application may drop it, retry after
 * {@link WebSocket#bufferedAmount()} falls, or close the connection.
 */
public final class SendQueueFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param queued bytes already queued
     * @param size the size of the refused message
     * @param limit the configured maximum
     */
    public SendQueueFullException(long queued, long size, long limit) {
        super("send of " + size + " bytes refused: " + queued + " bytes already queued, "
                + "maxQueuedBytes is " + limit);
    }
}
