package dev.wsnio.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy that connections go through with {@code CONNECT} (RFC 9110 §9.3.6): the client
 * connects to the proxy, asks it for a tunnel to the WebSocket server's host and port, and then
 * speaks TLS (for {@code wss://}) and WebSocket through the tunnel. The proxy resolves the
 * server's name; the client only resolves the proxy's. Immutable.
 *
 * <p>Credentials are sent with the Basic scheme (RFC 7617) in {@code Proxy-Authorization}: in
 * clear text to the proxy, so use them only with a proxy on a trusted network.
 */
public final class HttpProxy {

    private final String host;
    private final int port;
    private final String authorization;

    private HttpProxy(String host, int port, String authorization) {
        this.host = host;
        this.port = port;
        this.authorization = authorization;
    }

    /**
     * A proxy that needs no credentials.
     *
     * @param host the proxy's host name or IP literal
     * @param port the proxy's port
     * @return the proxy
     * @throws IllegalArgumentException when the port is out of range or the host is empty
     */
    public static HttpProxy of(String host, int port) {
        if (Objects.requireNonNull(host, "host").isEmpty()) {
            throw new IllegalArgumentException("the proxy host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port out of range: " + port);
        }
        return new HttpProxy(host, port, null);
    }

    /**
     * The same proxy, with Basic credentials.
     *
     * @param user the user name (without ':', RFC 7617 §2)
     * @param password the password
     * @return a proxy that authenticates
     * @throws IllegalArgumentException when the user name contains ':'
     */
    public HttpProxy withCredentials(String user, String password) {
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name cannot contain ':'");
        }
        String pair = user + ":" + Objects.requireNonNull(password, "password");
        return new HttpProxy(host, port,
                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The proxy's host.
     *
     * @return the host name or IP literal
     */
    public String host() {
        return host;
    }

    /**
     * The proxy's port.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The {@code Proxy-Authorization} value sent with CONNECT.
     *
     * @return {@code Basic <base64>}, or empty without credentials
     */
    public Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    /**
     * The proxy's address, without credentials.
     *
     * @return for example {@code HttpProxy[127.0.0.1:3128]}
     */
    @Override
    public String toString() {
        return "HttpProxy[" + host + ":" + port + (authorization == null ? "" : ", with credentials") + "]";
    }
}
