package dev.wsnio;

import java.time.Duration;

/**
 * The peer started a frame, or a message in fragments, and did not finish it within the
 * connection's {@code messageTimeout}: a peer that trickles its bytes (a slow-frame attack, or
 * a link too slow for the messages it carries) holds a connection for no longer than that. The
 * connection is closed with 1008 (policy violation); the peer has the close timeout to answer.
 */
public final class MessageTimeoutException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout the message timeout that passed
     */
    public MessageTimeoutException(Duration timeout) {
        super("a frame or fragmented message was not complete within " + timeout.toMillis()
                + " ms of its first byte");
    }
}
