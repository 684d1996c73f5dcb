package dev.wsnio.examples.connect;

import dev.wsnio.client.HandshakeResponseException;
import dev.wsnio.client.WebSocketConnectException;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Says in one line why a connection could not be made, the way a terminal tool does:
 * {@code connection refused 127.0.0.1:1}, {@code server answered 404 Not Found}.
 */
final class ConnectFailure {

    private ConnectFailure() {
    }

    /**
     * The one-line description of a failed connect.
     *
     * @param error what the connect future failed with (wrappers are looked through)
     * @param uri the URI being connected to
     * @return the description, without the {@code error: } prefix
     */
    static String describe(Throwable error, URI uri) {
        Throwable cause = error;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof WebSocketConnectException failure)) {
            return String.valueOf(cause.getMessage() != null ? cause.getMessage() : cause);
        }
        String peer = hostAndPort(failure.uri() != null ? failure.uri() : uri);
        return switch (failure.reason()) {
            case CONNECTION_REFUSED -> "connection refused " + peer;
            case DNS_FAILURE -> "cannot resolve " + (failure.uri() != null ? failure.uri() : uri).getHost();
            case CONNECT_TIMEOUT -> "connect timeout " + peer;
            case HANDSHAKE_TIMEOUT -> "no handshake answer from " + peer + " in time";
            case TLS_FAILURE -> "TLS handshake with " + peer + " failed: " + rootMessage(failure)
                    + " (for a test server with a self-signed certificate: --insecure)";
            case UNEXPECTED_STATUS -> statusLine(failure);
            case CONNECTION_FAILED -> "connection to " + peer + " failed: " + rootMessage(failure);
            default -> failure.getMessage();
        };
    }

    private static String statusLine(WebSocketConnectException failure) {
        if (failure instanceof HandshakeResponseException response && response.response().isPresent()) {
            return "server answered " + response.status() + " " + response.response().get().reasonPhrase();
        }
        return failure.getMessage();
    }

    private static String hostAndPort(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "wss".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
