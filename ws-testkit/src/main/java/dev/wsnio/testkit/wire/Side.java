package dev.wsnio.testkit.wire;

import java.util.Locale;

/** Which of our endpoints a case drives: the raw peer of the suite plays the other role. */
public enum Side {
    /** Our server, driven by a raw client that masks its frames (RFC 6455 §5.3). */
    SERVER,
    /** Our client, driven by a raw server that must not mask (§5.1). */
    CLIENT;

    /** Whether the raw peer masks what it sends: it does when it plays the client. */
    public boolean peerMasks() {
        return this == SERVER;
    }

    /** Whether frames from the endpoint under test must be masked: a client's must. */
    public boolean testeeMasks() {
        return this == CLIENT;
    }

    /** The name used in result files: {@code server} or {@code client}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
