package dev.wsnio.handshake;

/**
 * Every way an HTTP/1.1 message head can be refused by {@link HttpRequestParser} or
 * {@link HttpResponseParser}, each with the status code a server answers a request with.
 *
 * <p>The constant names are stable identifiers, suitable for logs and metrics. When a client
 * parses a response, the status is only informative: any error fails the handshake.
 */
public enum HttpParseError {

    /** A line ended with LF alone; only CRLF ends a line here (RFC 9112 §2.2). */
    BARE_LINE_FEED(400, "line not terminated by CRLF"),
    /** A CR was not followed by LF (RFC 9112 §2.2). */
    BARE_CARRIAGE_RETURN(400, "CR not followed by LF"),
    /** The head exceeded {@link HeadLimits#maxHeadBytes()}. */
    HEAD_TOO_LARGE(431, "request head too large", "response head too large"),
    /**
     * The request line (or status line) exceeded {@link HeadLimits#maxLineLength()}, or did
     * not fit in {@link HeadLimits#maxHeadBytes()}.
     */
    START_LINE_TOO_LONG(414, "request line too long", "status line too long"),
    /** A field line exceeded {@link HeadLimits#maxLineLength()}. */
    FIELD_LINE_TOO_LONG(431, "header field too long"),
    /** The head had more than {@link HeadLimits#maxFieldCount()} fields. */
    TOO_MANY_FIELDS(431, "too many header fields"),
    /** The request line or status line does not follow RFC 9112 §3 or §4. */
    MALFORMED_START_LINE(400, "malformed request line", "malformed status line"),
    /** The HTTP version is well formed but its major version is not 1 (RFC 9112 §2.3). */
    UNSUPPORTED_HTTP_VERSION(505, "HTTP version not supported"),
    /**
     * The request target is not in a supported form, holds a character outside VCHAR or a
     * {@code #}, or has a malformed percent escape or percent-encoded bytes that are not UTF-8.
     */
    MALFORMED_REQUEST_TARGET(400, "malformed request target"),
    /**
     * A field line started with whitespace: obsolete line folding after a field, or
     * whitespace between the start line and the first field (RFC 9112 §5.2 and §2.2 allow
     * rejecting both).
     */
    OBSOLETE_LINE_FOLDING(400, "obsolete line folding"),
    /** A field line has no colon (RFC 9112 §5). */
    MISSING_COLON(400, "header field without colon"),
    /** Whitespace between a field name and its colon (RFC 9112 §5.1: MUST reject with 400). */
    WHITESPACE_BEFORE_COLON(400, "whitespace before colon in header field"),
    /** A field name is empty or not a token (RFC 9110 §5.1). */
    INVALID_FIELD_NAME(400, "invalid header field name"),
    /** A field value holds a control character such as NUL (RFC 9110 §5.5). */
    INVALID_FIELD_VALUE(400, "invalid header field value"),
    /** An HTTP/1.1 request without Host (RFC 9112 §3.2: MUST answer 400). */
    MISSING_HOST(400, "missing Host header"),
    /** A request with more than one Host field line (RFC 9112 §3.2: MUST answer 400). */
    DUPLICATE_HOST(400, "more than one Host header"),
    /** A Host value that is not {@code uri-host [":" port]} (RFC 9112 §3.2: MUST answer 400). */
    INVALID_HOST(400, "invalid Host header");

    private final int status;
    private final String description;
    private final String responseDescription;

    HttpParseError(int status, String description) {
        this(status, description, description);
    }

    HttpParseError(int status, String description, String responseDescription) {
        this.status = status;
        this.description = description;
        this.responseDescription = responseDescription;
    }

    /**
     * The status code a server answers a request with when its head has this error.
     *
     * @return 400, 414, 431 or 505
     */
    public int status() {
        return status;
    }

    /**
     * A short, fixed description of the error in a request, safe to send to the peer (it never
     * contains peer input).
     *
     * @return the description, e.g. "request head too large"
     */
    public String description() {
        return description;
    }

    /**
     * The same, for the error found in a response (what a client reports).
     *
     * @return the description, e.g. "response head too large"
     */
    public String responseDescription() {
        return responseDescription;
    }
}
