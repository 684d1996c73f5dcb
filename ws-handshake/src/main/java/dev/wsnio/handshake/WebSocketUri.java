package dev.wsnio.handshake;

import java.net.URI;

/**
 * A {@code ws://} or {@code wss://} URI (RFC 6455 §3), checked, with what a client derives
 * from it: where to connect, whether to use TLS, the {@code Host} header and the request
 * target.
 *
 * <p>Refused: other schemes, relative or opaque URIs, URIs without host, with user
 * information (the ws-URI grammar has none) or with a fragment (§3: MUST NOT be used).
 * Path and query are kept as given (raw), except that characters outside US-ASCII are
 * percent-encoded as UTF-8 ({@link URI#toASCIIString()}); an empty path becomes {@code /}.
 */
public final class WebSocketUri {

    private static final int WS_DEFAULT_PORT = 80;
    private static final int WSS_DEFAULT_PORT = 443;

    private final URI uri;
    private final boolean secure;
    private final String host;
    private final int port;
    private final String requestTarget;

    private WebSocketUri(URI uri, boolean secure, String host, int port, String requestTarget) {
        this.uri = uri;
        this.secure = secure;
        this.host = host;
        this.port = port;
        this.requestTarget = requestTarget;
    }

    /**
     * Checks a URI.
     *
     * @param uri a ws or wss URI
     * @return the checked URI
     * @throws IllegalArgumentException when the URI is not a valid WebSocket URI
     */
    public static WebSocketUri of(URI uri) {
        String scheme = uri.getScheme();
        boolean secure = "wss".equalsIgnoreCase(scheme);
        if (!secure && !"ws".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("not a ws:// or wss:// URI: " + uri);
        }
        if (uri.isOpaque() || uri.getHost() == null) {
            throw new IllegalArgumentException("a WebSocket URI needs a host: " + uri);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no user information: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a WebSocket URI has no fragment (RFC 6455 §3): " + uri);
        }
        int port = uri.getPort() == -1 ? defaultPort(secure) : uri.getPort();
        URI ascii = URI.create(uri.toASCIIString());
        String path = ascii.getRawPath().isEmpty() ? "/" : ascii.getRawPath();
        String target = ascii.getRawQuery() == null ? path : path + "?" + ascii.getRawQuery();
        return new WebSocketUri(uri, secure, uri.getHost(), port, target);
    }

    private static int defaultPort(boolean secure) {
        return secure ? WSS_DEFAULT_PORT : WS_DEFAULT_PORT;
    }

    /**
     * The URI as given.
     *
     * @return the URI
     */
    public URI uri() {
        return uri;
    }

    /**
     * Whether the connection uses TLS ({@code wss}).
     *
     * @return true for wss
     */
    public boolean isSecure() {
        return secure;
    }

    /**
     * The host to connect to, as in the URI; an IPv6 literal keeps its brackets, which
     * {@link java.net.InetAddress#getByName(String)} accepts.
     *
     * @return the host
     */
    public String host() {
        return host;
    }

    /**
     * The port to connect to: the URI's, or 80 for ws and 443 for wss.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The {@code Host} header value (RFC 6455 §4.1 item 4): the host, and the port only when
     * it is not the scheme's default.
     *
     * @return for example {@code example.com} or {@code [::1]:9000}
     */
    public String hostHeader() {
        return port == defaultPort(secure) ? host : host + ":" + port;
    }

    /**
     * The request target (§4.1 item 3, the resource name): path and query.
     *
     * @return for example {@code /chat?room=1}
     */
    public String requestTarget() {
        return requestTarget;
    }

    /**
     * The URI as given.
     *
     * @return the URI text
     */
    @Override
    public String toString() {
        return uri.toString();
    }
}
