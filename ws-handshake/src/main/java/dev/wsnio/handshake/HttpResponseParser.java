package dev.wsnio.handshake;

import java.nio.ByteBuffer;

/**
 * Reads the head of one HTTP/1.1 response from bytes that arrive in any chunking, down to one
 * byte at a time (RFC 9112 §2, §4, §5), with the same rules and limits as {@link
 * HttpRequestParser}.
 *
 * <p>It stops right after the empty line that ends the head: a server may send its first
 * WebSocket frame right behind its 101 response, and those bytes stay in the buffer for the
 * frame layer.
 */
public final class HttpResponseParser {

    private final HeadParser<StatusLine> head;
    private HttpResponseHead result;

    /** A parser with the {@link HeadLimits#DEFAULT default limits}. */
    public HttpResponseParser() {
        this(HeadLimits.DEFAULT);
    }

    /**
     * A parser with the given limits.
     *
     * @param limits the bounds on the head
     */
    public HttpResponseParser(HeadLimits limits) {
        this.head = new HeadParser<>(limits, StatusLine::parse);
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
        try {
            if (!head.parse(in)) {
                return false;
            }
        } catch (HttpParseException e) {
            throw e.inResponse();
        }
        result = new HttpResponseHead(head.startLine(), head.headers());
        return true;
    }

    /**
     * The parsed head.
     *
     * @return the head
     * @throws IllegalStateException when {@link #parse(ByteBuffer)} has not returned true
     */
    public HttpResponseHead result() {
        if (result == null) {
            throw new IllegalStateException("the response head is not complete");
        }
        return result;
    }
}
