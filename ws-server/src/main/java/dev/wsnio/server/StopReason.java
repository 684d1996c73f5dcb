package dev.wsnio.server;

import dev.wsnio.frame.CloseCode;

/**
 * Why a server stops gracefully ({@link WebSocketServer#stop(java.time.Duration, StopReason)}),
 * which decides the close code its connections receive (RFC 6455 §7.4.1, and the IANA registry
 * for 1012) and so what well-behaved clients do next.
 */
public enum StopReason {

    /**
     * The server goes away for good (1001, going away): clients may reconnect later, or not.
     */
    SHUTDOWN(CloseCode.GOING_AWAY, "server shutting down"),

    /**
     * The server restarts, for instance one node of a fleet in a rolling restart (1012, service
     * restart): clients should reconnect, to this server once it is back or to another one
     * behind the same address. wsnio's reconnecting client does, after a random delay that
     * spreads them out.
     */
    RESTART(CloseCode.SERVICE_RESTART, "service restart");

    private final int closeCode;
    private final String closeReason;

    StopReason(int closeCode, String closeReason) {
        this.closeCode = closeCode;
        this.closeReason = closeReason;
    }

    /**
     * The close code sent to every connection.
     *
     * @return 1001 or 1012
     */
    public int closeCode() {
        return closeCode;
    }

    /**
     * The close reason sent with the code.
     *
     * @return a short text
     */
    public String closeReason() {
        return closeReason;
    }
}
