package dev.wsnio.frame;

/**
 * Which end of a connection this endpoint is. The role decides the masking direction
 * (RFC 6455 §5.1: clients mask every frame they send, servers never do) and who closes the
 * TCP connection first after a close handshake (§7.1.1: the server).
 */
public enum Role {
    /** The endpoint that opened the connection: masks its frames, expects unmasked ones. */
    CLIENT,
    /** The endpoint that accepted the connection: sends unmasked frames, expects masked ones. */
    SERVER;

    /**
     * Whether frames sent by this endpoint are masked.
     *
     * @return true for a client
     */
    public boolean masksOutgoing() {
        return this == CLIENT;
    }

    /**
     * Whether frames received by this endpoint must be masked.
     *
     * @return true for a server
     */
    public boolean expectsMaskedIncoming() {
        return this == SERVER;
    }
}
