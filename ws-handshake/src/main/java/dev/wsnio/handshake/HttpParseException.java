package dev.wsnio.handshake;

/**
 * An HTTP message head that cannot be accepted, with the {@link HttpParseError} that says
 * why and therefore the status code to answer with.
 */
public final class HttpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the head. */
    private final HttpParseError error;

    /**
     * Creates the exception for an error.
     *
     * @param error what is wrong with the head
     */
    public HttpParseException(HttpParseError error) {
        this(error, error.description());
    }

    private HttpParseException(HttpParseError error, String message) {
        super(message);
        this.error = error;
    }

    /**
     * The same error, described as found in a response: "response head too large" rather than
     * "request head too large".
     *
     * @return an exception with the response wording
     */
    HttpParseException inResponse() {
        HttpParseException worded = new HttpParseException(error, error.responseDescription());
        return worded;
    }

    /**
     * What is wrong with the head.
     *
     * @return the error
     */
    public HttpParseError error() {
        return error;
    }

    /**
     * The status code a server answers with: 400, 414, 431 or 505.
     *
     * @return the status code
     */
    public int status() {
        return error.status();
    }

    /**
     * The response a server sends before closing the connection: the status, {@code
     * Connection: close} and the error's description as a plain-text body.
     *
     * @return the error response
     */
    public HttpResponse toResponse() {
        return HttpResponse.builder(status())
                .header(HeaderNames.CONNECTION, "close")
                .textBody(error.description())
                .build();
    }
}
