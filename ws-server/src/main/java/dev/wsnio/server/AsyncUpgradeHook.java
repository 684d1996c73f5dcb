package dev.wsnio.server;

import dev.wsnio.handshake.HandshakeRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link UpgradeHook} that answers later: for authentication that asks a session store (a
 * Redis, an HTTP service) without blocking the event loop. The connection waits, reading
 * nothing, until the stage completes or the endpoint's upgrade timeout passes
 * ({@link WebSocketEndpoint.Builder#upgradeTimeout}); then:
 * <ul>
 *   <li>completed with a decision: as for {@link UpgradeHook} (101, or the rejection);</li>
 *   <li>completed exceptionally: 500, as when a hook throws;</li>
 *   <li>not completed in time: 503 with {@code Retry-After: 1} (RFC 9110 §15.6.4: the server
 *       cannot handle the request now, which "will likely be alleviated after some delay"); a
 *       decision arriving later is ignored. 504 would claim the server is a gateway that timed
 *       out on an upstream server, which is not what a client talks to.</li>
 * </ul>
 *
 * <p>{@code decide} itself runs on the connection's event loop and must return at once; the
 * stage may complete on any thread.
 */
@FunctionalInterface
public interface AsyncUpgradeHook {

    /**
     * Adapts a hook that decides at once.
     *
     * @param hook the synchronous hook
     * @return a hook whose stage is already complete (the server then answers without waiting)
     */
    static AsyncUpgradeHook of(UpgradeHook hook) {
        return request -> CompletableFuture.completedFuture(hook.decide(request));
    }

    /**
     * Starts deciding about a request that passed RFC 6455's checks and the endpoint's origin
     * policy.
     *
     * @param request path, query parameters, headers, cookies, origin, offers, remote address
     * @return completes with accept (with an attachment) or reject (with a response)
     */
    CompletionStage<UpgradeDecision> decide(HandshakeRequest request);
}
