package dev.wsnio.frame;

/**
 * The states of a WebSocket connection after its opening handshake (RFC 6455 §4.1, §7), each
 * named after what the connection awaits.
 * <pre>
 *           close() ──▶ CLOSING ── peer's Close ──▶ ┐
 *   OPEN ─┤                                         ├─▶ CLOSED ──▶ (TCP closed)
 *           peer's Close (answered at once) ──────▶ ┤
 *           protocol error (Close sent) ──────────▶ ┘
 * </pre>
 */
public enum SessionState {
    /** Messages both ways; either side may start the closing handshake. */
    OPEN,
    /**
     * We sent a close frame and await the peer's. No more frames of ours go out; the peer's
     * messages still arrive (it may not have seen our close yet).
     */
    CLOSING,
    /**
     * The closing handshake is complete, or the connection failed: nothing more is sent or
     * processed. The TCP connection is to be closed: by the server at once, by a client after
     * waiting briefly for the server to close it (§7.1.1).
     */
    CLOSED
}
