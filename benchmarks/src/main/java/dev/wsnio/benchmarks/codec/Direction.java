package dev.wsnio.benchmarks.codec;

import dev.wsnio.frame.Role;

/**
 * Which way frames travel, which decides masking (RFC 6455 §5.3): a client masks every frame
 * it sends, a server never does.
 */
public enum Direction {

    /** Masked frames, encoded by a client and decoded by a server. */
    CLIENT_TO_SERVER(true),
    /** Unmasked frames, encoded by a server and decoded by a client. */
    SERVER_TO_CLIENT(false);

    private final boolean masked;

    Direction(boolean masked) {
        this.masked = masked;
    }

    /**
     * Whether frames travelling this way are masked.
     *
     * @return true from client to server
     */
    public boolean masked() {
        return masked;
    }

    /**
     * The role of the endpoint that decodes these frames.
     *
     * @return the receiving role
     */
    public Role receiver() {
        return masked ? Role.SERVER : Role.CLIENT;
    }

    /**
     * The role of the endpoint that encodes these frames.
     *
     * @return the sending role
     */
    public Role sender() {
        return masked ? Role.CLIENT : Role.SERVER;
    }
}
