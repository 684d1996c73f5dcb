package dev.wsnio.handshake;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's side of the opening handshake (RFC 6455 §4.2): validates a request and
 * answers it, without I/O. One instance holds the configuration of an endpoint (origin
 * policy, subprotocols, extension negotiators), is immutable and serves every connection.
 *
 * <pre>{@code
 * ServerHandshake handshake = ServerHandshake.builder()
 *         .originPolicy(OriginPolicy.allowOnly("https://example.com"))
 *         .subprotocols("v2.chat", "v1.chat")
 *         .build();
 *
 * HttpRequestParser parser = new HttpRequestParser();
 * if (parser.parse(buffer)) {                          // HttpParseException: send toResponse()
 *     AcceptedHandshake accepted = handshake.accept(parser.result(), remoteAddress);
 *     // send accepted.response(); the rest of buffer is the first frames
 * }
 * }</pre>
 */
public final class ServerHandshake {

    private final OriginPolicy originPolicy;
    private final List<String> subprotocols;
    private final ServerExtensionNegotiation extensions;

    private ServerHandshake(Builder builder) {
        this.originPolicy = builder.originPolicy;
        this.subprotocols = List.copyOf(builder.subprotocols);
        this.extensions = new ServerExtensionNegotiation(builder.negotiators);
    }

    /**
     * Starts a configuration: all origins allowed, no subprotocol, no extension.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Validates a request (§4.2.1), checks its origin (§10.2), negotiates the subprotocol and
     * the extensions (§4.2.2, §9.1) and builds the 101 response.
     *
     * @param head          the parsed request head
     * @param remoteAddress the peer's address when the transport knows it, or null
     * @return the decision: the request, what was agreed and the response to send
     * @throws HandshakeRejectedException when the request is refused; it renders the answer
     */
    public AcceptedHandshake accept(HttpRequestHead head, InetSocketAddress remoteAddress)
            throws HandshakeRejectedException {
        return accept(head, remoteAddress, new AcceptDigest());
    }

    /**
     * {@link #accept(HttpRequestHead, InetSocketAddress)} with the caller's {@link AcceptDigest}
     * (a server keeps one per event loop): no SHA-1 engine is made for the handshake.
     *
     * @param head          the parsed request head
     * @param remoteAddress the peer's address when the transport knows it, or null
     * @param digest        computes {@code Sec-WebSocket-Accept}; used on the calling thread only
     * @return the decision: the request, what was agreed and the response to send
     * @throws HandshakeRejectedException when the request is refused; it renders the answer
     */
    public AcceptedHandshake accept(HttpRequestHead head, InetSocketAddress remoteAddress, AcceptDigest digest)
            throws HandshakeRejectedException {
        WebSocketKey key = UpgradeRequestValidator.validate(head);
        Optional<String> origin = checkOrigin(head.headers());
        List<String> offeredSubprotocols = offeredSubprotocols(head.headers());
        List<WebSocketExtension> offeredExtensions;
        List<WebSocketExtension> agreedExtensions;
        try {
            offeredExtensions = ExtensionHeader.parse(head.headers().all(HeaderNames.SEC_WEBSOCKET_EXTENSIONS));
            agreedExtensions = extensions.negotiate(offeredExtensions);
        } catch (ExtensionNegotiationException e) {
            throw new HandshakeRejectedException(RejectionReason.INVALID_EXTENSION, e.getMessage(), e);
        }
        Optional<String> subprotocol = selectSubprotocol(offeredSubprotocols);
        HandshakeRequest request = new HandshakeRequest(head, origin, offeredSubprotocols, offeredExtensions,
                remoteAddress);
        return new AcceptedHandshake(request, subprotocol, agreedExtensions,
                switchingProtocols(key.acceptValue(digest), subprotocol, agreedExtensions));
    }

    /** §10.2: one Origin at most, and the policy must allow it (or its absence). */
    private Optional<String> checkOrigin(HttpHeaders headers) throws HandshakeRejectedException {
        if (headers.count(HeaderNames.ORIGIN) > 1) {
            throw new HandshakeRejectedException(RejectionReason.DUPLICATE_ORIGIN);
        }
        String origin = headers.firstOrNull(HeaderNames.ORIGIN);
        boolean allowed = origin != null
                ? originPolicy.allows(origin, headers.firstOrNull(HeaderNames.HOST))
                : originPolicy.allowsMissingOrigin();
        if (!allowed) {
            throw new HandshakeRejectedException(RejectionReason.ORIGIN_REFUSED, "origin "
                    + (origin != null ? origin : "missing"), null);
        }
        return Optional.ofNullable(origin);
    }

    /** §4.1 item 10: a comma-separated list of tokens, over any number of lines. */
    private static List<String> offeredSubprotocols(HttpHeaders headers) throws HandshakeRejectedException {
        List<String> offered = headers.tokens(HeaderNames.SEC_WEBSOCKET_PROTOCOL);
        for (String name : offered) {
            if (!HttpGrammar.isToken(name)) {
                throw new HandshakeRejectedException(RejectionReason.INVALID_SUBPROTOCOL);
            }
        }
        return offered;
    }

    /** §4.2.2 item 5.5: the server's most preferred subprotocol that the client offers. */
    private Optional<String> selectSubprotocol(List<String> offered) {
        for (String preferred : subprotocols) {
            if (offered.contains(preferred)) {
                return Optional.of(preferred);
            }
        }
        return Optional.empty();
    }

    /** §4.2.2 item 5: the 101 response and its headers. */
    private static HttpResponse switchingProtocols(String acceptValue, Optional<String> subprotocol,
            List<WebSocketExtension> agreedExtensions) {
        HttpResponse.Builder response = HttpResponse.builder(HttpStatus.SWITCHING_PROTOCOLS)
                .header(HeaderNames.UPGRADE, "websocket")
                .header(HeaderNames.CONNECTION, "Upgrade")
                .header(HeaderNames.SEC_WEBSOCKET_ACCEPT, acceptValue);
        subprotocol.ifPresent(selected -> response.header(HeaderNames.SEC_WEBSOCKET_PROTOCOL, selected));
        if (!agreedExtensions.isEmpty()) {
            response.header(HeaderNames.SEC_WEBSOCKET_EXTENSIONS, ExtensionHeader.format(agreedExtensions));
        }
        return response.build();
    }

    /** Configures a {@link ServerHandshake}; not thread-safe. */
    public static final class Builder {

        private OriginPolicy originPolicy = OriginPolicy.allowAll();
        private final List<String> subprotocols = new ArrayList<>();
        private final List<ServerExtensionNegotiator> negotiators = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets which origins are accepted; {@link OriginPolicy#allowAll()} by default.
         *
         * @param policy the origin policy
         * @return this builder
         */
        public Builder originPolicy(OriginPolicy policy) {
            this.originPolicy = Objects.requireNonNull(policy);
            return this;
        }

        /**
         * Sets the subprotocols the server speaks, most preferred first. The server selects
         * the first of these that the client offers (compared exactly), or none.
         *
         * @param names subprotocol names, tokens, no duplicates
         * @return this builder
         * @throws IllegalArgumentException when a name is not a token or is repeated
         */
        public Builder subprotocols(String... names) {
            subprotocols.clear();
            subprotocols.addAll(HttpGrammar.distinctTokens(names));
            return this;
        }

        /**
         * Sets the extensions the server supports. Offers for other extensions are declined.
         *
         * @param extensionNegotiators one negotiator per extension name
         * @return this builder
         */
        public Builder extensions(ServerExtensionNegotiator... extensionNegotiators) {
            negotiators.clear();
            negotiators.addAll(Arrays.asList(extensionNegotiators));
            return this;
        }

        /**
         * Builds the handshake.
         *
         * @return the configured handshake
         * @throws IllegalArgumentException when two negotiators handle the same extension
         */
        public ServerHandshake build() {
            return new ServerHandshake(this);
        }
    }
}
