package dev.wsnio.handshake;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The server's response does not complete the client's handshake: the {@link
 * HandshakeFailure} says which check failed, and the response, when there was one, gives
 * status, reason phrase and headers (a 401's {@code WWW-Authenticate}, a 426's {@code
 * Sec-WebSocket-Version}, a redirect's {@code Location}).
 */
public final class HandshakeFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Which check failed. */
    private final HandshakeFailure reason;
    /** The response, or null; not serialised (a deserialised exception reports none). */
    private final transient HttpResponseHead response;

    HandshakeFailedException(HandshakeFailure reason, String message, HttpResponseHead response,
            Throwable cause) {
        super(reason.name() + ": " + message, cause);
        this.reason = reason;
        this.response = response;
    }

    /**
     * The failure for a response whose head could not be parsed.
     *
     * @param cause the parser's error
     * @return a failure with reason {@link HandshakeFailure#MALFORMED_RESPONSE} and no response
     */
    public static HandshakeFailedException malformedResponse(HttpParseException cause) {
        return new HandshakeFailedException(HandshakeFailure.MALFORMED_RESPONSE, cause.getMessage(), null, cause);
    }

    /**
     * Which check failed.
     *
     * @return the reason
     */
    public HandshakeFailure reason() {
        return reason;
    }

    /**
     * The response that failed the handshake.
     *
     * @return the response head, or empty when it could not be parsed
     */
    public Optional<HttpResponseHead> response() {
        return Optional.ofNullable(response);
    }

    /**
     * The status code of the response.
     *
     * @return the status, or empty when the response could not be parsed
     */
    public OptionalInt status() {
        return response == null ? OptionalInt.empty() : OptionalInt.of(response.status());
    }

    /**
     * Where a redirect points: the {@code Location} of a 3xx response. Never followed here;
     * following it (or not) is the client's decision.
     *
     * @return the location, or empty when the response is not a redirect with a location
     */
    public Optional<String> redirectLocation() {
        if (response == null || response.status() / 100 != 3) {
            return Optional.empty();
        }
        return response.headers().first(HeaderNames.LOCATION);
    }
}
