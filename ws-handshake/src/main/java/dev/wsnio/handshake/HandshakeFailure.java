package dev.wsnio.handshake;

/**
 * Why a client fails the connection after the server's response to its handshake (RFC 6455
 * §4.1, the client's checks of the response, in order). The constant names are stable
 * identifiers.
 */
public enum HandshakeFailure {
    /** The response head could not be parsed as HTTP/1.1, or its extension header is malformed. */
    MALFORMED_RESPONSE,
    /**
     * The status is not 101 (§4.1: handled "per HTTP procedures"; a redirect is reported, not
     * followed, with its {@code Location}).
     */
    UNEXPECTED_STATUS,
    /** {@code Upgrade} is missing or is not {@code websocket}, ignoring case. */
    MISSING_UPGRADE,
    /** {@code Connection} is missing or does not list {@code upgrade}, ignoring case. */
    BAD_CONNECTION_HEADER,
    /** {@code Sec-WebSocket-Accept} is missing, repeated or not the value expected for the key. */
    BAD_ACCEPT,
    /**
     * {@code Sec-WebSocket-Protocol} names a subprotocol the client did not offer, or more
     * than one, or is present when none was offered.
     */
    UNEXPECTED_SUBPROTOCOL,
    /**
     * {@code Sec-WebSocket-Extensions} names an extension the client did not offer, names one
     * twice, or names two that claim the same reserved bit.
     */
    UNEXPECTED_EXTENSION,
    /** The client's negotiator refused the parameters the server chose for its extension. */
    UNACCEPTABLE_EXTENSION
}
