package dev.wsnio.conformance.testee;

/**
 * What the endpoint under test does on a connection, chosen by the request path (as the
 * Autobahn|Testsuite chooses a case by URL): every behaviour echoes messages like an Autobahn
 * testee; some also act first, so that the suite can check frames our endpoints originate.
 */
public enum Behaviour {
    /** Echoes every text and binary message, whole, in one frame. */
    ECHO("/echo"),
    /** Starts the closing handshake at once with 1000 "bye" (§7.1.2). */
    CLOSE_ON_OPEN("/close"),
    /**
     * Sends, at once: a text message in two fragments ("Hel", "lo") with a ping ("between")
     * between them, then a binary message {1, 2, 3} (§5.4: control frames may be injected in
     * the middle of a fragmented message).
     */
    SEND_ON_OPEN("/send"),
    /** Pings ("are you there?") at once and reports the pong's payload as a text message. */
    PING_ON_OPEN("/ping");

    private final String path;

    Behaviour(String path) {
        this.path = path;
    }

    /** The request path that selects this behaviour. */
    public String path() {
        return path;
    }
}
