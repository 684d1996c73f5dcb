package dev.wsnio.handshake;

/**
 * Status codes used by the handshake and a plain-HTTP server, and the standard reason phrase
 * of every status code registered by RFC 9110 §15 (plus 426 and the RFC 6585 codes 428,
 * 429, 431).
 */
public final class HttpStatus {

    /** 101: the server switches to the protocol named in {@code Upgrade}. */
    public static final int SWITCHING_PROTOCOLS = 101;
    /** 200: success. */
    public static final int OK = 200;
    /** 204: success, no content. */
    public static final int NO_CONTENT = 204;
    /** 304: the cached representation is still valid. */
    public static final int NOT_MODIFIED = 304;
    /** 400: the request is malformed. */
    public static final int BAD_REQUEST = 400;
    /** 403: the server refuses the request (for example, the origin is not allowed). */
    public static final int FORBIDDEN = 403;
    /** 404: nothing is served at this target. */
    public static final int NOT_FOUND = 404;
    /** 405: the method is not allowed at this target; the response lists those in Allow. */
    public static final int METHOD_NOT_ALLOWED = 405;
    /** 414: the request target is longer than the server will parse. */
    public static final int URI_TOO_LONG = 414;
    /** 426: the client must upgrade to the protocol named in Upgrade. */
    public static final int UPGRADE_REQUIRED = 426;
    /** 431: the header fields are too large. */
    public static final int REQUEST_HEADER_FIELDS_TOO_LARGE = 431;
    /** 500: the server failed. */
    public static final int INTERNAL_SERVER_ERROR = 500;
    /** 505: the major HTTP version is not supported. */
    public static final int HTTP_VERSION_NOT_SUPPORTED = 505;

    private HttpStatus() {
    }

    /**
     * The standard reason phrase of a status code.
     *
     * @param status a status code
     * @return the phrase, for example {@code Switching Protocols} for 101, or an empty string
     *         for an unregistered code (an empty reason phrase is allowed, RFC 9112 §4)
     */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 202 -> "Accepted";
            case 203 -> "Non-Authoritative Information";
            case 204 -> "No Content";
            case 205 -> "Reset Content";
            case 206 -> "Partial Content";
            case 300 -> "Multiple Choices";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 304 -> "Not Modified";
            case 305 -> "Use Proxy";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 407 -> "Proxy Authentication Required";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 411 -> "Length Required";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 416 -> "Range Not Satisfiable";
            case 417 -> "Expectation Failed";
            case 421 -> "Misdirected Request";
            case 422 -> "Unprocessable Content";
            case 426 -> "Upgrade Required";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            case 505 -> "HTTP Version Not Supported";
            default -> "";
        };
    }
}
