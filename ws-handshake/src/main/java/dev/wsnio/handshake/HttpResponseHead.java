package dev.wsnio.handshake;

import java.util.Objects;

/**
 * The head of an HTTP/1.x response, as {@link HttpResponseParser} read it: version, status
 * code, reason phrase and header fields. Immutable.
 */
public final class HttpResponseHead {

    private final HttpVersion version;
    private final int status;
    private final String reasonPhrase;
    private final HttpHeaders headers;

    HttpResponseHead(StatusLine statusLine, HttpHeaders headers) {
        this.version = statusLine.version();
        this.status = statusLine.status();
        this.reasonPhrase = statusLine.reasonPhrase();
        this.headers = headers;
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
     * The status code, 100–599.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The reason phrase, possibly empty; informative only (RFC 9112 §4).
     *
     * @return the reason phrase
     */
    public String reasonPhrase() {
        return reasonPhrase;
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
     * Equal when version, status, reason phrase and headers are equal.
     *
     * @param other another object
     * @return true for equal heads
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof HttpResponseHead head && version.equals(head.version)
                && status == head.status && reasonPhrase.equals(head.reasonPhrase)
                && headers.equals(head.headers);
    }

    /**
     * A hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash of the parts
     */
    @Override
    public int hashCode() {
        return Objects.hash(version, status, reasonPhrase, headers);
    }

    /**
     * The status line and headers, for debugging.
     *
     * @return a description of the head
     */
    @Override
    public String toString() {
        return version + " " + status + " " + reasonPhrase + " " + headers;
    }
}
