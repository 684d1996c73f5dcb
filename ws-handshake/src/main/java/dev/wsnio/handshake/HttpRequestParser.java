package dev.wsnio.handshake;

import java.nio.ByteBuffer;

/**
 * Reads the head of one HTTP/1.1 request from bytes that arrive in any chunking, down to one
 * byte at a time (RFC 9112 §2–§5).
 *
 * <p>Feed it with {@link #parse(ByteBuffer)} until it returns true, then take the {@link
 * #result()}. It stops right after the empty line that ends the head: whatever follows (a
 * WebSocket client may send its first frame right behind its request) stays in the buffer
 * for the next layer. It never takes more than {@link HeadLimits#maxHeadBytes()} bytes.
 * "Not yet" is the return value false, never an exception; a head that cannot be accepted is
 * an {@link HttpParseException} carrying the status to answer with (400, 414, 431, 505).
 *
 * <p>It is strict where leniency has caused request smuggling: lines end with CRLF only,
 * obsolete line folding and whitespace before a field's colon are refused, and so are a
 * missing (in HTTP/1.1), repeated or malformed {@code Host} (RFC 9112 §3.2). One parser
 * reads one request; use a new one for the next request on a persistent connection.
 */
public final class HttpRequestParser {

    private final HeadParser<RequestLine> head;
    private HttpRequestHead result;

    /** A parser with the {@link HeadLimits#DEFAULT default limits}. */
    public HttpRequestParser() {
        this(HeadLimits.DEFAULT);
    }

    /**
     * A parser with the given limits.
     *
     * @param limits the bounds on the head
     */
    public HttpRequestParser(HeadLimits limits) {
        this.head = new HeadParser<>(limits, RequestLine::parse);
    }

    /**
     * Takes bytes until the head is complete or the input is exhausted.
     *
     * @param in the input; its position advances past the bytes of the head, never further
     * @return true when the head is complete (see {@link #result()}), false when more input
     *         is needed
     * @throws HttpParseException when the head cannot be accepted; again on every later call
     */
    public boolean parse(ByteBuffer in) throws HttpParseException {
        if (result != null) {
            return true;
        }
        if (!head.parse(in)) {
            return false;
        }
        RequestLine requestLine = head.startLine();
        HttpHeaders headers = head.headers();
        checkHost(requestLine.version(), headers);
        result = new HttpRequestHead(requestLine, headers);
        return true;
    }

    /**
     * The parsed head.
     *
     * @return the head
     * @throws IllegalStateException when {@link #parse(ByteBuffer)} has not returned true
     */
    public HttpRequestHead result() {
        if (result == null) {
            throw new IllegalStateException("the request head is not complete");
        }
        return result;
    }

    /** RFC 9112 §3.2: 400 for a missing Host in HTTP/1.1, several Host lines, a bad value. */
    private static void checkHost(HttpVersion version, HttpHeaders headers) throws HttpParseException {
        int hosts = headers.count(HeaderNames.HOST);
        if (hosts > 1) {
            throw new HttpParseException(HttpParseError.DUPLICATE_HOST);
        }
        if (hosts == 0) {
            if (version.isAtLeast(HttpVersion.HTTP_1_1)) {
                throw new HttpParseException(HttpParseError.MISSING_HOST);
            }
            return;
        }
        String host = headers.firstOrNull(HeaderNames.HOST);
        for (int i = 0; i < host.length(); i++) {
            if (!isHostChar(host.charAt(i))) {
                throw new HttpParseException(HttpParseError.INVALID_HOST);
            }
        }
    }

    /**
     * The characters of {@code uri-host [":" port]} (RFC 3986 §3.2.2): unreserved,
     * percent-encoded, sub-delims, colons and the brackets of an IP literal.
     */
    private static boolean isHostChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~%!$&'()*+,;=:[]".indexOf(c) >= 0;
    }
}
