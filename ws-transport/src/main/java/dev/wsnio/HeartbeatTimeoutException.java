package dev.wsnio;

import java.time.Duration;

/**
 * The peer did not answer a heartbeat ping (nor send anything else) within the heartbeat
 * timeout: it is presumed dead (vanished without closing, or cut off by a NAT or proxy), and the
 * connection is closed locally with code 1006.
 */
public final class HeartbeatTimeoutException extends java.io.IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param timeout how long the connection waited after its ping
     */
    public HeartbeatTimeoutException(Duration timeout) {
        super("no pong or other frame within " + timeout.toMillis() + " ms of a heartbeat ping");
    }
}
