package dev.wsnio.client;

import java.io.IOException;
import java.net.URI;

/**
 * A connection attempt failed before the WebSocket was open: the future returned by
 * {@link WebSocketClient#connect} completes exceptionally with this (or with its subclass
 * {@link HandshakeResponseException} when an HTTP response ended the attempt). The
 * {@link Reason} says what went wrong, and so whether trying again can help.
 */
public class WebSocketConnectException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What ended a connection attempt. */
    public enum Reason {
        /** The host name could not be resolved (the name does not exist, or DNS failed). */
        DNS_FAILURE,
        /**
         * Nothing accepts connections at the address: the peer (or a firewall) refused. For a
         * name with several addresses, each was tried and this is how the last one failed.
         */
        CONNECTION_REFUSED,
        /** No TCP connection (through the proxy, when there is one) within the connect timeout. */
        CONNECT_TIMEOUT,
        /**
         * Another network failure, or the peer closed the connection before the handshake
         * finished (for instance a server that accepts and then drops connections).
         */
        CONNECTION_FAILED,
        /**
         * The TLS handshake failed: the server's certificate is not trusted or does not name
         * the host (hostname verification), or the two sides share no protocol or cipher.
         */
        TLS_FAILURE,
        /** The TCP connection was made but the opening handshake did not finish in time. */
        HANDSHAKE_TIMEOUT,
        /** The HTTP proxy answered its CONNECT with 407: credentials missing or wrong. */
        PROXY_AUTHENTICATION_REQUIRED,
        /** The HTTP proxy answered its CONNECT with a status other than 2xx and 407. */
        PROXY_REFUSED,
        /**
         * The server answered the upgrade request with a status other than 101 and 3xx (RFC 6455
         * §4.1: such an answer is handled per HTTP, never as a WebSocket), e.g. 401, 403, 404.
         */
        UNEXPECTED_STATUS,
        /**
         * The server answered with a redirect (3xx) that was not followed: redirects are off
         * (the default), the hop limit was reached, the location is missing or unusable, or it
         * would leave TLS.
         */
        REDIRECT,
        /**
         * The 101 response is not a valid handshake answer: malformed HTTP, a missing or wrong
         * {@code Upgrade} or {@code Connection} header (RFC 6455 §4.1, client checks 1–3).
         */
        INVALID_RESPONSE,
        /** {@code Sec-WebSocket-Accept} does not prove the server saw our key (§4.1, check 4). */
        INVALID_ACCEPT,
        /** The server chose a subprotocol the client did not offer (§4.1, check 6). */
        UNEXPECTED_SUBPROTOCOL,
        /**
         * The server accepted an extension the client did not offer, or with parameters the
         * client cannot use (§4.1, check 5; §9.1).
         */
        UNEXPECTED_EXTENSION,
        /** The attempt was cancelled, or the client was closed. */
        CANCELLED
    }

    /** What went wrong. */
    private final Reason reason;
    /** The URI being connected to. */
    private final URI uri;

    /**
     * Creates the exception.
     *
     * @param reason what went wrong
     * @param uri the URI being connected to
     * @param message details for people
     * @param cause the underlying exception, or null
     */
    WebSocketConnectException(Reason reason, URI uri, String message, Throwable cause) {
        super(reason + " connecting to " + uri + ": " + message, cause);
        this.reason = reason;
        this.uri = uri;
    }

    /**
     * What went wrong.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The URI the attempt was connecting to (after redirects, the last one).
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }
}
