package dev.wsnio.client;

/**
 * A message sent while a {@link ReconnectingWebSocket} was disconnected did not fit in its
 * outbox (too many messages, or too many bytes, already waiting). It was not queued.
 */
public final class OutboxFullException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param messages messages already waiting
     * @param bytes bytes already waiting
     * @param size the refused message's size in bytes
     * @param maxMessages the outbox's message limit
     * @param maxBytes the outbox's byte limit
     */
    public OutboxFullException(int messages, long bytes, long size, int maxMessages, long maxBytes) {
        super("outbox full: a message of " + size + " bytes refused with " + messages + " messages ("
                + bytes + " bytes) waiting; limits are " + maxMessages + " messages, " + maxBytes + " bytes");
    }
}
