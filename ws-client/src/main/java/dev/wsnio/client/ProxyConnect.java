package dev.wsnio.client;

import dev.wsnio.client.WebSocketConnectException.Reason;
import dev.wsnio.handshake.HttpResponseHead;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP {@code CONNECT} exchange with a proxy (RFC 9110 §9.3.6), without I/O: the request
 * that asks for a tunnel, and the verdict on the proxy's answer.
 */
final class ProxyConnect {

    private ProxyConnect() {
    }

    /**
     * The request head asking for a tunnel to {@code host:port}.
     *
     * @param proxy the proxy (its credentials, if any, are sent)
     * @param host the server's host as in its URI (an IPv6 literal keeps its brackets)
     * @param port the server's port
     * @return the request's bytes
     */
    static byte[] request(HttpProxy proxy, String host, int port) {
        // RFC 9112 §3.2.3: CONNECT uses the authority-form, and Host repeats it.
        String authority = host + ":" + port;
        StringBuilder head = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        proxy.authorization().ifPresent(value -> head.append("Proxy-Authorization: ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Checks the proxy's answer: any 2xx opens the tunnel (RFC 9110 §9.3.6).
     *
     * @param response the answer's head
     * @param uri the WebSocket URI being connected to, for the error
     * @throws HandshakeResponseException with {@link Reason#PROXY_AUTHENTICATION_REQUIRED} for
     *     407, {@link Reason#PROXY_REFUSED} for any other status but 2xx
     */
    static void checkResponse(HttpResponseHead response, URI uri) throws HandshakeResponseException {
        int status = response.status();
        if (status / 100 == 2) {
            return;
        }
        Reason reason = status == 407 ? Reason.PROXY_AUTHENTICATION_REQUIRED : Reason.PROXY_REFUSED;
        throw new HandshakeResponseException(reason, uri,
                "the proxy answered CONNECT with " + status + " " + response.reasonPhrase(), response, null);
    }
}
