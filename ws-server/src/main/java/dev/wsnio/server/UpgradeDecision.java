package dev.wsnio.server;

import dev.wsnio.handshake.HttpStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link UpgradeHook} decided about a WebSocket handshake request: accept it (with an
 * attachment for the connection, and optionally a subprotocol of the hook's choosing), or refuse
 * it with an HTTP response.
 */
public final class UpgradeDecision {

    private static final UpgradeDecision ACCEPT = new UpgradeDecision(null, null, null);

    private final Object attachment;
    private final String subprotocol;
    private final HttpResponse rejection;

    private UpgradeDecision(Object attachment, String subprotocol, HttpResponse rejection) {
        this.attachment = attachment;
        this.subprotocol = subprotocol;
        this.rejection = rejection;
    }

    /**
     * Accepts the connection as the endpoint's configuration negotiated it.
     *
     * @return the decision to accept
     */
    public static UpgradeDecision accept() {
        return ACCEPT;
    }

    /**
     * Accepts the connection and attaches an object to it (e.g. the authenticated user),
     * available from {@link dev.wsnio.WebSocket#attachment()} from {@code onOpen} on.
     *
     * @param attachment the object
     * @return the decision
     */
    public static UpgradeDecision accept(Object attachment) {
        return new UpgradeDecision(attachment, null, null);
    }

    /**
     * A copy that selects this subprotocol instead of the endpoint's preference; it must be one
     * the client offered (otherwise the handshake fails with 500, as the server's own error).
     *
     * @param protocol one of {@code request.subprotocols()}
     * @return the decision
     */
    public UpgradeDecision withSubprotocol(String protocol) {
        if (rejection != null) {
            throw new IllegalStateException("a rejection has no subprotocol");
        }
        return new UpgradeDecision(attachment, Objects.requireNonNull(protocol), null);
    }

    /**
     * Refuses the connection with a status and a short plain-text body, for instance 401 for a
     * missing token or 403 for an unknown user. The connection closes after the response.
     *
     * @param status an HTTP status code (4xx or 5xx)
     * @param body a short explanation, or ""
     * @return the decision
     */
    public static UpgradeDecision reject(int status, String body) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a rejection needs a 4xx or 5xx status, not " + status);
        }
        return reject(HttpResponse.builder(status).textBody(body).build());
    }

    /**
     * Refuses the connection with a response of the hook's making (for headers such as
     * {@code WWW-Authenticate}). The connection closes after the response.
     *
     * @param response the response; its status must not be 101
     * @return the decision
     */
    public static UpgradeDecision reject(HttpResponse response) {
        if (response.status() == HttpStatus.SWITCHING_PROTOCOLS) {
            throw new IllegalArgumentException("a rejection cannot switch protocols");
        }
        return new UpgradeDecision(null, null, response);
    }

    /**
     * Whether the connection is accepted.
     *
     * @return true when accepted
     */
    public boolean accepted() {
        return rejection == null;
    }

    /**
     * The attachment for an accepted connection, or null.
     *
     * @return the attachment, or null
     */
    public Object attachment() {
        return attachment;
    }

    /**
     * The subprotocol the hook chose, if it chose one.
     *
     * @return the chosen subprotocol, or empty to keep what the handshake negotiated
     */
    public Optional<String> subprotocol() {
        return Optional.ofNullable(subprotocol);
    }

    /**
     * The response for a refused connection, or null when accepted.
     *
     * @return the rejection, or null
     */
    public HttpResponse rejection() {
        return rejection;
    }
}
