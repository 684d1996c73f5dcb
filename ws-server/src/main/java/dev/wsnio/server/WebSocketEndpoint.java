package dev.wsnio.server;

import dev.wsnio.handshake.OriginPolicy;
import dev.wsnio.handshake.ServerExtensionNegotiator;
import dev.wsnio.handshake.ServerHandshake;
import dev.wsnio.WebSocketListener;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A WebSocket endpoint of the server: the listener that receives its connections' events, the
 * hook that decides about each handshake, and the handshake's own policy (allowed origins,
 * subprotocols in order of preference).
 *
 * <pre>{@code
 * WebSocketEndpoint chat = WebSocketEndpoint.builder(listener)
 *         .upgradeHook(request -> request.queryParameter("uid")
 *                 .map(UpgradeDecision::accept)
 *                 .orElse(UpgradeDecision.reject(401, "uid required")))
 *         .originPolicy(OriginPolicy.allowOnly("https://example.com"))
 *         .subprotocols("chat.v2", "chat.v1")
 *         .build();
 * }</pre>
 *
 * @param listener receives every connection's events
 * @param upgradeHook decides about each valid handshake request
 * @param originPolicy which {@code Origin} values are allowed (RFC 6455 §10.2)
 * @param subprotocols the subprotocols the endpoint speaks, most preferred first
 * @param keptHeaders the request header fields an open connection keeps for
 *     {@link dev.wsnio.WebSocket#request()} (path and query are always kept)
 */
public record WebSocketEndpoint(WebSocketListener listener, UpgradeHook upgradeHook,
                                OriginPolicy originPolicy, List<String> subprotocols, Set<String> keptHeaders) {

    /**
     * Validates and copies.
     *
     * @param listener receives every connection's events
     * @param upgradeHook decides about each valid handshake request
     * @param originPolicy which {@code Origin} values are allowed
     * @param subprotocols the subprotocols the endpoint speaks, most preferred first (copied)
     * @param keptHeaders the header fields open connections keep (copied)
     * @throws NullPointerException when a component is null
     */
    public WebSocketEndpoint {
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(upgradeHook, "upgradeHook");
        Objects.requireNonNull(originPolicy, "originPolicy");
        subprotocols = List.copyOf(subprotocols);
        keptHeaders = Set.copyOf(keptHeaders);
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
        private UpgradeHook upgradeHook = UpgradeHook.ACCEPT_ALL;
        private OriginPolicy originPolicy = OriginPolicy.allowAll();
        private List<String> subprotocols = List.of();
        private Set<String> keptHeaders = Set.of();

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
            this.upgradeHook = hook;
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
         * Names the request header fields an open connection keeps, for
         * {@link dev.wsnio.WebSocket#request()} (default: none; path and query are always kept).
         * The upgrade hook sees every field; what a connection keeps it holds for its whole
         * life, so keep only what the application reads after the handshake.
         *
         * @param names header field names, any case
         * @return this builder
         */
        public Builder keepHeaders(String... names) {
            this.keptHeaders = Set.of(names);
            return this;
        }

        /**
         * The endpoint.
         *
         * @return a new endpoint with the configured parts
         */
        public WebSocketEndpoint build() {
            return new WebSocketEndpoint(listener, upgradeHook, originPolicy, subprotocols, keptHeaders);
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
