package dev.wsnio.server;

import dev.wsnio.handshake.HandshakeRequest;

/**
 * Sees every valid WebSocket handshake request of an endpoint before the server answers 101:
 * the place to authenticate (a token in the query or a cookie), to look up the user behind
 * {@code ?uid=...}, and to refuse with 401 or 403. Comparable to {@code verifyClient} in Node's
 * {@code ws} and {@code process_request} in Python's {@code websockets}.
 *
 * <p>Runs on the connection's event loop thread, before any WebSocket callback: it must decide
 * quickly and not block. An exception thrown here refuses the request with 500. A hook that
 * must ask someone else (a session store, a service) is an {@link AsyncUpgradeHook}.
 */
@FunctionalInterface
public interface UpgradeHook {

    /** A hook that accepts every request. */
    UpgradeHook ACCEPT_ALL = request -> UpgradeDecision.accept();

    /**
     * Decides about a request that passed RFC 6455's checks and the endpoint's origin policy.
     *
     * @param request path, query parameters, headers, cookies, origin, offers, remote address
     * @return accept (with an attachment) or reject (with a response)
     */
    UpgradeDecision decide(HandshakeRequest request);
}
