package dev.wsnio.handshake;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A WebSocket handshake request as the application sees it, once {@link ServerHandshake} has
 * validated it: where it goes, what it carries, what it offers, where it comes from.
 * Immutable.
 */
public final class HandshakeRequest {

    private final HttpRequestHead head;
    private final Optional<String> origin;
    private final List<String> subprotocols;
    private final List<WebSocketExtension> extensions;
    private final Optional<InetSocketAddress> remoteAddress;

    HandshakeRequest(HttpRequestHead head, Optional<String> origin, List<String> subprotocols,
            List<WebSocketExtension> extensions, InetSocketAddress remoteAddress) {
        this.head = head;
        this.origin = origin;
        this.subprotocols = List.copyOf(subprotocols);
        this.extensions = List.copyOf(extensions);
        this.remoteAddress = Optional.ofNullable(remoteAddress);
    }

    /**
     * The request head as parsed.
     *
     * @return the head
     */
    public HttpRequestHead head() {
        return head;
    }

    /**
     * The method; always {@code GET} for an accepted handshake.
     *
     * @return the method
     */
    public String method() {
        return head.method();
    }

    /**
     * The path as received, still percent-encoded.
     *
     * @return the raw path, for example {@code /chat%20room}
     */
    public String rawPath() {
        return head.target().rawPath();
    }

    /**
     * The path, percent-decoded as UTF-8.
     *
     * @return the decoded path, for example {@code /chat room}
     */
    public String path() {
        return head.target().path();
    }

    /**
     * The query as received, without the {@code ?}.
     *
     * @return the raw query, empty when there is none
     */
    public Optional<String> rawQuery() {
        return head.target().rawQuery();
    }

    /**
     * The decoded query parameters, in order: {@code /ws?uid=ttq123} gives {@code uid=ttq123}.
     *
     * @return the query parameters
     */
    public NamedValues queryParameters() {
        return head.target().queryParameters();
    }

    /**
     * The header fields, in order; names match ignoring case.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return head.headers();
    }

    /**
     * The cookies from the {@code Cookie} header, in order, as sent.
     *
     * @return the cookies
     */
    public NamedValues cookies() {
        return CookieParser.parse(head.headers()); // read when asked: most handshakes never are
    }

    /**
     * The {@code Origin} header: the page that opened the connection, when a browser did.
     *
     * @return the origin, empty when the client sent none
     */
    public Optional<String> origin() {
        return origin;
    }

    /**
     * The subprotocols the client offers in {@code Sec-WebSocket-Protocol}, most preferred
     * first.
     *
     * @return the offered subprotocols, possibly none
     */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /**
     * The extensions the client offers in {@code Sec-WebSocket-Extensions}, most preferred
     * first, the unknown ones included.
     *
     * @return the offered extensions, possibly none
     */
    public List<WebSocketExtension> extensions() {
        return extensions;
    }

    /**
     * The address of the peer, when the transport provided it.
     *
     * @return the remote address, or empty
     */
    public Optional<InetSocketAddress> remoteAddress() {
        return remoteAddress;
    }

    /**
     * The request line and origin, for logs.
     *
     * @return a description of the request
     */
    @Override
    public String toString() {
        return "HandshakeRequest[" + head.method() + " " + head.target() + ", origin "
                + origin.orElse("none") + ", from " + remoteAddress.map(Object::toString).orElse("unknown") + "]";
    }
}
