package dev.wsnio.server;

import dev.wsnio.handshake.HttpHeaders;
import dev.wsnio.handshake.HttpRequestHead;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A plain HTTP request as a {@link HttpHandler} sees it.
 *
 * @param head the request line and headers
 * @param body the body (empty when there was none)
 * @param remoteAddress the client's address
 */
public record HttpRequest(HttpRequestHead head, byte[] body, InetSocketAddress remoteAddress) {

    /**
     * The method, e.g. {@code GET}.
     *
     * @return the request method, as sent
     */
    public String method() {
        return head.method();
    }

    /**
     * The percent-decoded path, e.g. {@code /hello}.
     *
     * @return the path without its query
     */
    public String path() {
        return head.target().path();
    }

    /**
     * The headers.
     *
     * @return the header fields, in the order received
     */
    public HttpHeaders headers() {
        return head.headers();
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter's name
     * @return its decoded value, if present
     */
    public Optional<String> queryParameter(String name) {
        return head.target().queryParameters().first(name);
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body as text, empty when there was none
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
