package dev.wsnio.client;

import dev.wsnio.handshake.HandshakeFailedException;
import dev.wsnio.handshake.HttpHeaders;
import dev.wsnio.handshake.HttpResponseHead;
import dev.wsnio.handshake.HttpStatus;
import java.net.URI;
import java.util.Optional;

/**
 * A connection attempt ended because of an HTTP response: the server's answer to the upgrade
 * request (a status other than 101, a redirect, or a 101 that fails the checks of RFC 6455
 * §4.1), or the proxy's answer to CONNECT. The response's status and headers are kept, e.g. a
 * 401's {@code WWW-Authenticate}, a 407's {@code Proxy-Authenticate}, a 3xx's {@code Location},
 * a 503's {@code Retry-After}.
 */
public final class HandshakeResponseException extends WebSocketConnectException {

    private static final long serialVersionUID = 1L;

    /** The response; not serialised. */
    private final transient HttpResponseHead response;

    HandshakeResponseException(Reason reason, URI uri, String message, HttpResponseHead response,
                               Throwable cause) {
        super(reason, uri, message, cause);
        this.response = response;
    }

    /**
     * Translates the handshake layer's verdict on the server's response.
     *
     * @param failure what the verification found
     * @param uri the URI being connected to
     * @return the typed exception
     */
    static HandshakeResponseException of(HandshakeFailedException failure, URI uri) {
        Reason reason = switch (failure.reason()) {
            case UNEXPECTED_STATUS -> failure.status().orElse(0) / 100 == 3 ? Reason.REDIRECT : Reason.UNEXPECTED_STATUS;
            case MALFORMED_RESPONSE, MISSING_UPGRADE, BAD_CONNECTION_HEADER -> Reason.INVALID_RESPONSE;
            case BAD_ACCEPT -> Reason.INVALID_ACCEPT;
            case UNEXPECTED_SUBPROTOCOL -> Reason.UNEXPECTED_SUBPROTOCOL;
            case UNEXPECTED_EXTENSION, UNACCEPTABLE_EXTENSION -> Reason.UNEXPECTED_EXTENSION;
        };
        String message = failure.getMessage();
        if (reason == Reason.REDIRECT) {
            message += ", Location " + failure.redirectLocation().orElse("(none)");
        }
        return new HandshakeResponseException(reason, uri, message, failure.response().orElse(null), failure);
    }

    /**
     * The response head, when it could be parsed.
     *
     * @return the response, or empty for a malformed one
     */
    public Optional<HttpResponseHead> response() {
        return Optional.ofNullable(response);
    }

    /**
     * The response's status code.
     *
     * @return the status, or 0 when the response could not be parsed
     */
    public int status() {
        return response == null ? 0 : response.status();
    }

    /**
     * The response's header fields.
     *
     * @return the headers, empty when the response could not be parsed
     */
    public HttpHeaders headers() {
        return response == null ? HttpHeaders.empty() : response.headers();
    }

    /**
     * Where a redirect points: the {@code Location} of a 3xx response, as sent (possibly
     * relative to the request's URI).
     *
     * @return the location, or empty when the response is not a redirect with one
     */
    public Optional<String> location() {
        if (response == null || response.status() / 100 != 3
                || response.status() == HttpStatus.NOT_MODIFIED) {
            return Optional.empty();
        }
        return response.headers().first("Location");
    }
}
