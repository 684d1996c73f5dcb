package dev.wsnio.handshake;

import java.util.Objects;

/**
 * The head of an HTTP/1.x request, as {@link HttpRequestParser} read it: method, target,
 * version and header fields. Immutable.
 *
 * <p>Besides the parts, it answers the questions a server asks before deciding what to do
 * with a request on a port that serves both plain HTTP and WebSocket: is it a WebSocket
 * upgrade, may the connection be kept open afterwards, does a body follow.
 */
public final class HttpRequestHead {

    private final String method;
    private final RequestTarget target;
    private final HttpVersion version;
    private final HttpHeaders headers;

    HttpRequestHead(RequestLine requestLine, HttpHeaders headers) {
        this.method = requestLine.method();
        this.target = requestLine.target();
        this.version = requestLine.version();
        this.headers = headers;
    }

    /**
     * The method, case-sensitive (RFC 9110 §9.1), for example {@code GET}.
     *
     * @return the method
     */
    public String method() {
        return method;
    }

    /**
     * The request target: raw and decoded path, query parameters.
     *
     * @return the target
     */
    public RequestTarget target() {
        return target;
    }

    /**
     * The HTTP version, always 1.x.
     *
     * @return the version
     */
    public HttpVersion version() {
        return version;
    }

    /**
     * The header fields, in order.
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return headers;
    }

    /**
     * Whether the client asks to switch to WebSocket: its {@code Upgrade} header lists the
     * {@code websocket} protocol, in any case (RFC 9110 §7.8, RFC 6455 §4.1). A server routes
     * such a request to {@link ServerHandshake}, which checks everything else and explains
     * what is wrong; any other request is plain HTTP.
     *
     * @return true when the request asks for a WebSocket upgrade
     */
    public boolean isWebSocketUpgrade() {
        return headers.containsToken(HeaderNames.UPGRADE, "websocket");
    }

    /**
     * Whether the connection may stay open for another request after the response
     * (RFC 9112 §9.3): not when {@code Connection} lists {@code close}; otherwise yes for
     * HTTP/1.1 and later, and for HTTP/1.0 only when {@code Connection} lists {@code
     * keep-alive}.
     *
     * @return true for a persistent connection
     */
    public boolean isPersistent() {
        if (headers.containsToken(HeaderNames.CONNECTION, "close")) {
            return false;
        }
        return version.isAtLeast(HttpVersion.HTTP_1_1)
                || headers.containsToken(HeaderNames.CONNECTION, "keep-alive");
    }

    /**
     * Whether the request has a {@code Content-Length} header.
     *
     * @return true when {@code Content-Length} is present
     */
    public boolean hasContentLength() {
        return headers.contains(HeaderNames.CONTENT_LENGTH);
    }

    /**
     * Whether the request has a {@code Transfer-Encoding} header.
     *
     * @return true when {@code Transfer-Encoding} is present
     */
    public boolean hasTransferEncoding() {
        return headers.contains(HeaderNames.TRANSFER_ENCODING);
    }

    /**
     * Whether a body follows the head (RFC 9112 §6.3): a {@code Transfer-Encoding}, or a
     * {@code Content-Length} other than {@code 0}. A server that supports no request bodies
     * refuses such a request rather than read the body as the next request.
     *
     * @return true when the head announces a body, or its length is not a plain zero
     */
    public boolean announcesBody() {
        if (hasTransferEncoding()) {
            return true;
        }
        for (HttpField field : headers.fields()) {
            if (field.hasName(HeaderNames.CONTENT_LENGTH) && !field.value().equals("0")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Equal when method, target, version and headers are equal.
     *
     * @param other another object
     * @return true for equal heads
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpRequestHead head && method.equals(head.method)
                && target.equals(head.target) && version.equals(head.version)
                && headers.equals(head.headers);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the parts
     */
    @Override
    public int hashCode() {
        return Objects.hash(method, target, version, headers);
    }

    /**
     * The request line and headers, for debugging.
     *
     * @return a description of the head
     */
    @Override
    public String toString() {
        return method + " " + target + " " + version + " " + headers;
    }
}
