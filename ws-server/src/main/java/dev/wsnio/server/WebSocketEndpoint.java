package dev.wsnio.server;

import dev.wsnio.handshake.OriginPolicy;
import dev.wsnio.handshake.ServerExtensionNegotiator;
import dev.wsnio.handshake.ServerHandshake;
import dev.wsnio.WebSocketListener;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A WebSocket endpoint of the server: the listener that receives its connections' events, the
 * hook that decides about each handshake, and the handshake's own policy (allowed origins,
 * subprotocols in order of preference).
 *
 * <pre>{@code
 * WebSocketEndpoint chat = WebSocketEndpoint.builder(listener)
 *         .upgradeHook(request -> request.queryParameters().first("uid")
 *                 .map(UpgradeDecision::accept)
 *                 .orElse(UpgradeDecision.reject(401, "uid required")))
 *         .originPolicy(OriginPolicy.allowOnly("https://example.com"))
 *         .subprotocols("chat.v2", "chat.v1")
 *         .build();
 * }</pre>
 *
 * <p>A hook that must ask someone else (a session store) returns its decision later: see
 * {@link AsyncUpgradeHook} and {@link Builder#asyncUpgradeHook}.
 *
 * @param listener receives every connection's events
 * @param upgradeHook decides about each valid handshake request
 * @param upgradeTimeout how long the hook may take to decide (then 503)
 * @param originPolicy which {@code Origin} values are allowed (RFC 6455 §10.2)
 * @param subprotocols the subprotocols the endpoint speaks, most preferred first
 */
public record WebSocketEndpoint(WebSocketListener listener, AsyncUpgradeHook upgradeHook,
                                Duration upgradeTimeout, OriginPolicy originPolicy,
                                List<String> subprotocols) {

    /** How long an upgrade hook may take to decide by default. */
    public static final Duration DEFAULT_UPGRADE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Validates and copies.
     *
     * @param listener receives every connection's events
     * @param upgradeHook decides about each valid handshake request
     * @param upgradeTimeout how long the hook may take to decide, positive
     * @param originPolicy which {@code Origin} values are allowed
     * @param subprotocols the subprotocols the endpoint speaks, most preferred first (copied)
     * @throws NullPointerException when a component is null
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public WebSocketEndpoint {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(upgradeHook, "upgradeHook");
        if (upgradeTimeout.isNegative() || upgradeTimeout.isZero()) {
            throw new IllegalArgumentException("upgradeTimeout must be positive");
        }
        Objects.requireNonNull(originPolicy, "originPolicy");
        subprotocols = List.copyOf(subprotocols);
    }

    /**
     * An endpoint with the defaults: every request accepted, every origin allowed, no
     * subprotocol.
     *
     * @param listener receives every connection's events
     * @return the endpoint
     */
    public static WebSocketEndpoint of(WebSocketListener listener) {
        return builder(listener).build();
    }

    /**
     * Starts configuring an endpoint.
     *
     * @param listener receives every connection's events
     * @return a builder with the defaults
     */
    public static Builder builder(WebSocketListener listener) {
        return new Builder(listener);
    }

    /** Configures a {@link WebSocketEndpoint}. */
    public static final class Builder {
        private final WebSocketListener listener;
        private AsyncUpgradeHook upgradeHook = AsyncUpgradeHook.of(UpgradeHook.ACCEPT_ALL);
        private Duration upgradeTimeout = DEFAULT_UPGRADE_TIMEOUT;
        private OriginPolicy originPolicy = OriginPolicy.allowAll();
        private List<String> subprotocols = List.of();

        private Builder(WebSocketListener listener) {
            this.listener = listener;
        }

        /**
         * Sets the hook that sees each handshake request before the 101 (default: accept all).
         *
         * @param hook the hook
         * @return this builder
         */
        public Builder upgradeHook(UpgradeHook hook) {
            this.upgradeHook = AsyncUpgradeHook.of(hook);
            return this;
        }

        /**
         * Sets a hook that decides later (for instance after asking a session store), instead
         * of {@link #upgradeHook}.
         *
         * @param hook the hook; its stage must complete within {@link #upgradeTimeout}
         * @return this builder
         */
        public Builder asyncUpgradeHook(AsyncUpgradeHook hook) {
            this.upgradeHook = Objects.requireNonNull(hook);
            return this;
        }

        /**
         * How long an {@link AsyncUpgradeHook} may take to decide (default 5 s); a request still
         * undecided then is answered 503 with {@code Retry-After: 1}.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder upgradeTimeout(Duration timeout) {
            this.upgradeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * Sets which origins may connect (default: all). Browsers always send {@code Origin};
         * restricting it protects against cross-site WebSocket hijacking.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = policy;
            return this;
        }

        /**
         * Sets the subprotocols the endpoint speaks, most preferred first (default: none).
         *
         * @param names subprotocol names (tokens)
         * @return this builder
         */
        public Builder subprotocols(String... names) {
            this.subprotocols = List.of(names);
            return this;
        }

        /**
         * The endpoint.
         *
         * @return a new endpoint with the configured parts
         */
        public WebSocketEndpoint build() {
            return new WebSocketEndpoint(listener, upgradeHook, upgradeTimeout, originPolicy, subprotocols);
        }
    }

    /** The handshake configuration for this endpoint, with the server's extensions. */
    ServerHandshake handshake(List<ServerExtensionNegotiator> extensions) {
        return ServerHandshake.builder()
                .originPolicy(originPolicy)
                .subprotocols(subprotocols.toArray(String[]::new))
                .extensions(extensions.toArray(ServerExtensionNegotiator[]::new))
                .build();
    }
}
